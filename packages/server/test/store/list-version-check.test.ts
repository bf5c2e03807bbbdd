// The check the store suites run on every statement (list-version-check.ts) must itself be able to
// fail: a transaction that changes what a list shows without a version bump cannot commit, a bump
// undone with its savepoint does not count, lease-only writes need none, and outside a transaction
// a change stays owed until a bump follows it. On SQLite and on PostgreSQL, and on the statements
// it reads (syntax trees, common table expressions, raw SQL).
import { CompiledQuery, Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import type { Database, Db } from '../../src/index.ts';
import { DIALECTS, storeSuite } from './dialects.ts';
import { type Writes, writesOf } from './list-version-check.ts';

const NOW = '2026-01-01T00:00:00.000000Z';

const jobRow = (id: string) => ({
  id,
  domain_id: 'd',
  cloud: 'sfdc' as const,
  overall_status: 'in_progress' as const,
  abort: 0,
  account: 'a',
  application: 'b',
  dev_account: 'c',
  created_by: 'u',
  created_at: NOW,
  updated_at: NOW,
  completed_at: null,
  lease_owner: null,
  lease_expires_at: null,
  attempts: 0,
  revision: 0,
});

const bump = (db: Db) =>
  db
    .insertInto('sync_job_versions')
    .values({ domain_id: 'd', cloud: 'sfdc', version: 1 })
    .onConflict((conflict) =>
      conflict
        .columns(['domain_id', 'cloud'])
        .doUpdateSet((eb) => ({ version: eb('sync_job_versions.version', '+', 1) })),
    )
    .execute();

const touch = (db: Db, id: string) =>
  db
    .updateTable('sync_jobs')
    .set((eb) => ({ updated_at: '2026-01-01T00:00:01.000000Z', revision: eb('revision', '+', 1) }))
    .where('id', '=', id)
    .execute();

/** A target's message changed, without its job's revision (which `touch` counts). */
const report = (db: Db, id: string) =>
  db.updateTable('sync_job_targets').set({ message: 'done' }).where('job_id', '=', id).execute();

describe.each(DIALECTS)('on %s, the list version check', (_name, open) => {
  const suite = storeSuite(open, async (store) => {
    await store.transaction(async (tx) => {
      const inserted = await tx.syncJobs.insertJob({
        id: 'j1',
        domainId: 'd',
        cloud: 'sfdc',
        createdBy: 'u',
        now: NOW,
        targets: [{ id: 'o1', key: 'k1' }],
      });
      expect(inserted).toHaveProperty('inserted');
    });
  });
  const updatedAt = async () =>
    (
      await suite.subject.db
        .selectFrom('sync_jobs')
        .select('updated_at')
        .where('id', '=', 'j1')
        .executeTakeFirstOrThrow()
    ).updated_at;

  test('when a transaction changes a job without bumping its version, then it cannot commit and nothing is written', async () => {
    await expect(suite.subject.db.transaction().execute((trx) => touch(trx, 'j1'))).rejects.toThrow(
      /without bumping sync_job_versions/,
    );
    expect(await updatedAt()).toBe(NOW);
  });

  test('when a transaction changes a target’s message without counting its job’s revision, then it cannot commit; with one, it can', async () => {
    const reporting = (revised: boolean) =>
      suite.subject.db.transaction().execute(async (trx) => {
        await report(trx, 'j1');
        if (revised) await touch(trx, 'j1');
        await bump(trx);
      });

    await expect(reporting(false)).rejects.toThrow(/without counting its revision/);
    await expect(reporting(true)).resolves.toBeUndefined();
  });

  test('when a job’s shown columns are updated without its revision, then the statement is refused', async () => {
    await expect(
      suite.subject.db.transaction().execute(async (trx) => {
        await trx.updateTable('sync_jobs').set({ overall_status: 'failed' }).where('id', '=', 'j1').execute();
        await bump(trx);
      }),
    ).rejects.toThrow(/does not count its revision/);
    const { overall_status } = await suite.subject.db
      .selectFrom('sync_jobs')
      .select('overall_status')
      .where('id', '=', 'j1')
      .executeTakeFirstOrThrow();
    expect(overall_status).toBe('in_progress');
  });

  test('when the bump was undone with its savepoint, then the transaction cannot commit; kept, it can', async () => {
    const withBump = (kept: boolean) =>
      suite.subject.db.transaction().execute(async (trx) => {
        await touch(trx, 'j1');
        await sql`savepoint bumping`.execute(trx);
        await bump(trx);
        await sql.raw(kept ? 'release savepoint bumping' : 'rollback to savepoint bumping').execute(trx);
      });

    await expect(withBump(false)).rejects.toThrow(/without bumping/);
    await expect(withBump(true)).resolves.toBeUndefined();
  });

  test('when only the lease or a target’s active flag changes, then no bump is needed', async () => {
    await suite.subject.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('sync_jobs')
        .set({ lease_owner: 'w', lease_expires_at: NOW, attempts: 1 })
        .execute();
      await trx.updateTable('sync_job_targets').set({ active: 0 }).execute();
    });
  });

  test('when a change is made outside a transaction, then a bump is owed until one follows it', async () => {
    const { db, versions } = suite.subject;
    await bump(db);
    await touch(db, 'j1');
    await touch(db, 'missing');
    const owed = versions.takeOwing();
    await touch(db, 'j1');
    await bump(db);

    expect(owed).toHaveLength(1);
    expect(versions.takeOwing()).toEqual([]);
  });
});

