// Synchronization jobs and their targets (one row per organization or group): creating a job,
// listing jobs by the contract's filters and sort keys, reading one. The lease protocol the runners
// use on the same rows is in sync-job-leases.ts.
import {
  type Compilable,
  type ExpressionBuilder,
  type QueryResult,
  type Selectable,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import { ACCOUNT, APPLICATION, DEV_ACCOUNT } from '../core/resource-identity.ts';
import type { Db } from '../db/database.ts';
import { isPostgres } from '../db/dialect.ts';
import { type PreparedQuery, paddedToPowerOfTwo, preparedQuery } from '../db/prepared-query.ts';
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

/**
 * The columns of a job the list shows (the contract's job), not the runners' bookkeeping; and its
 * revision, which names this state of them (migration 008).
 */
export const LISTED_JOB_COLUMNS = [
  'id',
  'cloud',
  'overall_status',
  'abort',
  'account',
  'application',
  'dev_account',
  'created_at',
  'updated_at',
  'completed_at',
  'revision',
] as const satisfies readonly (keyof JobRow)[];
export type ListedJobRow = Pick<JobRow, (typeof LISTED_JOB_COLUMNS)[number]>;
/** What the list shows of a target: its cloud ID and its message, in the job's order. */
export type ListedTargetRow = Pick<TargetRow, 'target_key' | 'message'>;

/** A job as the list reads it: only what the contract's job shows. */
export interface ListedJob {
  job: ListedJobRow;
  targets: ListedTargetRow[];
}

/**
 * A job on a page, by ID and revision: what the list shows of it is known from these two alone,
 * since every change to it counts a revision (migration 008).
 */
export interface PageEntry {
  id: string;
  revision: number;
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

/** The list's targets: only what it shows, for job IDs padded to a power of two (few shapes). */
const selectListedTargets = preparedQuery((db, p: { jobIds: readonly string[] }) =>
  db
    .selectFrom('sync_job_targets')
    .select(['job_id', 'target_key', 'message'])
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

/**
 * A list query's values, as its prepared statements take them. What shapes the SQL besides them
 * (the sort, how the organizations are named) is the statement's variant; which filters are
 * present and the lengths of the lists are its shape (see db/prepared-query.ts).
 */
interface ListParameters {
  domainId: string;
  cloud: Cloud;
  id: string | undefined;
  status: OverallStatus | undefined;
  /** The organization filter, padded to a power of two. */
  targets: readonly string[] | undefined;
  /** The jobs that name one of them, when few enough to list (padded); else none. */
  naming: readonly string[] | undefined;
  skip: number;
  limit: number;
  /** skip + limit: how many of each index the organization filter sorted by creation reads. */
  firstN: number;
}

function listParameters(query: JobQuery, naming: string[] | 'many' | undefined): ListParameters {
  return {
    domainId: query.domainId,
    cloud: query.cloud,
    id: query.id,
    status: query.status,
    targets: query.targets && paddedToPowerOfTwo(query.targets),
    naming: Array.isArray(naming) ? paddedToPowerOfTwo(naming) : undefined,
    skip: query.skip,
    limit: query.limit,
    firstN: query.skip + query.limit,
  };
}

/**
 * Prepared queries by variant: a string naming what the builder reads besides the parameters (it
 * must not branch on their values, only on their presence). Variants are few: a sort is at most
 * the four sort fields in some order, each either way.
 */
function preparedVariants<P extends object, O>(
  build: (db: Db, parameters: P, variant: string) => Compilable<O>,
): (db: Db, variant: string, parameters: P) => Promise<QueryResult<O>> {
  const byVariant = new Map<string, PreparedQuery<P, O>>();
  return (db, variant, parameters) => {
    let query = byVariant.get(variant);
    if (!query) {
      query = preparedQuery((db, p: P) => build(db, p, variant));
      byVariant.set(variant, query);
    }
    return query(db, parameters);
  };
}

/** `-created_at,updated_at`: the sort keys as a variant, read back by `sortOfVariant`. */
const sortVariant = (sort: readonly SortKey[]): string =>
  sort.map((key) => `${key.descending ? '-' : ''}${key.field}`).join(',');

const SORT_FIELDS: ReadonlySet<string> = new Set<SortColumn>([
  'created_at',
  'updated_at',
  'completed_at',
  'overall_status',
]);

function sortOfVariant(variant: string): SortKey[] {
  return variant
    .split(',')
    .filter((part) => part !== '')
    .map((part) => {
      const descending = part.startsWith('-');
      const field = descending ? part.slice(1) : part;
      if (!SORT_FIELDS.has(field)) throw new Error(`not a sort field: ${field}`);
      return { field: field as SortColumn, descending };
    });
}

/** The target rows of the query's domain and cloud that name one of its organizations in `column`. */
function namedIn(db: Db, p: ListParameters, column: TargetColumn) {
  return db
    .selectFrom('sync_job_targets')
    .where(column, 'in', p.targets ?? [])
    .where('domain_id', '=', p.domainId)
    .where('cloud', '=', p.cloud);
}

/**
 * The jobs the query's filters select: one definition for the page and for its total. With
 * `byPrimaryKey`, every filter but the job IDs is written as an expression no index serves, so
 * the planner looks the listed jobs up by key (counting an organization's jobs otherwise walks
 * every job of the domain: 370 ms at a million jobs). `many`: too many jobs name the
 * organizations to list them, so the filter stays a subquery.
 */
function filtered(db: Db, p: ListParameters, many: boolean, byPrimaryKey = false): JobSelection {
  const column = (name: 'domain_id' | 'cloud' | 'overall_status') =>
    byPrimaryKey ? sql<string>`(${sql.ref(name)} || '')` : sql<string>`${sql.ref(name)}`;
  let jobs = db
    .selectFrom('sync_jobs')
    .where(column('domain_id'), '=', p.domainId)
    .where(column('cloud'), '=', p.cloud);
  if (p.id !== undefined) jobs = jobs.where('id', '=', p.id);
  if (p.status !== undefined) {
    // SQLite's planner, from statistics sampled at open (analysis_limit), cannot tell one status
    // from another, so it reads the sort's own index and tests every job of the domain for a
    // status few of them may have. `unlikely` tells it the filter is selective: it reads the
    // index that starts with status (migration 008). Not beside an organization filter, whose
    // listed jobs are fewer still: marked, the status would win over their key lookups.
    // PostgreSQL keeps per-value statistics.
    const byStatus =
      byPrimaryKey || many || p.naming !== undefined || isPostgres(db)
        ? sql<SqlBool>`${column('overall_status')} = ${p.status}`
        : sql<SqlBool>`unlikely(${sql.ref('overall_status')} = ${p.status})`;
    jobs = jobs.where(byStatus);
  }
  if (many && p.targets) {
    const targets = p.targets;
    return jobs.where(
      'id',
      'in',
      db.selectFrom('sync_job_targets').select('job_id').where(namesAnyOf(targets)),
    );
  }
  return p.naming ? jobs.where('id', 'in', p.naming) : jobs;
}

/** Variant `many` or `listed`, then the sort: the page of any query but the one below. */
const selectPage = preparedVariants((db, p: ListParameters, variant) => {
  const [naming = '', sortText = ''] = variant.split(' ');
  const sort = sortOfVariant(sortText);
  // Listed jobs (an organization filter) are read by key and sorted: their index scan order would
  // walk the domain's every job testing each against the list (0.4 ms at 2,500 jobs, for 74).
  let page = filtered(db, p, naming === 'many', p.naming !== undefined).select(['id', 'revision']);
  for (const key of sort) {
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
  const lastDescending = sort.at(-1)?.descending ?? false;
  return page
    .orderBy('id', lastDescending ? 'desc' : 'asc')
    .limit(p.limit)
    .offset(p.skip);
});

/**
 * Variant `asc` or `desc`: the page of an organization filter sorted by creation time, the first
 * skip+limit jobs of each index (distinct: a job may name several of the organizations), merged,
 * and the page cut from them; only the page's jobs are read. Ties go the same way as the sort, as
 * in `selectPage`.
 */
const selectPageByCreation = preparedVariants((db, p: ListParameters, variant) => {
  const direction = variant === 'desc' ? 'desc' : 'asc';
  // Each in a subquery of its own: SQLite takes no ORDER BY or LIMIT on one arm of a UNION.
  const firstOf = (column: TargetColumn) =>
    db
      .selectFrom(
        namedIn(db, p, column)
          .select(['job_id', 'created_at'])
          .distinct()
          .orderBy('created_at', direction)
          .orderBy('job_id', direction)
          .limit(p.firstN)
          .as('first'),
      )
      .select(['job_id', 'created_at']);
  const page = db
    .selectFrom(firstOf('target_key').union(firstOf('target_id')).as('named'))
    .select('job_id')
    .orderBy('created_at', direction)
    .orderBy('job_id', direction)
    .limit(p.limit)
    .offset(p.skip);
  return db
    .selectFrom('sync_jobs')
    .select(['id', 'revision'])
    .where('id', 'in', page)
    .orderBy('created_at', direction)
    .orderBy('id', direction);
});

/** What the list shows of these jobs (IDs padded to a power of two: few shapes), in no order. */
const selectListedJobs = preparedQuery((db, p: { ids: readonly string[] }) =>
  db.selectFrom('sync_jobs').select(LISTED_JOB_COLUMNS).where('id', 'in', p.ids),
);

/** The total of a query without id or organization filter: the bookkeeping's counts. */
const selectCounted = preparedQuery(
  (db, p: { domainId: string; cloud: Cloud; status: OverallStatus | undefined }) => {
    let counts = db
      .selectFrom('sync_job_counts')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('n'), eb.lit(0)).as('total'))
      .where('domain_id', '=', p.domainId)
      .where('cloud', '=', p.cloud);
    if (p.status !== undefined) counts = counts.where('overall_status', '=', p.status);
    return counts;
  },
);

/**
 * Variant `by-creation`: the same target rows as `selectPageByCreation`'s, every one of them,
 * each job counted once. `many` or `listed`: the jobs `filtered` selects, listed ones by key.
 */
const countMatching = preparedVariants((db, p: ListParameters, variant) => {
  if (variant === 'by-creation') {
    const named = (column: TargetColumn) => namedIn(db, p, column).select('job_id');
    return db
      .selectFrom(named('target_key').union(named('target_id')).as('named'))
      .select((eb) => eb.fn.countAll<number>().as('total'));
  }
  return filtered(db, p, variant === 'many', p.naming !== undefined).select((eb) =>
    eb.fn.countAll<number>().as('total'),
  );
});

/** The jobs naming one of the organizations: one more than the most listed, to tell `many`. */
const selectJobsNaming = preparedQuery((db, p: { targets: readonly string[] }) =>
  db
    .selectFrom('sync_job_targets')
    .select('job_id')
    .where(namesAnyOf(p.targets))
    .limit(MAX_JOBS_BY_TARGET + 1),
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
    revision: 0,
  };
}

/**
 * `reads`: where the list reads (its page, jobs, total and version); another connection than `db`
 * on SQLite, so that a list does not wait for the writes in flight (db/database.ts).
 */
export function createSyncJobRepository(db: Db, bookkeeping: JobBookkeeping, reads: Db = db) {
  const postgres = isPostgres(db);

  async function targetsOf(jobIds: readonly string[]): Promise<Map<string, TargetRow[]>> {
    const byJob = new Map<string, TargetRow[]>(jobIds.map((id) => [id, []]));
    if (jobIds.length === 0) return byJob;
    const { rows } = await selectTargets(db, { jobIds });
    for (const row of rows) byJob.get(row.job_id)?.push(row);
    return byJob;
  }

  /** The targets the list shows of these jobs, by job, in each job's order. */
  async function listedTargetsOf(jobIds: readonly string[]): Promise<Map<string, ListedTargetRow[]>> {
    const byJob = new Map<string, ListedTargetRow[]>();
    for (const id of jobIds) byJob.set(id, []);
    if (jobIds.length === 0) return byJob;
    const { rows } = await selectListedTargets(reads, { jobIds: paddedToPowerOfTwo(jobIds) });
    for (const row of rows) byJob.get(row.job_id)?.push({ target_key: row.target_key, message: row.message });
    return byJob;
  }

  /**
   * The jobs that name one of the query's organizations, read from the targets' indexes first (a
   * planner left to choose walks the whole job list instead, probing each job against the
   * targets): their IDs, `many` when there are too many to list, or none.
   */
  async function jobsNaming(targets: readonly string[]): Promise<string[] | 'many'> {
    const { rows } = await selectJobsNaming(reads, { targets: paddedToPowerOfTwo(targets) });
    return rows.length > MAX_JOBS_BY_TARGET ? 'many' : [...new Set(rows.map((row) => row.job_id))];
  }

  /** The number of jobs the query matches, read as cheaply as the query allows. */
  async function totalOf(
    query: JobQuery,
    pageSize: number,
    naming: string[] | 'many' | undefined,
  ): Promise<number> {
    // A page that is neither full nor past the end tells the total by itself (a poll by id does).
    if (pageSize < query.limit && (pageSize > 0 || query.skip === 0)) return query.skip + pageSize;
    let rows: { total: number | string | bigint }[];
    if (!query.id && !query.targets) {
      ({ rows } = await selectCounted(reads, {
        domainId: query.domainId,
        cloud: query.cloud,
        status: query.status,
      }));
    } else {
      const listed = listedByCreation(query);
      const variant = listed ? 'by-creation' : naming === 'many' ? 'many' : 'listed';
      ({ rows } = await countMatching(reads, variant, listParameters(query, naming)));
    }
    return Number(rows[0]?.total ?? 0);
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

    /**
     * A page of the domain's jobs, by ID and revision in list order, and their total. Every
     * statement is prepared once per shape (filters present, sort, list lengths padded to a power
     * of two); the page reads the jobs' index entries and revisions, not what they show.
     */
    async page(query: JobQuery): Promise<{ total: number; entries: PageEntry[] }> {
      const listed = listedByCreation(query);
      let entries: PageEntry[];
      let naming: string[] | 'many' | undefined;
      if (listed) {
        ({ rows: entries } = await selectPageByCreation(
          reads,
          listed.descending ? 'desc' : 'asc',
          listParameters(query, undefined),
        ));
      } else {
        naming = query.targets ? await jobsNaming(query.targets) : undefined;
        if (Array.isArray(naming) && naming.length === 0) return { total: 0, entries: [] };
        ({ rows: entries } = await selectPage(
          reads,
          `${naming === 'many' ? 'many' : 'listed'} ${sortVariant(query.sort)}`,
          listParameters(query, naming),
        ));
      }
      return { total: await totalOf(query, entries.length, naming), entries };
    },

    /**
     * What the list shows of these jobs, each with its revision as read with it, in no order;
     * jobs that no longer exist are left out. Read it after their page (`page`): a job's row and
     * targets are then at least as new as the revision the page named.
     */
    async listed(ids: readonly string[]): Promise<ListedJob[]> {
      if (ids.length === 0) return [];
      const { rows } = await selectListedJobs(reads, { ids: paddedToPowerOfTwo(ids) });
      const byJob = await listedTargetsOf(rows.map((row) => row.id));
      return rows.map((job) => ({ job, targets: byJob.get(job.id) ?? [] }));
    },

    /** A page of the domain's jobs and their total, as the contract's list shows them. */
    async list(query: JobQuery): Promise<{ total: number; jobs: ListedJob[] }> {
      const { total, entries } = await this.page(query);
      const byId = new Map((await this.listed(entries.map((entry) => entry.id))).map((j) => [j.job.id, j]));
      return {
        total,
        jobs: entries.flatMap((entry) => byId.get(entry.id) ?? []),
      };
    },

    /** Changes whenever a list of the domain's jobs of this cloud could show something new. */
    version: (domainId: string, cloud: Cloud): Promise<number> => readJobsVersion(reads, domainId, cloud),

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
