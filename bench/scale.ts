// Part 3: the list over many stored jobs, on SQLite and (given an admin URL) on PostgreSQL. Jobs
// are generated in bulk (10k, then 100k, then 1M in one database); at each size every query kind
// is timed end to end over HTTP against the built server (sequential requests), and at the largest
// size the query plans of the SQL the repository runs are shown.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Database } from '@cckm/server';
import { createStore, formatMicros, openDatabase } from '@cckm/server';
import SQLite from 'better-sqlite3';
import { type Insertable, Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { BENCH_DOMAIN, benchToken, seedOrganizations, startCckmServer } from './lib/cckm-server.ts';
import { freePort } from './lib/ports.ts';
import { createScratchDatabase } from './lib/postgres.ts';
import { fixed, percentile, table } from './lib/table.ts';

const ORGANIZATIONS = 1_000;
/** The first job's creation time; job n is created n seconds later. */
const BASE = '2025-01-01T00:00:00Z';

interface QueryKind {
  name: string;
  query: (sfdcOrgId: string) => string;
  /** The `total` the list answers over `size` jobs (checked once per size: the seeding is right). */
  total: (size: number) => number;
}

// Every tenth job failed, the others completed; job n targets organization n % ORGANIZATIONS.
const KINDS: QueryKind[] = [
  { name: 'newest page (default sort)', query: () => 'limit=10', total: (size) => size },
  {
    name: 'status filter, newest first',
    query: () => 'overall_status=failed&sort=-createdAt&limit=10',
    total: (size) => size / 10,
  },
  {
    name: 'organization filter, newest first',
    query: (org) => `organizations=${org}&sort=-createdAt&limit=10`,
    total: (size) => size / ORGANIZATIONS,
  },
  {
    name: 'status filter + sort by status, then oldest',
    query: () => 'overall_status=completed&sort=overall_status,createdAt&limit=10',
    total: (size) => size - size / 10,
  },
  { name: 'page 100 (skip 1000)', query: () => 'skip=1000&limit=10', total: (size) => size },
];

type ListQuery = Parameters<ReturnType<typeof createStore>['syncJobs']['list']>[0];

/** The queries whose plans are shown, as the service hands them to the repository. */
const PLANNED = (org: string): [string, ListQuery][] => [
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

/** One database under test: how jobs get into it, how the server reaches it, how plans are read. */
interface Subject {
  title: string;
  /** What the seeding row's seconds include. */
  seeding: string;
  /** Stores jobs from..to-1 with their targets, and job counts that agree with them. */
  insertJobs(from: number, to: number): Promise<void>;
  server: { file: string; databaseUrl?: string };
  planHeading: string;
  plans(org: string): Promise<string[]>;
  /** What else the figures depend on, printed under the table. */
  note?(): Promise<string>;
}

export interface ScaleResult {
  markdown: string;
  largest: number;
  /** The worst query kind's p99 at the largest size, in ms, per database (PostgreSQL when it ran). */
  worstP99AtLargest: { sqlite: number; postgres?: number };
}

export async function measureScale(options: {
  sizes: number[];
  requests: number;
  directory: string;
  /** An admin URL of a PostgreSQL server: the same sizes and kinds on a fresh database there. */
  postgresAdminUrl?: string;
}): Promise<ScaleResult> {
  const file = join(options.directory, 'scale.sqlite');
  const sqliteOrganizations = await seedOrganizations(file, ORGANIZATIONS);
  const sqlite = await measureOn(sqliteSubject(file, sqliteOrganizations), options);
  const sections = [sqlite.markdown];
  let postgres: number | undefined;
  if (options.postgresAdminUrl) {
    const scratch = await createScratchDatabase(options.postgresAdminUrl, 'cckm_bench_scale');
    try {
      // Migrates the fresh database (migrateToLatest) before it writes the organizations.
      await seedOrganizations('', ORGANIZATIONS, undefined, {
        kind: 'postgres',
        connectionString: scratch.url,
      });
      const measured = await measureOn(postgresSubject(scratch.url), options);
      sections.push(measured.markdown);
      postgres = measured.worstP99AtLargest;
    } finally {
      await scratch.drop();
    }
  }
  return {
    markdown: sections.join('\n'),
    largest: options.sizes.at(-1) ?? 0,
    worstP99AtLargest: { sqlite: sqlite.worstP99AtLargest, ...(postgres === undefined ? {} : { postgres }) },
  };
}

async function measureOn(
  subject: Subject,
  options: { sizes: number[]; requests: number },
): Promise<{ markdown: string; worstP99AtLargest: number }> {
  const headers = { Authorization: `Bearer ${await benchToken()}` };
  const rows: (string | number)[][] = [];
  let worstP99AtLargest = 0;
  let stored = 0;
  for (const size of options.sizes) {
    const since = performance.now();
    await subject.insertJobs(stored, size);
    const seedingSeconds = (performance.now() - since) / 1000;
    const added = size - stored;
    stored = size;
    const server = await startCckmServer({
      core: 0,
      port: await freePort(),
      ...subject.server,
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
          const body = await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`${kind.name}: HTTP ${response.status}`);
          if (i >= 3) latencies.push(performance.now() - started); // the first few warm the caches
          if (i === 0) {
            const { total } = JSON.parse(Buffer.from(body).toString()) as { total: number };
            if (total !== kind.total(size))
              throw new Error(`${subject.title}, ${kind.name}: total ${total}, expected ${kind.total(size)}`);
          }
        }
        const p99 = percentile(latencies, 99);
        if (size === options.sizes.at(-1)) worstP99AtLargest = Math.max(worstP99AtLargest, p99);
        rows.push([fixed(size), kind.name, fixed(percentile(latencies, 50), 2), fixed(p99, 2)]);
      }
    } finally {
      await server.process.stop();
    }
    rows.push([fixed(size), `(${subject.seeding} of ${fixed(added)} jobs)`, fixed(seedingSeconds, 1), 's']);
  }
  const markdown = [
    table(
      `${subject.title}: list latency over HTTP by stored jobs (sequential requests, ${options.requests} per kind; 10% failed, ${fixed(ORGANIZATIONS)} organizations)`,
      ['stored jobs', 'query', 'p50 ms', 'p99 ms'],
      rows,
      (await subject.note?.()) ?? '',
    ),
    `${subject.title} query plans at ${fixed(stored)} jobs (${subject.planHeading}):`,
    '',
    ...(await subject.plans(`00D${String(7).padStart(15, '0')}`)),
    '',
  ].join('\n');
  return { markdown, worstP99AtLargest };
}

