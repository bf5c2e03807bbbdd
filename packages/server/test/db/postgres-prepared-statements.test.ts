// On PostgreSQL, prepared queries with few parameters run as named statements (parsed once per
// connection); other statements stay unnamed; a statement whose result type a migration changed,
// or that pg left closed, is parsed again.
import { CompiledQuery, Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { postgresDialect } from '../../src/db/database.ts';
import { preparedQuery } from '../../src/db/prepared-query.ts';
import { createStore, type Database, type Db, migrateToLatest } from '../../src/index.ts';
import { createScratchDatabase, type ScratchDatabase } from '../scratch-postgres.ts';

// A table outside the schema, whose column types the tests change under a named statement.
interface Scratch {
  probe: { id: string; label: string };
}

let scratch: ScratchDatabase;
let db: Db;
let other: Db;

beforeAll(async () => {
  scratch = await createScratchDatabase();
  // One connection, so the statements this test runs all meet the same session.
  db = new Kysely<Database>({ dialect: postgresDialect(scratch.url, 1) });
  other = new Kysely<Database>({ dialect: postgresDialect(scratch.url, 1) });
  await sql`create table probe (id text primary key, label text not null)`.execute(db);
  await sql`insert into probe values ('a', 'first'), ('b', 'second')`.execute(db);
});

afterAll(async () => {
  await db?.destroy();
  await other?.destroy();
  await scratch?.drop({ endSessions: true });
});

const probeById = preparedQuery((d, p: { id: string }) =>
  (d as unknown as Kysely<Scratch>).selectFrom('probe').select(['id', 'label']).where('id', '=', p.id),
);

const preparedNames = async () =>
  (
    await sql<{
      name: string;
      statement: string;
    }>`select name, statement from pg_prepared_statements`.execute(db)
  ).rows;

describe('named statements on PostgreSQL', () => {
  test('when a prepared query runs twice with new values, then its connection holds it parsed once, by name', async () => {
    expect((await probeById(db, { id: 'a' })).rows).toEqual([{ id: 'a', label: 'first' }]);
    expect((await probeById(db, { id: 'b' })).rows).toEqual([{ id: 'b', label: 'second' }]);
    const named = (await preparedNames()).filter((row) => row.statement.includes('"probe"'));
    expect(named).toHaveLength(1);
    expect(named[0]?.name).toMatch(/^cckm_\d+_0$/);
  });

  test('when a query is not a prepared one, then it is not kept as a named statement', async () => {
    await (db as unknown as Kysely<Scratch>)
      .selectFrom('probe')
      .select('label')
      .where('id', '=', 'a')
      .execute();
    const kept = (await preparedNames()).filter((row) => row.statement.includes('select "label"'));
    expect(kept).toEqual([]);
  });

  test('when another instance changes a column type it reads, then the next run outside a transaction answers', async () => {
    await probeById(db, { id: 'a' });
    await sql`alter table probe alter column label type varchar(40)`.execute(other);
    expect((await probeById(db, { id: 'a' })).rows).toEqual([{ id: 'a', label: 'first' }]);
  });

  test('when a column type changes under a transaction, then that transaction fails and the next one succeeds', async () => {
    await probeById(db, { id: 'b' });
    await sql`alter table probe alter column label type text`.execute(other);
    await expect(db.transaction().execute((trx) => probeById(trx, { id: 'b' }))).rejects.toThrow(
      /cached plan must not change result type/,
    );
    const again = await db.transaction().execute((trx) => probeById(trx, { id: 'b' }));
    expect(again.rows).toEqual([{ id: 'b', label: 'second' }]);
  });

  test('when pg cannot send a value for a named statement, then that run fails and the next succeeds', async () => {
    await probeById(db, { id: 'a' });
    // Prepared queries pass scalars only; Kysely's executor would pass anything. pg fails to
    // convert this value after the statement is parsed, closes it on the server, and still counts
    // it as prepared (the next run would get 26000, "prepared statement does not exist").
    const unsendable: Record<string, unknown> = {};
    unsendable.self = unsendable;
    const { sql: text } = (db as unknown as Kysely<Scratch>)
      .selectFrom('probe')
      .select(['id', 'label'])
      .where('id', '=', 'x')
      .compile();
    await expect(db.executeQuery(CompiledQuery.raw(text, [unsendable]))).rejects.toThrow(/circular/);
    expect((await probeById(db, { id: 'b' })).rows).toEqual([{ id: 'b', label: 'second' }]);
    expect((await probeById(db, { id: 'a' })).rows).toEqual([{ id: 'a', label: 'first' }]);
  });

  test('when a prepared query has many parameters, then it runs unnamed', async () => {
    const ids = Array.from({ length: 41 }, (_, i) => `id-${i}`);
    const probeMany = preparedQuery((d, p: { ids: readonly string[] }) =>
      (d as unknown as Kysely<Scratch>).selectFrom('probe').select('label').where('id', 'in', p.ids),
    );
    expect((await probeMany(db, { ids: ['a', ...ids.slice(1)] })).rows).toEqual([{ label: 'first' }]);
    const many = (await preparedNames()).filter((row) =>
      row.statement.includes('select "label" from "probe"'),
    );
    expect(many).toEqual([]);
    await probeMany(db, { ids: ['a', 'b'] });
    const few = (await preparedNames()).filter((row) =>
      row.statement.includes('select "label" from "probe"'),
    );
    expect(few).toHaveLength(1);
  });

  test('when a prepared query reads all columns (*), then it is refused', async () => {
    const everything = preparedQuery((d, p: { id: string }) =>
      (d as unknown as Kysely<Scratch>).selectFrom('probe').selectAll().where('id', '=', p.id),
    );
    await expect(everything(db, { id: 'a' })).rejects.toThrow(/reads all columns/);
  });

  test("when another instance adds a column to every table the store's prepared reads cover, then they still run inside a transaction", async () => {
    const store = db;
    await migrateToLatest(store);
    const now = '2026-11-26T00:00:00.000000Z';
    await store
      .insertInto('connections')
      .values({
        id: 'c1',
        domain_id: 'd1',
        name: 'conn',
        cloud: 'sfdc',
        sealed_secret: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await store
      .insertInto('sfdc_organizations')
      .values({
        ...{
          id: 'o1',
          domain_id: 'd1',
          name: 'org',
          organization_id: '00D000000000001',
          connection_id: 'c1',
        },
        ...{
          type: 'Regular',
          account: 'a',
          application: 'b',
          dev_account: 'c',
          created_at: now,
          updated_at: now,
        },
      })
      .execute();
    await store
      .insertInto('sync_jobs')
      .values({
        ...{
          id: 'j1',
          domain_id: 'd1',
          cloud: 'sfdc',
          overall_status: 'in_progress',
          abort: 0,
          account: 'a',
        },
        ...{ application: 'b', dev_account: 'c', created_by: 'u', created_at: now, updated_at: now },
        ...{ completed_at: null, lease_owner: null, lease_expires_at: null, attempts: 0, revision: 0 },
      })
      .execute();
    await store
      .insertInto('sync_job_targets')
      .values({
        ...{ job_id: 'j1', position: 0, target_id: 'o1', target_key: '00D000000000001', state: 'pending' },
        ...{ message: null, domain_id: 'd1', cloud: 'sfdc', created_at: now },
      })
      .execute();
    const readAll = () =>
      createStore(store).transaction(async (repositories) => {
        return [
          (await repositories.organizations.getManyWithCredentials(['o1']))[0]?.connection_name,
          (await repositories.connections.get('c1'))?.name,
          (await repositories.syncJobs.getMany(['j1'])).map(({ job, targets }) => [job.id, targets.length]),
        ];
      });
    const expected = ['conn', 'conn', [['j1', 1]]];
    expect(await readAll()).toEqual(expected);
    for (const table of ['connections', 'sfdc_organizations', 'sync_jobs', 'sync_job_targets'])
      await sql`alter table ${sql.table(table)} add column added_later text`.execute(other);
    expect(await readAll()).toEqual(expected);
  });

  test('when the busy check runs under a plan made once for all values, then it still reads the one-running index', async () => {
    await migrateToLatest(db);
    await sql`set plan_cache_mode = force_generic_plan`.execute(db);
    try {
      const store = createStore(db);
      expect(await store.syncJobs.runningJob(['o-none'])).toBeUndefined();
      const [busyCheck] = (await preparedNames()).filter((row) => row.statement.includes('"active" = 1'));
      expect(busyCheck).toBeDefined();
      const { rows } = await sql<{
        'QUERY PLAN': string;
      }>`explain execute ${sql.raw(busyCheck?.name ?? '')}('o-none')`.execute(db);
      const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(plan).toContain('sync_job_targets_one_running');
      expect(plan).not.toMatch(/Seq Scan/);
    } finally {
      await sql`reset plan_cache_mode`.execute(db);
    }
  });
});
