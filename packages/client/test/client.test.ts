import { describe, expect, test, vi } from 'vitest';
import { CckmProblemError, CckmRequestError, createCckmClient, unwrap } from '../src/index.ts';
import { job, json, page, problem, recordingFetch } from './helpers.ts';

const BASE = 'https://cm.example.test/api';
const JOB_ID = 'c8d2f27b-fb4f-4557-b63c-00d4a1439c4a';

describe('requests', () => {
  test('when an operation is called, then the bearer token, a request id and the JSON body are sent', async () => {
    const { fetch, requests } = recordingFetch(() => json(201, job(JOB_ID)));
    const client = createCckmClient({
      baseUrl: BASE,
      token: 't0ken',
      fetch,
      requestId: () => 'req-1',
      headers: { 'X-Tenant': 'a' },
    });

    const { data } = await client.createSfdcSynchronizationJob({ synchronize_all: true });

    expect(data?.id).toBe(JOB_ID);
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`${BASE}/v1/cckm/sfdc/keys/synchronization-jobs`);
    expect(request?.headers.get('authorization')).toBe('Bearer t0ken');
    expect(request?.headers.get('x-request-id')).toBe('req-1');
    expect(request?.headers.get('x-tenant')).toBe('a');
    expect(await request?.json()).toEqual({ synchronize_all: true });
  });

  test('when the list is filtered, then arrays are comma-separated and sort keys joined', async () => {
    const { fetch, requests } = recordingFetch(() => page([], 0));
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch });

    await client.listSfdcSynchronizationJobs({
      organizations: ['2473e846-31a8-4ee6-8299-17025548b4e2', '00DB000000040bIMAQ'],
      overall_status: 'completed',
      sort: ['overall_status', '-createdAt'],
      skip: 20,
      limit: 5,
    });

    const url = new URL(requests[0]?.url as string);
    expect(url.searchParams.get('organizations')).toBe(
      '2473e846-31a8-4ee6-8299-17025548b4e2,00DB000000040bIMAQ',
    );
    expect(url.searchParams.get('sort')).toBe('overall_status,-createdAt');
    expect(url.searchParams.get('skip')).toBe('20');
    expect(url.searchParams.get('overall_status')).toBe('completed');
  });

  test('when delete-backup and the organization update are called, then the path ID is filled in', async () => {
    const { fetch, requests } = recordingFetch(() => json(200, {}));
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch });
    await client.deleteSfdcTenantSecretBackup('912c7e4d-121e-42bc-ba28-33005cc665cf');
    await client.updateSfdcOrganization('2473e846-31a8-4ee6-8299-17025548b4e2', {
      connection: 'new-sfdc-connection',
    });
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'POST /api/v1/cckm/sfdc/keys/912c7e4d-121e-42bc-ba28-33005cc665cf/delete-backup',
      'PATCH /api/v1/cckm/sfdc/organizations/2473e846-31a8-4ee6-8299-17025548b4e2',
    ]);
  });
});

describe('tokens', () => {
  test('when the server answers 401, then getToken is asked once more and the request retried with its body', async () => {
    const { fetch, requests } = recordingFetch((request) =>
      request.headers.get('authorization') === 'Bearer fresh'
        ? json(201, job(JOB_ID))
        : problem(401, 'unauthorized', 'expired'),
    );
    const getToken = vi.fn(async ({ reason }: { reason: string }) =>
      reason === 'initial' ? 'stale' : 'fresh',
    );
    const client = createCckmClient({ baseUrl: BASE, getToken, fetch });

    const { data, response } = await client.createSfdcSynchronizationJob({
      organization_ids: ['00DB000000040bIMAQ'],
    });

    expect(response.status).toBe(201);
    expect(data?.id).toBe(JOB_ID);
    expect(getToken.mock.calls.map(([context]) => context.reason)).toEqual(['initial', 'rejected']);
    expect(requests).toHaveLength(2);
    expect(await requests[1]?.json()).toEqual({ organization_ids: ['00DB000000040bIMAQ'] });
  });

  test('when the fresh token is refused too, then the 401 problem is returned without a third try', async () => {
    const { fetch, requests } = recordingFetch(() =>
      problem(401, 'unauthorized', 'The bearer token has expired'),
    );
    const client = createCckmClient({ baseUrl: BASE, getToken: () => 'always-stale', fetch });
    const { error, response } = await client.listSfdcSynchronizationJobs();
    expect(response.status).toBe(401);
    expect(error?.detail).toBe('The bearer token has expired');
    expect(requests).toHaveLength(2);
  });
});

