// The handlers in Node (msw/node), through the typed client, the way a team's tests use them:
// jobs that run on the model's clock, the server's problems, the scenarios.

import { createCckmClient } from '@cckm/client';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createCckmHandlers, createCckmModel, DEMO } from '../src/index.ts';
import { API, clientOn, schemaErrors } from './helpers.ts';

const model = createCckmModel({ jobDurationMs: 2_000 });
const server = setupServer(...createCckmHandlers({ baseUrl: API, model }));
const client = clientOn();
const THALES = DEMO.organizations[0].organizationId;
const EUROPE = DEMO.organizations[1].organizationId;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  model.reset();
  model.useScenario(undefined);
});
afterAll(() => server.close());

describe('jobs', () => {
  test('when a job is created, then it is in the list in the same shape, and completes as the clock moves', async () => {
    const created = await client.createSfdcSynchronizationJob({ synchronize_all: true });
    expect(created.response?.status).toBe(201);
    expect(created.response?.headers.get('location')).toBe(
      `/api/v1/cckm/sfdc/keys/synchronization-jobs?id=${created.data?.id}`,
    );
    expect(schemaErrors('SfdcSynchronizationJob', created.data)).toEqual([]);
    expect(created.data).toMatchObject({ overall_status: 'in_progress', kms: [THALES, EUROPE] });

    const listed = await client.listSfdcSynchronizationJobs({ id: created.data?.id });
    expect(schemaErrors('SynchronizationJobList', listed.data)).toEqual([]);
    expect(listed.data?.resources).toEqual([created.data]);

    model.clock.advance(1_000);
    const half = (await client.listSfdcSynchronizationJobs()).data?.resources[0];
    expect(half?.overall_status).toBe('in_progress');
    expect(half?.detailed_status).toEqual({ [THALES]: 'synchronized 4 tenant secrets' });

    model.clock.advance(1_000);
    const done = (await client.listSfdcSynchronizationJobs()).data?.resources[0];
    expect(done?.overall_status).toBe('completed');
    expect(done?.completed_at).toBeDefined();
    expect(Object.keys(done?.detailed_status ?? {})).toEqual([THALES, EUROPE]);
    expect(schemaErrors('SfdcSynchronizationJob', done)).toEqual([]);
  });

  test('when an organization is busy, then a second sync is the 409 problem naming the running job', async () => {
    const first = await client.createSfdcSynchronizationJob({ organization_ids: [THALES] });
    const second = await client.createSfdcSynchronizationJob({ synchronize_all: true });
    expect(second.response?.status).toBe(409);
    expect(second.response?.headers.get('content-type')).toBe('application/problem+json');
    expect(second.error).toMatchObject({
      type: 'tag:cckm-contract.github.io,2026:problem:sync-job-running',
      title: 'Synchronization job already running',
      status: 409,
      job_id: first.data?.id,
      instance: '/api/v1/cckm/sfdc/keys/synchronization-jobs',
    });
    expect(schemaErrors('SyncJobRunningProblem', second.error)).toEqual([]);
    model.clock.advance(2_000);
    expect((await client.createSfdcSynchronizationJob({ synchronize_all: true })).response?.status).toBe(201);
  });

  test('when the list is paged and sorted, then skip, limit, total and order are the server’s', async () => {
    for (const organization of [THALES, EUROPE, THALES]) {
      await client.createSfdcSynchronizationJob({ organization_ids: [organization] });
      model.clock.advance(2_000);
    }
    const page = (await client.listSfdcSynchronizationJobs({ skip: 1, limit: 1, sort: 'createdAt' })).data;
    expect(page).toMatchObject({ skip: 1, limit: 1, total: 3 });
    expect(page?.resources[0]?.kms).toEqual([EUROPE]);
    const filtered = await client.listSfdcSynchronizationJobs({ organizations: [EUROPE] });
    expect(filtered.data?.total).toBe(1);
  });
});

