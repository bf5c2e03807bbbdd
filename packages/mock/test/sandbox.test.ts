// `pnpm mock --stateful` black-box: the built command (dist/cli.js) started as a user starts it, in
// a folder of its own, driven over HTTP. What a frontend does is remembered (a job appears, runs
// and completes; a deleted backup stays deleted; a PATCH switches the connection), a reset starts
// afresh, and every scenario does what the help says, per request and per run. Jobs are observed
// the way a client observes them, by reading the list until they finish.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SynchronizationJob } from '@cckm/api-types';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { freePort, mockToken, startPrism } from '../src/index.ts';
import { signToken } from '../src/mock-token.ts';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const JOBS = '/v1/cckm/sfdc/keys/synchronization-jobs';
const SAP_JOBS = '/v1/cckm/sap/synchronization-jobs';
const THALES = { id: '2473e846-31a8-4ee6-8299-17025548b4e2', sfdcOrgId: '00DB000000040bIMAQ' };
const THALES_EUROPE = '00DB000000012ABCDE';
const DESTROYED_SECRET = '912c7e4d-121e-42bc-ba28-33005cc665cf';
const TOKEN = mockToken();

interface Sandbox {
  child: ChildProcess;
  url: string;
  origin: string;
  startupMs: number;
  folder: string;
  stderr: () => string;
  stop(): Promise<number | null>;
}

