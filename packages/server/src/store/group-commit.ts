// Group commit: units of work that arrive while a commit is under way wait for the next one and
// share its transaction, so one fsync (SQLite synchronous=FULL) or one PostgreSQL commit makes a
// whole group durable. Each unit still gets its own outcome: when one throws (a busy target, a
// lost lease, a failed write), the group is rolled back and run again with a savepoint per unit,
// so that unit is undone alone and its neighbours commit. The first unit after a quiet spell commits after one turn of the event loop. The jobs'
// bookkeeping (counts and list versions) each unit records is written once per group, before the
// commit, and only for the units that kept their work.
import { CompiledQuery, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { DeferredBookkeeping, type JobBookkeeping } from './sync-job-counts.ts';

/** At most this many units per transaction, so one commit never holds the writer for long. */
const MAX_GROUP = 256;

// The same text in both dialects; compiled once rather than per unit.
const SAVEPOINT = CompiledQuery.raw('savepoint unit');
const RELEASE = CompiledQuery.raw('release savepoint unit');
const ROLLBACK = CompiledQuery.raw('rollback to savepoint unit');

interface Pending<R> {
  work: (tx: R) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommit<R> {
  /**
   * Runs `work` in a transaction shared with the work submitted at the same time. `work` may run
   * twice (again, alone under a savepoint, when a neighbour failed): it must only write through
   * `tx`, and compute outside it whatever must not change between runs.
   */
  run<T>(work: (tx: R) => Promise<T>): Promise<T>;
  /**
   * Groups committed so far, the units they carried, and the groups run a second time unit by
   * unit because one failed (for tests and the benchmark).
   */
  readonly stats: { commits: number; units: number; retries: number };
}

export function createGroupCommit<R>(
  db: Db,
  bind: (trx: Transaction<Database>, bookkeeping: JobBookkeeping) => R,
): GroupCommit<R> {
  const queue: Pending<R>[] = [];
  const stats = { commits: 0, units: 0, retries: 0 };
  let committing = false;

  type Outcome = { value: unknown } | { error: unknown };

  /**
   * The common case: every unit succeeds, so none needs a savepoint (on PostgreSQL, two round
   * trips per unit saved). Throws on the first unit that fails; nothing of the group is written.
   */
  function allOrNothing(group: Pending<R>[]): Promise<Outcome[]> {
    return db.transaction().execute(async (trx) => {
      const bookkeeping = new DeferredBookkeeping();
      const tx = bind(trx, bookkeeping);
      const outcomes: Outcome[] = [];
      for (const { work } of group) outcomes.push({ value: await work(tx) });
      await bookkeeping.flush(trx);
      return outcomes;
    });
  }

  /** Each unit under its own savepoint: a unit that fails is undone alone. */
  function unitByUnit(group: Pending<R>[]): Promise<Outcome[]> {
    return db.transaction().execute(async (trx) => {
      const kept = new DeferredBookkeeping();
      const outcomes: Outcome[] = [];
      for (const { work } of group) {
        const bookkeeping = new DeferredBookkeeping();
        await trx.executeQuery(SAVEPOINT);
        try {
          const value = await work(bind(trx, bookkeeping));
          await trx.executeQuery(RELEASE);
          kept.absorb(bookkeeping);
          outcomes.push({ value });
        } catch (error) {
          await trx.executeQuery(ROLLBACK);
          outcomes.push({ error });
        }
      }
      await kept.flush(trx);
      return outcomes;
    });
  }

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
        let outcomes: Outcome[];
        try {
          outcomes = await allOrNothing(group);
        } catch (error) {
          // A unit failed (a busy target, say), or the commit did: run the group again, unit by
          // unit, so each gets its own outcome. A lone unit's outcome is already known.
          if (group.length === 1) outcomes = [{ error }];
          else {
            stats.retries += 1;
            try {
              outcomes = await unitByUnit(group);
            } catch (commitError) {
              // The commit itself failed: nothing of the group was written.
              outcomes = group.map(() => ({ error: commitError }));
            }
          }
        }
        group.forEach((pending, index) => {
          const outcome = outcomes[index] as Outcome;
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