describe('delete-backup and PATCH', () => {
  test('when a destroyed secret’s backup is deleted twice, then the first is 200 and the second 404', async () => {
    const first = await client.deleteSfdcTenantSecretBackup(DEMO.destroyedSecretId);
    expect(first.response?.status).toBe(200);
    expect(schemaErrors('TenantSecret', first.data)).toEqual([]);
    expect(first.data?.id).toBe(DEMO.destroyedSecretId);
    const again = await client.deleteSfdcTenantSecretBackup(DEMO.destroyedSecretId);
    expect(again.error).toMatchObject({
      status: 404,
      type: 'tag:cckm-contract.github.io,2026:problem:not-found',
    });
    const active = await client.deleteSfdcTenantSecretBackup(DEMO.activeSecretId);
    expect(active.response?.status).toBe(409);
  });

  test('when an organization is PATCHed, then its connection switches; an SAP connection is a 422', async () => {
    const { id } = DEMO.organizations[0];
    const switched = await client.updateSfdcOrganization(id, { connection: 'new-sfdc-connection' });
    expect(switched.data?.connection).toBe('new-sfdc-connection');
    expect(schemaErrors('SalesforceOrganization', switched.data)).toEqual([]);
    expect(model.connectionOf(id)).toBe('new-sfdc-connection');
    const sap = await client.updateSfdcOrganization(id, { connection: 'sap-dc-connection' });
    expect(sap.error).toMatchObject({
      status: 422,
      type: 'tag:cckm-contract.github.io,2026:problem:connection-not-salesforce',
    });
  });
});

