// Runs cckm in-process with captured streams, and records what it sends; starts the real server
// in-process for the tests against it.
import { startDemoClouds } from '@cckm/fake-clouds';
import { createLogger, createRuntime, DEMO_DOMAIN_ID, listen, loadConfig, mintToken } from '@cckm/server';
import { type CliIo, runCli } from '../src/index.ts';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  requests: Request[];
}

export function captureStream(isTTY = false) {
  const chunks: string[] = [];
  return {
    chunks,
    isTTY,
    columns: 120,
    write: (chunk: string) => chunks.push(chunk),
    text: () => chunks.join(''),
  };
}

/** cckm `argv` with env (no CCKM_* from the real environment); fetch defaults to the real one. */
export async function cckm(
  argv: string[],
  options: { env?: Record<string, string>; fetch?: CliIo['fetch']; tty?: boolean } = {},
): Promise<Run> {
  const stdout = captureStream(options.tty);
  const stderr = captureStream();
  const requests: Request[] = [];
  const send = options.fetch ?? ((request: Request) => fetch(request));
  const code = await runCli(argv, {
    stdout,
    stderr,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    fetch: (request) => {
      requests.push(request.clone());
      return send(request);
    },
  });
  return { code, stdout: stdout.text(), stderr: stderr.text(), requests };
}

export interface DemoServer {
  /** The API root, e.g. http://127.0.0.1:40123/api. */
  baseUrl: string;
  /** An admin token of the demo domain. */
  token: string;
  close(): Promise<void>;
}

/**
 * The real server in-process, as `pnpm start` runs it: the dev profile with the demo data (here on
 * an in-memory SQLite database), on a free port of 127.0.0.1, talking over HTTP to its own fake
 * Salesforce and SAP seeded like the demo. examples/web/test/helpers.ts has the same function.
 */
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
