// The organization filter sorted by creation time is read from the targets' own indexes (a fast
// path); every other query goes the general way. Both must give the same pages and totals, on
// SQLite and on PostgreSQL.
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createStore, type Database, type Db, migrateToLatest, type Store } from '../../src/index.ts';
import type { JobQuery } from '../../src/store/sync-job-repository.ts';
import { createScratchDatabase } from '../scratch-postgres.ts';

/** A migrated database whose statements are recorded, and how to throw it away. */
interface Subject {
  db: Db;
  statements: string[];
  drop(): Promise<void>;
}

const record = (statements: string[]) => (event: { level: string; query: { sql: string } }) => {
  if (event.level === 'query') statements.push(event.query.sql);
};

const DIALECTS: [string, () => Promise<Subject>][] = [
  [
    'SQLite',
    async () => {
      const statements: string[] = [];
      const sqlite = new SQLite(':memory:');
      sqlite.pragma('foreign_keys = ON');
      const db = new Kysely<Database>({
        dialect: new SqliteDialect({ database: sqlite }),
        log: record(statements),
      });
      return { db, statements, drop: () => db.destroy() };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const statements: string[] = [];
      const scratch = await createScratchDatabase();
      const db = new Kysely<Database>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: scratch.url, max: 2 }) }),
        log: record(statements),
      });
      return {
        db,
        statements,
        drop: async () => {
          await db.destroy();
          await scratch.drop({ endSessions: true });
        },
      };
    },
  ],
];

/** Organizations by resource ID, and their Salesforce org IDs. */
const ORGANIZATIONS = ['o1', 'o2', 'o3'].map((id, n) => ({ id, key: `00D00000000000${n + 1}AAA` }));
const [o1, o2, o3] = ORGANIZATIONS as [
  (typeof ORGANIZATIONS)[0],
  (typeof ORGANIZATIONS)[0],
  (typeof ORGANIZATIONS)[0],
];
const JOBS = 24;

/**
 * 24 jobs of domain d on Salesforce, two per creation time (ties), their IDs out of creation order;
 * every fourth one names o1 and o2, the newest among them. Jobs of another domain and SAP jobs
 * name the same organizations and must never be listed.
 */
async function seed(store: Store, db: Db) {
  const at = (second: number) => `2026-01-01T00:00:${String(second).padStart(2, '0')}.000000Z`;
  const jobs = Array.from({ length: JOBS }, (_, n) => ({
    id: `job-${String((n * 7) % JOBS).padStart(2, '0')}`,
    domainId: 'd',
    cloud: 'sfdc' as const,
    now: at(Math.floor(n / 2)),
    targets: [[o3], [o1], [o2], [o1, o2]][n % 4] as { id: string; key: string }[],
  }));
  const others = [
    { id: 'other-domain', domainId: 'e', cloud: 'sfdc' as const, now: at(30), targets: [o1, o2, o3] },
    { id: 'other-cloud', domainId: 'd', cloud: 'sap' as const, now: at(31), targets: [o1, o2, o3] },
  ];
  for (const job of [...jobs, ...others]) {
    const result = await store.syncJobs.insertJob({ ...job, createdBy: 'u' });
    expect(result).toHaveProperty('inserted');
    // As if finished: the next job may name the same organizations.
    await db.updateTable('sync_job_targets').set({ active: 0 }).execute();
  }
}

