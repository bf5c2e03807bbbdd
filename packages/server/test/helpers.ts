// Starts the real app in-process on a free port (in-memory SQLite, demo data, response validation
// on), talking over HTTP to its own fake Salesforce and SAP (seeded like the demo), and gives typed
// clients for the tokens the tests need, plus the fake clouds' state and fault injection.
import { createHash } from 'node:crypto';
import type { paths } from '@cckm/api-types';
import {
  type FakeCloudState,
  type FakeClouds,
  startDemoClouds as startFakeDemoClouds,
} from '@cckm/fake-clouds';
import createClient, { type Client } from 'openapi-fetch';
import {
  createLogger,
  createRuntime,
  DEMO_DOMAIN_ID,
  type DemoCredentials,
  type Logger,
  listen,
  loadConfig,
  mintToken,
  type Runtime,
  type RuntimeOverrides,
  type TokenClaims,
} from '../src/index.ts';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';
/** The key that seals connection secrets in tests (32 bytes, hex). */
export const TEST_SECRETS_KEY = '7e'.repeat(32);
export const OTHER_DOMAIN_ID = '11111111-2222-4333-8444-555555555555';

export interface TestServer {
  runtime: Runtime;
  baseUrl: string;
  /** The fake Salesforce and SAP this server talks to: faults, counters, sessions. */
  clouds: FakeClouds;
  /** What the fake clouds hold (organizations and their secrets, SAP groups and keys). */
  cloudState: FakeCloudState;
  /** A typed client authenticated with a token of these claims. */
  clientFor(claims?: Partial<TokenClaims>): Promise<Client<paths>>;
  admin: Client<paths>;
  /** A client that sends this raw Authorization header (or none). */
  clientWithAuthorization(header: string | undefined): Client<paths>;
  token(claims?: Partial<TokenClaims>): Promise<string>;
  /** Waits until the job is no longer in progress; returns it. */
  waitForJob(id: string): Promise<NonNullable<Awaited<ReturnType<typeof listJob>>>>;
  close(): Promise<void>;
}

async function listJob(client: Client<paths>, id: string) {
  const { data } = await client.GET('/v1/cckm/sfdc/keys/synchronization-jobs', { params: { query: { id } } });
  return data?.resources[0];
}

export interface SharedClouds {
  clouds: FakeClouds;
  cloudState: FakeCloudState;
  demoCredentials: DemoCredentials;
}

/** Fake clouds seeded like the demo, and the demo connections' credentials for them. */
export async function startDemoClouds(): Promise<SharedClouds> {
  const { clouds, state, credentials } = await startFakeDemoClouds();
  return { clouds, cloudState: state, demoCredentials: credentials };
}

/**
 * Starts a server with its own fake clouds, or with `shared` ones (several instances on one
 * database must reach the same clouds: each start stores the demo credentials anew).
 */
export async function startTestServer(
  environment: Record<string, string> = {},
  overrides: RuntimeOverrides = {},
  shared?: SharedClouds,
  logger?: Logger,
): Promise<TestServer> {
  const { clouds, cloudState, demoCredentials } = shared ?? (await startDemoClouds());
  const config = loadConfig({
    JWT_SECRET: TEST_SECRET,
    CONNECTION_SECRETS_KEY: TEST_SECRETS_KEY,
    // Retries as in production, only faster.
    CLOUD_RETRY_BASE_MS: '5',
    CLOUD_RETRY_MAX_MS: '20',
    DATABASE_URL: 'sqlite::memory:',
    VALIDATE_RESPONSES: 'true',
    DEMO_DATA: 'true',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JOB_POLL_MS: '50',
    ...environment,
  });
  const runtime = await createRuntime(config, logger ?? createLogger({ level: config.logLevel }), {
    demoCredentials,
    ...overrides,
  });
  runtime.start();
  const http = await listen(runtime.app, config.http);
  const baseUrl = `${http.origin}/api`;

  const token = (claims: Partial<TokenClaims> = {}) =>
    mintToken(TEST_SECRET, { domainId: DEMO_DOMAIN_ID, groups: ['admin'], ...claims });
  const clientWithAuthorization = (header: string | undefined) =>
    createClient<paths>({
      baseUrl,
      headers: header ? { Authorization: header } : {},
      querySerializer: { array: { style: 'form', explode: false } },
    });
  const clientFor = async (claims: Partial<TokenClaims> = {}) =>
    clientWithAuthorization(`Bearer ${await token(claims)}`);
  const admin = await clientFor();

  return {
    runtime,
    baseUrl,
    clouds,
    cloudState,
    admin,
    clientFor,
    clientWithAuthorization,
    token,
    async waitForJob(id) {
      for (let attempt = 0; attempt < 400; attempt += 1) {
        const job = await listJob(admin, id);
        if (job && job.overall_status !== 'in_progress') return job;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`job ${id} still in progress after 10 s`);
    },
    async close() {
      await http.close();
      await runtime.close();
      if (!shared) await clouds.close();
    },
  };
}

export const SYNC_PATH = '/v1/cckm/sfdc/keys/synchronization-jobs' as const;
export const SAP_SYNC_PATH = '/v1/cckm/sap/synchronization-jobs' as const;

/**
 * The ETag the contract promises for a list body, computed here independently of the server:
 * the first 22 base64url characters of the SHA-256 of its bytes, quoted.
 */
export const digestTag = (body: string): string =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
