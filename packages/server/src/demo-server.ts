// The server as `pnpm start` runs it, for the CLI's and the example web app's black-box tests: the
// built command (dist/main.js, the bundle users run) as a process of its own, in the dev profile
// with the demo data, on an in-memory SQLite database and a free port of 127.0.0.1, its connectors
// logging in to the clouds `startClouds` gives (the fake Salesforce and SAP of @cckm/fake-clouds:
// `startDemoClouds`; the server never imports them). Gives the API root and the admin token the
// server printed; `close()` stops the server (SIGTERM, then SIGKILL after 5 s), then the clouds.
// Needs `pnpm build` (the test run builds first: scripts/vitest-build-once.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoCredentials } from './demo/demo-data.ts';

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
  /** The log level (default silent); the server's lines go to this process's stderr. */
  logLevel?: string | undefined;
  /** Settings added or overridden, as environment variables. */
  environment?: Record<string, string>;
  /** How long the server may take to start (default 30 s: a busy machine is slow). */
  startTimeoutMs?: number;
}

/** The bundled command, from src/ (tests) or dist/ alike. */
const bundle = fileURLToPath(new URL('../dist/main.js', import.meta.url));

export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run pnpm build first`);
  const { clouds, credentials } = await options.startClouds();
  const directory = await mkdtemp(join(tmpdir(), 'cckm-demo-server-'));
  let child: ChildProcess | undefined;
  const close = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child?.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    await clouds.close();
    await rm(directory, { recursive: true, force: true });
  };
  try {
    const cloudsFile = join(directory, 'fake-clouds.json');
    await writeFile(cloudsFile, JSON.stringify({ connections: credentials }), { mode: 0o600 });
    child = spawn(process.execPath, [bundle], {
      env: {
        PATH: process.env.PATH,
        CCKM_PROFILE: 'dev',
        PORT: '0',
        DATABASE_URL: 'sqlite::memory:',
        DEMO_CLOUDS_FILE: cloudsFile,
        LOG_LEVEL: options.logLevel ?? 'silent',
        // Jobs picked up and cloud calls retried quickly; the rest as in `pnpm start`.
        JOB_POLL_MS: '100',
        CLOUD_RETRY_BASE_MS: '5',
        CLOUD_RETRY_MAX_MS: '20',
        ...options.environment,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const started = await banner(child, options.startTimeoutMs ?? 30_000);
    return { ...started, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The API root and token from the dev banner; its other lines are passed on to stderr. */
function banner(child: ChildProcess, timeoutMs: number): Promise<{ baseUrl: string; token: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    let ready = false;
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (ready) {
        process.stderr.write(chunk);
        return;
      }
      output += chunk.toString();
      const baseUrl = /CCKM server ready at (\S+)/.exec(output)?.[1];
      const token = /\n\n(eyJ[\w-]+\.[\w-]+\.[\w-]+)\n/.exec(output)?.[1];
      if (baseUrl && token) {
        ready = true;
        clearTimeout(timer);
        resolve({ baseUrl, token });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${output}`));
    });
  });
}
