// The lease protocol the job runners use: find claimable jobs, claim, renew, record a target's
// outcome, finish, release. A lease is an owner and an expiry on the job row; every write made
// under a lease checks, in the same statement, that the lease is still held, so a runner that lost
// its lease (it stalled, another runner took over) can never write over the new owner's work.
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { adjustJobCount, bumpJobsVersion } from './sync-job-counts.ts';
import type { JobRow, OverallStatus } from './sync-job-repository.ts';

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

export function createSyncJobLeases(db: Db) {
  /** Touches the job if `lease` still holds it; throws LeaseLostError otherwise. */
  async function touchOwnedJob(lease: Lease, now: string, changes: Partial<JobRow> = {}) {
    const job = await db
      .updateTable('sync_jobs')
      .set({ ...changes, updated_at: now })
      .where('id', '=', lease.jobId)
      .where('lease_owner', '=', lease.owner)
      .where('overall_status', '=', 'in_progress')
      .returning(['domain_id', 'cloud'])
      .executeTakeFirst();
    if (!job) throw new LeaseLostError(`lease on job ${lease.jobId} lost`);
    // Every write under a lease changes what a list shows (updatedAt at least).
    await bumpJobsVersion(db, job);
    return job;
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
      return (
        db
          .updateTable('sync_jobs')
          .set((eb) => ({
            lease_owner: owner,
            lease_expires_at: expiresAt,
            attempts: eb('attempts', '+', 1),
          }))
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('sync_jobs')
              .select('id')
              .where(leaseIsFree(now))
              .orderBy('created_at')
              .limit(limit),
          )
          // Checked again on the row itself: another runner may have claimed it since the subquery.
          .where(leaseIsFree(now))
          .returning(['id', 'attempts'])
          .execute()
      );
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

    /** Records one target's outcome; throws LeaseLostError if the lease is gone. */
    async recordTargetResult(
      lease: Lease,
      position: number,
      state: 'succeeded' | 'failed',
      message: string,
      now: string,
    ) {
      await touchOwnedJob(lease, now);
      await db
        .updateTable('sync_job_targets')
        .set({ state, message })
        .where('job_id', '=', lease.jobId)
        .where('position', '=', position)
        .execute();
    },

    /** Fails every pending target with `message` (a job given up after too many attempts). */
    async failPendingTargets(lease: Lease, message: string, now: string) {
      await touchOwnedJob(lease, now);
      await db
        .updateTable('sync_job_targets')
        .set({ state: 'failed', message })
        .where('job_id', '=', lease.jobId)
        .where('state', '=', 'pending')
        .execute();
    },

    /** Completes the job (failed if no target succeeded) and frees its targets for new jobs. */
    async finish(lease: Lease, now: string): Promise<OverallStatus> {
      const succeeded = await db
        .selectFrom('sync_job_targets')
        .select('position')
        .where('job_id', '=', lease.jobId)
        .where('state', '=', 'succeeded')
        .executeTakeFirst();
      const status: OverallStatus = succeeded ? 'completed' : 'failed';
      const job = await touchOwnedJob(lease, now, {
        overall_status: status,
        completed_at: now,
        lease_owner: null,
        lease_expires_at: null,
      });
      await adjustJobCount(db, job, 'in_progress', -1);
      await adjustJobCount(db, job, status, 1);
      await db.updateTable('sync_job_targets').set({ active: 0 }).where('job_id', '=', lease.jobId).execute();
      return status;
    },

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
