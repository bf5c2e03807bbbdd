// The problem members Contract 1.1 added, checked on the real server: `request_id` equals the
// response's X-Request-Id on every kind of problem, the 409 of a running job names it in
// `job_id`, and the server's problem kinds are exactly the contract's catalogue.
import { openapiDocument } from '@cckm/api-types';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { systemClock, uuidGenerator } from '../../src/core/clock.ts';
import { PROBLEM_KINDS, ProblemError, problemType } from '../../src/core/problem.ts';
import { createSyncJobService } from '../../src/features/sync-jobs/sync-job-service.ts';
import { DEMO } from '../../src/index.ts';
import type { Store } from '../../src/store/store.ts';
import { type NewJob, newJobRow } from '../../src/store/sync-job-repository.ts';
import { SYNC_PATH, startTestServer, type TestServer } from '../helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(() => server?.close());

describe('problem members', () => {
  test('when the catalogue is compared with the server, then every kind it sends is listed and nothing else', () => {
    const catalogue = (openapiDocument.components.schemas.ProblemType as { 'x-extensible-enum': string[] })[
      'x-extensible-enum'
    ];
    expect([...catalogue].sort()).toEqual(PROBLEM_KINDS.map(problemType).sort());
  });

  test.each([
    ['400', { path: `${SYNC_PATH}?limit=0`, auth: true, method: 'GET' }],
    ['401', { path: SYNC_PATH, auth: false, method: 'GET' }],
    ['404 (no operation)', { path: '/v1/cckm/nowhere', auth: true, method: 'GET' }],
    [
      '404 (no resource)',
      {
        path: '/v1/cckm/sfdc/keys/2cf88f46-441b-40e2-bc2c-1633f7e4ff4c/delete-backup',
        auth: true,
        method: 'POST',
      },
    ],
  ])('when a %s problem is sent, then request_id equals X-Request-Id', async (_status, request) => {
    const headers: Record<string, string> = request.auth
      ? { Authorization: `Bearer ${await server.token()}` }
      : {};
    const generated = await fetch(`${server.baseUrl}${request.path}`, {
      method: request.method,
      headers,
    });
    const body = (await generated.json()) as { request_id?: string; status: number };
    expect(body.status).toBeGreaterThanOrEqual(400);
    expect(body.request_id).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
    expect(body.request_id).toBe(generated.headers.get('x-request-id'));

    const chosen = await fetch(`${server.baseUrl}${request.path}`, {
      method: request.method,
      headers: { ...headers, 'X-Request-Id': 'support-ticket-42' },
    });
    expect(((await chosen.json()) as { request_id?: string }).request_id).toBe('support-ticket-42');
  });

  /**
   * A sync refused by the unique index `refusals` times (then written), while `running` is what the
   * read after each refusal finds holding one of its organizations (undefined: it has finished).
   * Returns the outcome as a problem (or the job) and how many inserts were tried.
   */
  async function refusedWhile(
    running: { jobId: string; targetKey: string } | undefined,
    refusals = Infinity,
  ) {
    let inserts = 0;
    const store = {
      organizations: {
        listAll: async () => [
          { id: DEMO.organizations.thales.id, organization_id: DEMO.organizations.thales.sfdcOrgId },
        ],
      },
      // Outside the unit: the transaction the refused insert ran in is no longer usable.
      syncJobs: { runningJob: async () => running },
      grouped: {
        run: async (work: (tx: unknown) => Promise<unknown>) =>
          work({
            syncJobs: {
              insertJob: async (job: NewJob) => {
                inserts += 1;
                if (inserts <= refusals) return { busy: true };
                return { inserted: { job: newJobRow(job), targets: [] } };
              },
            },
          }),
      },
    } as unknown as Store;
    const service = createSyncJobService({
      store,
      clock: systemClock(),
      ids: uuidGenerator,
      onJobCreated: () => undefined,
    });
    const caller = { subject: 'u', username: undefined, domainId: 'd', groups: ['admin'] };
    const outcome = await service
      .createSfdcJob(caller, { synchronize_all: true })
      .catch((error: unknown) => error);
    return {
      inserts,
      outcome,
      problem: () => {
        expect(outcome).toBeInstanceOf(ProblemError);
        return (outcome as ProblemError).toProblem('/api/v1/cckm/sfdc/keys/synchronization-jobs', 'req-7');
      },
    };
  }

  test('when a running job blocks a sync, then the 409 problem names it in job_id', async () => {
    const { problem, inserts } = await refusedWhile({
      jobId: 'c8d2f27b-fb4f-4557-b63c-00d4a1439c4a',
      targetKey: '00DB000000040bIMAQ',
    });
    expect(inserts).toBe(1);
    expect(problem()).toMatchObject({
      type: 'tag:cckm-contract.github.io,2026:problem:sync-job-running',
      status: 409,
      detail:
        'Job c8d2f27b-fb4f-4557-b63c-00d4a1439c4a is still synchronizing organization 00DB000000040bIMAQ',
      job_id: 'c8d2f27b-fb4f-4557-b63c-00d4a1439c4a',
      request_id: 'req-7',
    });
  });

  test('when the blocking job finished before it was read, then the sync is tried again and created', async () => {
    const { outcome, inserts } = await refusedWhile(undefined, 1);
    expect(inserts).toBe(2);
    expect(outcome).toMatchObject({ overall_status: 'in_progress', cloud: 'sfdc' });
    expect(outcome).not.toBeInstanceOf(ProblemError);
  });

  test('when each read finds the holder gone (jobs of another instance coming and going), then the second refusal is a 409 naming no job', async () => {
    const { problem, inserts } = await refusedWhile(undefined);
    expect(inserts).toBe(2);
    expect(problem()).toMatchObject({
      type: 'tag:cckm-contract.github.io,2026:problem:sync-job-running',
      status: 409,
      detail: 'Another job started synchronizing one of these organizations',
    });
    expect(problem()).not.toHaveProperty('job_id');
  });

  test('when the running job is not known yet (a race caught by the index), then the 409 has no job_id', () => {
    const problem = new ProblemError('sync-job-running', 'Another job started').toProblem('/x', 'req-8');
    expect(problem).not.toHaveProperty('job_id');
    expect(problem.request_id).toBe('req-8');
  });

  test('when a Salesforce job is created, then Location names it through the filtered list', async () => {
    const created = await server.admin.POST(SYNC_PATH, {
      body: { organization_ids: [DEMO.organizations.thales.id], synchronize_all: false },
    });
    expect(created.response.status).toBe(201);
    const location = created.response.headers.get('location') as string;
    expect(location).toBe(`/api/v1/cckm/sfdc/keys/synchronization-jobs?id=${created.data?.id}`);
    const listed = await fetch(new URL(location, server.baseUrl), {
      headers: { Authorization: `Bearer ${await server.token()}` },
    });
    expect(((await listed.json()) as { resources: { id: string }[] }).resources.map((job) => job.id)).toEqual(
      [created.data?.id],
    );
    await server.runtime.runner.idle();
  });
});
