// Starts the real app in-process on a free port (in-memory SQLite, sandbox clouds, demo data,
// response validation on) and gives typed clients for the tokens the tests need.
import type { AddressInfo } from 'node:net';
import type { paths } from '@cckm/api-types';
import createClient, { type Client } from 'openapi-fetch';
import {
  createHttpServer,
  createLogger,
  createRuntime,
  DEMO_DOMAIN_ID,
  loadConfig,
  mintToken,
  type Runtime,
  type RuntimeOverrides,
  type SandboxClouds,
  type TokenClaims,
} from '../src/index.ts';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';
export const OTHER_DOMAIN_ID = '11111111-2222-4333-8444-555555555555';

export interface TestServer {
  runtime: Runtime;
  baseUrl: string;
  sandbox: SandboxClouds;
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

export async function startTestServer(
  environment: Record<string, string> = {},
  overrides: RuntimeOverrides = {},
): Promise<TestServer> {
  const config = loadConfig({
    JWT_SECRET: TEST_SECRET,
    DATABASE_URL: 'sqlite::memory:',
    VALIDATE_RESPONSES: 'true',
    DEMO_DATA: 'true',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JOB_POLL_MS: '50',
    ...environment,
  });
  const runtime = await createRuntime(config, createLogger({ level: config.logLevel }), overrides);
  runtime.start();
  const server = createHttpServer(runtime.app, config.http).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;

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
    sandbox: runtime.clouds as SandboxClouds,
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
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await runtime.close();
    },
  };
}

export const SYNC_PATH = '/v1/cckm/sfdc/keys/synchronization-jobs' as const;
export const SAP_SYNC_PATH = '/v1/cckm/sap/synchronization-jobs' as const;
