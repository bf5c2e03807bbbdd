// @vitest-environment happy-dom
// (TanStack Query polls only where there is a window: refetchInterval is off on a server.)
// The bindings on a QueryClient in Node, against the MSW handlers of @cckm/msw (no server): pages,
// the infinite list, the job watcher's polling (on fake timers, the model's clock moved by the
// test), invalidation after a write, and the client's typed errors.
import {
  CckmProblemError,
  type CckmRequestError,
  createCckmClient,
  type SynchronizationJobList,
} from '@cckm/client';
import { createCckmHandlers, createCckmModel, DEMO } from '@cckm/msw';
import { MutationObserver, QueryClient, QueryObserver } from '@tanstack/react-query';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, expectTypeOf, test, vi } from 'vitest';
import { type CckmQueryError, cckmKeys, cckmQueries } from '../src/index.ts';

const API = 'http://cckm.test/api';
const model = createCckmModel({ jobDurationMs: 2_000 });
const server = setupServer(...createCckmHandlers({ baseUrl: API, model }));
const requests: string[] = [];
const client = createCckmClient({
  baseUrl: API,
  token: 'any-token',
  fetch: async (request) => {
    const response = await fetch(request);
    requests.push(`${request.method} ${new URL(request.url).search} ${response.status}`);
    return response;
  },
});
const cckm = cckmQueries(client);
const THALES = DEMO.organizations[0].organizationId;
let queryClient: QueryClient;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  requests.length = 0;
});
afterEach(() => {
  queryClient.clear();
  model.reset();
  vi.useRealTimers();
});
afterAll(() => server.close());

describe('queries', () => {
  test('when a page is fetched, then it is the typed list under its key', async () => {
    await client.createSfdcSynchronizationJob({ synchronize_all: true });
    const page = await queryClient.fetchQuery(cckm.listJobs({ limit: 5 }));
    expectTypeOf(page).toEqualTypeOf<SynchronizationJobList>();
    expect(page).toMatchObject({ skip: 0, limit: 5, total: 1 });
    expect(queryClient.getQueryData(cckmKeys.list({ limit: 5 }))).toEqual(page);
  });

  test('when the request breaks the contract, then the query fails with the typed problem', async () => {
    const failure = await queryClient
      .fetchQuery(cckm.listJobs({ limit: 0 }))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CckmProblemError);
    expect((failure as CckmProblemError).errors).toEqual([{ path: '/query/limit', message: 'must be >= 1' }]);
    expectTypeOf<CckmQueryError>().toEqualTypeOf<CckmProblemError | CckmRequestError>();
  });

  test('when the infinite list is read to its end, then skip/limit page through every job once', async () => {
    for (let i = 0; i < 5; i += 1) {
      await client.createSfdcSynchronizationJob({ organization_ids: [THALES] });
      model.clock.advance(2_000);
    }
    const options = cckm.infiniteJobs({ overall_status: 'completed' }, 2);
    const data = await queryClient.fetchInfiniteQuery({ ...options, pages: 4 });
    expect(data.pages.map((page) => page.resources.length)).toEqual([2, 2, 1]);
    expect(data.pageParams).toEqual([0, 2, 4]);
    expect(new Set(data.pages.flatMap((page) => page.resources.map((job) => job.id))).size).toBe(5);
    expect(
      options.getNextPageParam(data.pages[2] as SynchronizationJobList, data.pages, 4, data.pageParams),
    ).toBe(undefined);
  });
});

