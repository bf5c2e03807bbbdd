// The typed CCKM client: one method per operation (named after its operationId), bearer auth with
// one refresh-and-retry on 401, a request id on every call, problems typed from the contract, and
// the helpers a jobs API needs (paging through every job, waiting for one to finish).
//
// When it throws: the methods never throw for a problem or for a request that got no usable
// answer; both come back as `error` (a Problem, or a CckmRequestError). They throw only what the
// caller's own `getToken` throws, and a TypeError for a `baseUrl` that is not a URL. `unwrap`,
// `iterateSfdcSynchronizationJobs` and `waitForJob` throw (CckmProblemError, CckmRequestError,
// and for waitForJob CckmWaitError).
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
import { CckmProblemError, CckmRequestError, CckmWaitError, toProblem } from './errors.ts';

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
  /**
   * How many list pages the client keeps with their `ETag`, to ask for each again with
   * `If-None-Match` (default 32; 0 keeps none). A page that has not changed then comes as a `304`
   * with no body, and the method returns the page kept, with that 304 as `response`.
   */
  revalidatedPages?: number;
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
  /** Give up after this long, ms (default 300000): a CckmWaitError of kind `timeout`. */
  timeout?: number;
  /** Stop waiting: a CckmWaitError of kind `aborted`, with the signal's reason as `cause`. */
  signal?: AbortSignal;
  /** Called with every state of the job seen, the first and the last included. */
  onProgress?: (job: SynchronizationJob) => void;
}

/** What a method returns when no usable response came: no `data`, no `response`. */
export interface RequestFailed {
  data?: never;
  error: CckmRequestError;
  response?: undefined;
}

/**
 * Returns `data`; throws the CckmRequestError of a request that got no usable answer, or the
 * response's problem as a CckmProblemError.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response?: Response | undefined }): T {
  if (result.error instanceof CckmRequestError) throw result.error;
  const response = result.response as Response;
  // A 304 comes with data only when the client kept the page it revalidated.
  if ((response.ok || response.status === 304) && result.data !== undefined) return result.data;
  throw new CckmProblemError(toProblem(result.error, response), response);
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
  const tokenErrors = new WeakSet<object>();
  http.use(authentication(options, send, tokenErrors));
  const pages = keptPages(options.revalidatedPages ?? 32);

  /**
   * Runs one openapi-fetch call and turns a failure to get a usable answer into `{ error }`.
   * A per-call middleware notes the request as sent (after the auth middleware has finished), so
   * anything thrown before that (getToken, an invalid URL) is the caller's and is rethrown as is.
   */
  async function settle<R>(
    call: (init: {
      middleware: Middleware[];
      signal?: AbortSignal;
      headers?: Record<string, string>;
    }) => Promise<R>,
    options?: CallOptions,
  ): Promise<R | RequestFailed> {
    let sent: Request | undefined;
    const tracker: Middleware = {
      onRequest({ request }) {
        sent = request;
        return undefined;
      },
    };
    try {
      return await call({
        middleware: [tracker],
        ...(options?.signal ? { signal: options.signal } : {}),
        ...(options?.headers ? { headers: options.headers } : {}),
      });
    } catch (error) {
      if (error instanceof CckmRequestError) return { error };
      if (typeof error !== 'object' || error === null || tokenErrors.has(error) || !sent) throw error;
      return { error: CckmRequestError.from(error, sent) };
    }
  }

  const client = {
    /**
     * The underlying openapi-fetch client, for anything the methods below do not cover. Unlike
     * the methods, it throws (a CckmRequestError) when no response comes.
     */
    http,

    createSfdcSynchronizationJob(body: SfdcSynchronizationJobRequest, call?: CallOptions) {
      return settle((init) => http.POST(SYNC_JOBS, { body, ...init }), call);
    },

    /**
     * One page of the list. A page asked for before comes back as a `304` when it has not changed
     * (see `revalidatedPages`): `data` is then the page kept, `response.status` 304.
     */
    async listSfdcSynchronizationJobs(query: JobListQuery = {}, call?: CallOptions) {
      const { sort, ...rest } = query;
      const serialised: ListSfdcSynchronizationJobsQuery = {
        ...rest,
        ...(sort ? { sort: typeof sort === 'string' ? [sort] : [...sort] } : {}),
      };
      const key = JSON.stringify(serialised);
      const kept = pages.get(key);
      const conditional =
        kept && !Object.keys(call?.headers ?? {}).some((name) => name.toLowerCase() === 'if-none-match')
          ? { ...call, headers: { ...call?.headers, 'If-None-Match': kept.etag } }
          : call;
      const result = await settle(
        (init) => http.GET(SYNC_JOBS, { params: { query: serialised }, ...init }),
        conditional,
      );
      const { response } = result;
      if (response?.status === 304 && kept && conditional !== call) {
        pages.touch(key);
        return { data: kept.page, response } as typeof result;
      }
      const etag = response?.headers.get('ETag');
      if (response?.status === 200 && result.data && etag) pages.set(key, { etag, page: result.data });
      return result;
    },

    deleteSfdcTenantSecretBackup(id: string, call?: CallOptions) {
      return settle(
        (init) => http.POST('/v1/cckm/sfdc/keys/{id}/delete-backup', { params: { path: { id } }, ...init }),
        call,
      );
    },

    createSapSynchronizationJob(body: SapSynchronizationJobRequest, call?: CallOptions) {
      return settle((init) => http.POST('/v1/cckm/sap/synchronization-jobs', { body, ...init }), call);
    },

    updateSfdcOrganization(id: string, body: UpdateOrganizationRequest, call?: CallOptions) {
      return settle(
        (init) => http.PATCH('/v1/cckm/sfdc/organizations/{id}', { params: { path: { id } }, body, ...init }),
        call,
      );
    },

    /**
     * Every job matching the filter, page by page (skip/limit) until `total`. Throws a
     * CckmProblemError or CckmRequestError if a page cannot be had.
     */
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

    /**
     * Polls a Salesforce job (through the list operation, `?id=`) until it is `completed` or
     * `failed`, and returns it then. Rejects with a CckmWaitError (`timeout`, `not-found`,
     * `not-observable` for an SAP job, `aborted`), or with the CckmProblemError/CckmRequestError
     * of a poll that failed. Pass the job itself rather than its ID to have an SAP job refused at
     * once: the five operations list only Salesforce jobs, so SAP jobs cannot be observed.
     */
    async waitForJob(
      job: string | Pick<SynchronizationJob, 'id' | 'cloud'>,
      wait: WaitForJobOptions = {},
    ): Promise<SynchronizationJob> {
      const id = typeof job === 'string' ? job : job.id;
      if (typeof job !== 'string' && job.cloud !== 'sfdc') throw notObservable(id);
      const interval = wait.interval ?? 1_000;
      const timeout = wait.timeout ?? 300_000;
      const stop = new AbortController();
      const timer = setTimeout(() => stop.abort(), timeout);
      const onAbort = () => stop.abort(wait.signal?.reason);
      if (wait.signal?.aborted) onAbort();
      wait.signal?.addEventListener('abort', onAbort, { once: true });
      let last: SynchronizationJob | undefined;
      try {
        while (!stop.signal.aborted) {
          const result = await client.listSfdcSynchronizationJobs({ id, limit: 1 }, { signal: stop.signal });
          if (stop.signal.aborted) break;
          const found = unwrap(result).resources.find((candidate) => candidate.id === id);
          if (!found) {
            throw new CckmWaitError(
              'not-found',
              id,
              `No Salesforce synchronization job ${id}. The list operation shows only Salesforce jobs: ` +
                'an SAP job cannot be waited for through the five CCKM operations.',
            );
          }
          if (found.cloud !== 'sfdc') throw notObservable(id);
          last = found;
          wait.onProgress?.(found);
          if (found.overall_status !== 'in_progress') return found;
          await sleep(interval, stop.signal);
        }
        if (wait.signal?.aborted) {
          throw new CckmWaitError('aborted', id, `Stopped waiting for job ${id}`, {
            cause: wait.signal.reason,
            ...(last ? { job: last } : {}),
          });
        }
        throw new CckmWaitError('timeout', id, `Job ${id} is still in progress after ${timeout} ms`, {
          ...(last ? { job: last } : {}),
        });
      } finally {
        clearTimeout(timer);
        wait.signal?.removeEventListener('abort', onAbort);
      }
    },
  };
  return client;
}

