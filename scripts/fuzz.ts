// Long fuzz run against the server (issue 12): the families of packages/server/test/fuzz/ (the same
// arbitraries `pnpm test` samples a bounded slice of), on a server started in-process with
// SQLite in memory or a throwaway PostgreSQL database.
//
//   tsx scripts/fuzz.ts [--cases 20000] [--db sqlite|postgres] [--seed 20261125]
//                       [--family NAME ...] [--skip-known] [--concurrency 4]
//
// Inputs:  the options above; TEST_POSTGRES_URL (default postgres://root@127.0.0.1:5432/postgres)
//          names the server where --db postgres creates and drops its database.
// Output:  per family and in total: cases, 5xx, errors that are not problem+json, requests with
//          no answer, statuses the contract does not give; the count of every status; the largest
//          answer and the longest event-loop stall (the server runs in this process); the metrics'
//          series and whether their labels stayed bounded; RSS before and after (after a GC);
//          /readyz after the run; a reproduction of the first violations.
// Exit:    0 when every response met the property, 1 when any did not (or /readyz is not 200, or
//          a metric label is not a bounded value), 2 on bad options. Families of known defects (known-defects.ts) are run and counted too,
//          unless --skip-known leaves them out.
import { spawnSync } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// The workspace packages export their TypeScript sources under the "source" condition; Node
// needs it on the command line, so the script re-runs itself with it (and with --expose-gc, so
// "RSS after" is measured after a collection).
if (process.env.CCKM_FUZZ_CHILD !== '1') {
  const result = spawnSync(
    process.execPath,
    [
      '--conditions=source',
      '--expose-gc',
      '--import',
      import.meta.resolve('tsx'),
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit', env: { ...process.env, CCKM_FUZZ_CHILD: '1' } },
  );
  process.exit(result.status ?? 1);
}

const usage =
  'usage: tsx scripts/fuzz.ts [--cases N] [--db sqlite|postgres] [--seed S] [--family NAME ...] [--skip-known] [--concurrency C]';

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

let options: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      cases: { type: 'string', default: '20000' },
      db: { type: 'string', default: 'sqlite' },
      seed: { type: 'string' },
      family: { type: 'string', multiple: true },
      'skip-known': { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '4' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
try {
  options = parse();
} catch (error) {
  fail((error as Error).message);
}
if (options.values.help) {
  console.log(usage);
  process.exit(0);
}

const { families } = await import('../packages/server/test/fuzz/families.ts');
const { KNOWN_DEFECTS } = await import('../packages/server/test/fuzz/known-defects.ts');
const { describeViolations, emptyTally, merge } = await import('../packages/server/test/fuzz/property.ts');
const { DEFAULT_SEED, runFamily, startFuzzTarget } = await import('../packages/server/test/fuzz/run-fuzz.ts');
const { checkMetricLabels } = await import('../packages/server/test/fuzz/metric-labels.ts');

const cases = Number(options.values.cases);
const seed = options.values.seed === undefined ? DEFAULT_SEED : Number(options.values.seed);
const concurrency = Number(options.values.concurrency);
const database = options.values.db;
if (!Number.isInteger(cases) || cases < 1)
  fail(`--cases must be a positive integer, got ${options.values.cases}`);
if (!Number.isInteger(seed)) fail(`--seed must be an integer, got ${options.values.seed}`);
if (!Number.isInteger(concurrency) || concurrency < 1) fail(`--concurrency must be a positive integer`);
if (database !== 'sqlite' && database !== 'postgres')
  fail(`--db must be sqlite or postgres, got ${database}`);
const chosen = options.values.family ?? families.map((family) => family.name);
const unknown = chosen.filter((name) => !families.some((family) => family.name === name));
if (unknown.length > 0)
  fail(`unknown family ${unknown.join(', ')}; families: ${families.map((f) => f.name).join(', ')}`);
const selected = families.filter(
  (family) =>
    chosen.includes(family.name) &&
    !(options.values['skip-known'] && KNOWN_DEFECTS[family.name]?.databases.includes(database)),
);
if (selected.length === 0) fail('no family left to run');

// The cases are shared out as in `pnpm test`'s slice (each family's `cases` is its weight).
const weight = selected.reduce((sum, family) => sum + family.cases, 0);
const shares = selected.map((family) => Math.max(1, Math.round((cases * family.cases) / weight)));

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const collect = () => (globalThis as { gc?: () => void }).gc?.();

console.log(
  `fuzz: ${shares.reduce((a, b) => a + b, 0)} cases on ${database}, seed ${seed}, concurrency ${concurrency}`,
);
const target = await startFuzzTarget(database);
collect();
const before = process.memoryUsage();
// The server answers in this process: a stall of its event loop is one of this loop.
const stalls = monitorEventLoopDelay({ resolution: 10 });
stalls.enable();
let longestStallMs = 0;
const started = performance.now();
const total = emptyTally();
const rows: string[][] = [
  ['family', 'cases', '5xx', 'not problem', 'no answer', 'unexpected', 'max stall ms', 'known defect'],
];
try {
  for (const [index, family] of selected.entries()) {
    // Only while requests are in flight: drawing a batch's cases (fast-check, in this process)
    // blocks the loop too, and is the fuzzer's time, not the server's.
    let stallMs = 0;
    const tally = await runFamily(target, family, {
      seed,
      cases: shares[index] ?? 1,
      concurrency,
      onSending: () => stalls.reset(),
      onBatch: () => {
        stallMs = Math.max(stallMs, stalls.max / 1e6);
      },
    });
    longestStallMs = Math.max(longestStallMs, stallMs);
    merge(total, tally);
    const known = KNOWN_DEFECTS[family.name]?.databases.includes(database)
      ? `issue 12 #${KNOWN_DEFECTS[family.name]?.issueItem}`
      : '';
    rows.push([
      family.name,
      String(tally.cases),
      String(tally.serverErrors),
      String(tally.nonProblems),
      String(tally.noAnswers),
      String(tally.unexpectedStatuses),
      stallMs.toFixed(0),
      known,
    ]);
  }
  rows.push([
    'total',
    String(total.cases),
    String(total.serverErrors),
    String(total.nonProblems),
    String(total.noAnswers),
    String(total.unexpectedStatuses),
    longestStallMs.toFixed(0),
    '',
  ]);
  const seconds = (performance.now() - started) / 1000;
  stalls.disable();
  const ready = await target.readyz();
  const labels = checkMetricLabels(await target.metrics());
  collect();
  const after = process.memoryUsage();

  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  for (const row of rows) {
    console.log(
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  '),
    );
  }
  const statuses = Object.entries(total.byStatus).sort(([a], [b]) => a.localeCompare(b));
  console.log(`statuses: ${statuses.map(([status, count]) => `${status}: ${count}`).join(', ')}`);
  console.log(`time: ${seconds.toFixed(1)} s (${(total.cases / seconds).toFixed(0)} requests/s)`);
  const { largest } = total;
  console.log(
    `largest answer: ${(largest.bytes / 1024).toFixed(1)} KiB (${largest.method} ${largest.status}, family ${largest.family})`,
  );
  console.log(
    `longest event-loop stall: ${longestStallMs.toFixed(0)} ms (the delay of a 10 ms timer; per family above)`,
  );
  console.log(
    `metrics: ${labels.series} cckm_ series, labels ${labels.problems.length === 0 ? 'bounded' : `NOT bounded: ${labels.problems.slice(0, 5).join('; ')}`}`,
  );
  console.log(
    `RSS before: ${mib(before.rss)}, after: ${mib(after.rss)} (heap used ${mib(before.heapUsed)} -> ${mib(after.heapUsed)})`,
  );
  console.log(`/readyz after the run: ${ready}`);
  if (total.violations.length > 0) {
    console.log(
      `\nfirst violations (of ${total.serverErrors + total.nonProblems + total.noAnswers + total.unexpectedStatuses}):`,
    );
    console.log(describeViolations(total.violations, 10));
  }
  process.exitCode = total.violations.length === 0 && ready === 200 && labels.problems.length === 0 ? 0 : 1;
} finally {
  await target.close();
}
