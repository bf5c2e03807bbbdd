// TanStack Query bindings for @cckm/client: query, infinite-query and mutation options for the
// five operations, built on the client's own methods, so they share its authentication (token,
// refresh on 401, request IDs) and its errors: a query or mutation fails with the client's
// CckmProblemError (the contract's problem, typed) or CckmRequestError (no usable answer), never
// with an untyped body. Inputs and outputs are the client's types, which are the contract's
// generated ones. Options, not hooks: pass them to useQuery/useInfiniteQuery/useMutation, to
// queryClient.fetchQuery or prefetchQuery, or spread them with options of your own.
//
// Keys: ['cckm', <operationId>, <input>]. A sync, a delete-backup or a PATCH invalidates every
// list query (['cckm', 'listSfdcSynchronizationJobs']) and every watched job, in the QueryClient
// the mutation runs in.
import {
  type CckmClient,
  type CckmProblemError,
  type CckmRequestError,
  CckmWaitError,
  type JobFilter,
  type JobListQuery,
  type SalesforceOrganization,
  type SapSynchronizationJob,
  type SapSynchronizationJobRequest,
  type SfdcSynchronizationJob,
  type SfdcSynchronizationJobRequest,
  type SynchronizationJob,
  type SynchronizationJobList,
  type TenantSecret,
  type UpdateOrganizationRequest,
  unwrap,
} from '@cckm/client';
import { infiniteQueryOptions, mutationOptions, type QueryClient, queryOptions } from '@tanstack/react-query';

/** What a query or mutation of these bindings fails with. */
export type CckmQueryError = CckmProblemError | CckmRequestError;
/** What a watched job fails with: also a CckmWaitError `not-found` when the list does not show it. */
export type CckmWatchError = CckmQueryError | CckmWaitError;

export interface WatchJobOptions {
  /** Time between polls while the job is `in_progress`, ms (default 1000). */
  interval?: number;
}

export interface CckmKeys {
  all: readonly ['cckm'];
  lists(): readonly ['cckm', 'listSfdcSynchronizationJobs'];
  list(query: JobListQuery): readonly ['cckm', 'listSfdcSynchronizationJobs', JobListQuery];
  infinite(
    filter: JobFilter,
    pageSize: number,
  ): readonly ['cckm', 'listSfdcSynchronizationJobs', 'infinite', JobListQuery];
  watches(): readonly ['cckm', 'watchJob'];
  watch(id: string): readonly ['cckm', 'watchJob', string];
}

/** The query keys, for invalidating or reading the cache by hand. */
export const cckmKeys: CckmKeys = {
  all: ['cckm'] as const,
  lists: () => ['cckm', 'listSfdcSynchronizationJobs'] as const,
  list: (query: JobListQuery) => ['cckm', 'listSfdcSynchronizationJobs', query] as const,
  infinite: (filter: JobFilter, pageSize: number) =>
    ['cckm', 'listSfdcSynchronizationJobs', 'infinite', { ...filter, limit: pageSize }] as const,
  watches: () => ['cckm', 'watchJob'] as const,
  watch: (id: string) => ['cckm', 'watchJob', id] as const,
};

/** After a write: every list and every watched job may have changed. */
async function invalidateJobs(client: QueryClient): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: cckmKeys.lists() }),
    client.invalidateQueries({ queryKey: cckmKeys.watches() }),
  ]);
}

/** The next `skip` after a page, or undefined when it was the last. */
export function nextSkip(page: SynchronizationJobList): number | undefined {
  const next = page.skip + page.resources.length;
  return page.resources.length === 0 || next >= page.total ? undefined : next;
}