/** Sets every job count to what the stored jobs come to (the server keeps them so as it writes). */
async function countJobs(db: Kysely<Database>): Promise<void> {
  await sql`insert into sync_job_counts (domain_id, cloud, overall_status, n)
    select domain_id, cloud, overall_status, count(*) from sync_jobs where true
    group by domain_id, cloud, overall_status
    on conflict (domain_id, cloud, overall_status) do update set n = excluded.n`.execute(db);
}

/** The SQL `list` runs for each planned query, captured through Kysely's log. */
async function statementsOf(
  dialect: SqliteDialect | PostgresDialect,
  org: string,
): Promise<{ name: string; sql: string; parameters: readonly unknown[] }[]> {
  const statements: { name: string; sql: string; parameters: readonly unknown[] }[] = [];
  let name = '';
  const db = new Kysely<Database>({
    dialect,
    log: (event) => {
      if (event.level === 'query')
        statements.push({ name, sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  try {
    const store = createStore(db);
    for (const [planned, query] of PLANNED(org)) {
      name = planned;
      await store.syncJobs.list(query);
    }
  } finally {
    await db.destroy();
  }
  return statements;
}

/** A plan line with its long lists of values (the IDs an organization filter looks up) cut short. */
const abridged = (line: string) =>
  line.replace(/'\{([^,}]*),[^}]*\}'/g, (list, first: string) =>
    list.length > 120 ? `'{${first}, … ${list.split(',').length} values}'` : list,
  );

const shown = (statement: string) =>
  `\`${statement.replace(/"/g, '').slice(0, 140)}${statement.length > 140 ? '…' : ''}\``;

function sqliteSubject(file: string, organizationIds: string[]): Subject {
  return {
    title: 'SQLite',
    seeding: 'bulk insert',
    server: { file },
    async insertJobs(from, to) {
      const sqlite = new SQLite(file);
      sqlite.pragma('journal_mode = WAL');
      const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
      const base = Date.parse(BASE);
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
            revision: 2,
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
            domain_id: BENCH_DOMAIN,
            cloud: 'sfdc' as const,
            created_at: created,
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
      await countJobs(db);
      await db.destroy();
    },
    planHeading: 'EXPLAIN QUERY PLAN of the SQL the repository runs',
    async plans(org) {
      const statements = await statementsOf(
        new SqliteDialect({ database: new SQLite(file, { readonly: true }) }),
        org,
      );
      const sqlite = new SQLite(file, { readonly: true });
      const lines: string[] = [];
      for (const statement of statements) {
        const plan = sqlite
          .prepare(`EXPLAIN QUERY PLAN ${statement.sql}`)
          .all(...(statement.parameters as unknown[])) as { detail: string }[];
        lines.push(`- ${statement.name}: ${shown(statement.sql)}`);
        for (const step of plan) lines.push(`  - ${step.detail}`);
      }
      sqlite.close();
      return lines;
    },
  };
}

/** Jobs `from`..`to`-1 written by the database itself, with their targets, in one statement. */
const INSERT_JOBS = `with generated as materialized (
    select n, gen_random_uuid()::text as id,
      to_char(timestamp '${BASE.slice(0, 19).replace('T', ' ')}' + n * interval '1 second',
        'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created
    from generate_series($1::integer, $2::integer - 1) as n
  ), jobs as (
    insert into sync_jobs (id, domain_id, cloud, overall_status, abort, account, application, dev_account,
      created_by, created_at, updated_at, completed_at, lease_owner, lease_expires_at, attempts)
    select id, $3, 'sfdc', case when n % 10 = 0 then 'failed' else 'completed' end, 0,
      'kylo:kylo:admin:accounts:kylo', 'ncryptify:gemalto:admin:apps:kylo',
      'ncryptify:gemalto:admin:accounts:gemalto', 'bench', created, created, created, null, null, 1
    from generated
  )
  insert into sync_job_targets (job_id, position, target_id, target_key, state, message, active,
    domain_id, cloud, created_at)
  select generated.id, 0, organization.id, organization.organization_id, 'succeeded',
    'synchronized 20 tenant secrets', 0, $3, 'sfdc', generated.created
  from generated join sfdc_organizations organization
    on organization.domain_id = $3
    and organization.organization_id = '00D' || lpad((n % ${ORGANIZATIONS})::text, 15, '0')`;

/** Rows per INSERT_JOBS statement (one transaction each). */
const POSTGRES_CHUNK = 100_000;

function postgresSubject(url: string): Subject {
  return {
    title: 'PostgreSQL',
    seeding: 'INSERT … SELECT generate_series, job counts, VACUUM ANALYZE',
    server: { file: '', databaseUrl: url },
    async insertJobs(from, to) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        for (let start = from; start < to; start += POSTGRES_CHUNK)
          await client.query(INSERT_JOBS, [start, Math.min(to, start + POSTGRES_CHUNK), BENCH_DOMAIN]);
        const db = openDatabase({ kind: 'postgres', connectionString: url });
        await countJobs(db);
        await db.destroy();
        // What an operator does after a bulk load, and autovacuum would do soon after (it is off
        // on this machine): statistics, and the visibility map that lets counts read indexes only.
        await client.query('vacuum analyze');
      } finally {
        await client.end();
      }
    },
    async note() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const setting = async (name: string) =>
          (await client.query<{ setting: string }>('select current_setting($1) as setting', [name])).rows[0]
            ?.setting;
        return `PostgreSQL ${await setting('server_version')} as configured on this machine: shared_buffers ${await setting('shared_buffers')}, autovacuum ${await setting('autovacuum')}.`;
      } finally {
        await client.end();
      }
    },
    planHeading: 'EXPLAIN (ANALYZE, COSTS OFF) of the SQL the repository runs',
    async plans(org) {
      const statements = await statementsOf(
        new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
        org,
      );
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const lines: string[] = [];
      try {
        for (const statement of statements) {
          const plan = await client.query<{ 'QUERY PLAN': string }>(
            `explain (analyze, costs off) ${statement.sql}`,
            statement.parameters as unknown[],
          );
          lines.push(`- ${statement.name}: ${shown(statement.sql)}`, '  ```');
          for (const step of plan.rows) lines.push(`  ${abridged(step['QUERY PLAN'])}`);
          lines.push('  ```');
        }
      } finally {
        await client.end();
      }
      return lines;
    },
  };
}