/** Starts `pnpm mock --stateful ...` in an empty folder; resolves once it printed its URL. */
async function startSandboxCommand(args: string[]): Promise<Sandbox> {
  const folder = await mkdtemp(join(tmpdir(), 'cckm-sandbox-test-'));
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, '--stateful', '--port', String(port), ...args], {
    cwd: folder,
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const banner = await new Promise<RegExpExecArray>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^CCKM sandbox .* at (\S+), ready in ([\d.]+) s$/m.exec(stdout);
      if (match) resolve(match);
    });
    void exited.then((code) => reject(new Error(`the sandbox exited with ${code}:\n${stdout}${stderr}`)));
  });
  const url = banner[1] as string;
  return {
    child,
    url,
    origin: new URL(url).origin,
    startupMs: Number(banner[2]) * 1000,
    folder,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const code = await exited;
      await rm(folder, { recursive: true, force: true });
      return code;
    },
  };
}

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function call(
  sandbox: Sandbox,
  method: string,
  path: string,
  options: { body?: unknown; scenario?: string; token?: string } = {},
): Promise<Answer> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${options.token ?? TOKEN}`,
      ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(options.scenario ? { Prefer: `scenario=${options.scenario}` } : {}),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
}

const jobOf = async (sandbox: Sandbox, id: string) =>
  (
    (await call(sandbox, 'GET', `${JOBS}?id=${id}`)).body.resources as SynchronizationJob[]
  )[0] as SynchronizationJob;

/** Reads the job until `done` says so, as a client polls it. */
async function until(
  sandbox: Sandbox,
  id: string,
  done: (job: SynchronizationJob) => boolean,
): Promise<SynchronizationJob> {
  for (;;) {
    const job = await jobOf(sandbox, id);
    if (done(job)) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const finished = (job: SynchronizationJob) => job.overall_status !== 'in_progress';

const reset = async (sandbox: Sandbox) => {
  const response = await fetch(`${sandbox.origin}/__sandbox/reset`, { method: 'POST' });
  expect(response.status).toBe(200);
};

describe('pnpm mock --stateful', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandboxCommand([
      '--job-duration',
      '4s',
      '--job-deadline',
      '8s',
      '--many-jobs',
      '150',
    ]);
  }, 120_000);
  afterAll(async () => {
    expect(await sandbox?.stop()).toBe(0);
  });

  test('when it has started, then it says how long it took and its folder holds nothing of it', async () => {
    // The figure is reported (3 s at most on a quiet machine); a busy one takes longer.
    process.stdout.write(`sandbox start-up to ready: ${sandbox.startupMs} ms\n`);
    expect(sandbox.startupMs).toBeGreaterThan(0);
    expect((await call(sandbox, 'GET', JOBS)).status).toBe(200);
    expect(await readdir(sandbox.folder)).toEqual([]);
  });

  describe('remembers', () => {
    beforeEach(() => reset(sandbox));

    test('when a job is started, then it is listed, in progress, its organizations finish one by one, then it completes', async () => {
      const created = await call(sandbox, 'POST', JOBS, {
        body: { synchronize_all: true },
        scenario: 'slow-jobs',
      });
      expect(created.status).toBe(201);
      const id = String(created.body.id);
      const listed = (await call(sandbox, 'GET', JOBS)).body;
      expect(listed).toMatchObject({ total: 1, resources: [{ id, overall_status: 'in_progress' }] });
      // Thales answers after half the duration, Thales Europe after all of it.
      const halfway = await until(sandbox, id, (job) => job.detailed_status !== undefined || finished(job));
      expect(halfway.overall_status).toBe('in_progress');
      expect(Object.keys(halfway.detailed_status ?? {})).toEqual([THALES.sfdcOrgId]);
      const done = await until(sandbox, id, finished);
      expect(done.overall_status).toBe('completed');
      expect(Object.keys(done.detailed_status ?? {}).sort()).toEqual(
        [THALES_EUROPE, THALES.sfdcOrgId].sort(),
      );
    });

    test('when a backup is deleted, then a second delete is 404, until a reset brings it back', async () => {
      const path = `/v1/cckm/sfdc/keys/${DESTROYED_SECRET}/delete-backup`;
      expect((await call(sandbox, 'POST', path)).status).toBe(200);
      expect((await call(sandbox, 'POST', path)).status).toBe(404);
      await reset(sandbox);
      expect((await call(sandbox, 'POST', path)).status).toBe(200);
    });

    test('when a PATCH switches the connection, then the organization answers with the new one', async () => {
      const path = `/v1/cckm/sfdc/organizations/${THALES.id}`;
      const switched = await call(sandbox, 'PATCH', path, { body: { connection: 'new-sfdc-connection' } });
      expect(switched).toMatchObject({ status: 200, body: { connection: 'new-sfdc-connection' } });
      const back = await call(sandbox, 'PATCH', path, { body: { connection: 'sfdc-connection' } });
      expect(back).toMatchObject({ status: 200, body: { connection: 'sfdc-connection' } });
    });

    test('when the reset is asked with GET or another path, then it is refused', async () => {
      expect((await fetch(`${sandbox.origin}/__sandbox/reset`)).status).toBe(405);
      expect((await fetch(`${sandbox.origin}/__sandbox/other`, { method: 'POST' })).status).toBe(404);
    });

    test('when tokens are not the sandbox’s, then the real server judges their claims', async () => {
      const none = await fetch(`${sandbox.url}${JOBS}`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer realm="cckm"');
      expect(await none.json()).toMatchObject({
        type: 'tag:cckm-contract.github.io,2026:problem:unauthorized',
      });
      const malformed = await call(sandbox, 'GET', JOBS, { token: 'not-a-jwt' });
      expect(malformed.status).toBe(401);
      expect(malformed.headers.get('www-authenticate')).toContain('error="invalid_token"');
      const past = Math.floor(Date.now() / 1000) - 3600;
      const expired = await call(sandbox, 'GET', JOBS, {
        token: signToken(
          { sub: 'x', cust: { domain_id: 'elsewhere', groups: ['admin'] }, exp: past },
          'their key',
        ),
      });
      expect(expired).toMatchObject({ status: 401, body: { detail: 'The bearer token has expired' } });
      const user = mockToken({ groups: ['CCKM Users'] });
      expect(
        (await call(sandbox, 'POST', JOBS, { body: { synchronize_all: true }, token: user })).status,
      ).toBe(403);
    });
  });

  describe('scenarios per request', () => {
    beforeEach(() => reset(sandbox));

    const failsThales = async (scenario: string, message: RegExp) => {
      const created = await call(sandbox, 'POST', JOBS, { body: { synchronize_all: true }, scenario });
      expect(created.status).toBe(201);
      const job = await until(sandbox, String(created.body.id), finished);
      expect(job.overall_status).toBe('completed');
      expect(job.detailed_status?.[THALES.sfdcOrgId]).toMatch(message);
      expect(job.detailed_status?.[THALES_EUROPE]).toMatch(/^synchronized \d+ tenant secrets/);
      // The scenario ended with the job: the next one synchronizes Thales.
      const next = await call(sandbox, 'POST', JOBS, { body: { organization_ids: [THALES.sfdcOrgId] } });
      expect((await until(sandbox, String(next.body.id), finished)).overall_status).toBe('completed');
    };

    test('when salesforce-unreachable, then Thales fails as unreachable and the others synchronize', () =>
      failsThales('salesforce-unreachable', /closed before a complete answer/));
    test('when salesforce-token-refused, then Thales fails on its login', () =>
      failsThales(
        'salesforce-token-refused',
        /refused the login of connection .*: invalid_grant \(expired access\/refresh token\)/,
      ));
    test('when salesforce-rate-limited, then Thales fails on its request limit', () =>
      failsThales('salesforce-rate-limited', /request limit/));

    test('when clouds-down, then every organization fails and the job is failed', async () => {
      const created = await call(sandbox, 'POST', JOBS, {
        body: { synchronize_all: true },
        scenario: 'clouds-down',
      });
      const job = await until(sandbox, String(created.body.id), finished);
      expect(job.overall_status).toBe('failed');
      expect(Object.values(job.detailed_status ?? {}).every((line) => /503/.test(line))).toBe(true);
    });

    test('when job-timeout, then the job stays in progress and fails at its deadline', async () => {
      const created = await call(sandbox, 'POST', JOBS, {
        body: { synchronize_all: true },
        scenario: 'job-timeout',
      });
      expect((await jobOf(sandbox, String(created.body.id))).overall_status).toBe('in_progress');
      const job = await until(sandbox, String(created.body.id), finished);
      expect(job.overall_status).toBe('failed');
      expect(job.detailed_status?.[THALES.sfdcOrgId]).toMatch(/did not finish within 8 s/);
    });

    test('when job-running, then starting a job answers 409 naming the running one', async () => {
      const refused = await call(sandbox, 'POST', JOBS, {
        body: { synchronize_all: true },
        scenario: 'job-running',
      });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        type: 'tag:cckm-contract.github.io,2026:problem:sync-job-running',
      });
      expect(await jobOf(sandbox, String(refused.body.job_id))).toMatchObject({
        overall_status: expect.any(String),
      });
      const sap = await call(sandbox, 'POST', SAP_JOBS, {
        body: { synchronize_all: true },
        scenario: 'job-running',
      });
      expect(sap.status).toBe(409);
    });

    test('when patch-refused or patch-timeout, then PATCH answers 422 or 504 and nothing changes', async () => {
      const path = `/v1/cckm/sfdc/organizations/${THALES.id}`;
      const body = { connection: 'new-sfdc-connection' };
      const refused = await call(sandbox, 'PATCH', path, { body, scenario: 'patch-refused' });
      expect(refused).toMatchObject({
        status: 422,
        body: { type: 'tag:cckm-contract.github.io,2026:problem:connection-cannot-reach-organization' },
      });
      const timedOut = await call(sandbox, 'PATCH', path, { body, scenario: 'patch-timeout' });
      expect(timedOut).toMatchObject({
        status: 504,
        body: { type: 'tag:cckm-contract.github.io,2026:problem:cloud-timeout' },
      });
      expect((await call(sandbox, 'PATCH', path, { body })).body).toMatchObject({
        connection: 'new-sfdc-connection',
      });
    });

    test('when empty-domain, then nothing is listed and synchronize_all has no organization (422)', async () => {
      expect((await call(sandbox, 'GET', JOBS, { scenario: 'empty-domain' })).body).toMatchObject({
        total: 0,
      });
      const all = await call(sandbox, 'POST', JOBS, {
        body: { synchronize_all: true },
        scenario: 'empty-domain',
      });
      expect(all.status).toBe(422);
    });

    test('when many-jobs, then the domain pages through its jobs, all finished', async () => {
      const first = await call(sandbox, 'GET', `${JOBS}?limit=100`, { scenario: 'many-jobs' });
      expect(first.body).toMatchObject({ total: 150, limit: 100 });
      const second = await call(sandbox, 'GET', `${JOBS}?limit=100&skip=100`, { scenario: 'many-jobs' });
      expect((second.body.resources as unknown[]).length).toBe(50);
      const running = await call(sandbox, 'GET', `${JOBS}?overall_status=in_progress`, {
        scenario: 'many-jobs',
      });
      expect(running.body).toMatchObject({ total: 0 });
      const failed = await call(sandbox, 'GET', `${JOBS}?overall_status=completed&limit=1`, {
        scenario: 'many-jobs',
      });
      expect(Number(failed.body.total)).toBeGreaterThan(0);
    });

    test('when the scenario is unknown, then 400 lists the scenarios', async () => {
      const answer = await call(sandbox, 'GET', JOBS, { scenario: 'meteor-strike' });
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body.errors)).toContain('slow-jobs, salesforce-unreachable');
    });
  });
});

describe('pnpm mock --stateful --scenario', () => {
  test('when a scenario is given for the run, then every request has it, after a reset too', async () => {
    const sandbox = await startSandboxCommand(['--scenario', 'clouds-down']);
    try {
      const created = await call(sandbox, 'POST', JOBS, { body: { organization_ids: [THALES.id] } });
      expect((await until(sandbox, String(created.body.id), finished)).overall_status).toBe('failed');
      await reset(sandbox);
      const again = await call(sandbox, 'POST', JOBS, { body: { organization_ids: [THALES.id] } });
      expect((await until(sandbox, String(again.body.id), finished)).overall_status).toBe('failed');
    } finally {
      expect(await sandbox.stop()).toBe(0);
    }
  }, 120_000);
});

describe('the sandbox’s judge', () => {
  test('when the upstream answers outside the contract, then Prism, as the sandbox runs it, answers 500 VIOLATIONS', async () => {
    const upstream = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"skip":0,"limit":10,"total":"two","resources":[]}');
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const { port } = upstream.address() as { port: number };
    const prism = await startPrism({
      mode: 'proxy',
      upstream: `http://127.0.0.1:${port}`,
      validateRequests: false,
      errors: true,
    });
    try {
      const answer = await fetch(`${prism.url}${JOBS}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(answer.status).toBe(500);
      expect(await answer.text()).toContain('prism/errors#VIOLATIONS');
    } finally {
      await prism.close();
      upstream.closeAllConnections();
      await new Promise((resolve) => upstream.close(resolve));
    }
  });

  test('when the plain mock is asked to reset, then it refuses: only the sandbox resets', async () => {
    const prism = await startPrism({ mode: 'mock' });
    try {
      const answer = await fetch(`${prism.origin}/__sandbox/reset`, { method: 'POST' });
      expect(answer.status).toBe(404);
    } finally {
      await prism.close();
    }
  });
});
