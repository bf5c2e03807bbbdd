// Part 3: the list over many stored jobs. Jobs are generated in bulk (10k, then 100k, then 1M in
// one database); at each size every query kind is timed end to end over HTTP (sequential
// requests) and its query plans are shown.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Database } from '@cckm/server';
import { createStore, formatMicros, migrateToLatest, openDatabase } from '@cckm/server';
import SQLite from 'better-sqlite3';
import { type Insertable, Kysely, SqliteDialect } from 'kysely';
import { BENCH_DOMAIN, benchToken, seedOrganizations, startCckmServer } from './lib/cckm-server.ts';
import { fixed, percentile, table } from './lib/table.ts';

const ORGANIZATIONS = 1_000;

interface QueryKind {
  name: string;
  query: (sfdcOrgId: string) => string;
}

const KINDS: QueryKind[] = [
  { name: 'newest page (default sort)', query: () => 'limit=10' },
  { name: 'status filter, newest first', query: () => 'overall_status=failed&sort=-createdAt&limit=10' },
  {
    name: 'organization filter, newest first',
    query: (org) => `organizations=${org}&sort=-createdAt&limit=10`,
  },
  {
    name: 'status filter + sort by status, then oldest',
    query: () => 'overall_status=completed&sort=overall_status,createdAt&limit=10',
  },
  { name: 'page 100 (skip 1000)', query: () => 'skip=1000&limit=10' },
];

async function insertJobs(file: string, organizationIds: string[], from: number, to: number) {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const base = Date.parse('2025-01-01T00:00:00Z');
  for (let start = from; start < to; start += 2_000) {
    const jobs: Insertable<Database['sync_jobs']>[] = [];
    const targets: Insertable<Database['sync_job_targets']>[] = [];
    for (let n = start; n < Math.min(to, start + 2_000); n += 1) {
      const id = randomUUID();
      const created = formatMicros((base + n * 1_000) * 1000);
      jobs.push({
        id,
        domain_id: BENCH_DOMAIN,
        cloud: 'sfdc' as const,
        overall_status: n % 10 === 0 ? ('failed' as const) : ('completed' as const),
        abort: 0,
        account: 'kylo:kylo:admin:accounts:kylo',
        application: 'ncryptify:gemalto:admin:apps:kylo',
        dev_account: 'ncryptify:gemalto:admin:accounts:gemalto',
        created_by: 'bench',
        created_at: created,
        updated_at: created,
        completed_at: created,
        lease_owner: null,
        lease_expires_at: null,
        attempts: 1,
      });
      const org = n % ORGANIZATIONS;
      targets.push({
        job_id: id,
        position: 0,
        target_id: organizationIds[org] as string,
        target_key: `00D${String(org).padStart(15, '0')}`,
        state: 'succeeded' as const,
        message: 'synchronized 20 tenant secrets',
        active: 0,
      });
    }
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < jobs.length; i += 500)
        await trx
          .insertInto('sync_jobs')
          .values(jobs.slice(i, i + 500))
          .execute();
      for (let i = 0; i < targets.length; i += 1000)
        await trx
          .insertInto('sync_job_targets')
          .values(targets.slice(i, i + 1000))
          .execute();
    });
  }
  await db.destroy();
}

