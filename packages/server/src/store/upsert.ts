// Copies of cloud records: insert-or-refresh of many rows in as few statements as the drivers
// allow, and flagging the rows the cloud no longer lists.
import type { Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

/** Rows per statement: SQLite binds at most 32,766 values, PostgreSQL 65,535. */
const ROWS_PER_STATEMENT = 500;

type Table = 'tenant_secrets' | 'sap_keys';

/**
 * Inserts `rows` into `table`; a row whose `key` columns match an existing row refreshes that
 * row instead, keeping its `keep` columns (its identity and creation time) as they were.
 */
export async function upsertRows<T extends Table>(
  db: Db,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  conflict: {
    key: readonly (keyof Database[T] & string)[];
    keep: readonly (keyof Database[T] & string)[];
    /** A stored row with this column set is left as it is (a tombstone). */
    frozenWhenSet?: keyof Database[T] & string;
  },
): Promise<void> {
  const [first] = rows;
  if (!first) return;
  const refreshed = Object.keys(first).filter(
    (column) => !conflict.key.includes(column as never) && !conflict.keep.includes(column as never),
  );
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    // Kysely cannot type a table chosen by a type parameter; the signature above keeps callers typed.
    const loose = db as unknown as Db & { insertInto(table: string): ReturnType<Db['insertInto']> };
    await loose
      .insertInto(table)
      .values(chunk as never)
      .onConflict((onConflict) => {
        const update = onConflict
          .columns(conflict.key as never)
          .doUpdateSet(
            (eb) =>
              Object.fromEntries(
                refreshed.map((column) => [column, eb.ref(`excluded.${column}` as never)]),
              ) as never,
          );
        return conflict.frozenWhenSet
          ? update.where(`${table}.${conflict.frozenWhenSet}` as never, 'is', null)
          : update;
      })
      .execute();
  }
}

/**
 * Flags the rows of one parent (an organization's secrets, a group's keys) whose cloud IDs are
 * not in `present`; returns how many were newly flagged. Rows are never deleted by a sync.
 */
export async function markGone<T extends Table>(
  db: Db,
  table: T,
  parent: { column: 'organization_id' | 'group_id'; id: string },
  cloudIdColumn: 'salesforce_id' | 'sap_key_id',
  present: readonly string[],
  now: string,
): Promise<number> {
  // As in upsertRows, Kysely cannot type a table chosen at run time: both tables have these
  // columns under the names the parameters above allow, so the query is typed as the first one.
  let query = db
    .updateTable(table as 'tenant_secrets')
    .set({ gone: 1, updated_at: now })
    .where(parent.column as 'organization_id', '=', parent.id)
    .where('gone', '=', 0);
  if (present.length > 0) query = query.where(cloudIdColumn as 'salesforce_id', 'not in', present);
  return Number((await query.executeTakeFirst()).numUpdatedRows);
}
