// pnpm start: the server in the dev profile against fake Salesforce and SAP clouds on loopback.
// Starts the fake clouds (packages/fake-clouds, over real HTTP), which write the demo connections'
// credentials to data/fake-clouds.json (mode 0600), then the server with DEMO_CLOUDS_FILE pointing at
// that file, so the server's real connectors log in to the fakes exactly as to real clouds.
// Inputs: --reset (delete the dev database first: the demo data comes back), --data <dir> (where
// the database and the credentials file live; default ./data), --help; the server's
// own settings from the environment (CCKM_PROFILE defaults to dev, METRICS_PORT to 9464). Expects
// `pnpm build` done. Output: one line naming the fake clouds' URLs, the server's banner (with the
// metrics URL) and logs. Exit code: the
// server's (0 after Ctrl-C), 1 when the server's or the metrics port is in use (checked before
// anything starts), 2 for bad usage.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = `Usage: pnpm start [--reset]

Builds, then runs the CCKM server (dev profile, SQLite ./data/cckm.sqlite, demo data) against fake
Salesforce and SAP clouds on 127.0.0.1, and prints an admin token.

  --reset        delete ./data/cckm.sqlite first, so the demo data is written anew
  --data <dir>   keep the database and the fake clouds' credentials in <dir> instead of ./data
  --help         this text
`;

let values: { reset?: boolean; help?: boolean; data?: string };
try {
  ({ values } = parseArgs({
    options: { reset: { type: 'boolean' }, help: { type: 'boolean' }, data: { type: 'string' } },
  }));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

// The server's ports first: a second `pnpm start` must stop before its fake clouds rewrite
// data/fake-clouds.json or its server touches the database the first one uses.
// The metrics listener is on in `pnpm start` (METRICS_PORT, 9464 unless set).
const metricsPort = process.env.METRICS_PORT ?? '9464';
const ports = [
  ['PORT', process.env.HOST ?? '127.0.0.1', process.env.PORT ?? '8080'],
  ['METRICS_PORT', process.env.METRICS_HOST ?? '127.0.0.1', metricsPort],
] as const;
for (const [setting, host, port] of ports) {
  const inUse = await portInUse(host, Number(port));
  if (inUse) {
    process.stderr.write(
      `Port ${port} of ${host} is in use: is another \`pnpm start\` running? Stop it, or set ${setting} to another port.\n`,
    );
    process.exit(1);
  }
}

const root = join(import.meta.dirname, '..');
const dataDir = values.data === undefined ? join(root, 'data') : resolve(values.data);
mkdirSync(dataDir, { recursive: true });
if (values.reset) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `cckm.sqlite${suffix}`), { force: true });
  process.stdout.write(`Deleted ${join(dataDir, 'cckm.sqlite')}: the demo data will be written anew.\n`);
}

const credentialsFile = join(dataDir, 'fake-clouds.json');
const clouds = spawn(
  process.execPath,
  [join(root, 'packages/fake-clouds/dist/cli.js'), '--port', '0', '--credentials', credentialsFile],
  { stdio: ['ignore', 'pipe', 'pipe'] },
);
// The clouds say where they listen on stderr too: this script says it once, below; the rest passes.
clouds.stderr?.on('data', (chunk: Buffer) => {
  const lines = chunk
    .toString()
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('fake clouds listening:'));
  if (lines.length > 0) process.stderr.write(`${lines.join('\n')}\n`);
});
const urls = await new Promise<{ salesforce: string; sap: string }>((resolve, reject) => {
  let output = '';
  clouds.stdout?.on('data', (chunk: Buffer) => {
    output += chunk;
    const line = output.split('\n').find((candidate) => candidate.startsWith('{'));
    if (line) resolve((JSON.parse(line) as { urls: { salesforce: string; sap: string } }).urls);
  });
  clouds.once('exit', (code) => reject(new Error(`the fake clouds exited with ${code}`)));
});
process.stdout.write(`Fake clouds: Salesforce ${urls.salesforce}, SAP ${urls.sap}\n`);

// The heap cap the cckm-server command sets (decisions/0102), unless NODE_OPTIONS sets one.
const heapCap = /--max-old-space-size/.test(process.env.NODE_OPTIONS ?? '')
  ? []
  : ['--max-old-space-size=128'];
const server: ChildProcess = spawn(
  process.execPath,
  [...heapCap, join(root, 'packages/server/dist/main.js')],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      CCKM_PROFILE: process.env.CCKM_PROFILE ?? 'dev',
      DATABASE_URL: process.env.DATABASE_URL ?? `sqlite:${join(dataDir, 'cckm.sqlite')}`,
      DEMO_CLOUDS_FILE: credentialsFile,
      METRICS_PORT: metricsPort,
    },
  },
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.once('exit', (code, signal) => {
  clouds.kill('SIGTERM');
  process.exit(code ?? (signal ? 0 : 1));
});

/** Whether something listens on host:port already (a bind that fails with EADDRINUSE). */
function portInUse(host: string, port: number): Promise<boolean> {
  if (port === 0) return Promise.resolve(false);
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' ? resolve(true) : reject(error),
    );
    probe.listen(port, host, () => probe.close(() => resolve(false)));
  });
}
