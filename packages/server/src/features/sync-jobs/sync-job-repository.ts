// Storage of synchronization jobs and their targets (one row per organization or group). Also
// the lease protocol the runners use: claim, renew, record a result, finish, release.
import type { ExpressionBuilder, Selectable, SelectQueryBuilder } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database, SyncJobsTable, SyncJobTargetsTable } from '../../db/schema.ts';

export type JobRow = SyncJobsTable;
export type TargetRow = Selectable<SyncJobTargetsTable>;
export type Cloud = JobRow['cloud'];
export type OverallStatus = JobRow['overall_status'];

export interface JobWithTargets {
  job: JobRow;
  targets: TargetRow[];
}

export type SortKey = {
  field: 'created_at' | 'updated_at' | 'completed_at' | 'overall_status';
  descending: boolean;
};

export interface JobQuery {
  domainId: string;
  cloud: Cloud;
  id?: string;
  status?: OverallStatus;
  /** Resource IDs or target keys; a job matches when one of its targets has either. */
  targets?: readonly string[];
  skip: number;
  limit: number;
  sort: readonly SortKey[];
}

/** Above this many jobs for the requested organizations, the filter stays a subquery. */
const MAX_JOBS_BY_TARGET = 5_000;

type CountableQuery = SelectQueryBuilder<Database, 'sync_jobs', object>;

/** A target row names one of `targets`, by resource ID or by cloud ID. */
const namesAnyOf = (targets: readonly string[]) => (eb: ExpressionBuilder<Database, 'sync_job_targets'>) =>
  eb.or([eb('target_id', 'in', targets), eb('target_key', 'in', targets)]);

async function adjustCount(
  db: Db,
  job: { domain_id: string; cloud: Cloud },
  status: OverallStatus,
  delta: number,
): Promise<void> {
  await db
    .insertInto('sync_job_counts')
    .values({ domain_id: job.domain_id, cloud: job.cloud, overall_status: status, n: delta })
    .onConflict((conflict) =>
      conflict
        .columns(['domain_id', 'cloud', 'overall_status'])
        .doUpdateSet((eb) => ({ n: eb('sync_job_counts.n', '+', delta) })),
    )
    .execute();
}

export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

