// pnpm bench: measures the server against its ceilings and its peer, side by side, on loopback.
// Options: --quick (1 short round, small data sets; what CI runs to prove the harness works);
// --parts 1,3 (run only those parts; default all five).
// Output: one markdown table per part on stdout and in bench/results/latest.md.
// Every process it starts is pinned with taskset and stopped by pid at the end, also on failure.
// Exit codes: 0 done, 1 a part failed.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureLayers } from './layers.ts';
import { postgresReachable } from './lib/postgres.ts';
import { stopAll } from './lib/processes.ts';
import { type Target as Goal, targetsTable } from './lib/targets.ts';
import { MIXED_NAMES, measureMixed } from './mixed.ts';
import { measureScale } from './scale.ts';
import { measureSync } from './sync.ts';
import { measureThroughput, TARGET_NAMES, type ThroughputResult } from './throughput.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    parts: { type: 'string', default: '1,2,3,4,5' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(
    'Usage: pnpm bench [--quick] [--parts 1,2,3,4,5]\n\n1 throughput (SQLite, and two instances on PostgreSQL when TEST_POSTGRES_URL answers), 2 CPU by layer (page cache on and off),\n3 the list over 10k-1M stored jobs (SQLite, and PostgreSQL when it answers), 4 sync through the fake clouds,\n5 a mixed workload (1,000 list URLs while jobs are created); then the targets table.\n',
  );
  process.exit(0);
}
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

const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
// The quick run (in pnpm test) leaves PostgreSQL out: it proves the harness, not the figures.
const withPostgres = !quick && (await postgresReachable(postgresAdminUrl));
let throughput: ThroughputResult | undefined;
let scale: Awaited<ReturnType<typeof measureScale>> | undefined;
let sync: Awaited<ReturnType<typeof measureSync>> | undefined;
let mixed: Awaited<ReturnType<typeof measureMixed>> | undefined;

