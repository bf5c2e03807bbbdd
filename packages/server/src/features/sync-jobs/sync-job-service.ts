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

  async function resolveOrganizations(
    domainId: string,
    request: SfdcSynchronizationJobRequest,
  ): Promise<Target[]> {
    const organizations = request.organization_ids
      ? await store.organizations.findByReferences(domainId, request.organization_ids)
      : await store.organizations.listAll(domainId);
    if (request.organization_ids) {
      const known = new Set(organizations.flatMap((o) => [o.id, o.organization_id]));
      const unknown = request.organization_ids.filter((reference) => !known.has(reference));
      if (unknown.length > 0) {
        throw new ProblemError(
          'unknown-organization',
          `No Salesforce organization ${unknown.join(', ')} in this domain`,
        );
      }
    } else if (organizations.length === 0) {
      throw new ProblemError(
        'unknown-organization',
        'synchronize_all was requested, but this domain has no Salesforce organizations',
      );
    }
    const ordered = request.organization_ids
      ? inRequestOrder(request.organization_ids, organizations, (o) => [o.id, o.organization_id])
      : organizations;
    return ordered.map((o) => ({ target_id: o.id, target_key: o.organization_id }));
  }

  async function resolveGroups(domainId: string, request: SapSynchronizationJobRequest): Promise<Target[]> {
    const groups = request.groups
      ? await store.sapKeys.findGroupsByReferences(domainId, request.groups)
      : await store.sapKeys.listGroups(domainId);
    if (request.groups) {
      const known = new Set(groups.flatMap((g) => [g.id, g.group_id]));
      const unknown = request.groups.filter((reference) => !known.has(reference));
      if (unknown.length > 0)
        throw new ProblemError('unknown-group', `No SAP group ${unknown.join(', ')} in this domain`);
    } else if (groups.length === 0) {
      throw new ProblemError(
        'unknown-group',
        'synchronize_all was requested, but this domain has no SAP groups',
      );
    }
    const ordered = request.groups
      ? inRequestOrder(request.groups, groups, (g) => [g.id, g.group_id])
      : groups;
    return ordered.map((g) => ({ target_id: g.id, target_key: g.group_id }));
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
      return create(identity, 'sfdc', dedupe(await resolveOrganizations(identity.domainId, request)));
    },

    async createSapJob(
      identity: Identity,
      request: SapSynchronizationJobRequest,
    ): Promise<SynchronizationJob> {
      return create(identity, 'sap', dedupe(await resolveGroups(identity.domainId, request)));
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

/** The rows in the order the caller named them (every reference is known by now). */
function inRequestOrder<T>(
  references: readonly string[],
  rows: readonly T[],
  keysOf: (row: T) => string[],
): T[] {
  return references.flatMap((reference) => rows.filter((row) => keysOf(row).includes(reference)));
}

/** One target per organization or group, even when named twice (by resource and cloud ID). */
function dedupe(targets: Target[]): Target[] {
  return [...new Map(targets.map((target) => [target.target_id, target])).values()];
}

export type SyncJobService = ReturnType<typeof createSyncJobService>;
