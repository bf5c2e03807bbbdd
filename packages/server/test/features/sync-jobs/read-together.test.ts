// Targets that start together read their rows in one query, on both dialects; nothing is cached.
import { describe, expect, test, vi } from 'vitest';
import { readTogether } from '../../../src/features/sync-jobs/target-synchronizer.ts';
import { DIALECTS, statementsOf, storeSuite } from '../../store/dialects.ts';

const NOW = '2026-01-01T00:00:00.000000Z';
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('readTogether', () => {
  test('when reads are asked for in one turn of the event loop, then one batch read answers each with its own row', async () => {
    const readMany = vi.fn(async (ids: readonly string[]) =>
      ids.filter((id) => id !== 'gone').map((id) => ({ id, name: `row ${id}` })),
    );
    const read = readTogether(readMany);
    // Asked for from different microtasks of the same turn, as a runner starting targets does.
    const answers = Promise.all([read('a'), Promise.resolve().then(() => read('gone')), read('b')]);
    expect(await answers).toEqual([{ id: 'a', name: 'row a' }, undefined, { id: 'b', name: 'row b' }]);
    expect(readMany).toHaveBeenCalledTimes(1);
    expect(readMany.mock.calls[0]?.[0]).toEqual(['a', 'b', 'gone']);
  });

  test('when the same row is read again in a later turn, then it is read again (nothing cached)', async () => {
    let version = 0;
    const read = readTogether(async (ids) => ids.map((id) => ({ id, version: ++version })));
    expect((await read('a'))?.version).toBe(1);
    await nextTurn();
    expect((await read('a'))?.version).toBe(2);
  });

  test('when the batch read fails, then every read of that batch fails with its error, and the next turn reads anew', async () => {
    let fail = true;
    const read = readTogether(async (ids) => {
      if (fail) throw new Error('database unreachable');
      return ids.map((id) => ({ id }));
    });
    const results = await Promise.allSettled([read('a'), read('b')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toContain('database unreachable');
    fail = false;
    expect(await read('a')).toEqual({ id: 'a' });
  });

  test('when more reads are asked for than one query takes, then they go out in several queries', async () => {
    const sizes: number[] = [];
    const read = readTogether(async (ids) => {
      sizes.push(ids.length);
      return ids.map((id) => ({ id }));
    });
    const ids = Array.from({ length: 100 }, (_, n) => `id-${n}`);
    const rows = await Promise.all(ids.map(read));
    expect(rows.map((row) => row?.id)).toEqual(ids);
    expect(sizes).toEqual([64, 36]);
  });
});

describe.each(DIALECTS)('on %s, organizations read together with their credentials', (_name, open) => {
  const suite = storeSuite(open, async (_store, db) => {
    await db
      .insertInto('connections')
      .values(
        ['c1', 'c2'].map((id) => ({
          id,
          domain_id: 'd1',
          name: `connection ${id}`,
          cloud: 'sfdc' as const,
          settings: `{"instance":"${id}"}`,
          sealed_secret: `sealed ${id}`,
          created_at: NOW,
          updated_at: NOW,
        })),
      )
      .execute();
    await db
      .insertInto('sfdc_organizations')
      .values(
        ['o1', 'o2', 'o3'].map((id, n) => ({
          id,
          domain_id: 'd1',
          name: `org ${id}`,
          organization_id: `00D00000000000${n}`,
          connection_id: n === 2 ? 'c2' : 'c1',
          type: 'Regular' as const,
          account: 'a',
          application: 'b',
          dev_account: 'c',
          created_at: NOW,
          updated_at: NOW,
        })),
      )
      .execute();
  });

  test('when three organizations and a missing one start in one turn, then one statement reads them, each with its own connection', async () => {
    const read = readTogether((ids) => suite.store.organizations.getManyWithCredentials(ids));
    let rows: unknown[] = [];
    const statements = await statementsOf(suite.subject, async () => {
      rows = await Promise.all(['o3', 'missing', 'o1', 'o2'].map(read));
    });
    expect(statements).toHaveLength(1);
    expect(rows.map((row) => (row as { connection_name: string } | undefined)?.connection_name)).toEqual([
      'connection c2',
      undefined,
      'connection c1',
      'connection c1',
    ]);
    expect(rows[0]).toMatchObject({ id: 'o3', settings: '{"instance":"c2"}', sealed_secret: 'sealed c2' });
  });
});
