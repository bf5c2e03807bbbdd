// Black-box: starts the built server as a user does (`node dist/main.js`, dev profile,
// SQLite file), then replays the seed pages' curl requests with the token it prints.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO } from '../src/index.ts';
import { type SharedClouds, startDemoClouds } from './helpers.ts';
import { createScratchDatabase } from './scratch-postgres.ts';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
let directory: string;

interface Started {
  process: ChildProcess;
  baseUrl: string;
  token: string;
  exited: Promise<number | null>;
}

async function startServer(environment: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: packageDir,
    env: {
      PATH: process.env.PATH,
      CCKM_PROFILE: 'dev',
      PORT: '0',
      DATABASE_URL: `sqlite:${join(directory, 'cckm.sqlite')}`,
      DEMO_CLOUDS_FILE: cloudsFile,
      LOG_LEVEL: 'warn',
      ...environment,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  const ready = await new Promise<{ baseUrl: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 15_000);
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      const url = /CCKM server ready at (\S+)/.exec(output)?.[1];
      const token = /\n\n(eyJ[\w-]+\.[\w-]+\.[\w-]+)\n/.exec(output)?.[1];
      if (url && token) {
        clearTimeout(timer);
        resolve({ baseUrl: url, token });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { process: child, exited, ...ready };
}

async function stop(started: Started): Promise<number | null> {
  started.process.kill('SIGTERM');
  return started.exited;
}

// The fake clouds every server process of this file reaches, and the file with their credentials.
let clouds: SharedClouds;
let cloudsFile: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'cckm-blackbox-'));
  clouds = await startDemoClouds();
  cloudsFile = join(directory, 'fake-clouds.json');
  await writeFile(cloudsFile, JSON.stringify({ connections: clouds.demoCredentials }), { mode: 0o600 });
  // dist/ is built before any test runs (scripts/vitest-build-once.ts).
});
afterAll(async () => {
  await clouds.clouds.close();
  await rm(directory, { recursive: true, force: true });
});

