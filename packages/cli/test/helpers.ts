// Runs cckm in-process with captured streams, and records what it sends, or as a process; starts
// the real server in-process for the tests against it.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startDemoClouds } from '@cckm/fake-clouds';
import { type DemoServer, startDemoServer as startServer } from '@cckm/server';
import { type CliIo, runCli } from '../src/index.ts';

const BIN = fileURLToPath(new URL('../src/bin.ts', import.meta.url));

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

/** cckm as a process (src/bin.ts through tsx), with `env` and PATH only; resolves at any exit code. */
export function cckmProcess(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, ['--conditions=source', '--import', 'tsx', BIN, ...args], {
    env: { PATH: process.env.PATH, ...env },
  }).then(
    (done) => ({ code: 0, ...done }),
    (failed: { code: number; stdout: string; stderr: string }) => failed,
  );
}

/**
 * The built server as `pnpm start` runs it, as a process (@cckm/server's startDemoServer: dev profile,
 * demo data, in-memory SQLite) with its own fake Salesforce and SAP, logging at TEST_LOG_LEVEL
 * (default silent); `environment` adds or overrides settings.
 */
export const startDemoServer = (environment: Record<string, string> = {}): Promise<DemoServer> =>
  startServer({ startClouds: startDemoClouds, logLevel: process.env.TEST_LOG_LEVEL, environment });
