// The same service on PostgreSQL (the multi-instance setup): a throwaway database on the local
// server, two instances sharing it, the operations and the job rules that lean on the database.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO, DEMO_DOMAIN_ID } from '../src/index.ts';
import {
  type SharedClouds,
  SYNC_PATH,
  startDemoClouds,
  startTestServer,
  type TestServer,
} from './helpers.ts';
import { createScratchDatabase, type ScratchDatabase } from './scratch-postgres.ts';

const servers: TestServer[] = [];
let database: ScratchDatabase;

// Both instances reach the same fake clouds: each start stores the demo credentials anew.
let clouds: SharedClouds;
beforeAll(async () => {
  database = await createScratchDatabase();
  clouds = await startDemoClouds();
  for (let i = 0; i < 2; i += 1) {
    servers.push(await startTestServer({ DATABASE_URL: database.url, JOB_POLL_MS: '30' }, {}, clouds));
  }
}, 90_000);
afterAll(async () => {
  for (const server of servers) await server.close();
  await clouds.clouds.close();
  await database.drop();
});

describe('on PostgreSQL, two instances sharing one database', () => {
  test('when both start, then the demo data was written once', async () => {
    const [first] = servers as [TestServer];
    const organizations = await first.runtime.db.selectFrom('sfdc_organizations').select('id').execute();
    expect(organizations).toHaveLength(2);
  });

  test('when 20 requests for one organization hit both instances at once, then exactly one job is created', async () => {
    const [first, second] = servers as [TestServer, TestServer];
    const running = clouds.clouds.faults.hold({ endpoint: 'salesforce.query' });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? first : second).admin.POST(SYNC_PATH, {
          body: { organization_ids: [DEMO.organizations.thales.id] },
        }),
      ),
    );
    const statuses = results.map((result) => result.response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    running.release();
    const created = results.find((result) => result.response.status === 201)?.data;
    // Each refusal names the job, even one whose insert raced it on the index from the other instance.
    for (const refused of results.filter((result) => result.response.status === 409))
      expect(refused.error).toMatchObject({
        job_id: created?.id,
        detail: `Job ${created?.id} is still synchronizing organization ${DEMO.organizations.thales.sfdcOrgId}`,
      });
    const job = await first.waitForJob(created?.id as string);
    expect(job.detailed_status).toEqual({
      [DEMO.organizations.thales.sfdcOrgId]: 'synchronized 4 tenant secrets',
    });
    const row = await first.runtime.db
      .selectFrom('sync_jobs')
      .select('attempts')
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(1);
  });

  test('when listing with filters and a completed_at sort, then unfinished jobs sort as latest', async () => {
    const [first] = servers as [TestServer];
    const hold = clouds.clouds.faults.hold({ endpoint: 'salesforce.query' });
    const running = await first.admin.POST(SYNC_PATH, {
      body: { organization_ids: [DEMO.organizations.seed002.id] },
    });
    const ascending = await first.admin.GET(SYNC_PATH, { params: { query: { sort: ['completed_at'] } } });
    const descending = await first.admin.GET(SYNC_PATH, { params: { query: { sort: ['-completed_at'] } } });
    expect(ascending.data?.resources.at(-1)?.id).toBe(running.data?.id);
    expect(descending.data?.resources[0]?.id).toBe(running.data?.id);
    const filtered = await first.admin.GET(SYNC_PATH, {
      params: {
        query: { organizations: [DEMO.organizations.seed002.sfdcOrgId], overall_status: 'in_progress' },
      },
    });
    expect(filtered.data?.total).toBe(1);
    hold.release();
    await first.waitForJob(running.data?.id as string);
  });

  test('when the backup is deleted through one instance, then the other answers 404', async () => {
    const [first, second] = servers as [TestServer, TestServer];
    const path = '/v1/cckm/sfdc/keys/{id}/delete-backup' as const;
    const params = { path: { id: DEMO.destroyedSecretId } };
    expect((await first.admin.POST(path, { params })).response.status).toBe(200);
    expect((await second.admin.POST(path, { params })).response.status).toBe(404);
  });

  test('when the organization switches connection, then both instances see it', async () => {
    const [first, second] = servers as [TestServer, TestServer];
    const { data } = await first.admin.PATCH('/v1/cckm/sfdc/organizations/{id}', {
      params: { path: { id: DEMO.organizations.thales.id } },
      body: { connection: 'new-sfdc-connection' },
    });
    expect(data?.connection).toBe('new-sfdc-connection');
    const seen = await second.runtime.store.organizations.get(DEMO_DOMAIN_ID, DEMO.organizations.thales.id);
    expect(seen?.connection_name).toBe('new-sfdc-connection');
  });

  test('when one instance creates a job, then the other lists it at once, though it cached that page before', async () => {
    const [first, second] = servers as [TestServer, TestServer];
    const query = { params: { query: { limit: 50 } } } as const;
    const before = await first.admin.GET(SYNC_PATH, query);
    const again = await first.admin.GET(SYNC_PATH, query);
    expect(again.data).toEqual(before.data);

    const created = await second.admin.POST(SYNC_PATH, {
      body: { organization_ids: [DEMO.organizations.seed002.id] },
    });
    expect(created.response.status).toBe(201);
    const after = await first.admin.GET(SYNC_PATH, query);
    expect(after.data?.total).toBe((before.data?.total ?? 0) + 1);
    expect(after.data?.resources[0]?.id).toBe(created.data?.id);
    await first.waitForJob(created.data?.id as string);
    const finished = await first.admin.GET(SYNC_PATH, query);
    expect(finished.data?.resources[0]?.overall_status).not.toBe('in_progress');
  });
});
