// Synchronization jobs and their targets (one row per organization or group): creating a job,
// listing jobs by the contract's filters and sort keys, reading one. The lease protocol the runners
// use on the same rows is in sync-job-leases.ts.
import { type ExpressionBuilder, type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import { ACCOUNT, APPLICATION, DEV_ACCOUNT } from '../core/resource-identity.ts';
import type { Db } from '../db/database.ts';
import { isPostgres } from '../db/dialect.ts';
import { preparedQuery } from '../db/prepared-query.ts';
import {
  type Database,
  SYNC_JOB_COLUMNS,
  SYNC_JOB_TARGET_COLUMNS,
  type SyncJobsTable,
  type SyncJobTargetsTable,
} from '../db/schema.ts';
import { violatesUniqueIndex } from './driver-errors.ts';
import { type JobBookkeeping, readJobsVersion } from './sync-job-counts.ts';

export type JobRow = SyncJobsTable;
export type TargetRow = Selectable<SyncJobTargetsTable>;
export type Cloud = JobRow['cloud'];
export type OverallStatus = JobRow['overall_status'];
export type SortColumn = 'created_at' | 'updated_at' | 'completed_at' | 'overall_status';

export interface JobWithTargets {
  job: JobRow;
  targets: TargetRow[];
}

export interface SortKey {
  field: SortColumn;
  descending: boolean;
}

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

export interface NewJob {
  id: string;
  domainId: string;
  cloud: Cloud;
  createdBy: string;
  now: string;
  /** The organizations or groups, in the order the job reports them. */
  targets: readonly { id: string; key: string }[];
}

/**
 * What inserting a job came to: the job as written, or busy (a running job holds one of its
 * targets; `runningJob` tells which, once the caller's transaction has rolled back).
 */
export type InsertJobResult = { inserted: JobWithTargets } | { busy: true };

/** A running job, and the target it holds that a new job asked for. */
export interface RunningTarget {
  jobId: string;
  targetKey: string;
}

/** The partial unique index (migrations 001, 007) that lets one running job hold a target. */
const ONE_RUNNING_JOB_PER_TARGET = {
  name: 'sync_job_targets_one_running',
  columns: ['sync_job_targets.target_id'],
};

/** Above this many jobs for the requested organizations, the filter stays a subquery. */
const MAX_JOBS_BY_TARGET = 5_000;

/** A target row names one of `targets`, by resource ID or by cloud ID. */
const namesAnyOf = (targets: readonly string[]) => (eb: ExpressionBuilder<Database, 'sync_job_targets'>) =>
  eb.or([eb('target_id', 'in', targets), eb('target_key', 'in', targets)]);

type JobSelection = SelectQueryBuilder<Database, 'sync_jobs', object>;

/** The two indexes of target rows: by cloud ID and by resource ID. */
type TargetColumn = 'target_key' | 'target_id';

/**
 * An organization filter sorted by creation time alone: the target rows carry their job's domain,
 * cloud and creation time, so their indexes answer it without reading the jobs first. A status
 * (or updated_at, completed_at) changes during a job's life and is not copied; an id filter is
 * one key lookup anyway.
 */
interface ListedByCreation {
  targets: readonly string[];
  descending: boolean;
}

function listedByCreation(query: JobQuery): ListedByCreation | undefined {
  const [key, ...others] = query.sort;
  if (!query.targets || query.id || query.status) return undefined;
  if (key?.field !== 'created_at' || others.length > 0) return undefined;
  return { targets: query.targets, descending: key.descending };
}

// The statements every job creation and every poll by a runner makes, prepared once.
const selectTargets = preparedQuery((db, p: { jobIds: readonly string[] }) =>
  db
    .selectFrom('sync_job_targets')
    .select(SYNC_JOB_TARGET_COLUMNS)
    .where('job_id', 'in', p.jobIds)
    .orderBy('job_id')
    .orderBy('position'),
);

const selectJobs = preparedQuery((db, p: { ids: readonly string[] }) =>
  db.selectFrom('sync_jobs').select(SYNC_JOB_COLUMNS).where('id', 'in', p.ids),
);

// `active = 1` is written into the SQL, not bound: PostgreSQL's generic plan for a named statement
// (see db/postgres-prepared-statements.ts) can only use the partial index `... where active = 1`
// when the 1 is in the text; with a bound value it scans the table.
const selectRunningTarget = preparedQuery((db, p: { targetIds: readonly string[] }) =>
  db
    .selectFrom('sync_job_targets')
    .select(['job_id', 'target_key'])
    .where('active', '=', sql.lit(1))
    .where('target_id', 'in', p.targetIds)
    .limit(sql.lit(1)),
);

const insertJobRow = preparedQuery((db, p: { row: JobRow }) => db.insertInto('sync_jobs').values(p.row));

const insertTargetRows = preparedQuery((db, p: { rows: readonly TargetRow[] }) =>
  db.insertInto('sync_job_targets').values(p.rows),
);

/**
 * PostgreSQL: the job row and its target rows in one statement (one round trip). The targets'
 * insert need not read the job's: PostgreSQL runs a data-modifying CTE whether or not it is read,
 * and checks the targets' foreign key at the end of the statement, when the job row is in.
 */
const insertJobWithTargets = preparedQuery((db, p: { row: JobRow; rows: readonly TargetRow[] }) =>
  db
    .with('job', (creator) => creator.insertInto('sync_jobs').values(p.row))
    .insertInto('sync_job_targets')
    .values(p.rows),
);

/** The row of a job just created: in progress, unclaimed. */
export function newJobRow(job: NewJob): JobRow {
  return {
    id: job.id,
    domain_id: job.domainId,
    cloud: job.cloud,
    overall_status: 'in_progress',
    abort: 0,
    account: ACCOUNT,
    application: APPLICATION,
    dev_account: DEV_ACCOUNT,
    created_by: job.createdBy,
    created_at: job.now,
    updated_at: job.now,
    completed_at: null,
    lease_owner: null,
    lease_expires_at: null,
    attempts: 0,
  };
}

export function createSyncJobRepository(db: Db, bookkeeping: JobBookkeeping) {
  const postgres = isPostgres(db);

  async function targetsOf(jobIds: readonly string[]): Promise<Map<string, TargetRow[]>> {
    const byJob = new Map<string, TargetRow[]>(jobIds.map((id) => [id, []]));
    if (jobIds.length === 0) return byJob;
    const { rows } = await selectTargets(db, { jobIds });
    for (const row of rows) byJob.get(row.job_id)?.push(row);
    return byJob;
  }

  /**
   * The jobs that name one of the query's organizations, read from the targets' indexes first (a
   * planner left to choose walks the whole job list instead, probing each job against the
   * targets): their IDs, `many` when there are too many to list, or none.
   */
  async function jobsNaming(targets: readonly string[]): Promise<string[] | 'many'> {
    const matching = await db
      .selectFrom('sync_job_targets')
      .select('job_id')
      .where(namesAnyOf(targets))
      .limit(MAX_JOBS_BY_TARGET + 1)
      .execute();
    return matching.length > MAX_JOBS_BY_TARGET ? 'many' : [...new Set(matching.map((row) => row.job_id))];
  }

  /**
   * The jobs the query's filters select: one definition for the page and for its total. With
   * `byPrimaryKey`, every filter but the job IDs is written as an expression no index serves, so
   * the planner looks the listed jobs up by key (counting an organization's jobs otherwise walks
   * every job of the domain: 370 ms at a million jobs).
   */
  function filtered(
    query: JobQuery,
    naming: string[] | 'many' | undefined,
    byPrimaryKey = false,
  ): JobSelection {
    const column = (name: 'domain_id' | 'cloud' | 'overall_status') =>
      byPrimaryKey ? sql<string>`(${sql.ref(name)} || '')` : sql<string>`${sql.ref(name)}`;
    let jobs = db
      .selectFrom('sync_jobs')
      .where(column('domain_id'), '=', query.domainId)
      .where(column('cloud'), '=', query.cloud);
    if (query.id) jobs = jobs.where('id', '=', query.id);
    if (query.status) jobs = jobs.where(column('overall_status'), '=', query.status);
    if (naming === 'many' && query.targets) {
      const targets = query.targets;
      return jobs.where(
        'id',
        'in',
        db.selectFrom('sync_job_targets').select('job_id').where(namesAnyOf(targets)),
      );
    }
    return naming ? jobs.where('id', 'in', naming) : jobs;
  }

  /** The target rows of the query's domain and cloud that name one of `targets` in `column`. */
  function namedIn(query: JobQuery, targets: readonly string[], column: TargetColumn) {
    return db
      .selectFrom('sync_job_targets')
      .where(column, 'in', targets)
      .where('domain_id', '=', query.domainId)
      .where('cloud', '=', query.cloud);
  }

  /**
   * The page of an organization filter sorted by creation time: the first skip+limit jobs of each
   * index (distinct: a job may name several of the organizations), merged, and the page cut from
   * them; only the page's jobs are read. Ties go the same way as the sort, as in `pageOf`.
   */
  function pageByCreation(query: JobQuery, listed: ListedByCreation): Promise<JobRow[]> {
    const direction = listed.descending ? 'desc' : 'asc';
    // Each in a subquery of its own: SQLite takes no ORDER BY or LIMIT on one arm of a UNION.
    const firstOf = (column: TargetColumn) =>
      db
        .selectFrom(
          namedIn(query, listed.targets, column)
            .select(['job_id', 'created_at'])
            .distinct()
            .orderBy('created_at', direction)
            .orderBy('job_id', direction)
            .limit(query.skip + query.limit)
            .as('first'),
        )
        .select(['job_id', 'created_at']);
    const page = db
      .selectFrom(firstOf('target_key').union(firstOf('target_id')).as('named'))
      .select('job_id')
      .orderBy('created_at', direction)
      .orderBy('job_id', direction)
      .limit(query.limit)
      .offset(query.skip);
    return db
      .selectFrom('sync_jobs')
      .selectAll()
      .where('id', 'in', page)
      .orderBy('created_at', direction)
      .orderBy('id', direction)
      .execute();
  }

  /** The page of any other query: the jobs filtered, sorted by the query's keys. */
  function pageOf(query: JobQuery, naming: string[] | 'many' | undefined): Promise<JobRow[]> {
    let page = filtered(query, naming).selectAll('sync_jobs');
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
    return page
      .orderBy('id', lastDescending ? 'desc' : 'asc')
      .limit(query.limit)
      .offset(query.skip)
      .execute();
  }

  /** The number of jobs the query matches, read as cheaply as the query allows. */
  async function totalOf(
    query: JobQuery,
    pageSize: number,
    naming: string[] | 'many' | undefined,
  ): Promise<number> {
    // A page that is neither full nor past the end tells the total by itself (a poll by id does).
    if (pageSize < query.limit && (pageSize > 0 || query.skip === 0)) return query.skip + pageSize;
    if (!query.id && !query.targets) {
      let counts = db
        .selectFrom('sync_job_counts')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('n'), eb.lit(0)).as('total'))
        .where('domain_id', '=', query.domainId)
        .where('cloud', '=', query.cloud);
      if (query.status) counts = counts.where('overall_status', '=', query.status);
      return Number((await counts.executeTakeFirstOrThrow()).total);
    }
    const listed = listedByCreation(query);
    if (listed) {
      // The same target rows as the page's, every one of them: each job counted once.
      const named = (column: TargetColumn) => namedIn(query, listed.targets, column).select('job_id');
      const { total } = await db
        .selectFrom(named('target_key').union(named('target_id')).as('named'))
        .select((eb) => eb.fn.countAll().as('total'))
        .executeTakeFirstOrThrow();
      return Number(total);
    }
    const jobs = filtered(query, naming, Array.isArray(naming));
    return Number((await jobs.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow()).total);
  }

  return {
    /**
     * Writes a new job in progress with its targets, unless a running job already holds one of
     * them: the partial unique index on active targets refuses the insert, and the result is
     * `busy`. Run it inside a transaction, which must roll back on `busy`: on SQLite the job row
     * is written by then, and on PostgreSQL the refused statement has aborted the transaction.
     */
    async insertJob(job: NewJob): Promise<InsertJobResult> {
      const row = newJobRow(job);
      const targets: TargetRow[] = job.targets.map((target, position) => ({
        job_id: job.id,
        position,
        target_id: target.id,
        target_key: target.key,
        state: 'pending',
        message: null,
        active: 1,
        domain_id: job.domainId,
        cloud: job.cloud,
        created_at: job.now,
      }));
      try {
        if (postgres) {
          await insertJobWithTargets(db, { row, rows: targets });
        } else {
          await insertJobRow(db, { row });
          await insertTargetRows(db, { rows: targets });
        }
      } catch (error) {
        if (violatesUniqueIndex(error, ONE_RUNNING_JOB_PER_TARGET)) return { busy: true };
        throw error;
      }
      await bookkeeping.count(row, row.overall_status, 1);
      await bookkeeping.touch(row);
      return { inserted: { job: row, targets } };
    },

    /**
     * The running job that holds one of these targets, if any: who made an insert `busy`. Read it
     * after that transaction rolled back; the job may have finished meanwhile.
     */
    async runningJob(targetIds: readonly string[]): Promise<RunningTarget | undefined> {
      const {
        rows: [running],
      } = await selectRunningTarget(db, { targetIds });
      return running && { jobId: running.job_id, targetKey: running.target_key };
    },

    async list(query: JobQuery): Promise<{ total: number; jobs: JobWithTargets[] }> {
      const listed = listedByCreation(query);
      let rows: JobRow[];
      let naming: string[] | 'many' | undefined;
      if (listed) {
        rows = await pageByCreation(query, listed);
      } else {
        naming = query.targets ? await jobsNaming(query.targets) : undefined;
        if (Array.isArray(naming) && naming.length === 0) return { total: 0, jobs: [] };
        rows = await pageOf(query, naming);
      }
      const byJob = await targetsOf(rows.map((row) => row.id));
      return {
        total: await totalOf(query, rows.length, naming),
        jobs: rows.map((job) => ({ job, targets: byJob.get(job.id) ?? [] })),
      };
    },

    /** Changes whenever a list of the domain's jobs of this cloud could show something new. */
    version: (domainId: string, cloud: Cloud): Promise<number> => readJobsVersion(db, domainId, cloud),

    async get(id: string): Promise<JobWithTargets | undefined> {
      return (await this.getMany([id]))[0];
    },

    /** The jobs with these IDs (those that exist), with their targets, in two queries. */
    async getMany(ids: readonly string[]): Promise<JobWithTargets[]> {
      if (ids.length === 0) return [];
      const { rows } = await selectJobs(db, { ids });
      const byJob = await targetsOf(rows.map((row) => row.id));
      return rows.map((job) => ({ job, targets: byJob.get(job.id) ?? [] }));
    },
  };
}

export type SyncJobRepository = ReturnType<typeof createSyncJobRepository>;
