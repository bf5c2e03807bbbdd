// Starts Prism (CLI process, pinned 5.14.2) on the mock's copy of the contract, as a mock or as a
// validation proxy in front of a real server, and stops it by pid. In mock mode the front
// (front.ts: the server's own request checks) listens on the public port and Prism on a private
// port behind it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openapiDocument } from '@cckm/api-types';
import { API_BASE_PATH, createMockDocument } from './mock-document.ts';

export interface PrismOptions {
  /** `mock` answers from the contract's examples; `proxy` forwards to `upstream` and validates. */
  mode?: 'mock' | 'proxy';
  /** Origin of the real server, for `proxy` (e.g. http://127.0.0.1:8080). */
  upstream?: string;
  port?: number;
  host?: string;
  /** Answer contract violations with errors (`--errors`). Default true. */
  errors?: boolean;
  /** Generate responses from the schemas instead of the examples (`--dynamic`). */
  dynamic?: boolean;
  /** Seed of the generated data (`--seed`): the same seed, the same answers. */
  seed?: string;
  /** Validate requests in proxy mode (default true); false lets the upstream answer bad requests. */
  validateRequests?: boolean;
  /**
   * Mock mode: the server's request checks in front of Prism (default true), so a request the
   * server refuses is refused as the server refuses it. False: Prism alone, on the public port.
   */
  serverChecks?: boolean;
  /** Browser origins the front allows besides localhost and 127.0.0.1 (any port). */
  corsOrigins?: readonly string[];
  /** Mock mode: which bearer tokens pass (default `jwt`: what some server could accept; see front.ts). */
  tokens?: 'jwt' | 'any';
  /** Prism's log level (`-v`); default `warn`. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
  /** Where Prism's output goes; default: discarded (kept only until it listens, for errors). */
  output?: (chunk: string) => void;
  /** A command to launch Prism through, e.g. ['taskset', '-c', '0'] to pin it to a core. */
  launcher?: string[];
  startTimeoutMs?: number;
}

export interface RunningPrism {
  /** Base URL with the API base path, e.g. http://127.0.0.1:4010/api. */
  url: string;
  origin: string;
  pid: number;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

function prismBin(): string {
  const manifestPath = require.resolve('@stoplight/prism-cli/package.json');
  const manifest = require(manifestPath) as { bin: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : (manifest.bin.prism as string);
  return join(dirname(manifestPath), bin);
}

/** A port nobody listens on right now. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startPrism(options: PrismOptions = {}): Promise<RunningPrism> {
  const mode = options.mode ?? 'mock';
  if (mode === 'proxy' && !options.upstream) throw new Error('proxy mode needs an upstream URL');
  const host = options.host ?? '127.0.0.1';
  const guarded = mode === 'mock' && options.serverChecks !== false;
  // The front listens on port 0 itself when no port is asked for: no window for another process.
  const publicPort = options.port ?? (guarded ? 0 : await freePort(host));
  const port = guarded ? await freePort('127.0.0.1') : publicPort;
  const directory = await mkdtemp(join(tmpdir(), 'cckm-prism-'));
  const specPath = join(directory, 'openapi.json');
  const document = createMockDocument(openapiDocument, { dynamic: options.dynamic === true });
  await writeFile(specPath, JSON.stringify(document));

  const args = [prismBin(), mode, specPath];
  if (mode === 'proxy') args.push(options.upstream as string);
  args.push(
    '--port',
    String(port),
    '--host',
    guarded ? '127.0.0.1' : host,
    '--multiprocess',
    'false',
    '-v',
    options.logLevel ?? 'warn',
  );
  args.push('--errors', String(options.errors ?? true));
  // Generated objects get no properties their schemas do not declare.
  if (options.dynamic) args.push('--dynamic', '--json-schema-faker-fillProperties', 'false');
  if (options.seed !== undefined) args.push('--seed', options.seed);
  if (mode === 'proxy' && options.validateRequests === false) args.push('--validate-request', 'false');

  const [command, ...prefix] = [...(options.launcher ?? []), process.execPath];
  const child = spawn(command as string, [...prefix, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'development' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let front: { origin: string; close(): Promise<void> } | undefined;
  const cleanup = async () => {
    await front?.close();
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(killer);
    }
    await rm(directory, { recursive: true, force: true });
  };

  const prismOrigin = `http://${guarded ? '127.0.0.1' : host}:${port}`;
  try {
    await waitUntilListening(child, options, exited, prismOrigin);
    if (guarded) {
      // Loaded only here: the front brings the server's modules, which a proxy does not need.
      const { startMockFront } = await import('./front.ts');
      front = await startMockFront({
        prismOrigin,
        host,
        port: publicPort,
        ...(options.dynamic ? { dynamic: true } : {}),
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
        ...(options.tokens ? { tokens: options.tokens } : {}),
      });
    }
  } catch (error) {
    await cleanup();
    throw error;
  }
  const origin = front?.origin ?? `http://${host}:${publicPort}`;
  return { url: `${origin}${API_BASE_PATH}`, origin, pid: child.pid as number, close: cleanup };
}

/**
 * Ready when Prism answers HTTP: a CORS preflight (OPTIONS with Origin and
 * Access-Control-Request-Method), which Prism answers 204 itself, before routing, so the probe
 * leaves no "no path matched" error in its log. Fails if Prism exits or the time runs out.
 */
async function waitUntilListening(
  child: ChildProcess,
  options: PrismOptions,
  exited: Promise<void>,
  origin: string,
) {
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    options.output?.(text);
    output += text;
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (gone) throw new Error(`Prism exited before listening:\n${output}`);
    try {
      await fetch(`${origin}${API_BASE_PATH}/`, {
        method: 'OPTIONS',
        headers: { Origin: 'http://127.0.0.1', 'Access-Control-Request-Method': 'GET' },
        signal: AbortSignal.timeout(1_000),
      });
      // From now on the output is only passed on, never kept: it grows with every request.
      child.stdout?.off('data', collect);
      child.stderr?.off('data', collect);
      const pass = (chunk: Buffer) => options.output?.(chunk.toString());
      child.stdout?.on('data', pass);
      child.stderr?.on('data', pass);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`Prism did not start within ${options.startTimeoutMs ?? 30_000} ms:\n${output}`);
}
