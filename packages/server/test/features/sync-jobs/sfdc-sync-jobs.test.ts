import type { Problem } from '@cckm/api-types';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DEMO } from '../../../src/index.ts';
import { SYNC_PATH, startTestServer, type TestServer } from '../../helpers.ts';

const { thales, seed002 } = DEMO.organizations;
let server: TestServer;

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

async function postRaw(body: string | undefined, contentType = 'application/json') {
  const response = await fetch(`${server.baseUrl}${SYNC_PATH}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${await server.token()}`,
      ...(body === undefined ? {} : { 'Content-Type': contentType }),
    },
    ...(body === undefined ? {} : { body }),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.json()) as Problem,
  };
}

describe('POST synchronization-jobs (Salesforce)', () => {
  test('when synchronize_all is sent, then a job for every organization is answered 201 in_progress', async () => {
    const { data, response } = await server.admin.POST(SYNC_PATH, { body: { synchronize_all: true } });
    expect(response.status).toBe(201);
    expect(data).toMatchObject({
      overall_status: 'in_progress',
      cloud: 'sfdc',
      kms: [thales.sfdcOrgId, seed002.sfdcOrgId],
      abort: false,
      account: 'kylo:kylo:admin:accounts:kylo',
    });
    expect(data?.uri).toBe(`kylo:kylo:cckm:synchronize:${data?.id}`);
    expect(data?.completed_at).toBeUndefined();
    expect(data?.detailed_status).toBeUndefined();
  });

  test('when organizations are named by resource ID and Salesforce ID of the same org, then it is synchronized once', async () => {
    const { data, response } = await server.admin.POST(SYNC_PATH, {
      body: { organization_ids: [thales.id, thales.sfdcOrgId] },
    });
    expect(response.status).toBe(201);
    expect(data).toMatchObject({ cloud: 'sfdc', kms: [thales.sfdcOrgId] });
  });

  test('when the job runs, then it completes with one line per organization and the secrets stored with backups', async () => {
    const { data } = await server.admin.POST(SYNC_PATH, { body: { synchronize_all: true } });
    const job = await server.waitForJob(data?.id as string);
    expect(job.overall_status).toBe('completed');
    expect(job.detailed_status).toEqual({
      [thales.sfdcOrgId]: 'synchronized 4 tenant secrets',
      [seed002.sfdcOrgId]: 'synchronized 2 tenant secrets',
    });
    expect(job.completed_at).toBe(job.updatedAt);
    expect(job.updatedAt > job.createdAt).toBe(true);
    const stored = await server.runtime.db
      .selectFrom('tenant_secrets')
      .select(['salesforce_id', 'status', 'backup_value', 'gone'])
      .where('organization_id', '=', thales.id)
      .orderBy('salesforce_id')
      .execute();
    expect(stored).toHaveLength(4);
    expect(stored.every((row) => row.backup_value.length > 0 && row.gone === 0)).toBe(true);
    expect(stored.filter((row) => row.status === 'ACTIVE')).toHaveLength(2); // one Data, one SearchIndex
  });

  test('when the organizations of a job start together, then they are read from the database in one query', async () => {
    const reads = vi.spyOn(server.runtime.store.organizations, 'getManyWithCredentials');
    const { data } = await server.admin.POST(SYNC_PATH, { body: { synchronize_all: true } });
    expect((await server.waitForJob(data?.id as string)).overall_status).toBe('completed');
    expect(reads).toHaveBeenCalledTimes(1);
    expect([...(reads.mock.calls[0]?.[0] ?? [])].sort()).toEqual([thales.id, seed002.id].sort());
  });

  test('when an organization cannot be listed, then the job completes with that error in its detailed_status', async () => {
    server.clouds.faults.inject({
      endpoint: 'salesforce.query',
      organizationId: seed002.sfdcOrgId,
      fault: { kind: 'server-error', status: 503 },
    });
    const { data } = await server.admin.POST(SYNC_PATH, { body: { synchronize_all: true } });
    const job = await server.waitForJob(data?.id as string);
    expect(job.overall_status).toBe('completed');
    expect(job.detailed_status?.[seed002.sfdcOrgId]).toMatch(/^Error listing keys from SFDC: .*503/);
    expect(job.detailed_status?.[thales.sfdcOrgId]).toBe('synchronized 4 tenant secrets');
  });

  test('when the connected app has not pre-approved the integration user, then that organization fails with a line saying how to approve it (issue 27.2)', async () => {
    for (const app of server.cloudState.salesforce.apps.values())
      if (app.certificatePem) delete app.approvedUsers;
    const { data } = await server.admin.POST(SYNC_PATH, { body: { synchronize_all: true } });
    const job = await server.waitForJob(data?.id as string);
    expect(job.overall_status).toBe('completed');
    expect(job.detailed_status).toEqual({
      [thales.sfdcOrgId]:
        "Error listing keys from SFDC: Salesforce refused the login of connection sfdc-connection: invalid_grant (user hasn't approved this consumer); pre-authorize the integration user: in the connected app's policies set Permitted Users to \"Admin approved users are pre-authorized\" and add the user's profile or a permission set",
      [seed002.sfdcOrgId]: 'synchronized 2 tenant secrets',
    });
  });

  test('when an organization has no Shield Platform Encryption, then its line names the licence and permission it needs (issue 27.5)', async () => {
    const organization = server.cloudState.salesforce.organizations.get(seed002.sfdcOrgId);
    if (!organization) throw new Error('seed changed');
    organization.platformEncryption = false;
    const { data } = await server.admin.POST(SYNC_PATH, { body: { synchronize_all: true } });
    const job = await server.waitForJob(data?.id as string);
    expect(job.detailed_status).toEqual({
      [thales.sfdcOrgId]: 'synchronized 4 tenant secrets',
      [seed002.sfdcOrgId]:
        'Error listing keys from SFDC: Salesforce refused the TenantSecret query: 400 INVALID_TYPE (TenantSecret is not available to this connection); the organization needs Shield Platform Encryption and the integration user the "Manage Encryption Keys" permission',
    });
  });

  test('when no organization can be synchronized, then the job ends failed', async () => {
    server.clouds.faults.inject({ endpoint: 'salesforce.query', fault: { kind: 'server-error' } });
    const { data } = await server.admin.POST(SYNC_PATH, { body: { synchronize_all: true } });
    const job = await server.waitForJob(data?.id as string);
    expect(job.overall_status).toBe('failed');
    const lines = Object.values(job.detailed_status ?? {});
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^Error listing keys from SFDC: .*500/);
  });

  test('when Salesforce reports two ACTIVE secrets of one type, then that organization records the error', async () => {
    const organization = server.cloudState.salesforce.organizations.get(thales.sfdcOrgId);
    for (const secret of organization?.secrets ?? []) if (secret.Type === 'Data') secret.Status = 'ACTIVE';
    const { data } = await server.admin.POST(SYNC_PATH, { body: { organization_ids: [thales.id] } });
    const job = await server.waitForJob(data?.id as string);
    expect(job.overall_status).toBe('failed');
    expect(job.detailed_status?.[thales.sfdcOrgId]).toBe(
      'synchronized 4 tenant secrets; Salesforce reports more than one ACTIVE secret of type Data',
    );
  });

  test('when a secret disappears from Salesforce, then the next sync flags its record instead of deleting it', async () => {
    const first = await server.admin.POST(SYNC_PATH, { body: { organization_ids: [thales.id] } });
    await server.waitForJob(first.data?.id as string);
    const organization = server.cloudState.salesforce.organizations.get(thales.sfdcOrgId);
    const secrets = [...(organization?.secrets ?? [])];
    if (organization) organization.secrets = secrets.slice(1);
    const second = await server.admin.POST(SYNC_PATH, { body: { organization_ids: [thales.id] } });
    const job = await server.waitForJob(second.data?.id as string);
    expect(job.detailed_status?.[thales.sfdcOrgId]).toBe(
      'synchronized 3 tenant secrets, 1 no longer in Salesforce',
    );
    const gone = await server.runtime.db
      .selectFrom('tenant_secrets')
      .select('salesforce_id')
      .where('gone', '=', 1)
      .execute();
    expect(gone.map((row) => row.salesforce_id)).toEqual([secrets[0]?.Id]);
  });

  test('when a job is still running for an organization, then another request naming it is 409', async () => {
    const running = server.clouds.faults.hold({
      endpoint: 'salesforce.query',
      organizationId: thales.sfdcOrgId,
    });
    const first = await server.admin.POST(SYNC_PATH, { body: { organization_ids: [thales.sfdcOrgId] } });
    const second = await server.admin.POST(SYNC_PATH, { body: { synchronize_all: true } });
    expect(second.response.status).toBe(409);
    expect(second.error).toMatchObject({
      type: 'tag:cckm-contract.github.io,2026:problem:sync-job-running',
      status: 409,
      detail: `Job ${first.data?.id} is still synchronizing organization ${thales.sfdcOrgId}`,
    });
    const other = await server.admin.POST(SYNC_PATH, { body: { organization_ids: [seed002.id] } });
    expect(other.response.status).toBe(201);
    running.release();
    await server.waitForJob(first.data?.id as string);
    const after = await server.admin.POST(SYNC_PATH, { body: { organization_ids: [thales.id] } });
    expect(after.response.status).toBe(201);
  });

  test('when 20 requests for one organization arrive at once, then exactly one job is created', async () => {
    const running = server.clouds.faults.hold({ endpoint: 'salesforce.query' });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        server.admin.POST(SYNC_PATH, { body: { organization_ids: [thales.id] } }),
      ),
    );
    running.release();
    const statuses = results.map((result) => result.response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    const jobs = await server.runtime.db.selectFrom('sync_jobs').select('id').execute();
    expect(jobs).toHaveLength(1);
    // Each refusal names the job, even one refused in the same commit as its insert.
    const created = results.find((result) => result.response.status === 201)?.data;
    for (const refused of results.filter((result) => result.response.status === 409))
      expect(refused.error).toMatchObject({ job_id: created?.id });
  });

  test('when an organization is unknown, then 422 names it and no job is created', async () => {
    const { error, response } = await server.admin.POST(SYNC_PATH, {
      body: { organization_ids: [thales.id, '00DB00000009999ZZZ'] },
    });
    expect(response.status).toBe(422);
    expect(error).toMatchObject({
      type: 'tag:cckm-contract.github.io,2026:problem:unknown-organization',
      detail: 'No Salesforce organization 00DB00000009999ZZZ in this domain',
    });
    expect(await server.runtime.db.selectFrom('sync_jobs').select('id').execute()).toEqual([]);
  });

  test.each([
    [
      'both fields',
      '{"organization_ids":["2473e846-31a8-4ee6-8299-17025548b4e2"],"synchronize_all":true}',
      '/body',
      'must have exactly one of organization_ids or synchronize_all: true',
    ],
    ['neither field', '{}', '/body', 'must have exactly one of organization_ids or synchronize_all: true'],
    [
      'synchronize_all false',
      '{"synchronize_all":false}',
      '/body',
      'must have exactly one of organization_ids or synchronize_all: true',
    ],
    [
      'an empty list',
      '{"organization_ids":[]}',
      '/body/organization_ids',
      'must NOT have fewer than 1 items',
    ],
    [
      'a repeated id',
      '{"organization_ids":["00DB000000040bIMAQ","00DB000000040bIMAQ"]}',
      '/body/organization_ids',
      'must NOT have duplicate items (items ## 0 and 1 are identical)',
    ],
    [
      'an unknown field',
      '{"synchronize_all":true,"dry_run":true}',
      '/body/dry_run',
      'must NOT have additional properties',
    ],
    ['malformed JSON', '{"synchronize_all":', '/body', 'must be valid JSON'],
    ['a JSON array', '[]', '/body', 'must be object'],
  ])('when the body has %s, then 400 says where', async (_name, body, path, message) => {
    const result = await postRaw(body);
    expect(result.status).toBe(400);
    expect(result.type).toContain('application/problem+json');
    expect(result.body).toMatchObject({
      type: 'tag:cckm-contract.github.io,2026:problem:validation-failed',
      status: 400,
    });
    expect(result.body.errors).toContainEqual({ path, message });
    expect(await server.runtime.db.selectFrom('sync_jobs').select('id').execute()).toEqual([]);
  });

  test('when no body is sent, then 400 says what to send', async () => {
    const result = await postRaw(undefined);
    expect(result.status).toBe(400);
    expect(result.body.detail).toMatch(/^A JSON body is required: send .*"synchronize_all":true/);
  });

  test('when the body is not JSON, then 415 names application/json in Accept-Post', async () => {
    const response = await fetch(`${server.baseUrl}${SYNC_PATH}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await server.token()}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'synchronize_all=true',
    });
    expect(response.status).toBe(415);
    expect(response.headers.get('accept-post')).toBe('application/json');
    expect(await response.json()).toMatchObject({
      type: 'tag:cckm-contract.github.io,2026:problem:unsupported-media-type',
      detail: 'Send the body as application/json',
    });
  });

  test('when a cloud never answers, then the job ends at its deadline and the organization can be synced again', async () => {
    // Every Salesforce query stalls mid-body: the job must end at its deadline all the same.
    const stalled = await startTestServer({ JOB_DEADLINE_MS: '400' });
    const stall = stalled.clouds.faults.inject({ endpoint: 'salesforce.query', fault: { kind: 'stall' } });
    try {
      const { data } = await stalled.admin.POST(SYNC_PATH, { body: { organization_ids: [seed002.id] } });
      const job = await stalled.waitForJob(data?.id as string);

      expect(job.overall_status).toBe('failed');
      expect(job.detailed_status).toEqual({
        [seed002.sfdcOrgId]: 'Not synchronized: the job did not finish within 400 ms',
      });
      stall.remove();
      const again = await stalled.admin.POST(SYNC_PATH, { body: { organization_ids: [seed002.id] } });
      expect(again.response.status).toBe(201);
      expect((await stalled.waitForJob(again.data?.id as string)).overall_status).toBe('completed');
    } finally {
      await stalled.close();
    }
  });

  test('when Salesforce adds a picklist value this release does not name, then the secret is still synchronized', async () => {
    const organization = server.cloudState.salesforce.organizations.get(thales.sfdcOrgId);
    const [first] = organization?.secrets ?? [];
    if (!first) throw new Error('the fake cloud lacks the seed organization');
    Object.assign(first, { Type: 'FutureSecretType', Source: 'FUTURE_SOURCE' });
    const { data } = await server.admin.POST(SYNC_PATH, { body: { organization_ids: [thales.id] } });
    const job = await server.waitForJob(data?.id as string);
    expect(job.detailed_status).toEqual({ [thales.sfdcOrgId]: 'synchronized 4 tenant secrets' });
    const stored = await server.runtime.db
      .selectFrom('tenant_secrets')
      .select(['secret_type', 'origin'])
      .where('salesforce_id', '=', first.Id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ secret_type: 'FutureSecretType', origin: 'native' });
  });
});
