import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEMO, formatMicros } from '../../../src/index.ts';
import {
  type SharedClouds,
  SYNC_PATH,
  startDemoClouds,
  startTestServer,
  type TestServer,
} from '../../helpers.ts';

const { thales, seed002 } = DEMO.organizations;
const servers: TestServer[] = [];
let directory: string;

// Every server of a test shares the test's database, and so its fake clouds.
let clouds: SharedClouds;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'cckm-leases-'));
  clouds = await startDemoClouds();
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  await clouds.clouds.close();
  await rm(directory, { recursive: true, force: true });
});

async function start(environment: Record<string, string> = {}) {
  const server = await startTestServer(
    {
      DATABASE_URL: `sqlite:${join(directory, 'cckm.sqlite')}`,
      // Long enough that no renewal is ever late, however busy the machine: a test about
      // expiry writes an expired lease itself, or asks for a shorter one.
      JOB_LEASE_MS: '60000',
      JOB_POLL_MS: '30',
      ...environment,
    },
    {},
    clouds,
  );
  servers.push(server);
  return server;
}

const jobRow = (server: TestServer, id: string) =>
  server.runtime.db.selectFrom('sync_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('sync job leases', () => {
  test('when a worker died holding a job, then another resumes it after the lease expires', async () => {
    const server = await start();
    await server.runtime.runner.stop();
    const { data } = await server.admin.POST(SYNC_PATH, {
      body: { organization_ids: [thales.id, seed002.id] },
    });
    const id = data?.id as string;
    // A worker that claimed the job, finished the first organization, and died.
    const now = () => formatMicros(Date.now() * 1000);
    const { syncJobLeases } = server.runtime.store;
    expect(await syncJobLeases.claim(id, 'dead-worker', now(), formatMicros((Date.now() + 300) * 1000))).toBe(
      1,
    );
    await server.runtime.store.transaction((tx) =>
      tx.syncJobLeases.recordTargetResult(
        { jobId: id, owner: 'dead-worker' },
        0,
        'succeeded',
        'synchronized by the dead worker',
        now(),
      ),
    );
    const queries = {
      [thales.sfdcOrgId]: server.clouds.faults.latency(0, {
        endpoint: 'salesforce.query',
        organizationId: thales.sfdcOrgId,
      }),
      [seed002.sfdcOrgId]: server.clouds.faults.latency(0, {
        endpoint: 'salesforce.query',
        organizationId: seed002.sfdcOrgId,
      }),
    };

    server.runtime.runner.start();
    const job = await server.waitForJob(id);

    expect(job.overall_status).toBe('completed');
    expect(job.detailed_status).toEqual({
      [thales.sfdcOrgId]: 'synchronized by the dead worker',
      [seed002.sfdcOrgId]: 'synchronized 2 tenant secrets',
    });
    expect(queries[thales.sfdcOrgId]?.hits).toBe(0);
    expect(queries[seed002.sfdcOrgId]?.hits).toBeGreaterThan(0);
    expect((await jobRow(server, id)).attempts).toBe(2);
  });

  test('when a job was interrupted more often than allowed, then it ends failed with the reason', async () => {
    const server = await start({ JOB_MAX_ATTEMPTS: '2' });
    await server.runtime.runner.stop();
    const { data } = await server.admin.POST(SYNC_PATH, { body: { organization_ids: [thales.id] } });
    const id = data?.id as string;
    await server.runtime.db
      .updateTable('sync_jobs')
      .set({ attempts: 2, lease_owner: 'dead-worker', lease_expires_at: '2000-01-01T00:00:00.000000Z' })
      .where('id', '=', id)
      .execute();

    server.runtime.runner.start();
    const job = await server.waitForJob(id);

    expect(job.overall_status).toBe('failed');
    expect(job.detailed_status).toEqual({ [thales.sfdcOrgId]: 'Abandoned: the job was interrupted 2 times' });
    expect(job.completed_at).toBeDefined();
  });

  test('when a job outlives its lease, then its worker renews it and no other instance takes it', async () => {
    const first = await start({ JOB_LEASE_MS: '3000' });
    const second = await start({ JOB_LEASE_MS: '3000' });
    const running = clouds.clouds.faults.hold({ endpoint: 'salesforce.query' });
    await second.runtime.runner.stop();
    const { data } = await first.admin.POST(SYNC_PATH, { body: { organization_ids: [thales.id] } });
    const id = data?.id as string;
    await running.reached();
    const claimedUntil = (await jobRow(first, id)).lease_expires_at as string;
    second.runtime.runner.start();

    // Held until the first lease has run out and a second one's worth more: only the first
    // worker's renewals keep the job from the second instance meanwhile.
    const renewedPast = formatMicros((Date.parse(claimedUntil) + 3_000) * 1000);
    await expect
      .poll(async () => (await jobRow(first, id)).lease_expires_at as string, {
        timeout: 30_000,
        interval: 50,
      })
      .toSatisfy((expiry: string) => expiry > renewedPast);
    running.release();
    const job = await first.waitForJob(id);

    expect(job.detailed_status).toEqual({ [thales.sfdcOrgId]: 'synchronized 4 tenant secrets' });
    expect((await jobRow(first, id)).attempts).toBe(1);
  });

  test('when the server stops mid-job, then it releases the lease and the next start finishes the job', async () => {
    const first = await start();
    const running = clouds.clouds.faults.hold({ endpoint: 'salesforce.query' });
    const { data } = await first.admin.POST(SYNC_PATH, { body: { organization_ids: [thales.id] } });
    const id = data?.id as string;
    await running.reached();
    expect((await jobRow(first, id)).lease_owner).not.toBeNull();

    await first.close();
    servers.splice(servers.indexOf(first), 1);
    running.release();

    const restarted = await start();
    const job = await restarted.waitForJob(id);
    expect(job.overall_status).toBe('completed');
    expect(job.detailed_status).toEqual({ [thales.sfdcOrgId]: 'synchronized 4 tenant secrets' });
  });

  test('when the server is stopped cleanly more often than JOB_MAX_ATTEMPTS mid-job, then the job still completes', async () => {
    let id: string | undefined;
    const running = clouds.clouds.faults.hold({ endpoint: 'salesforce.query' });
    for (let restart = 0; restart < 4; restart += 1) {
      const server = await start({ JOB_MAX_ATTEMPTS: '2' });
      if (!id) {
        const { data } = await server.admin.POST(SYNC_PATH, { body: { organization_ids: [thales.id] } });
        id = data?.id as string;
      }
      // This start's worker is mid-job: its call to Salesforce is held.
      await running.reached(restart + 1);
      expect((await jobRow(server, id)).lease_owner).not.toBeNull();
      await server.close();
      servers.splice(servers.indexOf(server), 1);
    }

    running.release();
    const last = await start({ JOB_MAX_ATTEMPTS: '2' });
    const job = await last.waitForJob(id as string);
    expect(job.overall_status).toBe('completed');
    expect(job.detailed_status).toEqual({ [thales.sfdcOrgId]: 'synchronized 4 tenant secrets' });
    expect((await jobRow(last, id as string)).attempts).toBe(1);
  });
});
