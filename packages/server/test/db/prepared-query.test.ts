// Prepared queries: compiled once per shape, run with the values of each call.
import { sql } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import { paddedToPowerOfTwo, preparedQuery } from '../../src/db/prepared-query.ts';
import { type Db, migrateToLatest, openDatabase } from '../../src/index.ts';

let db: Db | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

async function database(): Promise<Db> {
  db = openDatabase({ kind: 'sqlite', filename: ':memory:' });
  await migrateToLatest(db);
  await db
    .insertInto('sync_job_versions')
    .values([
      { domain_id: 'd1', cloud: 'sfdc', version: 1 },
      { domain_id: 'd2', cloud: 'sfdc', version: 2 },
      { domain_id: 'd3', cloud: 'sap', version: 3 },
    ])
    .execute();
  return db;
}

describe('preparedQuery', () => {
  test('when run with new values, then each run answers for its own values', async () => {
    const database_ = await database();
    let built = 0;
    const versionOf = preparedQuery((d, p: { domainId: string }) => {
      built += 1;
      return d.selectFrom('sync_job_versions').select('version').where('domain_id', '=', p.domainId);
    });
    expect((await versionOf(database_, { domainId: 'd2' })).rows).toEqual([{ version: 2 }]);
    expect((await versionOf(database_, { domainId: 'd1' })).rows).toEqual([{ version: 1 }]);
    expect((await versionOf(database_, { domainId: 'nope' })).rows).toEqual([]);
    expect(built).toBe(1);
  });

  test('when a list changes length, then it is compiled for that length and constants stay', async () => {
    const database_ = await database();
    let built = 0;
    const versions = preparedQuery((d, p: { domainIds: readonly string[] }) => {
      built += 1;
      return d
        .selectFrom('sync_job_versions')
        .select('version')
        .where('cloud', '=', 'sfdc')
        .where('domain_id', 'in', p.domainIds)
        .orderBy('version');
    });
    expect((await versions(database_, { domainIds: ['d1', 'd3'] })).rows).toEqual([{ version: 1 }]);
    expect((await versions(database_, { domainIds: ['d1', 'd2', 'd3'] })).rows).toEqual([
      { version: 1 },
      { version: 2 },
    ]);
    expect((await versions(database_, { domainIds: ['d2', 'd1'] })).rows).toEqual([
      { version: 1 },
      { version: 2 },
    ]);
    expect(built).toBe(2);
  });

  test('when rows carry nulls and numbers, then they are written as given', async () => {
    const database_ = await database();
    const insert = preparedQuery((d, p: { rows: readonly { domain_id: string; version: number }[] }) =>
      d.insertInto('sync_job_versions').values(p.rows.map((row) => ({ ...row, cloud: 'sap' as const }))),
    );
    await insert(database_, { rows: [{ domain_id: 'x', version: 7 }] });
    await insert(database_, { rows: [{ domain_id: 'y', version: 8 }] });
    const rows = await database_
      .selectFrom('sync_job_versions')
      .select(['domain_id', 'version'])
      .where('cloud', '=', 'sap')
      .orderBy('domain_id')
      .execute();
    expect(rows).toEqual([
      { domain_id: 'd3', version: 3 },
      { domain_id: 'x', version: 7 },
      { domain_id: 'y', version: 8 },
    ]);
  });

  test('when a builder writes a parameter into the SQL text, then it is refused', async () => {
    const database_ = await database();
    const inlined = preparedQuery((d, p: { domainId: string }) =>
      d.selectFrom('sync_job_versions').select(sql<string>`${sql.lit(p.domainId)}`.as('x')),
    );
    await expect(inlined(database_, { domainId: 'd1' })).rejects.toThrow(/inlines a parameter/);
  });
});

describe('paddedToPowerOfTwo', () => {
  test('when a list is padded, then it has the next power of two items, its own first and the rest its first', () => {
    expect(paddedToPowerOfTwo([])).toEqual([]);
    expect(paddedToPowerOfTwo(['a'])).toEqual(['a']);
    expect(paddedToPowerOfTwo(['a', 'b'])).toEqual(['a', 'b']);
    expect(paddedToPowerOfTwo(['a', 'b', 'c'])).toEqual(['a', 'b', 'c', 'a']);
    expect(paddedToPowerOfTwo(['a', 'b', 'c', 'd', 'e'])).toEqual(['a', 'b', 'c', 'd', 'e', 'a', 'a', 'a']);
    const lengths = new Set(
      Array.from({ length: 64 }, (_, n) => paddedToPowerOfTwo(Array(n + 1).fill('x')).length),
    );
    expect([...lengths]).toEqual([1, 2, 4, 8, 16, 32, 64]);
  });
});