describe.each(DIALECTS)('on %s, the organization filter sorted by creation time', (_name, open) => {
  let subject: Subject;
  let store: Store;
  beforeAll(async () => {
    subject = await open();
    await migrateToLatest(subject.db);
    store = createStore(subject.db);
    await seed(store, subject.db);
  }, 30_000);
  afterAll(() => subject?.drop());

  /** The list as the fast path answers it, and the SQL it ran. */
  async function listed(query: JobQuery) {
    subject.statements.length = 0;
    const result = await store.syncJobs.list(query);
    return { result, statements: [...subject.statements] };
  }

  /**
   * The same query the general way: a second key on updated_at, which equals created_at for these
   * jobs (none has run), orders exactly as created_at alone with its tie-break does.
   */
  async function general(query: JobQuery) {
    const [key] = query.sort as [JobQuery['sort'][0]];
    return listed({ ...query, sort: [key, { field: 'updated_at', descending: key.descending }] });
  }

  const cases: [string, readonly string[]][] = [
    ['one organization by resource ID', [o1.id]],
    ['one organization by Salesforce org ID', [o1.key]],
    ['two organizations by resource ID', [o1.id, o2.id]],
    ['two organizations by Salesforce org ID', [o1.key, o2.key]],
    ['two organizations, one ID of each kind', [o2.id, o1.key]],
    ['one organization by both its IDs', [o3.id, o3.key]],
    ['an unknown organization', ['00D00000000009ZZZZ']],
  ];
  const pages = [
    [0, 5],
    [5, 5],
    [0, 1],
    [7, 3],
    [16, 10],
    [0, 50],
    [100, 5],
  ] as const;

  test.each(cases)(
    'when %s is asked for, then every page and total are the general path’s',
    async (_case, targets) => {
      for (const descending of [true, false]) {
        for (const [skip, limit] of pages) {
          const query: JobQuery = {
            domainId: 'd',
            cloud: 'sfdc',
            targets,
            skip,
            limit,
            sort: [{ field: 'created_at', descending }],
          };
          const fast = await listed(query);
          const slow = await general(query);
          expect(fast.result, `${descending ? '-' : ''}createdAt skip ${skip} limit ${limit}`).toEqual(
            slow.result,
          );
          // Each answer came the way it was meant to.
          expect(fast.statements.some((statement) => statement.includes(' union '))).toBe(true);
          expect(slow.statements.some((statement) => statement.includes(' union '))).toBe(false);
        }
      }
    },
  );

  test('when a job names two of the organizations, then it is listed and counted once', async () => {
    const sort = [{ field: 'created_at', descending: true }] as const;
    const query = { domainId: 'd', cloud: 'sfdc', targets: [o1.key, o2.key], sort } as const;
    const first = await store.syncJobs.list({ ...query, skip: 0, limit: 2 });
    // Jobs 23 (o1 and o2) and 22 (o2): the newest job is not counted twice, nor takes two places.
    expect(first.jobs.map(({ job }) => job.id)).toEqual(['job-17', 'job-10']);
    expect(first.total).toBe(18);
    const everything = await store.syncJobs.list({ ...query, skip: 0, limit: 100 });
    expect(everything.total).toBe(18);
    expect(new Set(everything.jobs.map(({ job }) => job.id)).size).toBe(18);
  });

  test('when two jobs share a creation time, then the tie goes the same way as the sort', async () => {
    const query = {
      domainId: 'd',
      cloud: 'sfdc',
      targets: [o1.id, o2.id, o3.id],
      skip: 0,
      limit: 2,
    } as const;
    const newest = await store.syncJobs.list({ ...query, sort: [{ field: 'created_at', descending: true }] });
    const oldest = await store.syncJobs.list({
      ...query,
      sort: [{ field: 'created_at', descending: false }],
    });
    // Created together: jobs 22 and 23 (IDs job-10, job-17); jobs 0 and 1 (job-00, job-07).
    expect(newest.jobs.map(({ job }) => job.id)).toEqual(['job-17', 'job-10']);
    expect(oldest.jobs.map(({ job }) => job.id)).toEqual(['job-00', 'job-07']);
    expect(newest.total).toBe(JOBS);
  });

  test('when a new job is written, then its targets carry its domain, cloud and creation time', async () => {
    const { targets } = await store.syncJobs.get('job-17').then((found) => found ?? { targets: [] });
    expect(
      targets.map(({ target_id, domain_id, cloud, created_at }) => ({
        target_id,
        domain_id,
        cloud,
        created_at,
      })),
    ).toEqual([
      { target_id: 'o1', domain_id: 'd', cloud: 'sfdc', created_at: '2026-01-01T00:00:11.000000Z' },
      { target_id: 'o2', domain_id: 'd', cloud: 'sfdc', created_at: '2026-01-01T00:00:11.000000Z' },
    ]);
  });
});