describe('the built server, started as a process', () => {
  test('when the seed curls are replayed with the printed token, then each answers as the seed says', async () => {
    const server = await startServer();
    try {
      const call = (path: string, init: RequestInit = {}) =>
        fetch(`${server.baseUrl}${path}`, {
          ...init,
          headers: {
            Authorization: `Bearer ${server.token}`,
            ...(init.body ? { 'Content-Type': 'application/json' } : {}),
          },
        });

      const started = await call('/v1/cckm/sfdc/keys/synchronization-jobs', {
        method: 'POST',
        body: '{\n  "synchronize_all": true\n}',
      });
      expect(started.status).toBe(201);
      const job = (await started.json()) as { id: string; overall_status: string };
      expect(job.overall_status).toBe('in_progress');

      const listed = await call('/v1/cckm/sfdc/keys/synchronization-jobs?skip=0&limit=10');
      expect(listed.status).toBe(200);
      expect(((await listed.json()) as { total: number }).total).toBe(1);

      const deleted = await call('/v1/cckm/sfdc/keys/912c7e4d-121e-42bc-ba28-33005cc665cf/delete-backup', {
        method: 'POST',
      });
      expect(deleted.status).toBe(200);
      expect(((await deleted.json()) as { sfdc_params: { Status: string } }).sfdc_params.Status).toBe(
        'DESTROYED',
      );

      const sapWithoutBody = await call('/v1/cckm/sap/synchronization-jobs', { method: 'POST' });
      expect(sapWithoutBody.status).toBe(400);
      expect(((await sapWithoutBody.json()) as { detail: string }).detail).toMatch(
        /^A JSON body is required: send/,
      );

      const sap = await call('/v1/cckm/sap/synchronization-jobs', {
        method: 'POST',
        body: JSON.stringify({
          groups: [
            '3e732d57-5ea1-491f-b238-9f4a39a9566f',
            'c4e5bd34-af39-4027-9058-6f1a4bb3519d',
            '00RT000000060vKLOP',
          ],
        }),
      });
      expect(sap.status).toBe(201);

      const updated = await call('/v1/cckm/sfdc/organizations/2473e846-31a8-4ee6-8299-17025548b4e2', {
        method: 'PATCH',
        body: '{\n  "connection": "new-sfdc-connection"\n}',
      });
      expect(updated.status).toBe(200);
      expect(((await updated.json()) as { connection: string }).connection).toBe('new-sfdc-connection');

      expect((await fetch(server.baseUrl.replace(/\/api$/, '/readyz'))).status).toBe(200);
    } finally {
      expect(await stop(server)).toBe(0);
    }
  }, 90_000);

  test('when restarted on the same database, then its jobs and deletions are still there', async () => {
    const server = await startServer();
    try {
      const listed = await fetch(`${server.baseUrl}/v1/cckm/sfdc/keys/synchronization-jobs`, {
        headers: { Authorization: `Bearer ${server.token}` },
      });
      const page = (await listed.json()) as { total: number; resources: { overall_status: string }[] };
      expect(page.total).toBe(1);
      const again = await fetch(
        `${server.baseUrl}/v1/cckm/sfdc/keys/912c7e4d-121e-42bc-ba28-33005cc665cf/delete-backup`,
        {
          method: 'POST',
          headers: { Authorization: `Bearer ${server.token}` },
        },
      );
      expect(again.status).toBe(404);
    } finally {
      expect(await stop(server)).toBe(0);
    }
  }, 90_000);

  /** The built server in the production profile on its own SQLite file, its output collected. */
  function startProduction(file: string, environment: Record<string, string> = {}) {
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: packageDir,
      env: {
        PATH: process.env.PATH,
        CCKM_PROFILE: 'production',
        JWT_SECRET: 'production-secret-production-secret-0123',
        PORT: '0',
        DATABASE_URL: `sqlite:${join(directory, file)}`,
        LOG_LEVEL: 'info',
        ...environment,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const output = { stdout: '', stderr: '' };
    child.stdout?.on('data', (chunk) => {
      output.stdout += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output.stderr += chunk;
    });
    /** Whether stdout shows `text` within `ms`. */
    const until = async (text: string, ms: number) => {
      for (let waited = 0; waited < ms && !output.stdout.includes(text); waited += 20)
        await new Promise((resolve) => setTimeout(resolve, 20));
      return output.stdout.includes(text);
    };
    return { child, exited, output, until };
  }

  test('when the production profile runs with demo data, then no token is minted or printed', async () => {
    const { child, exited, output, until } = startProduction('production.sqlite', { DEMO_DATA: 'true' });
    try {
      expect(await until('"msg":"listening"', 15_000)).toBe(true);
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    // Everything it printed in its whole life, up to its exit.
    const everything = output.stdout + output.stderr;
    expect(everything).toContain('"msg":"stopped"');
    expect(everything).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
    expect(everything).not.toContain('Admin token');
  }, 90_000);

  test('when one request reaches an idle server, then its access line is on stdout within moments, and every line logged while stopping is written', async () => {
    // Lines are batched (logger.ts): a lone line must still come out on the periodic flush, not
    // wait for a batch to fill, and what is buffered at exit must not be lost.
    const { child, exited, output, until } = startProduction('logging.sqlite');
    let lineCameOut = false;
    try {
      expect(await until('"msg":"listening"', 15_000)).toBe(true);
      const url = /"url":"([^"]+)"/.exec(output.stdout)?.[1];
      expect(url).toBeDefined();
      const response = await fetch(`${url}/v1/cckm/synchronization-jobs?probe=lone`);
      expect(response.status).toBeGreaterThanOrEqual(400);
      // Well before the exit flush: the batch (4 KiB) never fills with one line.
      lineCameOut = await until('probe=lone', 10_000);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(lineCameOut).toBe(true);
    const lines = output.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string });
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    expect(lines.at(-1)?.msg).toBe('stopped');
  }, 90_000);
});

