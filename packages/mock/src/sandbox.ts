// `pnpm mock --stateful`: the real server as a sandbox for frontend teams. The built server
// (@cckm/server's dist/main.js, as `pnpm start` runs it) runs as a process of its own, in the dev
// profile with the demo data, on a database file in the sandbox's own temporary folder (nothing of
// a running `pnpm start` is read or written), its connectors logging in to the fake Salesforce and
// SAP running in this process. Prism runs in front of it as a validation proxy (`prism proxy
// --errors`, request validation off so the server answers bad requests itself): every answer is
// real and checked against the contract, and an answer that breaks it is a 500 from Prism and a
// CONTRACT VIOLATION line on stderr, never a silent pass. This process's front, on the public
// port, adds what a frontend needs and the server must not have:
// - tokens: any well-formed JWT is re-signed with the sandbox server's key, its claims kept but its
//   domain set to the demo domain (or a scenario's), so the server judges expiry and groups;
// - scenarios (scenarios.ts), per run (`--scenario`) and per request (`Prefer: scenario=...`);
// - `POST /__sandbox/reset` (outside /api): the server restarted on a fresh database, the clouds'
//   faults cleared, the run's scenario applied again.
// Start-up to the first answer is the slower of the server and Prism, both started at once.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DemoClouds, generateOrganizations, startDemoClouds } from '@cckm/fake-clouds';
import type { SalesforceCredentials } from '@cckm/server';
import { signToken } from './mock-token.ts';
import { formatPrefer, parsePrefer } from './prefer.ts';
import { freePort, type RunningPrism, startPrism } from './prism.ts';
import {
  type Applied,
  DEMO_DOMAIN,
  MANY_JOBS_DOMAIN,
  SCENARIO_NAMES,
  type Scenario,
  type ScenarioContext,
  scenarioNamed,
} from './scenarios.ts';

export interface SandboxOptions {
  /** Public port (default: a free one). */
  port?: number;
  host?: string;
  /** A scenario for the whole run. */
  scenario?: string;
  /** How long a job takes in the `slow-jobs` scenario (default 20 s). */
  jobDurationMs?: number;
  /** How long a job may run before its unfinished organizations fail (default: duration + 10 s). */
  jobDeadlineMs?: number;
  /** Jobs in the `many-jobs` domain (default 5,000). */
  manyJobs?: number;
  /** The server's LOG_LEVEL (default error). */
  logLevel?: string;
  /** Where the server's and Prism's log lines go (default: stderr). */
  output?: (text: string) => void;
  /** Told of every contract violation (default: a CONTRACT VIOLATION line on stderr). */
  onViolation?: (text: string) => void;
}

export interface RunningSandbox {
  /** The API root, e.g. http://127.0.0.1:4010/api. */
  url: string;
  origin: string;
  /** Milliseconds from the call to the first answer the server could give through Prism. */
  startupMs: number;
  close(): Promise<void>;
}

/** How long PATCH waits for Salesforce in the sandbox (CLOUD_TIMEOUT_MS): `patch-timeout` waits this. */
const CLOUD_TIMEOUT_MS = 3_000;
const SANDBOX_PATH = '/__sandbox/';

/** The bundled server, next to @cckm/server's entry (src/index.ts in tests, dist/index.js built). */
function serverBundle(): string {
  const entry = fileURLToPath(import.meta.resolve('@cckm/server'));
  return join(dirname(dirname(entry)), 'dist', 'main.js');
}

interface ServerProcess {
  child: ChildProcess;
  exited: Promise<void>;
  stop(): Promise<void>;
}

