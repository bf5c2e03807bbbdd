// pnpm bench: measures the server against its ceilings and its peer, side by side, on loopback.
// Options: --quick (1 short round, small data sets; what CI runs to prove the harness works);
// --parts 1,3 (run only those parts; default all four).
// Output: one markdown table per part on stdout and in bench/results/latest.md.
// Every process it starts is pinned with taskset and stopped by pid at the end, also on failure.
// Exit codes: 0 done, 1 a part failed.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureLayers } from './layers.ts';
import { stopAll } from './lib/processes.ts';
import { measureScale } from './scale.ts';
import { measureSync } from './sync.ts';
import { measureThroughput } from './throughput.ts';

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, parts: { type: 'string', default: '1,2,3,4' } },
});
const quick = values.quick;
const selected = new Set(values.parts.split(',').map((part) => part.trim()));
const directory = await mkdtemp(join(tmpdir(), 'cckm-bench-'));
const parts: string[] = [
  `# cckm-contract benchmark (${quick ? 'quick' : 'full'} run, ${new Date().toISOString()})`,
  '',
];
const print = (text: string) => {
  parts.push(text);
  process.stdout.write(`${text}\n`);
};

process.on('SIGINT', () => {
  void stopAll().then(() => process.exit(130));
});

try {
  if (selected.has('1')) {
    print('## 1. Throughput and latency\n');
    const throughput = await measureThroughput({
      rounds: quick ? 1 : 3,
      seconds: quick ? 1 : 8,
      warmupSeconds: quick ? 1 : 3,
      connections: 32,
      directory,
    });
    print(throughput.markdown);
  }
  if (selected.has('2')) {
    print('## 2. Where the time goes\n');
    print(await measureLayers({ seconds: quick ? 1 : 8, directory }));
  }
  if (selected.has('3')) {
    print('## 3. Scale: the list over many stored jobs\n');
    const sizes = quick ? [10_000] : [10_000, 100_000, 1_000_000];
    print(await measureScale({ sizes, requests: quick ? 20 : 200, directory }));
  }
  if (selected.has('4')) {
    print('## 4. Sync throughput\n');
    print(
      await measureSync({
        organizations: quick ? 50 : 1_000,
        secretsPerOrganization: 20,
        latencyMs: 20,
        concurrencies: quick ? [4] : [4, 16],
        directory,
      }),
    );
  }
} catch (error) {
  process.stderr.write(`benchmark failed: ${(error as Error).stack}\n`);
  process.exitCode = 1;
} finally {
  await stopAll();
  const results = fileURLToPath(new URL('./results/', import.meta.url));
  await mkdir(results, { recursive: true });
  await writeFile(join(results, 'latest.md'), parts.join('\n'));
  await rm(directory, { recursive: true, force: true });
}