describe('errors', () => {
  test('when the server answers a problem, then error is the typed problem and unwrap throws it', async () => {
    const { fetch } = recordingFetch(() =>
      problem(409, 'sync-job-running', 'Job x is still synchronizing organization y'),
    );
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch });
    const result = await client.createSfdcSynchronizationJob({ synchronize_all: true });
    expect(result.data).toBeUndefined();
    expect(result.error?.type).toBe('urn:cckm:problem:sync-job-running');
    let thrown: unknown;
    try {
      unwrap(result);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CckmProblemError);
    expect(thrown).toMatchObject({
      status: 409,
      type: 'urn:cckm:problem:sync-job-running',
      detail: 'Job x is still synchronizing organization y',
      errors: [],
    });
  });

  test('when a proxy answers an HTML error page, then unwrap still throws a problem with the status', async () => {
    const { fetch } = recordingFetch(
      () => new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch });
    const result = await client.listSfdcSynchronizationJobs();
    expect(() => unwrap(result)).toThrow(
      expect.objectContaining({ status: 502, title: 'Bad Gateway', type: 'about:blank' }),
    );
  });

  test('when the network fails, then a CckmRequestError of kind network is thrown, not a problem', async () => {
    const client = createCckmClient({
      baseUrl: BASE,
      token: 't',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    await expect(client.listSfdcSynchronizationJobs()).rejects.toMatchObject({
      name: 'CckmRequestError',
      kind: 'network',
    });
  });

  test('when the signal times out or is aborted, then the kind says which', async () => {
    // Like a real fetch: never answers, rejects with the signal's reason once it aborts, and keeps
    // the request reachable while it is open (as a socket would).
    const open: Request[] = [];
    const hang = (request: Request) =>
      new Promise<Response>((_resolve, reject) => {
        open.push(request);
        if (request.signal.aborted) reject(request.signal.reason);
        request.signal.addEventListener('abort', () => reject(request.signal.reason));
      });
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch: hang });
    await expect(
      client.listSfdcSynchronizationJobs({}, { signal: AbortSignal.timeout(20) }),
    ).rejects.toMatchObject({ kind: 'timeout' });
    const controller = new AbortController();
    const pending = client.listSfdcSynchronizationJobs({}, { signal: controller.signal });
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CckmRequestError);
    expect((error as CckmRequestError).kind).toBe('aborted');
  });
});

describe('paging and waiting', () => {
  test('when iterating, then pages are fetched with skip/limit until total', async () => {
    const jobs = Array.from({ length: 5 }, (_, i) => job(`00000000-0000-4000-8000-00000000000${i}`));
    const { fetch, requests } = recordingFetch((request) => {
      const url = new URL(request.url);
      const skip = Number(url.searchParams.get('skip'));
      const limit = Number(url.searchParams.get('limit'));
      return page(jobs.slice(skip, skip + limit), jobs.length, skip, limit);
    });
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch });
    const seen: string[] = [];
    for await (const found of client.iterateSfdcSynchronizationJobs(
      { overall_status: 'completed' },
      { pageSize: 2 },
    ))
      seen.push(found.id);
    expect(seen).toEqual(jobs.map((j) => j.id));
    expect(requests.map((r) => new URL(r.url).search)).toEqual([
      '?overall_status=completed&skip=0&limit=2',
      '?overall_status=completed&skip=2&limit=2',
      '?overall_status=completed&skip=4&limit=2',
    ]);
  });

  test('when a page fails, then iteration throws the problem', async () => {
    const { fetch } = recordingFetch(() => problem(403, 'forbidden', 'no'));
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch });
    const iterate = async () => {
      for await (const _ of client.iterateSfdcSynchronizationJobs()) void _;
    };
    await expect(iterate()).rejects.toBeInstanceOf(CckmProblemError);
  });

  test('when waiting for a job, then it polls by id, reports progress, and returns the finished job', async () => {
    const { fetch, requests } = recordingFetch((_request, index) =>
      page([job(JOB_ID, index < 2 ? 'in_progress' : 'completed')], 1),
    );
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch });
    const progress: string[] = [];
    const finished = await client.waitForJob(JOB_ID, {
      interval: 5,
      onProgress: (j) => progress.push(j.overall_status),
    });
    expect(finished.overall_status).toBe('completed');
    expect(progress).toEqual(['in_progress', 'in_progress', 'completed']);
    expect(new URL(requests[0]?.url as string).searchParams.get('id')).toBe(JOB_ID);
  });

  test('when the job does not finish in time, then waitForJob rejects', async () => {
    const { fetch } = recordingFetch(() => page([job(JOB_ID)], 1));
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch });
    await expect(client.waitForJob(JOB_ID, { interval: 10, timeout: 30 })).rejects.toThrow(
      `Job ${JOB_ID} is still in progress after 30 ms`,
    );
  });

  test('when the wait is aborted, then it stops with the abort reason', async () => {
    const { fetch } = recordingFetch(() => page([job(JOB_ID)], 1));
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch });
    const controller = new AbortController();
    const waiting = client.waitForJob(JOB_ID, { interval: 1_000, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user left')), 20);
    await expect(waiting).rejects.toThrow('user left');
  });

  test('when the job does not exist, then waitForJob says so', async () => {
    const { fetch } = recordingFetch(() => page([], 0));
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch });
    await expect(client.waitForJob(JOB_ID)).rejects.toThrow(`No synchronization job ${JOB_ID}`);
  });
});
