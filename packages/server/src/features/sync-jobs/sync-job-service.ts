// Starting and listing synchronization jobs. A job is committed (job row plus one row per target)
// before the 201; the runner does the work in the background.
import type {
  ListSfdcSynchronizationJobsQuery,
  SapSynchronizationJob,
  SapSynchronizationJobRequest,
  SfdcSynchronizationJob,
  SfdcSynchronizationJobRequest,
  SynchronizationJobSortField,
} from '@cckm/api-types';
import type { Clock, IdGenerator } from '../../core/clock.ts';
import { entityTag } from '../../core/entity-tags.ts';
import type { Identity } from '../../core/identity.ts';
import { ProblemError } from '../../core/problem.ts';
import type { TraceContext } from '../../core/trace-context.ts';
import type { Store } from '../../store/store.ts';
import type { Cloud, JobWithTargets, SortColumn, SortKey } from '../../store/sync-job-repository.ts';
import { createJobFragments, JOB_FRAGMENTS_MAX_BYTES, type JobJson } from './sync-job-fragments.ts';
import { type CachedPage, createPageCache } from './sync-job-page-cache.ts';
import { toSapSynchronizationJob, toSfdcSynchronizationJob } from './sync-job-view.ts';
import type { SyncTarget } from './target-synchronizer.ts';

/**
 * A page of the list as it is sent (its JSON's UTF-8), with its entity tag: from the page cache,
 * or `built` for this request.
 */
export type ListedPage = CachedPage & { built?: true };

export interface SyncJobServiceDeps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  /**
   * Called after a job is committed, so a runner can pick it up at once (with the trace context
   * of the request that created it, for the job's cloud calls and log lines).
   */
  onJobCreated: (job: CreatedJob) => void;
  /** Serialized list pages kept while unchanged (0: no cache). */
  pageCachePages?: number;
  /** Told whether each list page came from the page cache (metrics). */
  onPageCache?: (hit: boolean) => void;
  /** Bytes of listed jobs' JSON kept by revision (0: none; sync-job-fragments.ts). */
  jobFragmentBytes?: number;
}

/** A job just committed. */
export interface CreatedJob {
  id: string;
  cloud: Cloud;
  trace: TraceContext | undefined;
}

/** What a request tells the service besides its body. */
export interface RequestContext {
  trace?: TraceContext | undefined;
}

/** A page's key in the page cache: the caller's domain and the query as sent. */
const pageKey = (caller: Identity, queryText: string) => `${caller.domainId}\u0000${queryText}`;

const COMMA = 0x2c;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/** The contract's sort fields and the columns they sort by; the compiler keeps both in step. */
const SORT_COLUMNS: Record<SynchronizationJobSortField, SortColumn> = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  completed_at: 'completed_at',
  overall_status: 'overall_status',
};

const isSortField = (field: string): field is SynchronizationJobSortField =>
  Object.hasOwn(SORT_COLUMNS, field);

/** `['-createdAt', 'updatedAt']` (or the same joined by commas) as sort keys; a field named twice counts once, where it first appears. */
export function parseSort(sort: readonly string[] | string): SortKey[] {
  const keys: SortKey[] = [];
  for (const part of typeof sort === 'string' ? sort.split(',') : sort) {
    const descending = part.startsWith('-');
    const field = descending ? part.slice(1) : part;
    // The contract's enum admits only known keys; the validator has refused anything else.
    if (!isSortField(field)) throw new Error(`sort field ${field} passed validation`);
    const column = SORT_COLUMNS[field];
    if (!keys.some((key) => key.field === column)) keys.push({ field: column, descending });
  }
  return keys;
}

/** Thrown inside a unit of work whose insert was refused, so that its transaction rolls back. */
class TargetBusy extends Error {}

interface TargetKind<T> {
  find: (references: readonly string[]) => Promise<T[]>;
  listAll: () => Promise<T[]>;
  cloudId: (row: T) => string;
  unknown: { kind: 'unknown-organization' | 'unknown-group'; noun: string; plural: string };
}

