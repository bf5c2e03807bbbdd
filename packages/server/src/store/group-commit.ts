// Group commit: units of work that arrive while a commit is under way wait for the next one and
// share its transaction, so one fsync (SQLite synchronous=FULL) or one PostgreSQL commit makes a
// whole group durable. Each unit still gets its own outcome: it runs inside a savepoint, so a unit
// that throws (a busy target, a lost lease, a failed write) is undone alone and its neighbours
// commit. The first unit after a quiet spell commits after one turn of the event loop.
import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

/** At most this many units per transaction, so one commit never holds the writer for long. */
const MAX_GROUP = 256;

interface Pending<R> {
  work: (tx: R) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommit<R> {
  /** Runs `work` in a transaction shared with the work submitted at the same time. */
  run<T>(work: (tx: R) => Promise<T>): Promise<T>;
  /** Transactions committed so far, and the units they carried (for tests and the benchmark). */
  readonly stats: { commits: number; units: number };
}

export function createGroupCommit<R>(db: Db, bind: (trx: Transaction<Database>) => R): GroupCommit<R> {
  const queue: Pending<R>[] = [];
  const stats = { commits: 0, units: 0 };
  let committing = false;

  async function commitGroups(): Promise<void> {
    committing = true;
    try {
      while (queue.length > 0) {
        // One turn of the event loop first: better-sqlite3 blocks the loop while it commits, so
        // requests that arrived meanwhile are still unread; this lets them join the group.
        await new Promise((resolve) => setImmediate(resolve));
        const group = queue.splice(0, MAX_GROUP);
        stats.commits += 1;
        stats.units += group.length;
        let outcomes: ({ value: unknown } | { error: unknown })[];
        try {
          outcomes = await db.transaction().execute(async (trx) => {
            const tx = bind(trx);
            const settled: ({ value: unknown } | { error: unknown })[] = [];
            for (const { work } of group) {
              await sql`savepoint unit`.execute(trx);
              try {
                const value = await work(tx);
                await sql`release savepoint unit`.execute(trx);
                settled.push({ value });
              } catch (error) {
                await sql`rollback to savepoint unit`.execute(trx);
                settled.push({ error });
              }
            }
            return settled;
          });
        } catch (error) {
          // The commit itself failed: nothing of the group was written.
          outcomes = group.map(() => ({ error }));
        }
        group.forEach((pending, index) => {
          const outcome = outcomes[index] as { value: unknown } | { error: unknown };
          if ('value' in outcome) pending.resolve(outcome.value);
          else pending.reject(outcome.error);
        });
      }
    } finally {
      committing = false;
    }
  }

  return {
    stats,
    run<T>(work: (tx: R) => Promise<T>) {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (!committing) void commitGroups();
      });
    },
  };
}
