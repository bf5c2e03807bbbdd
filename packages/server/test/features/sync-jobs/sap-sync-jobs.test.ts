import type { Problem } from '@cckm/api-types';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEMO } from '../../../src/index.ts';
import { SAP_SYNC_PATH, startTestServer, type TestServer } from '../../helpers.ts';

const [finance, hr, analytics] = DEMO.sapGroups;
let server: TestServer;

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

async function sapJob(id: string) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const row = await server.runtime.store.syncJobs.get(id);
    if (row && row.job.overall_status !== 'in_progress') return row;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('SAP job did not finish');
}

describe('POST sap/synchronization-jobs', () => {
  test("when seed 003's groups are sent, then the job lists them by SAP group ID", async () => {
    const { data, response } = await server.admin.POST(SAP_SYNC_PATH, {
      body: { groups: [finance.groupId, hr.groupId, analytics.groupId] },
    });
    expect(response.status).toBe(201);
    expect(data).toMatchObject({
      cloud: 'sap',
      overall_status: 'in_progress',
      groups: [finance.groupId, hr.groupId, analytics.groupId],
    });
    expect(data).not.toHaveProperty('kms');
  });

  test('when a group is named by resource ID, then the job still lists its SAP group ID', async () => {
    const { data } = await server.admin.POST(SAP_SYNC_PATH, { body: { groups: [finance.id] } });
    expect(data).toMatchObject({ cloud: 'sap', groups: [finance.groupId] });
  });

  test('when the job runs, then every group reports its keys and the keys are stored', async () => {
    const { data } = await server.admin.POST(SAP_SYNC_PATH, { body: { synchronize_all: true } });
    const { job, targets } = await sapJob(data?.id as string);
    expect(job.overall_status).toBe('completed');
    expect(targets.map((target) => target.message)).toEqual([
      'synchronized 2 keys',
      'synchronized 2 keys',
      'synchronized 2 keys',
    ]);
    const stored = await server.runtime.db
      .selectFrom('sap_keys')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('group_id', '=', finance.id)
      .where('gone', '=', 0)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(2);
  });

  test('when one group cannot be listed, then its line says why and the others succeed', async () => {
    server.clouds.faults.inject({
      endpoint: 'sap.keys',
      groupId: hr.groupId,
      fault: { kind: 'server-error', status: 502 },
    });
    const { data } = await server.admin.POST(SAP_SYNC_PATH, { body: { synchronize_all: true } });
    const { job, targets } = await sapJob(data?.id as string);
    expect(job.overall_status).toBe('completed');
    expect(targets.find((target) => target.target_key === hr.groupId)?.message).toMatch(
      /^Error listing keys from SAP: .*502/,
    );
    expect(targets.filter((target) => target.state === 'succeeded')).toHaveLength(2);
  });

  test('when a job is running for a group, then another naming it is 409', async () => {
    const running = server.clouds.faults.hold({ endpoint: 'sap.keys' });
    await server.admin.POST(SAP_SYNC_PATH, { body: { groups: [analytics.groupId] } });
    const { error, response } = await server.admin.POST(SAP_SYNC_PATH, { body: { groups: [analytics.id] } });
    running.release();
    expect(response.status).toBe(409);
    expect(error?.type).toBe('tag:cckm-contract.github.io,2026:problem:sync-job-running');
    expect(error?.detail).toContain(`group ${analytics.groupId}`);
  });

  test('when a group is unknown, then 422 names it', async () => {
    const { error, response } = await server.admin.POST(SAP_SYNC_PATH, {
      body: { groups: ['00RT000000099zzZZZ'] },
    });
    expect(response.status).toBe(422);
    expect(error).toMatchObject({
      type: 'tag:cckm-contract.github.io,2026:problem:unknown-group',
      detail: 'No SAP group 00RT000000099zzZZZ in this domain',
    });
  });

  test("when seed 003's curl sends no body, then 400 says what to send", async () => {
    const response = await fetch(`${server.baseUrl}${SAP_SYNC_PATH}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await server.token()}` },
    });
    const body = (await response.json()) as Problem;
    expect(response.status).toBe(400);
    expect(body.detail).toBe(
      'A JSON body is required: send {"groups":["3e732d57-5ea1-491f-b238-9f4a39a9566f","c4e5bd34-af39-4027-9058-6f1a4bb3519d","00RT000000060vKLOP"]} or {"synchronize_all":true} with Content-Type: application/json',
    );
  });

  test('when both groups and synchronize_all are sent, then 400 names the rule', async () => {
    const { error, response } = await server.admin.POST(SAP_SYNC_PATH, {
      body: { groups: [finance.groupId], synchronize_all: true } as never,
    });
    expect(response.status).toBe(400);
    expect(error?.errors).toContainEqual({
      path: '/body',
      message: 'must have exactly one of groups or synchronize_all: true',
    });
  });

  test('when SAP jobs exist, then the Salesforce job list does not show them', async () => {
    await server.admin.POST(SAP_SYNC_PATH, { body: { synchronize_all: true } });
    const { data } = await server.admin.GET('/v1/cckm/sfdc/keys/synchronization-jobs');
    expect(data?.total).toBe(0);
  });
});