describe('the contract’s checks', () => {
  test('when a request breaks the contract, then it gets the server’s validation problem', async () => {
    const bad = await client.listSfdcSynchronizationJobs({ limit: 0 });
    expect(bad.error).toMatchObject({
      status: 400,
      type: 'tag:cckm-contract.github.io,2026:problem:validation-failed',
      errors: [{ path: '/query/limit', message: 'must be >= 1' }],
    });
    const both = await client.http.POST('/v1/cckm/sfdc/keys/synchronization-jobs', {
      body: { organization_ids: [THALES], synchronize_all: true },
    });
    expect(both.error?.errors).toContainEqual({
      path: '/body',
      message: 'must have exactly one of organization_ids or synchronize_all: true',
    });
  });

  test('when a page is asked for again with its ETag, then it is a 304 until the page changes', async () => {
    const url = `${API}/v1/cckm/sfdc/keys/synchronization-jobs?limit=5`;
    const headers = { Authorization: 'Bearer x' };
    const first = await fetch(url, { headers });
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const again = await fetch(url, { headers: { ...headers, 'If-None-Match': `W/${etag}` } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    await client.createSfdcSynchronizationJob({ synchronize_all: true });
    const changed = await fetch(url, { headers: { ...headers, 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  test('when the handlers match any origin (the default */api), then the wildcard is no parameter', async () => {
    const anywhere = setupServer(...createCckmHandlers({ model }));
    server.close();
    anywhere.listen({ onUnhandledRequest: 'error' });
    try {
      const elsewhere = createCckmClient({ baseUrl: 'http://elsewhere.test/api', token: 'x' });
      expect((await elsewhere.listSfdcSynchronizationJobs({ limit: 2 })).data?.limit).toBe(2);
      expect((await elsewhere.deleteSfdcTenantSecretBackup(DEMO.destroyedSecretId)).response?.status).toBe(
        200,
      );
    } finally {
      anywhere.close();
      server.listen({ onUnhandledRequest: 'error' });
    }
  });

  test('when the list is asked for with HEAD, then it is the GET’s answer without a body', async () => {
    const headers = { Authorization: 'Bearer x' };
    const head = await fetch(`${API}/v1/cckm/sfdc/keys/synchronization-jobs?limit=5`, {
      method: 'HEAD',
      headers,
    });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const bad = await fetch(`${API}/v1/cckm/sfdc/keys/synchronization-jobs?limit=0`, {
      method: 'HEAD',
      headers,
    });
    expect(bad.status).toBe(400);
    const put = await fetch(`${API}/v1/cckm/sfdc/keys/synchronization-jobs`, { method: 'PUT', headers });
    expect(put.headers.get('allow')).toBe('HEAD, GET, POST');
  });

  test('when no token is sent, then it is the 401 with WWW-Authenticate', async () => {
    const response = await fetch(`${API}/v1/cckm/sfdc/keys/synchronization-jobs`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="cckm"');
    expect(((await response.json()) as { detail: string }).detail).toBe('Authorization header required');
  });
});

describe('scenarios', () => {
  test('when an organization fails (salesforce-unreachable), then its status says so and the job still completes', async () => {
    const job = await client.createSfdcSynchronizationJob(
      { synchronize_all: true },
      { headers: { Prefer: 'scenario=salesforce-unreachable' } },
    );
    model.clock.advance(2_000);
    const done = (await client.listSfdcSynchronizationJobs({ id: job.data?.id })).data?.resources[0];
    expect(done?.overall_status).toBe('completed');
    expect(done?.detailed_status?.[THALES]).toMatch(/could not be reached/);
    expect(done?.detailed_status?.[EUROPE]).toBe('synchronized 4 tenant secrets');
  });

  test('when the clouds are down, then every organization fails and so does the job', async () => {
    model.useScenario('clouds-down');
    await client.createSfdcSynchronizationJob({ synchronize_all: true });
    model.clock.advance(2_000);
    expect((await client.listSfdcSynchronizationJobs()).data?.resources[0]?.overall_status).toBe('failed');
  });

  test('when rate limited, slow or timing out, then the job shows it on the clock', async () => {
    const limited = await client.createSfdcSynchronizationJob(
      { organization_ids: [THALES] },
      {
        headers: { Prefer: 'scenario=salesforce-rate-limited' },
      },
    );
    model.clock.advance(2_000);
    const seen = (await client.listSfdcSynchronizationJobs({ id: limited.data?.id })).data?.resources[0];
    expect(seen?.detailed_status?.[THALES]).toMatch(/REQUEST_LIMIT_EXCEEDED/);
    expect(seen?.overall_status).toBe('failed');

    model.useScenario('slow-jobs');
    const slow = await client.createSfdcSynchronizationJob({ synchronize_all: true });
    model.clock.advance(10_000);
    const halfway = (await client.listSfdcSynchronizationJobs({ id: slow.data?.id })).data?.resources[0];
    expect(halfway?.overall_status).toBe('in_progress');
    expect(Object.keys(halfway?.detailed_status ?? {})).toEqual([THALES]);

    model.reset();
    model.useScenario('job-timeout');
    const stuck = await client.createSfdcSynchronizationJob({ synchronize_all: true });
    model.clock.advance(29_000);
    expect(
      (await client.listSfdcSynchronizationJobs({ id: stuck.data?.id })).data?.resources[0]?.overall_status,
    ).toBe('in_progress');
    model.clock.advance(1_000);
    expect(
      (await client.listSfdcSynchronizationJobs({ id: stuck.data?.id })).data?.resources[0]?.overall_status,
    ).toBe('failed');
  });

  test('when the domain is empty or large, then the list says so and sync all is refused in the empty one', async () => {
    const empty = { headers: { Prefer: 'scenario=empty-domain' } };
    expect((await client.listSfdcSynchronizationJobs({}, empty)).data?.total).toBe(0);
    expect(
      (await client.createSfdcSynchronizationJob({ synchronize_all: true }, empty)).response?.status,
    ).toBe(422);
    const many = await client.listSfdcSynchronizationJobs(
      { limit: 1000 },
      { headers: { Prefer: 'scenario=many-jobs' } },
    );
    expect(many.data?.total).toBe(5_000);
    expect(many.data?.resources).toHaveLength(1_000);
    expect(schemaErrors('SynchronizationJobList', many.data)).toEqual([]);
  });

  test('when a PATCH is refused or times out, or a login is refused, then the sandbox’s answers come back', async () => {
    const { id } = DEMO.organizations[0];
    const refused = await client.updateSfdcOrganization(
      id,
      { connection: 'other-sfdc-connection' },
      {
        headers: { Prefer: 'scenario=patch-refused' },
      },
    );
    expect(refused.error).toMatchObject({
      status: 422,
      type: 'tag:cckm-contract.github.io,2026:problem:connection-cannot-reach-organization',
    });
    const timeout = await client.updateSfdcOrganization(
      id,
      { connection: 'other-sfdc-connection' },
      {
        headers: { Prefer: 'scenario=patch-timeout' },
      },
    );
    expect(timeout.error).toMatchObject({
      status: 504,
      type: 'tag:cckm-contract.github.io,2026:problem:cloud-timeout',
    });
    expect(model.connectionOf(id)).toBe('sfdc-connection');

    const job = await client.createSfdcSynchronizationJob(
      { synchronize_all: true },
      {
        headers: { Prefer: 'scenario=salesforce-token-refused' },
      },
    );
    model.clock.advance(2_000);
    const done = (await client.listSfdcSynchronizationJobs({ id: job.data?.id })).data?.resources[0];
    expect(done?.detailed_status?.[THALES]).toMatch(/refused the login/);
    expect(done?.overall_status).toBe('completed');
  });

  test('when job-running or an unknown scenario is asked for, then 409 and a 400 listing the names', async () => {
    const running = await client.createSfdcSynchronizationJob(
      { synchronize_all: true },
      {
        headers: { Prefer: 'scenario=job-running' },
      },
    );
    expect(running.response?.status).toBe(409);
    const unknown = await client.listSfdcSynchronizationJobs({}, { headers: { Prefer: 'scenario=nope' } });
    expect(unknown.error?.detail).toContain('slow-jobs');
  });
});
