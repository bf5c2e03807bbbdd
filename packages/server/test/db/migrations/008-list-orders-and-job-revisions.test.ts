// Migration 008 on both dialects: jobs written before it get revision 0 and keep their order; the
// list's orders by completed_at and by status then newest first are each read from an index (no
// sort of the domain's jobs), updatedAt's from none (it moves with every write); migrated down,
// the revision and those indexes go and the former status index is back.
import { sql } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import type { SyncJobsTable } from '../../../src/db/schema.ts';
import { parseSort } from '../../../src/features/sync-jobs/sync-job-service.ts';
import { createStore, migrateToLatest } from '../../../src/index.ts';
import { MIGRATION_DIALECTS, type MigrationSubject, migrator } from './migration-subjects.ts';

const job = (id: string, n: number, status: 'completed' | 'failed' | 'in_progress') => ({
  id,
  domain_id: 'd',
  cloud: 'sfdc' as const,
  overall_status: status,
  abort: 0,
  account: 'a',
  application: 'b',
  dev_account: 'c',
  created_by: 'u',
  created_at: `2026-01-01T00:00:0${n}.000000Z`,
  updated_at: `2026-01-01T00:01:0${9 - n}.000000Z`,
  completed_at: status === 'in_progress' ? null : `2026-01-01T00:01:0${9 - n}.000000Z`,
  lease_owner: null,
  lease_expires_at: null,
  attempts: 1,
});

describe.each(MIGRATION_DIALECTS)('migration 008 on %s', (_name, open) => {
  let subject: MigrationSubject | undefined;
  afterEach(async () => {
    await subject?.drop();
    subject = undefined;
  });

  test('when a database with jobs is migrated, then each has revision 0 and the list orders them as before', async () => {
    subject = await open();
    const { db } = subject;
    await migrator(db).migrateTo('007-targets-listed-by-creation');
    // The table had no revision yet: the rows are typed as it was then.
    await db
      .insertInto('sync_jobs')
      .values([
        job('j1', 1, 'completed'),
        job('j2', 2, 'in_progress'),
        job('j3', 3, 'failed'),
      ] as SyncJobsTable[])
      .execute();

    await migrateToLatest(db);

    const store = createStore(db);
    const ids = async (sort: string) =>
      (
        await store.syncJobs.page({ domainId: 'd', cloud: 'sfdc', skip: 0, limit: 10, sort: parseSort(sort) })
      ).entries.map((entry) => `${entry.id}@${entry.revision}`);
    expect(await ids('-updatedAt')).toEqual(['j1@0', 'j2@0', 'j3@0']);
    expect(await ids('updatedAt')).toEqual(['j3@0', 'j2@0', 'j1@0']);
    // Unfinished jobs count as the latest, either way.
    expect(await ids('-completed_at')).toEqual(['j2@0', 'j1@0', 'j3@0']);
    expect(await ids('completed_at')).toEqual(['j3@0', 'j1@0', 'j2@0']);
    expect(await ids('overall_status,-createdAt')).toEqual(['j1@0', 'j3@0', 'j2@0']);
    expect(await ids('-overall_status,createdAt')).toEqual(['j2@0', 'j3@0', 'j1@0']);
    expect(await subject.indexesOf('sync_jobs')).toEqual(
      expect.arrayContaining([
        'sync_jobs_list_completed',
        'sync_jobs_list_status_newest',
        'sync_jobs_list_status_completed',
      ]),
    );
  });

  test('when migrated down, then the revisions and the new indexes go and the former status index is back', async () => {
    subject = await open();
    const { db } = subject;
    await migrateToLatest(db);

    const { error } = await migrator(db).migrateTo('007-targets-listed-by-creation');

    expect(error).toBeUndefined();
    const indexes = await subject.indexesOf('sync_jobs');
    expect(indexes).toContain('sync_jobs_list_status_created');
    expect(indexes).not.toContain('sync_jobs_list_completed');
    expect(indexes).not.toContain('sync_jobs_list_status_newest');
    expect(indexes).not.toContain('sync_jobs_list_status_completed');
    const columns = (await db.introspection.getTables()).find((table) => table.name === 'sync_jobs')?.columns;
    expect(columns?.map((column) => column.name)).not.toContain('revision');
  });
});