export function createSyncJobRepository(db: Db) {
  async function targetsOf(jobIds: readonly string[]): Promise<Map<string, TargetRow[]>> {
    const byJob = new Map<string, TargetRow[]>(jobIds.map((id) => [id, []]));
    if (jobIds.length === 0) return byJob;
    const rows = await db
      .selectFrom('sync_job_targets')
      .selectAll()
      .where('job_id', 'in', jobIds)
      .orderBy('job_id')
      .orderBy('position')
      .execute();
    for (const row of rows) byJob.get(row.job_id)?.push(row);
    return byJob;
  }

  /** The number of jobs the query matches, read as cheaply as the query allows. */
  async function totalOf(
    query: JobQuery,
    pageSize: number,
    filtered: CountableQuery,
    candidates: string[] | undefined,
  ): Promise<number> {
    // A page that is neither full nor past the end tells the total by itself (a poll by id does).
    if (pageSize < query.limit && (pageSize > 0 || query.skip === 0)) return query.skip + pageSize;
    if (candidates) {
      // The organizations' jobs, looked up by primary key and counted here: with `domain_id = ?`
      // in the same WHERE, SQLite prefers walking every job of the domain.
      const rows = await db
        .selectFrom('sync_jobs')
        .select(['id', 'domain_id', 'cloud', 'overall_status'])
        .where('id', 'in', candidates)
        .execute();
      return rows.filter(
        (row) =>
          row.domain_id === query.domainId &&
          row.cloud === query.cloud &&
          (!query.status || row.overall_status === query.status) &&
          (!query.id || row.id === query.id),
      ).length;
    }
    if (!query.id && !query.targets) {
      let counts = db
        .selectFrom('sync_job_counts')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('n'), eb.lit(0)).as('total'))
        .where('domain_id', '=', query.domainId)
        .where('cloud', '=', query.cloud);
      if (query.status) counts = counts.where('overall_status', '=', query.status);
      return Number((await counts.executeTakeFirstOrThrow()).total);
    }
    return Number(
      (await filtered.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow()).total,
    );
  }

  return {
    /** Running jobs that already hold any of these targets. */
    async findRunningTargets(targetIds: readonly string[]) {
      if (targetIds.length === 0) return [];
      return db
        .selectFrom('sync_job_targets')
        .select(['job_id', 'target_id', 'target_key'])
        .where('active', '=', 1)
        .where('target_id', 'in', targetIds)
        .execute();
    },

    async insertJob(job: JobRow, targets: Omit<TargetRow, 'job_id' | 'active' | 'state' | 'message'>[]) {
      await db.insertInto('sync_jobs').values(job).execute();
      await adjustCount(db, job, job.overall_status, 1);
      await db
        .insertInto('sync_job_targets')
        .values(
          targets.map((t) => ({ ...t, job_id: job.id, state: 'pending' as const, message: null, active: 1 })),
        )
        .execute();
    },

    async list(query: JobQuery): Promise<{ total: number; jobs: JobWithTargets[] }> {
      let filtered = db
        .selectFrom('sync_jobs')
        .where('domain_id', '=', query.domainId)
        .where('cloud', '=', query.cloud);
      if (query.id) filtered = filtered.where('id', '=', query.id);
      if (query.status) filtered = filtered.where('overall_status', '=', query.status);
      const targets = query.targets;
      let candidates: string[] | undefined;
      if (targets) {
        // The organizations' jobs come from the targets' indexes first: a planner left to choose
        // walks the whole job list instead, probing each job against the targets.
        const matching = await db
          .selectFrom('sync_job_targets')
          .select('job_id')
          .where(namesAnyOf(targets))
          .limit(MAX_JOBS_BY_TARGET + 1)
          .execute();
        if (matching.length === 0) return { total: 0, jobs: [] };
        if (matching.length <= MAX_JOBS_BY_TARGET) {
          candidates = [...new Set(matching.map((row) => row.job_id))];
          filtered = filtered.where('id', 'in', candidates);
        } else {
          filtered = filtered.where(
            'id',
            'in',
            db.selectFrom('sync_job_targets').select('job_id').where(namesAnyOf(targets)),
          );
        }
      }
      let page = filtered.selectAll('sync_jobs');
      for (const key of query.sort) {
        page = page.orderBy(key.field, (order) => {
          const directed = key.descending ? order.desc() : order.asc();
          // Unfinished jobs (no completed_at) count as "latest" in both dialects.
          return key.field === 'completed_at'
            ? key.descending
              ? directed.nullsFirst()
              : directed.nullsLast()
            : directed;
        });
      }
      // The tie-break runs the same way as the last key, so an index serves the whole order.
      const lastDescending = query.sort.at(-1)?.descending ?? false;
      const rows = await page
        .orderBy('id', lastDescending ? 'desc' : 'asc')
        .limit(query.limit)
        .offset(query.skip)
        .execute();
      const byJob = await targetsOf(rows.map((row) => row.id));
      return {
        total: await totalOf(query, rows.length, filtered, candidates),
        jobs: rows.map((job) => ({ job, targets: byJob.get(job.id) ?? [] })),
      };
    },

    async get(id: string): Promise<JobWithTargets | undefined> {
      const job = await db.selectFrom('sync_jobs').selectAll().where('id', '=', id).executeTakeFirst();
      if (!job) return undefined;
      return { job, targets: (await targetsOf([id])).get(id) ?? [] };
    },

    /** Jobs in progress that no live worker owns. */
    async findClaimable(now: string, limit: number): Promise<string[]> {
      const rows = await db
        .selectFrom('sync_jobs')
        .select('id')
        .where('overall_status', '=', 'in_progress')
        .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', now)]))
        .orderBy('created_at')
        .limit(limit)
        .execute();
      return rows.map((row) => row.id);
    },

    /** Takes the lease if nobody holds it; returns the job's attempts count, or undefined. */
    async claim(id: string, owner: string, now: string, expiresAt: string): Promise<number | undefined> {
      const result = await db
        .updateTable('sync_jobs')
        .set((eb) => ({ lease_owner: owner, lease_expires_at: expiresAt, attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .where('overall_status', '=', 'in_progress')
        .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', now)]))
        .returning('attempts')
        .executeTakeFirst();
      return result?.attempts;
    },

    async renewLease(id: string, owner: string, expiresAt: string): Promise<boolean> {
      const result = await db
        .updateTable('sync_jobs')
        .set({ lease_expires_at: expiresAt })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .where('overall_status', '=', 'in_progress')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Records one target's outcome; throws LeaseLostError (rolling back the caller's transaction) if the lease is gone. */
    async recordTargetResult(
      lease: { jobId: string; owner: string },
      position: number,
      state: 'succeeded' | 'failed',
      message: string,
      now: string,
    ) {
      await touchOwnedJob(db, lease, now);
      await db
        .updateTable('sync_job_targets')
        .set({ state, message })
        .where('job_id', '=', lease.jobId)
        .where('position', '=', position)
        .execute();
    },

    /** Fails every pending target with `message` (a job given up after too many attempts). */
    async failPendingTargets(lease: { jobId: string; owner: string }, message: string, now: string) {
      await touchOwnedJob(db, lease, now);
      await db
        .updateTable('sync_job_targets')
        .set({ state: 'failed', message })
        .where('job_id', '=', lease.jobId)
        .where('state', '=', 'pending')
        .execute();
    },

    /** Completes the job (failed if no target succeeded) and frees its targets for new jobs. */
    async finish(lease: { jobId: string; owner: string }, now: string): Promise<OverallStatus> {
      const succeeded = await db
        .selectFrom('sync_job_targets')
        .select('position')
        .where('job_id', '=', lease.jobId)
        .where('state', '=', 'succeeded')
        .executeTakeFirst();
      const status: OverallStatus = succeeded ? 'completed' : 'failed';
      const job = await touchOwnedJob(db, lease, now, {
        overall_status: status,
        completed_at: now,
        lease_owner: null,
        lease_expires_at: null,
      });
      await adjustCount(db, job, 'in_progress', -1);
      await adjustCount(db, job, status, 1);
      await db.updateTable('sync_job_targets').set({ active: 0 }).where('job_id', '=', lease.jobId).execute();
      return status;
    },

    /** Gives up every lease `owner` holds, so another worker can take the jobs at once. */
    async releaseLeases(owner: string): Promise<number> {
      const result = await db
        .updateTable('sync_jobs')
        .set({ lease_owner: null, lease_expires_at: null })
        .where('lease_owner', '=', owner)
        .where('overall_status', '=', 'in_progress')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

async function touchOwnedJob(
  db: Db,
  lease: { jobId: string; owner: string },
  now: string,
  changes: Partial<JobRow> = {},
): Promise<{ domain_id: string; cloud: Cloud }> {
  const job = await db
    .updateTable('sync_jobs')
    .set({ ...changes, updated_at: now })
    .where('id', '=', lease.jobId)
    .where('lease_owner', '=', lease.owner)
    .where('overall_status', '=', 'in_progress')
    .returning(['domain_id', 'cloud'])
    .executeTakeFirst();
  if (!job) throw new LeaseLostError(`lease on job ${lease.jobId} lost`);
  return job;
}

export type SyncJobRepository = ReturnType<typeof createSyncJobRepository>;
