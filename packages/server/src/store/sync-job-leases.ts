// The lease protocol the job runners use: find claimable jobs, claim, renew, record a target's
// outcome, finish, release. A lease is an owner and an expiry on the job row; every write made
// under a lease starts by updating the job row on condition that the lease is still held (which
// locks the row until the commit), and writes nothing else if it is not, so a runner that lost its
// lease (it stalled, another runner took over) can never write over the new owner's work.
import { type ExpressionBuilder, type QueryCreator, type SqlBool, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { isPostgres } from '../db/dialect.ts';
import { preparedQuery } from '../db/prepared-query.ts';
import type { Database } from '../db/schema.ts';
import type { JobBookkeeping } from './sync-job-counts.ts';
import type { OverallStatus } from './sync-job-repository.ts';

/** A write was attempted under a lease that is no longer held; the caller's transaction rolls back. */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

export interface Lease {
  jobId: string;
  owner: string;
}

/** The job is in progress and nobody holds an unexpired lease on it. */
const leaseIsFree = (now: string) => (eb: ExpressionBuilder<Database, 'sync_jobs'>) =>
  eb.and([
    eb('overall_status', '=', 'in_progress'),
    eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', now)]),
  ]);

// The statements a runner makes for every target and every job, prepared once.
const updateOwnedJob = preparedQuery((db, p: { jobId: string; owner: string; now: string }) =>
  db
    .updateTable('sync_jobs')
    .set((eb) => ({ updated_at: p.now, revision: eb('revision', '+', 1) }))
    .where('id', '=', p.jobId)
    .where('lease_owner', '=', p.owner)
    .where('overall_status', '=', 'in_progress')
    .returning(['domain_id', 'cloud']),
);

const updateTargetOutcome = preparedQuery(
  (db, p: { jobId: string; position: number; state: 'succeeded' | 'failed'; message: string }) =>
    db
      .updateTable('sync_job_targets')
      .set({ state: p.state, message: p.message })
      .where('job_id', '=', p.jobId)
      .where('position', '=', p.position),
);

/**
 * A finish, with the outcome of one target recorded by the same statements (its last target's), or
 * none (every outcome field null): a target's state is read as this outcome leaves it.
 */
interface Finishing {
  jobId: string;
  owner: string;
  now: string;
  position: number | null;
  state: 'succeeded' | 'failed' | null;
  message: string | null;
}

/** A target's state once the finish's outcome is recorded: the outcome's, or the one it has. */
const stateAfter = (eb: ExpressionBuilder<Database, 'sync_job_targets'>, p: Finishing) =>
  eb.fn.coalesce(eb.case().when('position', '=', p.position).then(p.state).end(), 'state');

/**
 * Completes the job if `owner` still holds it: completed if one of its targets succeeded
 * (counting the finish's outcome), failed otherwise.
 */
const finishJobRow = (db: QueryCreator<Database>, p: Finishing) =>
  db
    .updateTable('sync_jobs')
    .set((eb) => ({
      overall_status: eb
        .case()
        .when(
          eb.exists(
            eb
              .selectFrom('sync_job_targets')
              .select('position')
              .where('job_id', '=', p.jobId)
              .where((targets) => targets(stateAfter(targets, p), '=', 'succeeded')),
          ),
        )
        .then('completed' as const)
        .else('failed' as const)
        .end(),
      completed_at: p.now,
      updated_at: p.now,
      revision: eb('revision', '+', 1),
      lease_owner: null,
      lease_expires_at: null,
    }))
    .where('id', '=', p.jobId)
    .where('lease_owner', '=', p.owner)
    .where('overall_status', '=', 'in_progress')
    .returning(['domain_id', 'cloud', 'overall_status']);

/** Records the finish's outcome and frees every target of the job for new jobs. */
const closeTargetRows = (db: QueryCreator<Database>, p: Finishing) =>
  db
    .updateTable('sync_job_targets')
    .set((eb) => ({
      state: stateAfter(eb, p),
      message: eb.fn.coalesce(eb.case().when('position', '=', p.position).then(p.message).end(), 'message'),
      active: 0,
    }))
    .where('job_id', '=', p.jobId);

// SQLite: the job first (the lease check), then its targets, only if the lease held.
const finishOwnedJob = preparedQuery(finishJobRow);
const closeTargets = preparedQuery(closeTargetRows);

/**
 * PostgreSQL: both in one statement (one round trip). Every part of a statement reads the same
 * snapshot, in which the targets' update would still see the old lease; only the job's UPDATE
 * re-checks a row another transaction changed meanwhile. So the targets' update writes only if
 * the job's returned a row. (It is built on `db`, not on the CTE's creator, whose type, with `job`
 * added, the shared builder does not take; the SQL is the same.)
 */
const finishOwnedJobAndTargets = preparedQuery((db, p: Finishing) =>
  db
    .with('job', (creator) => finishJobRow(creator, p))
    .with('targets', () => closeTargetRows(db, p).where(sql<SqlBool>`exists (select from job)`))
    .selectFrom('job')
    .select(['domain_id', 'cloud', 'overall_status']),
);

/** No outcome to record with a finish. */
const NO_OUTCOME = { position: null, state: null, message: null } as const;

export function createSyncJobLeases(db: Db, bookkeeping: JobBookkeeping) {
  const postgres = isPostgres(db);

  /**
   * Writes under `lease`: sets the job's updatedAt and counts a revision if the lease still holds
   * (LeaseLostError otherwise), runs `write`, then bumps the list version, which every write under
   * a lease changes (updatedAt at least), after the writes it covers. Run it in a transaction: the
   * revision stands for the target rows `write` changes only once they commit with it.
   */
  async function writeOwnedJob(lease: Lease, now: string, write: () => Promise<unknown>): Promise<void> {
    const {
      rows: [job],
    } = await updateOwnedJob(db, {
      jobId: lease.jobId,
      owner: lease.owner,
      now,
    });
    if (!job) throw new LeaseLostError(`lease on job ${lease.jobId} lost`);
    await write();
    await bookkeeping.touch(job);
  }

  /**
   * Completes the job, records `outcome` (if any) and frees the job's targets; returns its status.
   * The lease is checked first: a runner that lost it writes nothing and gets LeaseLostError.
   */
  async function finishJob(
    lease: Lease,
    now: string,
    outcome: Pick<Finishing, 'position' | 'state' | 'message'>,
  ): Promise<OverallStatus> {
    const p: Finishing = { jobId: lease.jobId, owner: lease.owner, now, ...outcome };
    const {
      rows: [job],
    } = postgres ? await finishOwnedJobAndTargets(db, p) : await finishOwnedJob(db, p);
    if (!job) throw new LeaseLostError(`lease on job ${lease.jobId} lost`);
    if (!postgres) await closeTargets(db, p);
    await bookkeeping.count(job, 'in_progress', -1);
    await bookkeeping.count(job, job.overall_status, 1);
    await bookkeeping.touch(job);
    return job.overall_status;
  }

  return {
    /**
     * Takes the leases of up to `limit` jobs nobody holds, oldest first, in one statement (one
     * commit for the lot); returns each job with its attempts count.
     */
    async claimBatch(
      owner: string,
      now: string,
      expiresAt: string,
      limit: number,
    ): Promise<{ id: string; attempts: number }[]> {
      if (limit <= 0) return [];
      // The oldest free jobs are chosen once, in a materialized CTE: as a subquery PostgreSQL may
      // run them again for every row it updates, and with row locks each run can find other
      // rows, claiming more than `limit`. On PostgreSQL the rows another runner is claiming or
      // finishing right now are passed over, not waited for: waiting would hold this claim (and
      // the commit it shares) until that runner commits, only to find the rows leased. SQLite has
      // one writer at a time, so nobody else holds a row. (FOR NO KEY UPDATE: the lock the UPDATE
      // takes anyway; FOR UPDATE would also block inserts of rows that reference the job.)
      const claim = () =>
        db
          .with(
            (cte) => cte('oldest_free').materialized(),
            (db) => {
              const oldestFree = db
                .selectFrom('sync_jobs')
                .select('id')
                .where(leaseIsFree(now))
                .orderBy('created_at')
                .limit(limit);
              return postgres ? oldestFree.forNoKeyUpdate().skipLocked() : oldestFree;
            },
          )
          .updateTable('sync_jobs')
          .set((eb) => ({
            lease_owner: owner,
            lease_expires_at: expiresAt,
            attempts: eb('attempts', '+', 1),
          }))
          .where('id', 'in', (eb) => eb.selectFrom('oldest_free').select('id'))
          // A safeguard: the CTE's row locks (PostgreSQL) and the single writer (SQLite) already
          // rule out another claim in between; should either stop doing so, no lease is taken twice.
          .where(leaseIsFree(now))
          .returning(['id', 'attempts'])
          .execute();
      if (!postgres || !db.isTransaction) return claim();
      // Every finished job leaves a dead entry in the claimable index until VACUUM. A bitmap scan
      // (what the planner picks for the few jobs it expects in progress) reads them all at every
      // claim: 17,000 entries, 1 ms, after a 10 s POST run. An ordered index scan stops after a
      // batch of free jobs and marks the dead entries it passes, so the next claim skips them
      // (0.05 ms). PostgreSQL has no per-query hint; the setting is changed for this statement
      // only, within the transaction (a claim that fails aborts the transaction, setting and all).
      await sql`set local enable_bitmapscan = off`.execute(db);
      const claimed = await claim();
      await sql`set local enable_bitmapscan to default`.execute(db);
      return claimed;
    },

    /** Takes the lease of one job if nobody holds it; returns its attempts count, or undefined. */
    async claim(id: string, owner: string, now: string, expiresAt: string): Promise<number | undefined> {
      const result = await db
        .updateTable('sync_jobs')
        .set((eb) => ({ lease_owner: owner, lease_expires_at: expiresAt, attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .where(leaseIsFree(now))
        .returning('attempts')
        .executeTakeFirst();
      return result?.attempts;
    },

    async renew(lease: Lease, expiresAt: string): Promise<boolean> {
      const result = await db
        .updateTable('sync_jobs')
        .set({ lease_expires_at: expiresAt })
        .where('id', '=', lease.jobId)
        .where('lease_owner', '=', lease.owner)
        .where('overall_status', '=', 'in_progress')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * Records one target's outcome; with `finish`, also finishes the job (its last target) and
     * returns its status. Throws LeaseLostError if the lease is gone.
     */
    async recordTargetResult(
      lease: Lease,
      position: number,
      state: 'succeeded' | 'failed',
      message: string,
      now: string,
      options: { finish?: boolean } = {},
    ): Promise<OverallStatus | undefined> {
      if (options.finish) return finishJob(lease, now, { position, state, message });
      await writeOwnedJob(lease, now, () =>
        updateTargetOutcome(db, { jobId: lease.jobId, position, state, message }),
      );
      return undefined;
    },

    /** Fails every pending target with `message` (a job given up after too many attempts). */
    async failPendingTargets(lease: Lease, message: string, now: string) {
      await writeOwnedJob(lease, now, () =>
        db
          .updateTable('sync_job_targets')
          .set({ state: 'failed', message })
          .where('job_id', '=', lease.jobId)
          .where('state', '=', 'pending')
          .execute(),
      );
    },

    /** Completes the job (failed if no target succeeded) and frees its targets for new jobs. */
    finish: (lease: Lease, now: string): Promise<OverallStatus> => finishJob(lease, now, NO_OUTCOME),

    /**
     * Gives up every lease `owner` holds, so another worker can take the jobs at once. A clean
     * release (a graceful shutdown) hands the claim back: it does not count as a failed attempt.
     */
    async releaseAll(owner: string): Promise<number> {
      const result = await db
        .updateTable('sync_jobs')
        .set((eb) => ({
          lease_owner: null,
          lease_expires_at: null,
          attempts: eb('attempts', '-', 1),
        }))
        .where('lease_owner', '=', owner)
        .where('overall_status', '=', 'in_progress')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

export type SyncJobLeases = ReturnType<typeof createSyncJobLeases>;