// PostgreSQL's planner picks by table statistics (a scan of a few rows beats any index), so the
// plans are read on SQLite, whose choice does not hang on them.
describe('migration 008 on SQLite, the list orders', () => {
  let subject: MigrationSubject | undefined;
  afterEach(async () => {
    await subject?.drop();
    subject = undefined;
  });
  const [[, openSqlite]] = MIGRATION_DIALECTS as [[string, () => Promise<MigrationSubject>]];

  test('when a page is sorted by completed_at or status then newest, then an index gives the order (no sort)', async () => {
    subject = await openSqlite();
    const { db } = subject;
    await migrateToLatest(db);
    // A status filter is marked selective on SQLite (store/sync-job-repository.ts).
    const status = sql`and unlikely(overall_status = ${'failed'})`;
    for (const [filter, order, index] of [
      [sql``, 'completed_at desc nulls first, id desc', 'completed'],
      [sql``, 'completed_at asc nulls last, id asc', 'completed'],
      [sql``, 'overall_status asc, created_at desc, id desc', 'status_newest'],
      [status, 'created_at desc, id desc', 'status_newest'],
      [status, 'created_at asc, id asc', 'status_newest'],
      [status, 'completed_at desc nulls first, id desc', 'status_completed'],
    ] as const) {
      const { rows } = await sql<{ detail: string }>`explain query plan
          select id, revision from sync_jobs where domain_id = ${'d'} and cloud = ${'sfdc'} ${filter}
          order by ${sql.raw(order)} limit 10`.execute(db);
      const plan = rows.map((row) => row.detail).join('\n');
      expect(plan, order).toMatch(new RegExp(`USING INDEX sync_jobs_list_${index} `));
      expect(plan, order).not.toMatch(/TEMP B-TREE/);
    }
  });

  test('when the schema is read, then no index of the jobs holds updated_at (it moves with every target’s outcome)', async () => {
    subject = await openSqlite();
    const { db } = subject;
    await migrateToLatest(db);
    const { rows } = await sql<{ index: string; column: string | null }>`
      select il.name as "index", ii.name as "column"
      from pragma_index_list('sync_jobs') il, pragma_index_info(il.name) ii`.execute(db);

    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((row) => row.column === 'updated_at')).toEqual([]);
  });

  test('when the statistics are sampled as at open, then a status filter marked selective still reads the status index', async () => {
    subject = await openSqlite();
    const { db } = subject;
    await migrateToLatest(db);
    // Statistics as sampled with analysis_limit (the bench's database had `10000 1001 1001 1001`
    // for every index): the first entries of each index share a domain and a status, so a status
    // looks no more selective than a domain, here even less.
    await sql`analyze`.execute(db);
    await sql`delete from sqlite_stat1`.execute(db);
    for (const [index, stat] of [
      ['sync_jobs_list_created', '10000 1001 1001 1 1'],
      ['sync_jobs_list_completed', '10000 1001 1001 1 1'],
      ['sync_jobs_list_status_newest', '10000 2500 2500 2500 1 1'],
      ['sync_jobs_list_status_completed', '10000 2500 2500 2500 1 1'],
    ])
      await sql`insert into sqlite_stat1 (tbl, idx, stat) values ('sync_jobs', ${index}, ${stat})`.execute(
        db,
      );
    await sql`analyze sqlite_schema`.execute(db);
    const planOf = async (term: ReturnType<typeof sql>) =>
      (
        await sql<{ detail: string }>`explain query plan
          select id, revision from sync_jobs where domain_id = ${'d'} and cloud = ${'sfdc'} and ${term}
          order by created_at desc, id desc limit 10`.execute(db)
      ).rows
        .map((row) => row.detail)
        .join('\n');

    const plain = await planOf(sql`overall_status = ${'in_progress'}`);
    const marked = await planOf(sql`unlikely(overall_status = ${'in_progress'})`);

    expect(plain, plain).toMatch(/USING INDEX sync_jobs_list_created /);
    expect(marked).toMatch(/USING INDEX sync_jobs_list_status_newest /);
  });
});
