// Migration 007 on a database that already has jobs: every target row gets its job's domain,
// cloud and creation time, the copies are required from then on, and the indexes are swapped.
// SQLite rebuilds the table and PostgreSQL alters it, so both are run.
import { sql } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import type { SyncJobsTable } from '../../../src/db/schema.ts';
import { createStore, type Db, migrateToLatest } from '../../../src/index.ts';
import { MIGRATION_DIALECTS, type MigrationSubject, migrator } from './migration-subjects.ts';

/** Writes three jobs and their targets as the server wrote them before migration 007. */
async function seedBefore007(db: Db) {
  // The table had no revision yet (migration 008): the rows are typed as the table was then.
  const job = (
    id: string,
    domainId: string,
    cloud: 'sfdc' | 'sap',
    createdAt: string,
  ): Omit<SyncJobsTable, 'revision'> => ({
    id,
    domain_id: domainId,
    cloud,
    overall_status: 'completed' as const,
    abort: 0,
    account: 'a',
    application: 'b',
    dev_account: 'c',
    created_by: 'u',
    created_at: createdAt,
    updated_at: createdAt,
    completed_at: createdAt,
    lease_owner: null,
    lease_expires_at: null,
    attempts: 1,
  });
  await db
    .insertInto('sync_jobs')
    .values([
      job('j1', 'd', 'sfdc', '2026-01-01T00:00:01.000000Z'),
      job('j2', 'd', 'sfdc', '2026-01-01T00:00:02.000000Z'),
      job('j3', 'e', 'sap', '2026-01-01T00:00:03.000000Z'),
    ] as SyncJobsTable[])
    .execute();
  await sql`insert into sync_job_targets (job_id, position, target_id, target_key, state, message, active)
    values ('j1', 0, 'o1', 'k1', 'succeeded', 'ok', 0), ('j1', 1, 'o2', 'k2', 'failed', 'no', 0),
      ('j2', 0, 'o1', 'k1', 'succeeded', 'ok', 0), ('j3', 0, 'g1', 'group-1', 'succeeded', 'ok', 0)`.execute(
    db,
  );
}

describe.each(MIGRATION_DIALECTS)('migration 007 on %s', (_name, open) => {
  let subject: MigrationSubject | undefined;
  afterEach(async () => {
    await subject?.drop();
    subject = undefined;
  });

  test('when a database with jobs is migrated, then their targets carry the jobs’ fields and the list reads them', async () => {
    subject = await open();
    const { db } = subject;
    await migrator(db).migrateTo('006-claimable-by-age');
    await seedBefore007(db);

    await migrateToLatest(db);

    const rows = await db
      .selectFrom('sync_job_targets')
      .select([
        'job_id',
        'position',
        'target_id',
        'state',
        'message',
        'active',
        'domain_id',
        'cloud',
        'created_at',
      ])
      .orderBy('job_id')
      .orderBy('position')
      .execute();
    expect(rows).toEqual([
      {
        job_id: 'j1',
        position: 0,
        target_id: 'o1',
        state: 'succeeded',
        message: 'ok',
        active: 0,
        domain_id: 'd',
        cloud: 'sfdc',
        created_at: '2026-01-01T00:00:01.000000Z',
      },
      {
        job_id: 'j1',
        position: 1,
        target_id: 'o2',
        state: 'failed',
        message: 'no',
        active: 0,
        domain_id: 'd',
        cloud: 'sfdc',
        created_at: '2026-01-01T00:00:01.000000Z',
      },
      {
        job_id: 'j2',
        position: 0,
        target_id: 'o1',
        state: 'succeeded',
        message: 'ok',
        active: 0,
        domain_id: 'd',
        cloud: 'sfdc',
        created_at: '2026-01-01T00:00:02.000000Z',
      },
      {
        job_id: 'j3',
        position: 0,
        target_id: 'g1',
        state: 'succeeded',
        message: 'ok',
        active: 0,
        domain_id: 'e',
        cloud: 'sap',
        created_at: '2026-01-01T00:00:03.000000Z',
      },
    ]);
    expect((await subject.indexesOf('sync_job_targets')).sort()).toEqual([
      'sync_job_targets_id_listed',
      'sync_job_targets_key_listed',
      'sync_job_targets_one_running',
    ]);
    const listed = await createStore(db).syncJobs.list({
      domainId: 'd',
      cloud: 'sfdc',
      targets: ['k1', 'o2'],
      skip: 0,
      limit: 1,
      sort: [{ field: 'created_at', descending: true }],
    });
    expect(listed.total).toBe(2);
    expect(listed.jobs.map(({ job }) => job.id)).toEqual(['j2']);
  });

  test('when migrated, then a target without the copies is refused and one running job per target still holds', async () => {
    subject = await open();
    const { db } = subject;
    await migrator(db).migrateTo('006-claimable-by-age');
    await seedBefore007(db);
    await migrateToLatest(db);

    await expect(
      sql`insert into sync_job_targets (job_id, position, target_id, target_key, state, message, active)
        values ('j2', 1, 'o3', 'k3', 'pending', null, 0)`.execute(db),
    ).rejects.toThrow(/null/i);
    const running = (position: number) => ({
      job_id: 'j2',
      position,
      target_id: 'o9',
      target_key: 'k9',
      state: 'pending' as const,
      message: null,
      active: 1,
      domain_id: 'd',
      cloud: 'sfdc' as const,
      created_at: '2026-01-01T00:00:02.000000Z',
    });
    await db.insertInto('sync_job_targets').values(running(5)).execute();
    await expect(db.insertInto('sync_job_targets').values(running(6)).execute()).rejects.toThrow(/unique/i);
  });

  test('when migrated down, then the copies go and the former indexes are back', async () => {
    subject = await open();
    const { db } = subject;
    await migrateToLatest(db);

    const { error } = await migrator(db).migrateTo('006-claimable-by-age');

    expect(error).toBeUndefined();
    expect((await subject.indexesOf('sync_job_targets')).sort()).toEqual([
      'sync_job_targets_by_key',
      'sync_job_targets_by_target',
      'sync_job_targets_one_running',
    ]);
    const columns = (await db.introspection.getTables()).find(
      (table) => table.name === 'sync_job_targets',
    )?.columns;
    expect(columns?.map((column) => column.name)).not.toContain('domain_id');
  });
});
