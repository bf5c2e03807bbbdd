// The server as `pnpm start` runs it, in-process (for the CLI's and the example web app's tests, or
// an embedding): the dev profile with the demo data, on an in-memory SQLite database and a free
// port of 127.0.0.1, its connectors logging in to the clouds `startClouds` gives (the fake
// Salesforce and SAP of @cckm/fake-clouds: `startDemoClouds`; the server never imports them).
// Gives the API root and an admin token of the demo domain; `close()` stops the server, then the
// clouds.
import { loadConfig } from './config.ts';
import { DEMO_DOMAIN_ID, type DemoCredentials } from './demo/demo-data.ts';
import { listen } from './http/http-server.ts';
import { createLogger } from './logger.ts';
import { createRuntime } from './runtime.ts';
import { mintToken } from './tokens.ts';

export interface DemoServer {
  /** The API root, e.g. http://127.0.0.1:40123/api. */
  baseUrl: string;
  /** An admin token of the demo domain. */
  token: string;
  close(): Promise<void>;
}

export interface DemoServerOptions {
  /** Starts the clouds the demo connections log in to, with those connections' credentials. */
  startClouds(): Promise<{ clouds: { close(): Promise<void> }; credentials: DemoCredentials }>;
  /** The log level (default silent). */
  logLevel?: string | undefined;
  /** Settings added or overridden, as environment variables. */
  environment?: Record<string, string>;
}

export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const { clouds, credentials } = await options.startClouds();
  const closers: (() => Promise<void>)[] = [() => clouds.close()];
  const close = async () => {
    for (const closer of closers.reverse()) await closer();
  };
  try {
    const config = loadConfig({
      CCKM_PROFILE: 'dev',
      DATABASE_URL: 'sqlite::memory:',
      LOG_LEVEL: options.logLevel ?? 'silent',
      // Jobs picked up and cloud calls retried quickly; the rest as in `pnpm start`.
      JOB_POLL_MS: '100',
      CLOUD_RETRY_BASE_MS: '5',
      CLOUD_RETRY_MAX_MS: '20',
      ...options.environment,
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