/** The SQL the repository runs for a list query, captured through Kysely's log, with its plan. */
async function queryPlans(file: string, org: string): Promise<string[]> {
  const sqlite = new SQLite(file, { readonly: true });
  const statements: { sql: string; parameters: readonly unknown[] }[] = [];
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === 'query')
        statements.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  const store = createStore(db);
  const lines: string[] = [];
  const cases: [string, Parameters<typeof store.syncJobs.list>[0]][] = [
    [
      'status filter, newest first',
      {
        domainId: BENCH_DOMAIN,
        cloud: 'sfdc',
        status: 'failed',
        skip: 0,
        limit: 10,
        sort: [{ field: 'created_at', descending: true }],
      },
    ],
    [
      'organization filter, newest first',
      {
        domainId: BENCH_DOMAIN,
        cloud: 'sfdc',
        targets: [org],
        skip: 0,
        limit: 10,
        sort: [{ field: 'created_at', descending: true }],
      },
    ],
  ];
  for (const [name, query] of cases) {
    statements.length = 0;
    await store.syncJobs.list(query);
    for (const statement of statements) {
      const plan = sqlite
        .prepare(`EXPLAIN QUERY PLAN ${statement.sql}`)
        .all(...(statement.parameters as unknown[])) as { detail: string }[];
      lines.push(
        `- ${name}: \`${statement.sql.replace(/"/g, '').slice(0, 140)}${statement.sql.length > 140 ? '…' : ''}\``,
      );
      for (const step of plan) lines.push(`  - ${step.detail}`);
    }
  }
  await db.destroy();
  return lines;
}

export async function measureScale(options: {
  sizes: number[];
  requests: number;
  directory: string;
}): Promise<{ markdown: string; worstP99AtLargest: number; largest: number }> {
  const file = join(options.directory, 'scale.sqlite');
  let worstP99AtLargest = 0;
  const organizationIds = await seedOrganizations(file, ORGANIZATIONS);
  const migrated = openDatabase({ kind: 'sqlite', filename: file });
  await migrateToLatest(migrated);
  await migrated.destroy();
  const headers = { Authorization: `Bearer ${await benchToken()}` };
  const rows: (string | number)[][] = [];
  let stored = 0;
  let plans: string[] = [];
  for (const size of options.sizes) {
    const since = performance.now();
    await insertJobs(file, organizationIds, stored, size);
    const insertSeconds = (performance.now() - since) / 1000;
    stored = size;
    const server = await startCckmServer({
      core: 0,
      port: 18_300,
      file,
      validateResponses: false,
      // The cache would answer repeated queries without the database: this part times the database.
      env: { LOG_LEVEL: 'warn', LIST_PAGE_CACHE_PAGES: '0' },
    });
    try {
      for (const kind of KINDS) {
        const latencies: number[] = [];
        for (let i = 0; i < options.requests; i += 1) {
          const org = `00D${String(i % ORGANIZATIONS).padStart(15, '0')}`;
          const started = performance.now();
          const response = await fetch(
            `${server.url}/v1/cckm/sfdc/keys/synchronization-jobs?${kind.query(org)}`,
            { headers },
          );
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`${kind.name}: HTTP ${response.status}`);
          if (i >= 3) latencies.push(performance.now() - started); // the first few warm the caches
        }
        const p99 = percentile(latencies, 99);
        if (size === options.sizes.at(-1)) worstP99AtLargest = Math.max(worstP99AtLargest, p99);
        rows.push([fixed(size), kind.name, fixed(percentile(latencies, 50), 2), fixed(p99, 2)]);
      }
    } finally {
      await server.process.stop();
    }
    rows.push([
      fixed(size),
      `(bulk insert of ${fixed(size - (options.sizes[options.sizes.indexOf(size) - 1] ?? 0))} jobs)`,
      fixed(insertSeconds, 1),
      's',
    ]);
    plans = await queryPlans(file, organizationIds[7] as string);
  }
  const markdown = [
    table(
      `List latency over HTTP by stored jobs (sequential requests, ${options.requests} per kind; 10% failed, ${fixed(ORGANIZATIONS)} organizations)`,
      ['stored jobs', 'query', 'p50 ms', 'p99 ms'],
      rows,
    ),
    `Query plans at ${fixed(stored)} jobs (EXPLAIN QUERY PLAN of the SQL the repository runs):`,
    '',
    ...plans,
    '',
  ].join('\n');
  return { markdown, worstP99AtLargest, largest: options.sizes.at(-1) ?? 0 };
}
