// Starts the real CCKM server in-process for the browser test: the dev profile on an in-memory
// SQLite database with the demo data, on a free port of 127.0.0.1, talking over HTTP to its own
// fake Salesforce and SAP (seeded like `pnpm start`'s). Gives the API root and an admin token of
// the demo domain. packages/cli/test/helpers.ts has the same function for the cckm tests.
import { startDemoClouds } from '@cckm/fake-clouds';
import { createLogger, createRuntime, DEMO_DOMAIN_ID, listen, loadConfig, mintToken } from '@cckm/server';

export interface DemoServer {
  /** The API root, e.g. http://127.0.0.1:40123/api. */
  baseUrl: string;
  /** An admin token of the demo domain. */
  token: string;
  close(): Promise<void>;
}

/** The server with the demo data and its fake clouds; `environment` adds or overrides settings. */
export async function startDemoServer(environment: Record<string, string> = {}): Promise<DemoServer> {
  const { clouds, credentials } = await startDemoClouds();
  const closers: (() => Promise<void>)[] = [() => clouds.close()];
  const close = async () => {
    for (const closer of closers.reverse()) await closer();
  };
  try {
    const config = loadConfig({
      CCKM_PROFILE: 'dev',
      DATABASE_URL: 'sqlite::memory:',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      // Jobs picked up and cloud calls retried quickly; the rest as in `pnpm start`.
      JOB_POLL_MS: '100',
      CLOUD_RETRY_BASE_MS: '5',
      CLOUD_RETRY_MAX_MS: '20',
      ...environment,
    });
    const runtime = await createRuntime(config, createLogger({ level: config.logLevel }), {
      demoCredentials: credentials,
    });
    closers.push(() => runtime.close());
    runtime.start();
    const http = await listen(runtime.app, config.http);
    closers.push(() => http.close());
    const secret = config.jwt.secret;
    if (!secret) throw new Error('the dev profile has a JWT secret');
    return {
      baseUrl: `${http.origin}/api`,
      token: await mintToken(secret, { domainId: DEMO_DOMAIN_ID, groups: ['admin'] }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
