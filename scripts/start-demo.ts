// pnpm start: the server in the dev profile against fake Salesforce and SAP clouds on loopback.
// Starts the fake clouds (packages/fake-clouds, over real HTTP), which write the demo connections'
// credentials to data/fake-clouds.json (mode 0600), then the server with DEMO_CLOUDS_FILE pointing at
// that file, so the server's real connectors log in to the fakes exactly as to real clouds.
// Inputs: --reset (delete the dev database first: the demo data comes back), --help; the server's
// own settings from the environment (CCKM_PROFILE defaults to dev). Expects `pnpm build` done.
// Output: the server's banner and logs. Exit code: the server's (0 after Ctrl-C), 2 for bad usage.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = `Usage: pnpm start [--reset]

Builds, then runs the CCKM server (dev profile, SQLite ./data/cckm.sqlite, demo data) against fake
Salesforce and SAP clouds on 127.0.0.1, and prints an admin token.

  --reset   delete ./data/cckm.sqlite first, so the demo data is written anew
  --help    this text
`;

let values: { reset?: boolean; help?: boolean };
try {
  ({ values } = parseArgs({ options: { reset: { type: 'boolean' }, help: { type: 'boolean' } } }));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const root = join(import.meta.dirname, '..');
const dataDir = join(root, 'data');
mkdirSync(dataDir, { recursive: true });
if (values.reset) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `cckm.sqlite${suffix}`), { force: true });
  process.stdout.write('Deleted ./data/cckm.sqlite: the demo data will be written anew.\n');
}

const credentialsFile = join(dataDir, 'fake-clouds.json');
const clouds = spawn(
  process.execPath,
  [join(root, 'packages/fake-clouds/dist/cli.js'), '--port', '0', '--credentials', credentialsFile],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
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

const server: ChildProcess = spawn(process.execPath, [join(root, 'packages/server/dist/main.js')], {
  stdio: 'inherit',
  env: { ...process.env, CCKM_PROFILE: process.env.CCKM_PROFILE ?? 'dev', DEMO_CLOUDS_FILE: credentialsFile },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.once('exit', (code, signal) => {
  clouds.kill('SIGTERM');
  process.exit(code ?? (signal ? 0 : 1));
});