describe('what a statement writes', () => {
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: async () => Promise.reject(new Error('compile only')) }),
  });

  test.each<[string, CompiledQuery, Writes]>([
    [
      'a job inserted',
      db.insertInto('sync_jobs').values(jobRow('x')).compile(),
      { changes: true, bumps: false },
    ],
    [
      'a job inserted in a common table expression',
      db
        .with('job', (creator) => creator.insertInto('sync_jobs').values(jobRow('x')).returning('id'))
        .selectFrom('job')
        .select('id')
        .compile(),
      { changes: true, bumps: false },
    ],
    [
      'a claim (lease columns only)',
      db.updateTable('sync_jobs').set({ lease_owner: 'w', attempts: 1 }).where('id', '=', 'x').compile(),
      { changes: false, bumps: false },
    ],
    [
      'a lease check that also touches the job, without its revision',
      db.updateTable('sync_jobs').set({ lease_owner: 'w', updated_at: NOW }).compile(),
      { changes: true, bumps: false, revisable: true, unrevised: true },
    ],
    [
      'a lease check that touches the job and counts its revision',
      db
        .updateTable('sync_jobs')
        .set((eb) => ({ lease_owner: 'w', updated_at: NOW, revision: eb('revision', '+', 1) }))
        .compile(),
      { changes: true, bumps: false, revisable: true, revises: true },
    ],
    [
      'a target’s message',
      db.updateTable('sync_job_targets').set({ message: 'ok' }).where('job_id', '=', 'x').compile(),
      { changes: true, bumps: false, revisable: true },
    ],
    [
      'targets deleted',
      db.deleteFrom('sync_job_targets').where('job_id', '=', 'x').compile(),
      { changes: true, bumps: false, revisable: true },
    ],
    [
      'a count written',
      db
        .insertInto('sync_job_counts')
        .values({ domain_id: 'd', cloud: 'sfdc', overall_status: 'failed', n: 1 })
        .compile(),
      { changes: true, bumps: false },
    ],
    [
      'a version bumped',
      db.updateTable('sync_job_versions').set({ version: 2 }).compile(),
      { changes: false, bumps: true },
    ],
    ['a job read', db.selectFrom('sync_jobs').select('id').compile(), { changes: false, bumps: false }],
    [
      'raw SQL writing a job',
      CompiledQuery.raw('UPDATE sync_jobs SET abort = 1'),
      { changes: true, bumps: false, revisable: true, unrevised: true },
    ],
    ['raw SQL reading jobs', CompiledQuery.raw('select * from sync_jobs'), { changes: false, bumps: false }],
    [
      'other tables',
      db
        .insertInto('connections')
        .values({
          id: 'c',
          domain_id: 'd',
          name: 'n',
          cloud: 'sfdc',
          sealed_secret: null,
          created_at: NOW,
          updated_at: NOW,
        })
        .compile(),
      { changes: false, bumps: false },
    ],
  ])('when %s, then it is read as such', (_case, query, writes) => {
    expect(writesOf(query)).toEqual(writes);
  });
});