try {
  if (selected.has('1')) {
    print('## 1. Throughput and latency\n');
    throughput = await measureThroughput({
      references: !quick,
      rounds: quick ? 1 : 3,
      seconds: quick ? 1 : 8,
      warmupSeconds: quick ? 0 : 3,
      connections: 32,
      directory,
      ...(withPostgres ? { postgresAdminUrl } : {}),
    });
    print(throughput.markdown);
    if (!withPostgres && !quick)
      print(`PostgreSQL is not reachable at ${postgresAdminUrl}: its rows are missing.\n`);
  }
  if (selected.has('2')) {
    print('## 2. Where the time goes\n');
    print(await measureLayers({ seconds: quick ? 1 : 8, directory }));
    print(await measureLayers({ seconds: quick ? 1 : 8, directory, pageCachePages: 0 }));
  }
  if (selected.has('3')) {
    print('## 3. Scale: the list over many stored jobs\n');
    const sizes = quick ? [10_000] : [10_000, 100_000, 1_000_000];
    scale = await measureScale({
      sizes,
      requests: quick ? 20 : 200,
      directory,
      ...(withPostgres ? { postgresAdminUrl } : {}),
    });
    print(scale.markdown);
    if (!withPostgres && !quick)
      print(`PostgreSQL is not reachable at ${postgresAdminUrl}: its rows are missing.\n`);
  }
  if (selected.has('4')) {
    print('## 4. Sync throughput\n');
    sync = await measureSync({
      organizations: quick ? 50 : 1_000,
      secretsPerOrganization: 20,
      latencyMs: 20,
      concurrencies: quick ? [4] : [4, 16],
      directory,
    });
    print(sync.markdown);
  }
  if (selected.has('5')) {
    print('## 5. Mixed workload\n');
    mixed = await measureMixed({
      rounds: quick ? 1 : 3,
      seconds: quick ? 1 : 8,
      warmupSeconds: quick ? 0 : 3,
      connections: 32,
      directory,
    });
    print(mixed.markdown);
  }
  print('## Targets (issues 11 and 25), from this run\n');
  print(targetsTable(goals(), quick));
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

/** The targets of the performance issue, with what this run measured (undefined: not measured). */
function goals(): Goal[] {
  const figures = throughput?.figures ?? {};
  const off = figures[TARGET_NAMES.off];
  const on = figures[TARGET_NAMES.on];
  const express = figures[TARGET_NAMES.express];
  const expressBorn = figures[TARGET_NAMES.expressBorn];
  const prism = figures[TARGET_NAMES.prismWarn];
  const postgres = figures[TARGET_NAMES.postgres];
  const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? a / b : undefined);
  const largest = (scale?.largest ?? 1_000_000).toLocaleString('en-US');
  const uncachedOff = figures[TARGET_NAMES.uncachedOff];
  const uncachedOn = figures[TARGET_NAMES.uncachedOn];
  const notModified = figures[TARGET_NAMES.notModified];
  const mixedOurs = mixed?.figures[MIXED_NAMES.cached];
  const mixedExpress = mixed?.figures[MIXED_NAMES.express];
  return [
    {
      name: 'GET list, page cache off ÷ bare Express, response validation off',
      goal: '≥ 0.65',
      at: ratio(uncachedOff?.getRps, express?.getRps),
      met: (v) => v >= 0.65,
      digits: 2,
    },
    {
      name: 'GET list, page cache off ÷ bare Express, response validation on',
      goal: '≥ 0.55',
      at: ratio(uncachedOn?.getRps, express?.getRps),
      met: (v) => v >= 0.55,
      digits: 2,
    },
    {
      name: 'GET list, page cache off ÷ Prism -v warn (validation off)',
      goal: '≥ 1.00',
      at: ratio(uncachedOff?.getRps, prism?.getRps),
      met: (v) => v >= 1,
      digits: 2,
    },
    {
      name: 'Mixed workload: GET ÷ bare Express serving the same bodies',
      goal: '≥ 0.80',
      at: ratio(mixedOurs?.rps, mixedExpress?.rps),
      met: (v) => v >= 0.8,
      digits: 2,
    },
    {
      name: 'Mixed workload: GET p99, ms',
      goal: '≤ 25',
      at: mixedOurs?.p99,
      met: (v) => v <= 25,
      digits: 1,
    },
    {
      name: "Conditional GET: 304 rate ÷ the cached 200's rate",
      goal: '≥ 1.50',
      at: ratio(notModified?.getRps, off?.getRps),
      met: (v) => v >= 1.5,
      digits: 2,
    },
    {
      name: 'GET list (page cache on) ÷ bare Express, response validation off',
      goal: '≥ 1.00',
      at: ratio(off?.getRps, express?.getRps),
      met: (v) => v >= 1,
      digits: 2,
    },
    {
      name: 'GET list (page cache on) ÷ bare Express, response validation on',
      goal: '(reported)',
      at: ratio(on?.getRps, express?.getRps),
      met: () => true,
      digits: 2,
    },
    {
      name: 'GET list p99 at 32 connections (page cache on, validation off), ms',
      goal: '≤ 15',
      at: off?.getP99,
      met: (v) => v <= 15,
      digits: 1,
    },
    {
      name: 'GET list ÷ bare Express whose messages are born with its prototypes, as ours are (validation off)',
      goal: '(reported)',
      at: ratio(off?.getRps, expressBorn?.getRps),
      met: () => true,
      digits: 2,
    },
    {
      name: 'GET list (page cache on) ÷ Prism -v warn',
      goal: '> 1.00',
      at: ratio(off?.getRps, prism?.getRps),
      met: (v) => v > 1,
      digits: 2,
    },
    {
      name: 'POST durable jobs/s (SQLite)',
      goal: '≥ 2,000',
      at: off?.postRps,
      met: (v) => v >= 2000,
      digits: 0,
    },
    {
      name: 'Start-up to a first 200 on an existing database, ms',
      goal: '≤ 500',
      at: off?.startupMs,
      met: (v) => v <= 500,
      digits: 0,
    },
    { name: 'RSS after load, MB', goal: '≤ 150', at: off?.rssMb, met: (v) => v <= 150, digits: 0 },
    {
      name: `List p99 at ${largest} jobs, worst query kind, ms (SQLite)`,
      goal: '≤ 25',
      at: scale?.worstP99AtLargest.sqlite,
      met: (v) => v <= 25,
      digits: 1,
    },
    {
      name: 'PostgreSQL: POST durable jobs/s across two instances',
      goal: '≥ 1,000',
      at: postgres?.postRps,
      met: (v) => v >= 1000,
      digits: 0,
    },
    {
      name: 'PostgreSQL: GET list ÷ bare Express, two instances',
      goal: '(reported)',
      at: ratio(postgres?.getRps, express?.getRps),
      met: () => true,
      digits: 2,
    },
    {
      name: `PostgreSQL: list p99 at ${largest} jobs, worst query kind, ms`,
      goal: '≤ 25',
      at: scale?.worstP99AtLargest.postgres,
      met: (v) => v <= 25,
      digits: 1,
    },
    {
      name: 'Sync 1,000 organizations × 20 secrets at 20 ms per call, JOB_CONCURRENCY 16, s',
      goal: '≤ 15',
      at: sync?.secondsByConcurrency[16],
      met: (v) => v <= 15,
      digits: 1,
    },
  ];
}