export function createSyncJobService(deps: SyncJobServiceDeps) {
  const { store, clock, ids } = deps;
  const pages = createPageCache(deps.pageCachePages ?? 512);
  const caching = (deps.pageCachePages ?? 512) > 0;
  const fragments = createJobFragments(deps.jobFragmentBytes ?? JOB_FRAGMENTS_MAX_BYTES);

  /**
   * The targets a request names, in the order it names them, or every target of the domain for
   * `synchronize_all`. Each is known by its resource ID and its cloud ID.
   */
  async function resolveTargets<T extends { id: string }>(
    references: readonly string[] | undefined,
    kind: TargetKind<T>,
  ): Promise<SyncTarget[]> {
    const { cloudId, unknown } = kind;
    let rows: T[];
    if (references) {
      const found = await kind.find(references);
      const named = (reference: string) => (row: T) => row.id === reference || cloudId(row) === reference;
      const missing = references.filter((reference) => !found.some(named(reference)));
      if (missing.length > 0)
        throw new ProblemError(unknown.kind, `No ${unknown.noun} ${missing.join(', ')} in this domain`);
      rows = references.flatMap((reference) => found.filter(named(reference)));
    } else {
      rows = await kind.listAll();
      if (rows.length === 0) {
        throw new ProblemError(
          unknown.kind,
          `synchronize_all was requested, but this domain has no ${unknown.plural}`,
        );
      }
    }
    // One target per organization or group, even when named twice (by resource and cloud ID).
    const targets = rows.map((row) => ({ id: row.id, key: cloudId(row) }));
    return [...new Map(targets.map((target) => [target.id, target])).values()];
  }

  /**
   * The 409 for a job whose insert a running job refused, naming that job: read after the insert's
   * unit rolled back, outside its transaction. Undefined when that job has finished meanwhile.
   */
  async function busyProblem(
    targets: readonly SyncTarget[],
    noun: string,
  ): Promise<ProblemError | undefined> {
    const running = await store.syncJobs.runningJob(targets.map((target) => target.id));
    if (!running) return undefined;
    return new ProblemError(
      'sync-job-running',
      `Job ${running.jobId} is still synchronizing ${noun} ${running.targetKey}`,
      { jobId: running.jobId },
    );
  }

  async function create(
    caller: Identity,
    cloud: Cloud,
    targets: SyncTarget[],
    trace: TraceContext | undefined,
  ): Promise<JobWithTargets> {
    const noun = cloud === 'sfdc' ? 'organization' : 'group';
    const job = {
      id: ids(),
      domainId: caller.domainId,
      cloud,
      createdBy: caller.subject,
      now: clock.now(),
      targets,
    };
    // Requests that arrive together share one commit (one fsync); each keeps its own outcome. A
    // busy target is thrown inside the unit, so its savepoint is rolled back (a refused insert
    // aborts a PostgreSQL transaction).
    let created: JobWithTargets | undefined;
    // A job that held a target and finished between the refusal and the read has freed it: the
    // insert is tried once more. Refused again with nobody to name, the holder came and went in
    // that instant (another instance's job): a 409 without job_id, as the contract allows.
    for (let attempt = 1; !created; attempt += 1) {
      try {
        created = await store.grouped.run(async (tx) => {
          const result = await tx.syncJobs.insertJob(job);
          if ('busy' in result) throw new TargetBusy();
          return result.inserted;
        });
      } catch (error) {
        if (!(error instanceof TargetBusy)) throw error;
        const problem = await busyProblem(targets, noun);
        if (problem) throw problem;
        if (attempt >= 2)
          throw new ProblemError(
            'sync-job-running',
            `Another job started synchronizing one of these ${noun}s`,
          );
      }
    }
    deps.onJobCreated({ id: created.job.id, cloud, trace });
    return created;
  }

  return {
    async createSfdcJob(
      caller: Identity,
      request: SfdcSynchronizationJobRequest,
      context: RequestContext = {},
    ): Promise<SfdcSynchronizationJob> {
      const { domainId } = caller;
      const references = 'organization_ids' in request ? request.organization_ids : undefined;
      const targets = await resolveTargets(references, {
        find: (references) => store.organizations.findByReferences(domainId, references),
        listAll: () => store.organizations.listAll(domainId),
        cloudId: (organization) => organization.organization_id,
        unknown: {
          kind: 'unknown-organization',
          noun: 'Salesforce organization',
          plural: 'Salesforce organizations',
        },
      });
      return toSfdcSynchronizationJob(await create(caller, 'sfdc', targets, context.trace));
    },

    async createSapJob(
      caller: Identity,
      request: SapSynchronizationJobRequest,
      context: RequestContext = {},
    ): Promise<SapSynchronizationJob> {
      const { domainId } = caller;
      const references = 'groups' in request ? request.groups : undefined;
      const targets = await resolveTargets(references, {
        find: (references) => store.sapKeys.findGroupsByReferences(domainId, references),
        listAll: () => store.sapKeys.listGroups(domainId),
        cloudId: (group) => group.group_id,
        unknown: { kind: 'unknown-group', noun: 'SAP group', plural: 'SAP groups' },
      });
      return toSapSynchronizationJob(await create(caller, 'sap', targets, context.trace));
    },

    /**
     * The page cache's bytes for this query while the domain's jobs have not changed since they
     * were built; undefined otherwise (nothing is built). `queryText` is the query as sent, as
     * `listSfdcJobsCached` keys it. For a caller that only needs a page it can answer from memory.
     */
    async cachedSfdcPage(caller: Identity, queryText: string): Promise<CachedPage | undefined> {
      if (!caching) return undefined;
      const version = await store.syncJobs.version(caller.domainId, 'sfdc');
      const cached = pages.get(pageKey(caller, queryText), version);
      if (cached) deps.onPageCache?.(true);
      return cached;
    },

    /**
     * The list with its entity tag: its JSON bytes from the page cache while the domain's jobs
     * have not changed (the version is read before the page is built, so a cached page is never
     * staler than it), else the page built anew (`built`). The tag is a digest of the JSON
     * either way (core/entity-tags.ts).
     */
    async listSfdcJobsCached(
      caller: Identity,
      query: ListSfdcSynchronizationJobsQuery,
      queryText: string,
    ): Promise<ListedPage> {
      // Without a cache the version would be read for nothing (the tag is made from the bytes).
      const version = caching ? await store.syncJobs.version(caller.domainId, 'sfdc') : 0;
      const key = pageKey(caller, queryText);
      const cached = pages.get(key, version);
      deps.onPageCache?.(cached !== undefined);
      if (cached) return cached;
      // Made once, in memory of its own when kept (see listSfdcJobsBytes): hashed, kept and sent.
      const body = await this.listSfdcJobsBytes(caller, query, caching);
      const etag = entityTag(body);
      if (caching) pages.set(key, version, body, etag);
      return { body, etag, built: true };
    },

    /**
     * The page's JSON in UTF-8, exactly as JSON.stringify writes the contract's
     * SynchronizationJobList: its jobs' JSON, each kept by revision (sync-job-fragments.ts), the
     * jobs not kept read and serialised after the page named them (so at least as new as their
     * revision there), written one after the other into a buffer of the page's size. `own`: in
     * memory of its own, for keeping (Buffer.allocUnsafe puts small buffers in slices of a shared
     * 8 KiB pool, and a small page kept for long would hold its whole slab, unseen by the page
     * cache's byte budget).
     */
    async listSfdcJobsBytes(
      caller: Identity,
      query: ListSfdcSynchronizationJobsQuery,
      own = false,
    ): Promise<Buffer> {
      const skip = query.skip ?? 0;
      const limit = query.limit ?? 10;
      const { total, entries } = await store.syncJobs.page({
        domainId: caller.domainId,
        cloud: 'sfdc',
        ...(query.id ? { id: query.id } : {}),
        ...(query.overall_status ? { status: query.overall_status } : {}),
        ...(query.organizations ? { targets: query.organizations } : {}),
        skip,
        limit,
        sort: parseSort(query.sort ?? ['-createdAt']),
      });
      const jobs: (JobJson | undefined)[] = new Array(entries.length);
      const missing: string[] = [];
      for (let i = 0; i < entries.length; i += 1) {
        const { id, revision } = entries[i] as (typeof entries)[number];
        const kept = fragments.get(id, revision);
        if (kept === undefined) missing.push(id);
        jobs[i] = kept;
      }
      if (missing.length > 0) {
        const read = new Map<string, JobJson>();
        for (const job of await store.syncJobs.listed(missing))
          read.set(
            job.job.id,
            fragments.set(job.job.id, job.job.revision, JSON.stringify(toSfdcSynchronizationJob(job))),
          );
        for (let i = 0; i < entries.length; i += 1)
          jobs[i] ??= read.get((entries[i] as (typeof entries)[number]).id);
      }
      // The page's own fields are ASCII (numbers); a job gone between the two reads (none are
      // deleted today) is left out, not written as null.
      const head = `{"skip":${skip},"limit":${limit},"total":${total},"resources":[`;
      let length = head.length + 2;
      let count = 0;
      for (const job of jobs) {
        if (job === undefined) continue;
        length += job.bytes + (count > 0 ? 1 : 0);
        count += 1;
      }
      const body = own ? Buffer.allocUnsafeSlow(length) : Buffer.allocUnsafe(length);
      let at = body.write(head, 0, 'latin1');
      let first = true;
      for (const job of jobs) {
        if (job === undefined) continue;
        if (!first) body[at++] = COMMA;
        first = false;
        at += body.write(job.json, at, 'utf8');
      }
      body[at++] = CLOSE_BRACKET;
      body[at++] = CLOSE_BRACE;
      if (at !== length) throw new Error(`list page: wrote ${at} bytes of ${length}`);
      return body;
    },
  };
}

export type SyncJobService = ReturnType<typeof createSyncJobService>;
