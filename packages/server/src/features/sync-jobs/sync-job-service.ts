// Starting and listing synchronization jobs. A job is committed (job row plus one row per target)
// before the 201; the runner does the work in the background.
import type {
  ListSfdcSynchronizationJobsQuery,
  SapSynchronizationJobRequest,
  SfdcSynchronizationJobRequest,
  SynchronizationJob,
  SynchronizationJobList,
} from '@cckm/api-types';
import type { Clock, IdGenerator } from '../../clock.ts';
import { isUniqueViolation } from '../../db/database.ts';
import type { Store } from '../../db/store.ts';
import type { Identity } from '../../http/auth.ts';
import { ProblemError } from '../../http/problem.ts';
import { ACCOUNT, APPLICATION, DEV_ACCOUNT } from '../resource-identity.ts';
import type { Cloud, SortKey } from './sync-job-repository.ts';
import { toSynchronizationJob } from './sync-job-view.ts';

export interface SyncJobServiceDeps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  /** Called after a job is committed, so a runner can pick it up at once. */
  onJobCreated: () => void;
}

interface Target {
  target_id: string;
  target_key: string;
}

const SORT_COLUMNS = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  completed_at: 'completed_at',
  overall_status: 'overall_status',
} as const;

export function parseSort(sort: string): SortKey[] {
  const keys: SortKey[] = [];
  for (const part of sort.split(',')) {
    const descending = part.startsWith('-');
    const field = SORT_COLUMNS[(descending ? part.slice(1) : part) as keyof typeof SORT_COLUMNS];
    if (!field)
      throw new ProblemError('validation-failed', `Cannot sort by ${part}`, {
        errors: [{ path: '/query/sort', message: `unknown field ${part}` }],
      });
    if (!keys.some((key) => key.field === field)) keys.push({ field, descending });
  }
  return keys;
}

export function createSyncJobService(deps: SyncJobServiceDeps) {
  const { store, clock, ids } = deps;

  /**
   * The targets a request names, in the order it names them, or every target of the domain for
   * `synchronize_all`. Each row is known by its resource ID and its cloud ID.
   */
  async function resolveTargets<T extends { id: string }>(
    references: readonly string[] | undefined,
    find: (references: readonly string[]) => Promise<T[]>,
    listAll: () => Promise<T[]>,
    cloudId: (row: T) => string,
    unknown: { kind: 'unknown-organization' | 'unknown-group'; noun: string; plural: string },
  ): Promise<Target[]> {
    let rows: T[];
    if (references) {
      const found = await find(references);
      const missing = references.filter(
        (reference) => !found.some((row) => row.id === reference || cloudId(row) === reference),
      );
      if (missing.length > 0)
        throw new ProblemError(unknown.kind, `No ${unknown.noun} ${missing.join(', ')} in this domain`);
      rows = references.flatMap((reference) =>
        found.filter((row) => row.id === reference || cloudId(row) === reference),
      );
    } else {
      rows = await listAll();
      if (rows.length === 0) {
        throw new ProblemError(
          unknown.kind,
          `synchronize_all was requested, but this domain has no ${unknown.plural}`,
        );
      }
    }
    // One target per organization or group, even when named twice (by resource and cloud ID).
    const targets = rows.map((row) => ({ target_id: row.id, target_key: cloudId(row) }));
    return [...new Map(targets.map((target) => [target.target_id, target])).values()];
  }

  async function create(identity: Identity, cloud: Cloud, targets: Target[]): Promise<SynchronizationJob> {
    const noun = cloud === 'sfdc' ? 'organization' : 'group';
    const now = clock.now();
    const job = {
      id: ids(),
      domain_id: identity.domainId,
      cloud,
      overall_status: 'in_progress' as const,
      abort: 0,
      account: ACCOUNT,
      application: APPLICATION,
      dev_account: DEV_ACCOUNT,
      created_by: identity.subject,
      created_at: now,
      updated_at: now,
      completed_at: null,
      lease_owner: null,
      lease_expires_at: null,
      attempts: 0,
    };
    const rows = targets.map((target, position) => ({ ...target, position }));
    try {
      await store.transaction(async (tx) => {
        const [running] = await tx.syncJobs.findRunningTargets(targets.map((t) => t.target_id));
        if (running) {
          throw new ProblemError(
            'sync-job-running',
            `Job ${running.job_id} is still synchronizing ${noun} ${running.target_key}`,
          );
        }
        await tx.syncJobs.insertJob(job, rows);
      });
    } catch (error) {
      // Another instance committed a job for the same target between our check and our insert.
      if (isUniqueViolation(error)) {
        throw new ProblemError('sync-job-running', `Another job started synchronizing one of these ${noun}s`);
      }
      throw error;
    }
    deps.onJobCreated();
    return toSynchronizationJob({
      job,
      targets: rows.map((row) => ({ ...row, job_id: job.id, state: 'pending', message: null, active: 1 })),
    });
  }

  return {
    async createSfdcJob(
      identity: Identity,
      request: SfdcSynchronizationJobRequest,
    ): Promise<SynchronizationJob> {
      const { domainId } = identity;
      const targets = await resolveTargets(
        request.organization_ids,
        (references) => store.organizations.findByReferences(domainId, references),
        () => store.organizations.listAll(domainId),
        (organization) => organization.organization_id,
        { kind: 'unknown-organization', noun: 'Salesforce organization', plural: 'Salesforce organizations' },
      );
      return create(identity, 'sfdc', targets);
    },

    async createSapJob(
      identity: Identity,
      request: SapSynchronizationJobRequest,
    ): Promise<SynchronizationJob> {
      const { domainId } = identity;
      const targets = await resolveTargets(
        request.groups,
        (references) => store.sapKeys.findGroupsByReferences(domainId, references),
        () => store.sapKeys.listGroups(domainId),
        (group) => group.group_id,
        { kind: 'unknown-group', noun: 'SAP group', plural: 'SAP groups' },
      );
      return create(identity, 'sap', targets);
    },

    async listSfdcJobs(
      identity: Identity,
      query: ListSfdcSynchronizationJobsQuery,
    ): Promise<SynchronizationJobList> {
      const skip = query.skip ?? 0;
      const limit = query.limit ?? 10;
      const { total, jobs } = await store.syncJobs.list({
        domainId: identity.domainId,
        cloud: 'sfdc',
        ...(query.id ? { id: query.id } : {}),
        ...(query.overall_status ? { status: query.overall_status } : {}),
        ...(query.organizations ? { targets: query.organizations } : {}),
        skip,
        limit,
        sort: parseSort(query.sort ?? '-createdAt'),
      });
      return { skip, limit, total, resources: jobs.map(toSynchronizationJob) };
    },
  };
}

export type SyncJobService = ReturnType<typeof createSyncJobService>;
