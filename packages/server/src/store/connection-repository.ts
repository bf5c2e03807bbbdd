// Connections and their credentials: settings in clear, the secret part sealed by the caller
// (this repository never sees a secret in clear).
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import { preparedQuery } from '../db/prepared-query.ts';
import { CONNECTION_COLUMNS, type ConnectionsTable } from '../db/schema.ts';

export type StoredConnection = Selectable<ConnectionsTable>;
/** A connection as listed: whether a secret is stored, never the secret. */
export type ListedConnection = Omit<StoredConnection, 'sealed_secret'> & { has_secret: boolean };

export type RemoveConnectionResult = 'removed' | 'not-found' | 'in-use';

// Read for every cloud call a job makes; prepared once.
const selectConnection = preparedQuery((db, p: { id: string }) =>
  db.selectFrom('connections').select(CONNECTION_COLUMNS).where('id', '=', p.id),
);

export function createConnectionRepository(db: Db) {
  return {
    /** Writes a connection unless one with its ID exists; returns whether it did. */
    async insert(row: Insertable<ConnectionsTable>): Promise<boolean> {
      const result = await db
        .insertInto('connections')
        .values(row)
        .onConflict((c) => c.column('id').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async get(id: string): Promise<StoredConnection | undefined> {
      return (await selectConnection(db, { id })).rows[0];
    },

    async findByName(domainId: string, name: string): Promise<StoredConnection | undefined> {
      return db
        .selectFrom('connections')
        .selectAll()
        .where('domain_id', '=', domainId)
        .where('name', '=', name)
        .executeTakeFirst();
    },

    /** A connection of the domain by exact resource ID first, then by name. */
    async findByReference(domainId: string, reference: string): Promise<StoredConnection | undefined> {
      const byId = await db
        .selectFrom('connections')
        .selectAll()
        .where('domain_id', '=', domainId)
        .where('id', '=', reference)
        .executeTakeFirst();
      return byId ?? this.findByName(domainId, reference);
    },

    async list(domainId: string | undefined): Promise<ListedConnection[]> {
      let query = db.selectFrom('connections').selectAll().orderBy('domain_id').orderBy('name');
      if (domainId) query = query.where('domain_id', '=', domainId);
      return (await query.execute()).map(({ sealed_secret, ...row }) => ({
        ...row,
        has_secret: sealed_secret !== null,
      }));
    },

    /** Replaces the connection's settings and sealed secret. */
    async saveCredentials(
      id: string,
      settings: string,
      sealedSecret: string | null,
      now: string,
    ): Promise<boolean> {
      const result = await db
        .updateTable('connections')
        .set({ settings, sealed_secret: sealedSecret, updated_at: now })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** One sealed secret, to prove at start-up that the configured key opens them. */
    async anySealed(): Promise<{ id: string; sealed_secret: string } | undefined> {
      const row = await db
        .selectFrom('connections')
        .select(['id', 'sealed_secret'])
        .where('sealed_secret', 'is not', null)
        .limit(1)
        .executeTakeFirst();
      return row?.sealed_secret ? { id: row.id, sealed_secret: row.sealed_secret } : undefined;
    },

    /** Removes a connection no organization or group uses. */
    async remove(domainId: string, id: string): Promise<RemoveConnectionResult> {
      const users = await db
        .selectFrom('sfdc_organizations')
        .select('id')
        .where('connection_id', '=', id)
        .unionAll(db.selectFrom('sap_groups').select('id').where('connection_id', '=', id))
        .limit(1)
        .execute();
      if (users.length > 0) return 'in-use';
      const result = await db
        .deleteFrom('connections')
        .where('domain_id', '=', domainId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1 ? 'removed' : 'not-found';
    },
  };
}

export type ConnectionRepository = ReturnType<typeof createConnectionRepository>;