describe('watching a job', () => {
  test('when a job is watched, then it is polled while in_progress and no more once it completed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const job = (await client.createSfdcSynchronizationJob({ synchronize_all: true })).data;
    const seen: string[] = [];
    const observer = new QueryObserver(queryClient, cckm.watchJob(job?.id as string, { interval: 1_000 }));
    const unsubscribe = observer.subscribe((result) => {
      if (result.data)
        seen.push(`${result.data.overall_status} ${Object.keys(result.data.detailed_status ?? {}).length}`);
    });
    const idle = () =>
      observer.getCurrentResult().data !== undefined && observer.getCurrentResult().fetchStatus === 'idle';
    await untilSettled(idle);
    for (let i = 0; i < 4; i += 1) {
      model.clock.advance(1_000);
      await vi.advanceTimersByTimeAsync(1_000);
      await untilSettled(idle);
    }
    const polls = requests.filter((line) => line.startsWith('GET')).length;
    await vi.advanceTimersByTimeAsync(10_000);
    unsubscribe();
    expect([...new Set(seen)]).toEqual(['in_progress 0', 'in_progress 1', 'completed 2']);
    expect(requests.filter((line) => line.startsWith('GET')).length).toBe(polls);
    expect(polls).toBe(3);
  });

  test('when a watched job has not changed since the last poll, then the poll is a 304 and the job is kept', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const job = (await client.createSfdcSynchronizationJob({ synchronize_all: true })).data;
    const observer = new QueryObserver(queryClient, cckm.watchJob(job?.id as string, { interval: 1_000 }));
    const gets = () => requests.filter((line) => line.startsWith('GET')).length;
    const unsubscribe = observer.subscribe(() => {});
    // The first poll's answer comes through real I/O: wait for it before the next poll is due.
    await untilSettled(() => gets() === 1 && observer.getCurrentResult().data !== undefined);
    await vi.advanceTimersByTimeAsync(1_000); // the model's clock stands still: nothing changed
    await untilSettled(() => gets() === 2 && observer.getCurrentResult().fetchStatus === 'idle');
    unsubscribe();
    expect(requests.filter((line) => line.startsWith('GET')).map((line) => line.split(' ')[2])).toEqual([
      '200',
      '304',
    ]);
    expect(observer.getCurrentResult().data?.id).toBe(job?.id);
    expect(observer.getCurrentResult().data?.overall_status).toBe('in_progress');
  });

  test('when the watched job does not exist, then it fails with not-found at once', async () => {
    const failure = await queryClient
      .fetchQuery(cckm.watchJob('0194d3c2-7b1a-7c3e-8f00-000000000001'))
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'CckmWaitError', kind: 'not-found' });
  });
});

describe('mutations', () => {
  test('when a sync starts, then the lists and watched jobs are invalidated; a second is the typed 409', async () => {
    await queryClient.fetchQuery(cckm.listJobs());
    const started = await new MutationObserver(queryClient, cckm.createSfdcSynchronizationJob()).mutate({
      synchronize_all: true,
    });
    expect(started.overall_status).toBe('in_progress');
    expect(queryClient.getQueryState(cckmKeys.list({}))?.isInvalidated).toBe(true);

    const conflict = await new MutationObserver(queryClient, cckm.createSfdcSynchronizationJob())
      .mutate({ organization_ids: [THALES] })
      .catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(CckmProblemError);
    expect((conflict as CckmProblemError).status).toBe(409);
    expect((conflict as CckmProblemError).problem).toMatchObject({ job_id: started.id });
  });

  test('when a connection is switched or a backup deleted, then the answer is typed and lists invalidated', async () => {
    await queryClient.fetchQuery(cckm.listJobs());
    const organization = await new MutationObserver(queryClient, cckm.updateSfdcOrganization()).mutate({
      id: DEMO.organizations[0].id,
      body: { connection: 'new-sfdc-connection' },
    });
    expectTypeOf(organization.connection).toEqualTypeOf<string>();
    expect(organization.connection).toBe('new-sfdc-connection');
    expect(queryClient.getQueryState(cckmKeys.list({}))?.isInvalidated).toBe(true);
    const secret = await new MutationObserver(queryClient, cckm.deleteSfdcTenantSecretBackup()).mutate(
      DEMO.destroyedSecretId,
    );
    expect(secret.id).toBe(DEMO.destroyedSecretId);
    const sap = await new MutationObserver(queryClient, cckm.createSapSynchronizationJob()).mutate({
      synchronize_all: true,
    });
    expect(sap.groups).toHaveLength(3);
  });
});

/**
 * Lets MSW's answers (real I/O, and timers due now) run while the faked clock stands still,
 * until `done()`; fails if they never make it true.
 */
async function untilSettled(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 20_000 && !done(); turn += 1) {
    await vi.advanceTimersByTimeAsync(0);
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(done()).toBe(true);
}
