// Black-box: builds the server and starts it as a user does (`node dist/main.js`, dev profile,
// SQLite file), then replays the seed pages' curl requests with the token it prints.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
let directory: string;

interface Started {
  process: ChildProcess;
  baseUrl: string;
  token: string;
  exited: Promise<number | null>;
}

async function startServer(): Promise<Started> {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: packageDir,
    env: {
      PATH: process.env.PATH,
      CCKM_PROFILE: 'dev',
      PORT: '0',
      DATABASE_URL: `sqlite:${join(directory, 'cckm.sqlite')}`,
      SANDBOX_LATENCY_MS: '20',
      LOG_LEVEL: 'warn',
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

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'cckm-blackbox-'));
  await promisify(execFile)('pnpm', ['--silent', 'run', 'build'], { cwd: join(packageDir, '../..') });
}, 120_000);
afterAll(() => rm(directory, { recursive: true, force: true }));

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
  }, 30_000);

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
  }, 30_000);

  test('when the production profile runs with demo data, then no token is minted or printed', async () => {
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: packageDir,
      env: {
        PATH: process.env.PATH,
        CCKM_PROFILE: 'production',
        DEMO_DATA: 'true',
        JWT_SECRET: 'production-secret-production-secret-0123',
        PORT: '0',
        DATABASE_URL: `sqlite:${join(directory, 'production.sqlite')}`,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    try {
      for (let i = 0; i < 150 && !output.includes('"msg":"listening"'); i += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(output).toContain('"msg":"listening"');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(output).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
      expect(output).not.toContain('Admin token');
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 30_000);
});
