import { type AddressInfo, createServer, type Socket } from 'node:net';
import { describe, expect, test, vi } from 'vitest';
import { CckmProblemError, CckmRequestError, CckmWaitError, createCckmClient, unwrap } from '../src/index.ts';
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

    expect(response?.status).toBe(201);
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
    expect(response?.status).toBe(401);
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
    expect(result.error).not.toBeInstanceOf(CckmRequestError);
    expect(result.error).toMatchObject({ type: 'urn:cckm:problem:sync-job-running' });
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

  test('when the network fails, then error is a CckmRequestError of kind network and nothing is thrown', async () => {
    const refused = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') });
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch: () => Promise.reject(refused) });

    const { data, error, response } = await client.listSfdcSynchronizationJobs();

    expect(data).toBeUndefined();
    expect(response).toBeUndefined();
    expect(error).toBeInstanceOf(CckmRequestError);
    expect(error).toMatchObject({
      kind: 'network',
      title: 'Network error',
      method: 'GET',
      url: `${BASE}/v1/cckm/sfdc/keys/synchronization-jobs`,
    });
    expect((error as CckmRequestError).detail).toContain('connect ECONNREFUSED 127.0.0.1:9');
    expect((error as CckmRequestError).cause).toBe(refused);
    expect((error as CckmRequestError).request.headers.get('x-request-id')).toBeTruthy();
    expect(() => unwrap({ data, error, response })).toThrow(error as CckmRequestError);
  });

  test('when the call is aborted or its timeout has fired, then error says which, for every operation', async () => {
    // Like a real fetch: never answers, rejects with the signal's reason once it aborts.
    const hang = (request: Request) =>
      new Promise<Response>((_resolve, reject) => {
        if (request.signal.aborted) reject(request.signal.reason);
        request.signal.addEventListener('abort', () => reject(request.signal.reason));
      });
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch: hang });
    const fired = AbortSignal.timeout(1);
    await new Promise((resolve) => fired.addEventListener('abort', resolve));
    const timedOut = await client.createSfdcSynchronizationJob({ synchronize_all: true }, { signal: fired });
    expect(timedOut.error).toMatchObject({ name: 'CckmRequestError', kind: 'timeout', method: 'POST' });

    const controller = new AbortController();
    const calls = [
      client.listSfdcSynchronizationJobs({}, { signal: controller.signal }),
      client.deleteSfdcTenantSecretBackup('912c7e4d-121e-42bc-ba28-33005cc665cf', {
        signal: controller.signal,
      }),
      client.createSapSynchronizationJob({ synchronize_all: true }, { signal: controller.signal }),
      client.updateSfdcOrganization('x', { connection: 'c' }, { signal: controller.signal }),
    ];
    controller.abort(new Error('user left'));
    const results = await Promise.all(calls);
    expect(results.map((result) => (result.error as CckmRequestError).kind)).toEqual([
      'aborted',
      'aborted',
      'aborted',
      'aborted',
    ]);
  });

  test('when a real server accepts but never answers, then AbortSignal.timeout gives kind timeout', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const client = createCckmClient({ baseUrl: `http://127.0.0.1:${port}/api`, token: 't' });
      const deadline = AbortSignal.timeout(300);
      const { error } = await client.listSfdcSynchronizationJobs({}, { signal: deadline });
      expect(deadline.aborted).toBe(true);
      expect(error).toMatchObject({ name: 'CckmRequestError', kind: 'timeout', title: 'Request timed out' });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  test('when nothing listens on the port, then error is a network CckmRequestError naming the cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const client = createCckmClient({ baseUrl: `http://127.0.0.1:${port}/api`, token: 't' });
    const { error } = await client.listSfdcSynchronizationJobs();
    expect(error).toMatchObject({ name: 'CckmRequestError', kind: 'network' });
    expect(error?.detail).toContain('ECONNREFUSED');
  });

  test('when the body is cut off while it is read, then error is a network CckmRequestError', async () => {
    const broken = new ReadableStream({
      start(stream) {
        stream.enqueue(new TextEncoder().encode('{"skip":0,'));
        stream.error(new TypeError('terminated'));
      },
    });
    const client = createCckmClient({
      baseUrl: BASE,
      token: 't',
      fetch: async () =>
        new Response(broken, { status: 200, headers: { 'Content-Type': 'application/json' } }),
    });
    const { error } = await client.listSfdcSynchronizationJobs();
    expect(error).toMatchObject({ name: 'CckmRequestError', kind: 'network' });
  });

  test('when a 2xx answer is an HTML page, then error is an invalid-response CckmRequestError', async () => {
    const client = createCckmClient({
      baseUrl: BASE,
      token: 't',
      fetch: async () => new Response('<!doctype html><title>app</title>', { status: 200 }),
    });
    const { error } = await client.listSfdcSynchronizationJobs();
    expect(error).toMatchObject({ kind: 'invalid-response', title: 'Invalid response' });
  });

  test('when the retry after a 401 cannot reach the server, then error is a CckmRequestError', async () => {
    const { fetch } = recordingFetch((_request, index) => {
      if (index === 0) return problem(401, 'unauthorized', 'expired');
      throw new TypeError('fetch failed');
    });
    const client = createCckmClient({ baseUrl: BASE, getToken: () => 'token', fetch });
    const { error } = await client.listSfdcSynchronizationJobs();
    expect(error).toMatchObject({ name: 'CckmRequestError', kind: 'network' });
  });

  test("when getToken throws, then the caller's own error is thrown as is", async () => {
    const mistake = new TypeError('vault unreachable');
    const { fetch, requests } = recordingFetch(() => json(200, {}));
    const client = createCckmClient({
      baseUrl: BASE,
      getToken: () => {
        throw mistake;
      },
      fetch,
    });
    await expect(client.listSfdcSynchronizationJobs()).rejects.toBe(mistake);
    expect(requests).toHaveLength(0);
  });

  test('when the raw openapi-fetch client cannot connect, then it throws the CckmRequestError', async () => {
    const client = createCckmClient({
      baseUrl: BASE,
      token: 't',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    await expect(client.http.GET('/v1/cckm/sfdc/keys/synchronization-jobs')).rejects.toBeInstanceOf(
      CckmRequestError,
    );
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

  test('when the job does not finish in time, then waitForJob rejects with a timeout CckmWaitError', async () => {
    const { fetch } = recordingFetch(() => page([job(JOB_ID)], 1));
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch });
    const error = await client.waitForJob(JOB_ID, { interval: 10, timeout: 60 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CckmWaitError);
    expect(error).toMatchObject({
      kind: 'timeout',
      jobId: JOB_ID,
      message: `Job ${JOB_ID} is still in progress after 60 ms`,
    });
    expect((error as CckmWaitError).job?.overall_status).toBe('in_progress');
  });

  test('when a poll hangs past the timeout, then waitForJob still stops at the timeout', async () => {
    const client = createCckmClient({
      baseUrl: BASE,
      token: 't',
      fetch: (request) =>
        new Promise<Response>((_resolve, reject) =>
          request.signal.addEventListener('abort', () => reject(request.signal.reason)),
        ),
    });
    await expect(client.waitForJob(JOB_ID, { timeout: 50 })).rejects.toMatchObject({
      name: 'CckmWaitError',
      kind: 'timeout',
    });
  });

  test('when the wait is aborted, then it rejects with an aborted CckmWaitError carrying the reason', async () => {
    const { fetch } = recordingFetch(() => page([job(JOB_ID)], 1));
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch });
    const controller = new AbortController();
    const reason = new Error('user left');
    const waiting = client.waitForJob(JOB_ID, { interval: 1_000, signal: controller.signal });
    setTimeout(() => controller.abort(reason), 20);
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'CckmWaitError', kind: 'aborted', cause: reason });
  });

  test('when the job does not exist, then waitForJob rejects with not-found and says SAP jobs are not listed', async () => {
    const { fetch } = recordingFetch(() => page([job('8d5ccc9f-0d18-482d-bb13-593665a4813c')], 1));
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch });
    const error = await client.waitForJob(JOB_ID).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'CckmWaitError', kind: 'not-found', jobId: JOB_ID });
    expect((error as Error).message).toContain('an SAP job cannot be waited for');
  });

  test('when waitForJob is given an SAP job, then it refuses at once as not observable', async () => {
    const { fetch, requests } = recordingFetch(() => page([], 0));
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch });
    const error = await client.waitForJob({ id: JOB_ID, cloud: 'sap' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'CckmWaitError', kind: 'not-observable' });
    expect((error as Error).message).toContain('cannot be observed');
    expect(requests).toHaveLength(0);
  });

  test('when a poll fails, then waitForJob rejects with its problem or request error', async () => {
    const forbidden = createCckmClient({
      baseUrl: BASE,
      token: 't',
      fetch: recordingFetch(() => problem(403, 'forbidden', 'no')).fetch,
    });
    await expect(forbidden.waitForJob(JOB_ID)).rejects.toBeInstanceOf(CckmProblemError);
    const offline = createCckmClient({
      baseUrl: BASE,
      token: 't',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    await expect(offline.waitForJob(JOB_ID)).rejects.toMatchObject({
      name: 'CckmRequestError',
      kind: 'network',
    });
  });
});