export function cckmQueries(client: CckmClient) {
  return {
    keys: cckmKeys,

    /** One page of Salesforce jobs (listSfdcSynchronizationJobs). */
    listJobs(query: JobListQuery = {}) {
      return queryOptions<SynchronizationJobList, CckmQueryError, SynchronizationJobList, readonly unknown[]>(
        {
          queryKey: cckmKeys.list(query),
          queryFn: async ({ signal }) => unwrap(await client.listSfdcSynchronizationJobs(query, { signal })),
        },
      );
    },

    /** Every job matching the filter, page by page over `skip`/`limit` (default 20 a page). */
    infiniteJobs(filter: JobFilter = {}, pageSize = 20) {
      return infiniteQueryOptions<
        SynchronizationJobList,
        CckmQueryError,
        { pages: SynchronizationJobList[]; pageParams: number[] },
        readonly unknown[],
        number
      >({
        queryKey: cckmKeys.infinite(filter, pageSize),
        initialPageParam: 0,
        queryFn: async ({ pageParam, signal }) =>
          unwrap(
            await client.listSfdcSynchronizationJobs(
              { ...filter, skip: pageParam, limit: pageSize },
              { signal },
            ),
          ),
        getNextPageParam: nextSkip,
      });
    },

    /**
     * One Salesforce job, polled (through the list, `?id=`) every `interval` while it is
     * `in_progress`; polling stops by itself once it is `completed` or `failed`. The client asks
     * for the page again with its `ETag` where the contract has one, so an unchanged job costs a
     * 304. Fails with a CckmWaitError `not-found` when the list does not show the job.
     */
    watchJob(id: string, options: WatchJobOptions = {}) {
      const interval = options.interval ?? 1_000;
      return queryOptions<SynchronizationJob, CckmWatchError, SynchronizationJob, readonly unknown[]>({
        queryKey: cckmKeys.watch(id),
        queryFn: async ({ signal }) => {
          const page = unwrap(await client.listSfdcSynchronizationJobs({ id, limit: 1 }, { signal }));
          const found = page.resources.find((job) => job.id === id);
          if (!found) throw new CckmWaitError('not-found', id, `No Salesforce synchronization job ${id}`);
          return found;
        },
        refetchInterval: (query) => (query.state.data?.overall_status === 'in_progress' ? interval : false),
        // A job that is not found now will not be found by asking again at once.
        retry: (failures, error) => !(error instanceof CckmWaitError) && failures < 3,
      });
    },

    /** Starts a Salesforce sync (createSfdcSynchronizationJob); invalidates the lists on success. */
    createSfdcSynchronizationJob() {
      return mutationOptions<SfdcSynchronizationJob, CckmQueryError, SfdcSynchronizationJobRequest>({
        mutationKey: ['cckm', 'createSfdcSynchronizationJob'],
        mutationFn: async (body) =>
          unwrap(await client.createSfdcSynchronizationJob(body)) as SfdcSynchronizationJob,
        onSuccess: (_job, _body, _result, context) => invalidateJobs(context.client),
      });
    },

    /** Starts an SAP sync (createSapSynchronizationJob); SAP jobs are not listed, nothing to invalidate. */
    createSapSynchronizationJob() {
      return mutationOptions<SapSynchronizationJob, CckmQueryError, SapSynchronizationJobRequest>({
        mutationKey: ['cckm', 'createSapSynchronizationJob'],
        mutationFn: async (body) =>
          unwrap(await client.createSapSynchronizationJob(body)) as SapSynchronizationJob,
      });
    },

    /** Deletes a destroyed tenant secret's backup (deleteSfdcTenantSecretBackup). */
    deleteSfdcTenantSecretBackup() {
      return mutationOptions<TenantSecret, CckmQueryError, string>({
        mutationKey: ['cckm', 'deleteSfdcTenantSecretBackup'],
        mutationFn: async (id) => unwrap(await client.deleteSfdcTenantSecretBackup(id)),
        onSuccess: (_secret, _id, _result, context) => invalidateJobs(context.client),
      });
    },

    /** Switches an organization's connection (updateSfdcOrganization); invalidates the lists. */
    updateSfdcOrganization() {
      return mutationOptions<
        SalesforceOrganization,
        CckmQueryError,
        { id: string; body: UpdateOrganizationRequest }
      >({
        mutationKey: ['cckm', 'updateSfdcOrganization'],
        mutationFn: async ({ id, body }) => unwrap(await client.updateSfdcOrganization(id, body)),
        onSuccess: (_organization, _input, _result, context) => invalidateJobs(context.client),
      });
    },
  };
}

export type CckmQueries = ReturnType<typeof cckmQueries>;
