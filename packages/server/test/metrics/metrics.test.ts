// The Prometheus metrics, black-box (issue 24): the built server (dist/main.js) in the dev profile as
// `pnpm start` runs it, with METRICS_PORT set, against fake clouds this test holds; a sync moves the
// counters it should, seen on the separate metrics listener whose URL the banner prints. A job is
// held open with the fake clouds' hold fault, never by waiting on the clock.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO } from '../../src/index.ts';
import { type SharedClouds, startDemoClouds } from '../helpers.ts';
import { parseExposition, sample } from './exposition.ts';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

interface Started {
  process: ChildProcess;
  exited: Promise<number | null>;
  baseUrl: string;
  metricsUrl: string | undefined;
  token: string;
  output: () => string;
}

let directory: string;
let clouds: SharedClouds;
let cloudsFile: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'cckm-metrics-'));
  clouds = await startDemoClouds();
  cloudsFile = join(directory, 'fake-clouds.json');
  await writeFile(cloudsFile, JSON.stringify({ connections: clouds.demoCredentials }), { mode: 0o600 });
});
afterAll(async () => {
  await clouds.clouds.close();
  await rm(directory, { recursive: true, force: true });
});

/** dist/main.js in the dev profile; resolves once the banner (API, token, metrics) is printed. */
async function startServer(environment: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: packageDir,
    env: {
      PATH: process.env.PATH,
      CCKM_PROFILE: 'dev',
      PORT: '0',
      DATABASE_URL: `sqlite:${join(directory, `${Math.random().toString(36).slice(2)}.sqlite`)}`,
      DEMO_CLOUDS_FILE: cloudsFile,
      LOG_LEVEL: 'warn',
      JOB_POLL_MS: '100',
      ...environment,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  const ready = await new Promise<Omit<Started, 'process' | 'exited' | 'output'>>((resolve, reject) => {
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      const baseUrl = /CCKM server ready at (\S+)/.exec(output)?.[1];
      const token = /\n\n(eyJ[\w-]+\.[\w-]+\.[\w-]+)\n/.exec(output)?.[1];
      if (baseUrl && token)
        resolve({ baseUrl, token, metricsUrl: /Metrics \(Prometheus\): (\S+)/.exec(output)?.[1] });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { process: child, exited, output: () => output, ...ready };
}

async function stop(started: Started): Promise<number | null> {
  started.process.kill('SIGTERM');
  return started.exited;
}

describe('metrics', () => {
  test('when METRICS_PORT is set, then a sync moves the counters it should, on the metrics listener only', async () => {
    const server = await startServer({ METRICS_PORT: '0' });
    try {
      expect(server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const scrape = async () => parseExposition(await (await fetch(server.metricsUrl as string)).text());
      const api = (path: string, init: RequestInit = {}) =>
        fetch(`${server.baseUrl}${path}`, {
          ...init,
          headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
        });
      const before = await scrape();
      expect(sample(before, 'cckm_sync_jobs_created_total', { cloud: 'sfdc' })).toBe(0);
      expect(before.has('nodejs_eventloop_lag_seconds')).toBe(true);
      expect(before.has('process_resident_memory_bytes')).toBe(true);

      // The job stays open on its query until this test lets it go.
      const held = clouds.clouds.faults.hold({ endpoint: 'salesforce.query' });
      const started = await api('/v1/cckm/sfdc/keys/synchronization-jobs', {
        method: 'POST',
        body: JSON.stringify({ organization_ids: [DEMO.organizations.thales.id] }),
      });
      expect(started.status).toBe(201);
      const job = (await started.json()) as { id: string };
      await held.reached();
      const running = await scrape();
      expect(sample(running, 'cckm_sync_jobs_in_progress', { cloud: 'sfdc' })).toBe(1);
      expect(sample(running, 'cckm_sync_jobs_started_total', { cloud: 'sfdc' })).toBe(1);
      held.release();

      let status = 'in_progress';
      while (status === 'in_progress') {
        const page = (await (await api(`/v1/cckm/sfdc/keys/synchronization-jobs?id=${job.id}`)).json()) as {
          resources: { overall_status: string }[];
        };
        status = page.resources[0]?.overall_status ?? 'missing';
      }
      expect(status).toBe('completed');
      // The same page again: served from the page cache.
      await api(`/v1/cckm/sfdc/keys/synchronization-jobs?id=${job.id}`);
      const after = await scrape();

      const moved = (name: string, labels: Record<string, string> = {}) =>
        sample(after, name, labels) - sample(before, name, labels);
      expect(
        moved('cckm_http_requests_total', {
          operation: 'createSfdcSynchronizationJob',
          method: 'POST',
          status: '201',
        }),
      ).toBe(1);
      expect(
        moved('cckm_http_request_duration_seconds_count', { operation: 'listSfdcSynchronizationJobs' }),
      ).toBeGreaterThanOrEqual(2);
      expect(moved('cckm_sync_jobs_created_total', { cloud: 'sfdc' })).toBe(1);
      expect(moved('cckm_sync_jobs_started_total', { cloud: 'sfdc' })).toBe(1);
      expect(moved('cckm_sync_jobs_finished_total', { cloud: 'sfdc', status: 'completed' })).toBe(1);
      expect(sample(after, 'cckm_sync_jobs_in_progress', { cloud: 'sfdc' })).toBe(0);
      expect(moved('cckm_sync_targets_total', { cloud: 'sfdc', outcome: 'succeeded' })).toBe(1);
      expect(moved('cckm_cloud_requests_total', { cloud: 'sfdc', endpoint: 'login', outcome: 'ok' })).toBe(1);
      expect(moved('cckm_cloud_logins_total', { cloud: 'sfdc', outcome: 'ok' })).toBe(1);
      expect(
        moved('cckm_cloud_requests_total', { cloud: 'sfdc', endpoint: 'query', outcome: 'ok' }),
      ).toBeGreaterThanOrEqual(1);
      expect(moved('cckm_list_page_cache_requests_total', { result: 'hit' })).toBeGreaterThanOrEqual(1);
      expect(moved('cckm_list_page_cache_requests_total', { result: 'miss' })).toBeGreaterThanOrEqual(1);
      expect(moved('cckm_sync_job_lease_takeovers_total', { cloud: 'sfdc' })).toBe(0);

      // Not on the API's listener.
      expect((await fetch(server.baseUrl.replace(/\/api$/, '/metrics'))).status).toBe(404);
    } finally {
      expect(await stop(server)).toBe(0);
    }
  }, 90_000);

  test('when METRICS_PORT is not set, then no metrics listener starts and the banner names none', async () => {
    const server = await startServer({});
    try {
      expect(server.metricsUrl).toBeUndefined();
      expect(server.output()).not.toContain('Metrics');
    } finally {
      expect(await stop(server)).toBe(0);
    }
  }, 90_000);
});