function notObservable(id: string): CckmWaitError {
  return new CckmWaitError(
    'not-observable',
    id,
    `Job ${id} is an SAP job: the five CCKM operations list only Salesforce jobs, so its progress ` +
      'cannot be observed through this API.',
  );
}

export type CckmClient = ReturnType<typeof createCckmClient>;

function authentication(
  options: CckmClientOptions,
  send: (request: Request) => Promise<Response>,
  tokenErrors: WeakSet<object>,
): Middleware {
  const pending = new Map<string, Request>();
  const tokenFor = async (reason: TokenContext['reason']) => {
    try {
      return options.getToken ? await options.getToken({ reason }) : options.token;
    } catch (error) {
      // The caller's own failure: remembered so that it is rethrown as is, never as a request error.
      if (typeof error === 'object' && error !== null) tokenErrors.add(error);
      throw error;
    }
  };
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
      try {
        return await send(original);
      } catch (error) {
        throw CckmRequestError.from(error, original);
      }
    },
    onError({ error, request, id }) {
      pending.delete(id);
      return CckmRequestError.from(error, request);
    },
  };
}

/** A list page kept with its entity tag, for a conditional GET. */
interface KeptPage {
  etag: string;
  page: SynchronizationJobList;
}

/**
 * The last `size` pages, by query, least recently used dropped first. A kept page is only ever
 * returned for a 304 to its own tag, which the server sends only when the page is the same to
 * the byte: whose token asked does not matter.
 */
function keptPages(size: number) {
  const pages = new Map<string, KeptPage>();
  return {
    get: (key: string) => pages.get(key),
    touch(key: string) {
      const page = pages.get(key);
      if (!page) return;
      pages.delete(key);
      pages.set(key, page);
    },
    set(key: string, page: KeptPage) {
      if (size <= 0) return;
      pages.delete(key);
      pages.set(key, page);
      if (pages.size > size) pages.delete(pages.keys().next().value as string);
    },
  };
}

/** Resolves after `ms`, or as soon as the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    if (signal.aborted) done();
    else signal.addEventListener('abort', done, { once: true });
  });
}
