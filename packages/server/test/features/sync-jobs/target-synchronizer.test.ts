// readTogether: the reads asked for in one turn of the event loop go out as one batch; nothing is
// cached.
import { describe, expect, test, vi } from 'vitest';
import { readTogether } from '../../../src/features/sync-jobs/target-synchronizer.ts';

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
    const ids = Array.from({ length: 70 }, (_, n) => `id-${n}`);
    const rows = await Promise.all(ids.map(read));
    expect(rows.map((row) => row?.id)).toEqual(ids);
    expect(sizes).toEqual([32, 32, 6]);
  });
});
