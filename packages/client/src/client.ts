// The typed CCKM client: one method per operation (named after its operationId), bearer auth with
// one refresh-and-retry on 401, a request id on every call, problems typed from the contract, and
// the helpers a jobs API needs (paging through every job, waiting for one to finish).
import type {
  ListSfdcSynchronizationJobsQuery,
  paths,
  SapSynchronizationJobRequest,
  SfdcSynchronizationJobRequest,
  SynchronizationJob,
  SynchronizationJobList,
  SynchronizationJobSortKey,
  UpdateOrganizationRequest,
} from '@cckm/api-types';
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { CckmProblemError, CckmRequestError, toProblem } from './errors.ts';

export interface TokenContext {
  /** `initial` before a request; `rejected` after the server answered 401 to the last token. */
  reason: 'initial' | 'rejected';
}

export interface CckmClientOptions {
  /** The API root, e.g. https://cm.example.com/api, or the mock's http://127.0.0.1:4010/api. */
  baseUrl: string;
  /** A fixed bearer token. */
  token?: string;
  /** Called for a token before each request, and once more (reason `rejected`) after a 401. */
  getToken?: (context: TokenContext) => string | Promise<string>;
  fetch?: (request: Request) => Promise<Response>;
  headers?: Record<string, string>;
  /** Makes the `X-Request-Id` of each request; default a random UUID. */
  requestId?: () => string;
}

export interface CallOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** The list query, with `sort` as typed keys (`'-createdAt'`) or a list of them. */
export type JobListQuery = Omit<ListSfdcSynchronizationJobsQuery, 'sort'> & {
  sort?: SynchronizationJobSortKey | readonly SynchronizationJobSortKey[];
};

export type JobFilter = Omit<JobListQuery, 'skip' | 'limit'>;

export interface WaitForJobOptions {
  /** Time between polls, ms (default 1000). */
  interval?: number;
  /** Give up after this long, ms (default 300000). */
  timeout?: number;
  signal?: AbortSignal;
  onProgress?: (job: SynchronizationJob) => void;
}

/** Returns `data`, or throws the response's problem as a CckmProblemError. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && result.data !== undefined) return result.data;
  throw new CckmProblemError(toProblem(result.error, result.response), result.response);
}

const SYNC_JOBS = '/v1/cckm/sfdc/keys/synchronization-jobs';

export function createCckmClient(options: CckmClientOptions) {
  const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const http: Client<paths> = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: send,
    ...(options.headers ? { headers: options.headers } : {}),
    // The contract's array parameters are `style: form, explode: false` (organizations=a,b).
    querySerializer: { array: { style: 'form', explode: false } },
  });
  http.use(authentication(options, send));

  const signalOf = (call?: CallOptions) => ({
    ...(call?.signal ? { signal: call.signal } : {}),
    ...(call?.headers ? { headers: call.headers } : {}),
  });
  const client = {
    /** The underlying openapi-fetch client, for anything the methods below do not cover. */
    http,

    createSfdcSynchronizationJob(body: SfdcSynchronizationJobRequest, call?: CallOptions) {
      return http.POST(SYNC_JOBS, { body, ...signalOf(call) });
    },

    listSfdcSynchronizationJobs(query: JobListQuery = {}, call?: CallOptions) {
      const { sort, ...rest } = query;
      const serialised: ListSfdcSynchronizationJobsQuery = {
        ...rest,
        ...(sort ? { sort: typeof sort === 'string' ? sort : sort.join(',') } : {}),
      };
      return http.GET(SYNC_JOBS, { params: { query: serialised }, ...signalOf(call) });
    },

    deleteSfdcTenantSecretBackup(id: string, call?: CallOptions) {
      return http.POST('/v1/cckm/sfdc/keys/{id}/delete-backup', {
        params: { path: { id } },
        ...signalOf(call),
      });
    },

    createSapSynchronizationJob(body: SapSynchronizationJobRequest, call?: CallOptions) {
      return http.POST('/v1/cckm/sap/synchronization-jobs', { body, ...signalOf(call) });
    },

    updateSfdcOrganization(id: string, body: UpdateOrganizationRequest, call?: CallOptions) {
      return http.PATCH('/v1/cckm/sfdc/organizations/{id}', {
        params: { path: { id } },
        body,
        ...signalOf(call),
      });
    },

    /** Every job matching the filter, page by page (skip/limit) until `total`. */
    async *iterateSfdcSynchronizationJobs(
      filter: JobFilter = {},
      paging: { pageSize?: number; signal?: AbortSignal } = {},
    ): AsyncGenerator<SynchronizationJob, void, undefined> {
      const limit = paging.pageSize ?? 100;
      let skip = 0;
      for (;;) {
        const page: SynchronizationJobList = unwrap(
          await client.listSfdcSynchronizationJobs(
            { ...filter, skip, limit },
            paging.signal ? { signal: paging.signal } : {},
          ),
        );
        yield* page.resources;
        skip += page.resources.length;
        if (page.resources.length === 0 || skip >= page.total) return;
      }
    },

    /** Polls the job until it is `completed` or `failed`; returns it then. */
    async waitForJob(id: string, wait: WaitForJobOptions = {}): Promise<SynchronizationJob> {
      const interval = wait.interval ?? 1_000;
      const deadline = Date.now() + (wait.timeout ?? 300_000);
      for (;;) {
        const page = unwrap(
          await client.listSfdcSynchronizationJobs(
            { id, limit: 1 },
            wait.signal ? { signal: wait.signal } : {},
          ),
        );
        const job = page.resources[0];
        if (!job) throw new Error(`No synchronization job ${id}`);
        wait.onProgress?.(job);
        if (job.overall_status !== 'in_progress') return job;
        if (Date.now() + interval > deadline) {
          throw new Error(`Job ${id} is still in progress after ${wait.timeout ?? 300_000} ms`);
        }
        await sleep(interval, wait.signal);
      }
    },
  };
  return client;
}

export type CckmClient = ReturnType<typeof createCckmClient>;

function authentication(
  options: CckmClientOptions,
  send: (request: Request) => Promise<Response>,
): Middleware {
  const pending = new Map<string, Request>();
  const tokenFor = async (reason: TokenContext['reason']) =>
    options.getToken ? await options.getToken({ reason }) : options.token;
  const requestId = options.requestId ?? (() => globalThis.crypto.randomUUID());

  return {
    async onRequest({ request, id }) {
      const token = await tokenFor('initial');
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      if (!request.headers.has('X-Request-Id')) request.headers.set('X-Request-Id', requestId());
      // Kept for one retry: a fresh token may fix a 401, and the body must be sent again.
      if (options.getToken) pending.set(id, request.clone());
      return request;
    },
    async onResponse({ response, id }) {
      const original = pending.get(id);
      pending.delete(id);
      if (response.status !== 401 || !original) return response;
      const token = await tokenFor('rejected');
      if (!token) return response;
      original.headers.set('Authorization', `Bearer ${token}`);
      return send(original);
    },
    onError({ error, request, id }) {
      pending.delete(id);
      return CckmRequestError.from(error, request);
    },
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