/** Starts the built server; resolves once its dev banner says it is ready. */
async function startServer(
  env: Record<string, string>,
  output: (text: string) => void,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [serverBundle()], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
  };
  child.stderr?.on('data', (chunk: Buffer) => output(chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    let banner = '';
    const onData = (chunk: Buffer) => {
      if (banner === undefined) return;
      banner += chunk.toString();
      if (/CCKM server ready at \S+/.test(banner)) {
        // The banner's token is the server's own, for its own port: not the sandbox's to show.
        child.stdout?.off('data', onData);
        child.stdout?.on('data', (more: Buffer) => output(more.toString()));
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    void exited.then(() => reject(new Error(`the sandbox server exited while starting:\n${banner}`)));
  });
  return { child, exited, stop };
}

/** The few problems the sandbox answers itself, as the server writes them (core/problem.ts). */
const KINDS = {
  'validation-failed': { status: 400, title: 'Request validation failed' },
  'not-found': { status: 404, title: 'Resource not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  internal: { status: 500, title: 'Internal server error' },
} as const;

interface SandboxProblem {
  kind: keyof typeof KINDS;
  detail: string;
  errors?: { path: string; message: string }[];
  headers?: Record<string, string>;
}

function sendProblem(res: ServerResponse, req: IncomingMessage, problem: SandboxProblem) {
  const requestId = randomUUID();
  const { status, title } = KINDS[problem.kind];
  const body = JSON.stringify({
    type: `tag:cckm-contract.github.io,2026:problem:${problem.kind}`,
    title,
    status,
    detail: problem.detail,
    instance: req.url ?? '/',
    request_id: requestId,
    ...(problem.errors ? { errors: problem.errors } : {}),
  });
  res.writeHead(status, {
    'Content-Type': 'application/problem+json',
    'Content-Length': Buffer.byteLength(body),
    'X-Request-Id': requestId,
    ...problem.headers,
  });
  res.end(body);
}

const decode = (part: string | undefined): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

/**
 * A token the sandbox server accepts in place of the one sent: its claims (expiry, groups, subject)
 * kept, its domain set, signed with the server's key. A header that is not a JWT stays as it is,
 * so the server refuses it for real.
 */
function resign(authorization: string | undefined, domainId: string, key: string): string | undefined {
  const match = /^Bearer[ ]+([A-Za-z0-9_.~+/=-]+)$/i.exec(authorization?.trim() ?? '');
  const parts = match?.[1]?.split('.');
  if (parts?.length !== 3) return authorization;
  const header = decode(parts[0]);
  const payload = decode(parts[1]);
  if (!header || !payload || String(header.alg).toLowerCase() === 'none') return authorization;
  const cust = typeof payload.cust === 'object' && payload.cust !== null ? payload.cust : {};
  return `Bearer ${signToken({ ...payload, cust: { ...cust, domain_id: domainId } }, key)}`;
}

/** An admin token of a domain for the sandbox's own calls (starting jobs, polling them). */
function adminToken(domainId: string, key: string): string {
  const now = Math.floor(Date.now() / 1000);
  return signToken(
    {
      sub: 'sandbox',
      preferred_username: 'sandbox',
      cust: { domain_id: domainId, groups: ['admin'] },
      iat: now,
      exp: now + 3600,
    },
    key,
  );
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const started = performance.now();
  const host = options.host ?? '127.0.0.1';
  const output = options.output ?? ((text: string) => process.stderr.write(text));
  const onViolation =
    options.onViolation ?? ((text: string) => process.stderr.write(`\nCONTRACT VIOLATION ${text}\n\n`));
  const jobDurationMs = options.jobDurationMs ?? 20_000;
  const jobDeadlineMs = options.jobDeadlineMs ?? jobDurationMs + 10_000;
  const runScenario = options.scenario === undefined ? undefined : scenarioNamed(options.scenario);
  if (options.scenario !== undefined && !runScenario)
    throw new Error(`unknown scenario ${options.scenario}: one of ${SCENARIO_NAMES.join(', ')}`);

  // In memory where the system has a RAM file system (the database file is written with fsync).
  const directory = await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'cckm-sandbox-'));
  const jwtKey = randomBytes(32).toString('hex');
  const secretsKey = randomBytes(32).toString('hex');
  let clouds: DemoClouds | undefined;
  let server: ServerProcess | undefined;
  let prism: RunningPrism | undefined;
  let front: Server | undefined;
  let runApplied: Applied | undefined;
  const requestApplied = new Set<Applied>();
  const closers: (() => void)[] = [];

  const close = async () => {
    for (const closer of closers.splice(0)) closer();
    for (const applied of requestApplied) applied.undo();
    runApplied?.undo();
    if (front) {
      front.closeAllConnections();
      await new Promise((resolve) => front?.close(resolve));
    }
    await Promise.all([prism?.close(), server?.stop()]);
    await clouds?.clouds.close();
    await rm(directory, { recursive: true, force: true });
  };

  try {
    const serverPort = await freePort();
    const serverOrigin = `http://127.0.0.1:${serverPort}`;
    let generation = 0;
    let databaseFile = '';
    const serverEnv = () => {
      // A fresh file per start (and per reset), in the sandbox's own folder.
      generation += 1;
      databaseFile = join(directory, `sandbox-${generation}.sqlite`);
      return environment(databaseFile);
    };
    const environment = (file: string) => ({
      PATH: process.env.PATH ?? '',
      CCKM_PROFILE: 'dev',
      HOST: '127.0.0.1',
      PORT: String(serverPort),
      DATABASE_URL: `sqlite:${file}`,
      DEMO_CLOUDS_FILE: cloudsFile,
      JWT_SECRET: jwtKey,
      CONNECTION_SECRETS_KEY: secretsKey,
      LOG_LEVEL: options.logLevel ?? 'error',
      JOB_POLL_MS: '100',
      JOB_DEADLINE_MS: String(jobDeadlineMs),
      CLOUD_TIMEOUT_MS: String(CLOUD_TIMEOUT_MS),
      CLOUD_CALL_TIMEOUT_MS: String(Math.max(30_000, jobDurationMs + 10_000)),
      CLOUD_RETRY_BASE_MS: '5',
      CLOUD_RETRY_MAX_MS: '20',
      CLOUD_MAX_RETRY_AFTER_MS: '1000',
    });
    const prismLog = (text: string) => {
      for (const line of text.split('\n')) if (line.trim() && !line.includes('[CLI]')) output(`${line}\n`);
    };
    // Prism takes longest to start (its modules): it starts first, the clouds and the server meanwhile.
    const cloudsFile = join(directory, 'fake-clouds.json');
    const serverStarted = (async () => {
      clouds = await startDemoClouds();
      await writeFile(cloudsFile, JSON.stringify({ connections: clouds.credentials }), { mode: 0o600 });
      return startServer(serverEnv(), output);
    })();
    [prism, server] = await Promise.all([
      startPrism({
        mode: 'proxy',
        upstream: serverOrigin,
        validateRequests: false,
        errors: true,
        logLevel: 'warn',
        output: prismLog,
      }),
      serverStarted,
    ]);
    if (!clouds) throw new Error('the fake clouds did not start');
    const { clouds: fakeClouds } = clouds;
    const prismUrl = new URL(prism.origin);

    /** One call to the server, as the sandbox itself (starting and polling jobs): not through Prism. */
    const call = async (method: string, path: string, domainId: string, body?: unknown) => {
      const response = await fetch(`${serverOrigin}/api${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${adminToken(domainId, jwtKey)}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const context: ScenarioContext = {
      faults: fakeClouds.faults,
      jobDurationMs,
      async startJob(domainId, cloud, body) {
        const path =
          cloud === 'sfdc' ? '/v1/cckm/sfdc/keys/synchronization-jobs' : '/v1/cckm/sap/synchronization-jobs';
        const answer = await call('POST', path, domainId, body);
        if (answer.status !== 201 && answer.status !== 409)
          throw new Error(`the sandbox could not start a job: ${JSON.stringify(answer.body)}`);
      },
    };

    /** Waits until a job has left in_progress (polling the server: the sandbox is told nothing). */
    const finished = async (domainId: string, id: string, cloud: 'sfdc' | 'sap') => {
      if (cloud === 'sap') {
        // No operation reads an SAP job back: its faults stay for its deadline.
        await new Promise((resolve) => setTimeout(resolve, jobDeadlineMs));
        return;
      }
      const until = Date.now() + jobDeadlineMs + 10_000;
      while (Date.now() < until) {
        const { body } = await call('GET', `/v1/cckm/sfdc/keys/synchronization-jobs?id=${id}`, domainId);
        const job = (body.resources as { overall_status?: string }[] | undefined)?.[0];
        if (job?.overall_status !== 'in_progress') return;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };

    // The many-jobs domain is filled once, when first asked for.
    let manyJobs: Promise<void> | undefined;
    const fillManyJobs = () => {
      manyJobs ??= fillDomain({
        database: databaseFile,
        clouds: clouds as DemoClouds,
        secretsKey,
        count: options.manyJobs ?? 5_000,
        call,
      });
      return manyJobs;
    };

    const applyRunScenario = async () => {
      if (!runScenario) return;
      if (runScenario.name === 'many-jobs') await fillManyJobs();
      runApplied = await runScenario.apply(context);
    };
    await applyRunScenario();

    const reset = async () => {
      for (const applied of requestApplied) applied.undo();
      requestApplied.clear();
      runApplied?.undo();
      runApplied = undefined;
      clouds?.clouds.faults.clear();
      await server?.stop();
      manyJobs = undefined;
      server = await startServer(serverEnv(), output);
      await applyRunScenario();
    };

    /**
     * Forwards a request to Prism and its answer back, read whole first (answers are small) so that
     * `inspect` sees the status and JSON body before the client does, and contract violations are
     * reported (Prism's `sl-violations` header, or its own 500 for an answer that broke the contract).
     */
    const forward = (
      req: IncomingMessage,
      res: ServerResponse,
      headers: Record<string, string | string[] | undefined>,
      inspect?: (status: number, body: unknown) => void,
    ) =>
      new Promise<void>((resolve) => {
        // Prism answers a request without a bearer token itself (its security check cannot be
        // turned off in proxy mode), with its own problem: such a request goes to the server, whose
        // 401 is the real one. Every other request passes Prism.
        const bearer = /^Bearer\s/i.test(String(headers.authorization ?? ''));
        const target = bearer ? prismUrl : new URL(serverOrigin);
        const upstream = request(
          { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
          (answer) => {
            const chunks: Buffer[] = [];
            answer.on('data', (chunk: Buffer) => chunks.push(chunk));
            answer.once('end', () => {
              const status = answer.statusCode ?? 502;
              const text = Buffer.concat(chunks).toString();
              const violations = answer.headers['sl-violations'];
              if (violations) onViolation(`${req.method} ${req.url}: ${String(violations)}`);
              else if (status >= 500 && text.includes('prism/errors#VIOLATIONS'))
                onViolation(`${req.method} ${req.url}: ${text}`);
              if (inspect && /json/.test(String(answer.headers['content-type']))) {
                try {
                  inspect(status, JSON.parse(text) as unknown);
                } catch {
                  // Not JSON after all: nothing to look at.
                }
              }
              res.writeHead(status, answer.headers);
              res.end(text);
              resolve();
            });
          },
        );
        upstream.on('error', (error) => {
          if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
          res.end(`the sandbox could not reach Prism: ${error.message}`);
          resolve();
        });
        req.pipe(upstream);
      });

    /** Jobs started under a request's scenario, which applies until the job has finished. */
    const watched = new Map<string, Applied>();
    const settle = (id: string) => {
      const applied = watched.get(id);
      if (!applied) return;
      watched.delete(id);
      requestApplied.delete(applied);
      applied.undo();
    };
    closers.push(() => {
      for (const id of [...watched.keys()]) settle(id);
    });

    const handle = async (req: IncomingMessage, res: ServerResponse) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (path.startsWith(SANDBOX_PATH)) {
        req.resume();
        if (path !== `${SANDBOX_PATH}reset`)
          return sendProblem(res, req, { kind: 'not-found', detail: `No sandbox resource at ${path}` });
        if (req.method !== 'POST')
          return sendProblem(res, req, {
            kind: 'method-not-allowed',
            detail: `${req.method} method not allowed`,
            headers: { Allow: 'POST' },
          });
        await reset();
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ reset: true, scenario: runScenario?.name ?? null }));
        return;
      }
      const preferences = new Map(parsePrefer(req.headers.prefer));
      const named = preferences.get('scenario');
      preferences.delete('scenario');
      const scenario = named === undefined ? undefined : scenarioNamed(named);
      if (named !== undefined && !scenario) {
        req.resume();
        return sendProblem(res, req, {
          kind: 'validation-failed',
          detail: `Prefer: scenario=${named} is not a scenario of the sandbox`,
          errors: [
            { path: '/headers/prefer', message: `must name a scenario: ${SCENARIO_NAMES.join(', ')}` },
          ],
        });
      }
      const applied = scenario ? await applyFor(scenario, req.method ?? 'GET', path) : undefined;
      if (applied) requestApplied.add(applied);
      const domainId = applied?.domainId ?? runApplied?.domainId ?? DEMO_DOMAIN;
      if (domainId === MANY_JOBS_DOMAIN) await fillManyJobs();
      const headers = { ...req.headers };
      const authorization = resign(req.headers.authorization, domainId, jwtKey);
      if (authorization) headers.authorization = authorization;
      const prefer = formatPrefer(preferences);
      if (prefer) headers.prefer = prefer;
      else delete headers.prefer;
      const startsWatchedJob = applied !== undefined && scenario?.affects === 'jobs' && req.method === 'POST';
      let keep = false;
      await forward(req, res, headers, (status, body) => {
        if (startsWatchedJob && applied && status === 201) {
          const id = String((body as { id?: unknown }).id);
          watched.set(id, applied);
          keep = true;
          // Undone when the job has finished: seen by a client below, or by this poll.
          void finished(domainId, id, path.includes('/sap/') ? 'sap' : 'sfdc')
            .catch(() => {})
            .finally(() => settle(id));
        }
        // A client that reads a watched job finished: its scenario ends before the client goes on.
        const resources = ((body as { resources?: unknown }).resources ?? []) as {
          id?: string;
          overall_status?: string;
        }[];
        for (const job of Array.isArray(resources) ? resources : []) {
          if (job.id && watched.has(job.id) && job.overall_status !== 'in_progress') settle(job.id);
        }
      });
      if (applied && !keep) {
        applied.undo();
        requestApplied.delete(applied);
      }
    };

    /** Applies a request's scenario where it means something: jobs on a create, PATCH faults on a PATCH. */
    async function applyFor(scenario: Scenario, method: string, path: string): Promise<Applied | undefined> {
      const creates = method === 'POST' && path.endsWith('/synchronization-jobs');
      if (scenario.affects === 'domain') return scenario.apply(context);
      if ((scenario.affects === 'jobs' || scenario.affects === 'create') && creates)
        return scenario.apply(context);
      if (scenario.affects === 'patch' && method === 'PATCH') return scenario.apply(context);
      return undefined;
    }

    front = createServer((req, res) => {
      handle(req, res).catch((error: unknown) => {
        output(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
        if (!res.headersSent)
          sendProblem(res, req, { kind: 'internal', detail: 'The sandbox could not complete the request' });
        else res.end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      front?.once('error', reject);
      front?.listen(options.port ?? 0, host, () => resolve());
    });
    const { port } = front.address() as AddressInfo;
    const origin = `http://${host}:${port}`;
    return { url: `${origin}/api`, origin, startupMs: Math.round(performance.now() - started), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The many-jobs domain: organizations with their own connections (fake Salesforce logins) written
 * into the running server's database file, then jobs started through the API, one at a time per
 * organization, until `count` have finished. One organization in ten is over its request limit
 * meanwhile, so some jobs failed.
 */
async function fillDomain(options: {
  /** The running server's database file. */
  database: string;
  clouds: DemoClouds;
  secretsKey: string;
  count: number;
  call: (
    method: string,
    path: string,
    domainId: string,
    body?: unknown,
  ) => Promise<{ status: number; body: Record<string, unknown> }>;
}): Promise<void> {
  // The server's modules, loaded only for this: the sandbox otherwise starts without them.
  const { createSecretBox, formatMicros, migrateToLatest, openDatabase, sealSalesforceCredentials } =
    await import('@cckm/server');
  const organizations = Math.min(100, Math.max(1, Math.ceil(options.count / 50)));
  const generated = generateOrganizations(options.clouds.state, { organizations, secretsPerOrganization: 3 });
  const db = openDatabase({ kind: 'sqlite', filename: options.database });
  await migrateToLatest(db);
  const box = createSecretBox(Buffer.from(options.secretsKey, 'hex'));
  const now = formatMicros(Date.now() * 1000);
  const ids: string[] = [];
  for (const [index, organization] of generated.entries()) {
    const connectionId = randomUUID();
    const credentials = options.clouds.clouds.salesforceCredentials(
      organization.login,
    ) as SalesforceCredentials;
    const sealed = sealSalesforceCredentials(box, connectionId, credentials);
    await db
      .insertInto('connections')
      .values({
        id: connectionId,
        domain_id: MANY_JOBS_DOMAIN,
        name: `paging-connection-${index + 1}`,
        cloud: 'sfdc',
        settings: sealed.settings,
        sealed_secret: sealed.sealedSecret,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const id = randomUUID();
    ids.push(organization.organizationId);
    await db
      .insertInto('sfdc_organizations')
      .values({
        id,
        domain_id: MANY_JOBS_DOMAIN,
        name: `Paging organization ${index + 1}`,
        organization_id: organization.organizationId,
        connection_id: connectionId,
        type: 'Regular',
        account: 'kylo:kylo:admin:accounts:kylo',
        application: 'ncryptify:gemalto:admin:apps:kylo',
        dev_account: 'ncryptify:gemalto:admin:accounts:gemalto',
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  await db.destroy();
  const limited = ids
    .filter((_, index) => index % 10 === 9)
    .map((organizationId) =>
      options.clouds.clouds.faults.inject({
        organizationId,
        fault: { kind: 'request-limit', limit: 'daily' },
      }),
    );
  let remaining = options.count;
  const path = '/v1/cckm/sfdc/keys/synchronization-jobs';
  await Promise.all(
    ids.map(async (organizationId) => {
      while (remaining > 0) {
        remaining -= 1;
        const answer = await options.call('POST', path, MANY_JOBS_DOMAIN, {
          organization_ids: [organizationId],
        });
        if (answer.status === 201) continue;
        remaining += 1;
        if (answer.status !== 409)
          throw new Error(`filling the many-jobs domain: ${JSON.stringify(answer.body)}`);
        // This organization's last job still runs.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }),
  );
  // The last jobs finish (the sandbox is told nothing: it asks until none is in progress).
  for (;;) {
    const { body } = await options.call(
      'GET',
      `${path}?overall_status=in_progress&limit=1`,
      MANY_JOBS_DOMAIN,
    );
    if (body.total === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  for (const handle of limited) handle.remove();
}
