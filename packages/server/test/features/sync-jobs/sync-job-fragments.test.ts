// The kept JSON of listed jobs: found only at the revision it was kept under, bounded in
// bytes by two generations (what is read survives a turnover, what is not goes), and never
// holding one job's JSON large enough to push out most others.
import { describe, expect, test } from 'vitest';
import { createJobFragments } from '../../../src/features/sync-jobs/sync-job-fragments.ts';

const json = (id: string, size = 100) => `{"id":"${id}","pad":"${'x'.repeat(size - id.length - 18)}"}`;

describe('the kept JSON of listed jobs', () => {
  test('when a job’s JSON is kept, then it is found at that revision only', () => {
    const fragments = createJobFragments(10_000);
    fragments.set('a', 3, json('a'));

    expect(fragments.get('a', 3)?.json).toBe(json('a'));
    expect(fragments.get('a', 4)?.json).toBeUndefined();
    expect(fragments.get('a', 2)?.json).toBeUndefined();
    expect(fragments.get('b', 3)?.json).toBeUndefined();
  });

  test('when a job is kept again at another revision, then only the new one is found', () => {
    const fragments = createJobFragments(10_000);
    fragments.set('a', 1, json('a'));
    fragments.set('a', 2, json('a', 120));

    expect(fragments.get('a', 1)?.json).toBeUndefined();
    expect(fragments.get('a', 2)?.json).toBe(json('a', 120));
  });

  test('when more is kept than the budget, then what was not read since goes first and what was read stays', () => {
    // 1,600 bytes: each generation takes eight entries of 100.
    const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `j${from + i}`);
    const fragments = createJobFragments(1_600);
    for (const id of ids(0, 8)) fragments.set(id, 0, json(id));
    // A ninth turns the young generation old; j0 is read from it and so moves back to the young.
    fragments.set('j8', 0, json('j8'));
    expect(fragments.get('j0', 0)?.json).toBe(json('j0'));
    // Six more fill the young generation again, and the next turns it over: j1-j7 are dropped.
    for (const id of ids(9, 16)) fragments.set(id, 0, json(id));

    expect(ids(1, 8).map((id) => fragments.get(id, 0))).toEqual(Array(7).fill(undefined));
    expect(ids(8, 16).map((id) => fragments.get(id, 0)?.json)).toEqual(ids(8, 16).map((id) => json(id)));
    expect(fragments.get('j0', 0)?.json).toBe(json('j0'));
  });

  test('when one job’s JSON is over a sixteenth of the budget, or the budget is 0, then it is not kept, but its length is told', () => {
    const fragments = createJobFragments(1_600);
    fragments.set('big', 0, json('big', 101));
    fragments.set('fits', 0, json('fits', 100));
    const none = createJobFragments(0);
    none.set('a', 0, '{}');

    expect(fragments.get('big', 0)?.json).toBeUndefined();
    expect(fragments.get('fits', 0)?.json).toBe(json('fits', 100));
    expect(none.get('a', 0)).toBeUndefined();
    expect(none.set('b', 0, '"é"')).toEqual({ revision: 0, json: '"é"', bytes: 4 });
  });
});