describe('the built server, killed with SIGKILL mid-job', () => {
  const SYNC = '/v1/cckm/sfdc/keys/synchronization-jobs';
  const { thales, seed002 } = DEMO.organizations;

  const api = (server: Started, path: string, init: RequestInit = {}) =>
    fetch(`${server.baseUrl}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    });

  async function jobOf(server: Started, id: string) {
    const page = (await (await api(server, `${SYNC}?id=${id}`)).json()) as {
      resources: { overall_status: string; detailed_status?: Record<string, string> }[];
    };
    return page.resources[0];
  }

  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
    for (let i = 0; i < 300; i += 1) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  /** Stored copies per organization, and whether any Salesforce secret is stored twice. */
  function storedCopies(file: string) {
    const db = new SQLite(file, { readonly: true });
    try {
      const rows = db
        .prepare('select organization_id, salesforce_id from tenant_secrets where backup_deleted_at is null')
        .all() as { organization_id: string; salesforce_id: string }[];
      const count = (organization: string) =>
        rows.filter((row) => row.organization_id === organization).length;
      return {
        thales: count(thales.id),
        seed002: count(seed002.id),
        duplicated:
          rows.length - new Set(rows.map((row) => `${row.organization_id}/${row.salesforce_id}`)).size,
      };
    } finally {
      db.close();
    }
  }

  test('when the only instance is killed after one organization, then a restart finishes the job: nothing lost or duplicated', async () => {
    const file = join(directory, 'crash.sqlite');
    const environment = {
      DATABASE_URL: `sqlite:${file}`,
      JOB_CONCURRENCY: '1',
      JOB_LEASE_MS: '1000',
      JOB_POLL_MS: '100',
    };
    // The second organization's call is held: the server dies after the first, mid-job.
    const held = clouds.clouds.faults.hold({
      endpoint: 'salesforce.query',
      organizationId: seed002.sfdcOrgId,
    });
    const first = await startServer(environment);
    const started = await api(first, SYNC, {
      method: 'POST',
      body: JSON.stringify({ organization_ids: [thales.id, seed002.id] }),
    });
    expect(started.status).toBe(201);
    const { id } = (await started.json()) as { id: string };
    await held.reached();
    await until(
      () => jobOf(first, id),
      (job) => Object.keys(job?.detailed_status ?? {}).length === 1,
      'one target',
    );
    first.process.kill('SIGKILL');
    expect(await first.exited).toBeNull();

    held.release();
    const second = await startServer(environment);
    try {
      const job = await until(
        () => jobOf(second, id),
        (value) => value?.overall_status !== 'in_progress',
        'the job',
      );
      expect(job).toMatchObject({
        overall_status: 'completed',
        detailed_status: {
          [thales.sfdcOrgId]: 'synchronized 4 tenant secrets',
          [seed002.sfdcOrgId]: 'synchronized 2 tenant secrets',
        },
      });
      expect(storedCopies(file)).toEqual({ thales: 4, seed002: 2, duplicated: 0 });

      const again = await api(second, SYNC, { method: 'POST', body: '{"synchronize_all":true}' });
      expect(again.status).toBe(201);
      const next = (await again.json()) as { id: string };
      expect(
        (
          await until(
            () => jobOf(second, next.id),
            (value) => value?.overall_status !== 'in_progress',
            'the new job',
          )
        )?.overall_status,
      ).toBe('completed');
      expect(storedCopies(file)).toEqual({ thales: 4, seed002: 2, duplicated: 0 });
    } finally {
      expect(await stop(second)).toBe(0);
    }
  }, 60_000);

  test('when one of two instances on PostgreSQL is killed mid-job, then the other takes the job over after its lease', async () => {
    const database = await createScratchDatabase('cckm_crash');
    const environment = {
      DATABASE_URL: database.url,
      JOB_CONCURRENCY: '1',
      JOB_LEASE_MS: '1000',
      JOB_POLL_MS: '100',
    };
    // The second organization's call is held while the first instance has the job: it dies mid-job.
    const held = clouds.clouds.faults.hold({
      endpoint: 'salesforce.query',
      organizationId: seed002.sfdcOrgId,
    });
    const doomed = await startServer(environment);
    const survivor = await startServer({ ...environment, JOB_POLL_MS: '60000' });
    try {
      const started = await api(doomed, SYNC, {
        method: 'POST',
        body: JSON.stringify({ organization_ids: [thales.id, seed002.id] }),
      });
      expect(started.status).toBe(201);
      const { id } = (await started.json()) as { id: string };
      await held.reached();
      await until(
        () => jobOf(doomed, id),
        (job) => Object.keys(job?.detailed_status ?? {}).length === 1,
        'one target',
      );
      doomed.process.kill('SIGKILL');
      expect(await doomed.exited).toBeNull();
      held.release();

      // The survivor looks for work when a job is created: a sync of another organization wakes it.
      const job = await until(
        async () => {
          await api(survivor, '/v1/cckm/sap/synchronization-jobs', {
            method: 'POST',
            body: '{"synchronize_all":true}',
          });
          return jobOf(survivor, id);
        },
        (value) => value?.overall_status !== 'in_progress',
        'the job on the survivor',
      );
      expect(job).toMatchObject({
        overall_status: 'completed',
        detailed_status: {
          [thales.sfdcOrgId]: 'synchronized 4 tenant secrets',
          [seed002.sfdcOrgId]: 'synchronized 2 tenant secrets',
        },
      });
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ organization_id: string; n: string; distinct_ids: string }>(
          `select organization_id, count(*) as n, count(distinct salesforce_id) as distinct_ids
             from tenant_secrets where backup_deleted_at is null group by organization_id order by organization_id`,
        );
        const byOrganization = Object.fromEntries(
          rows.map((row) => [row.organization_id, [Number(row.n), Number(row.distinct_ids)]]),
        );
        expect(byOrganization).toEqual({ [thales.id]: [4, 4], [seed002.id]: [2, 2] });
      } finally {
        await client.end();
      }
    } finally {
      doomed.process.kill('SIGKILL');
      await stop(survivor);
      await database.drop();
    }
  }, 60_000);
});
