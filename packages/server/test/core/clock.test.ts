// Resource IDs: UUIDs whose order is their creation order.
import { describe, expect, test } from 'vitest';
import { uuidGenerator } from '../../src/core/clock.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidGenerator', () => {
  test('when IDs are made in a burst, then each is a version 7 UUID, unique, and sorted as made', () => {
    const ids = Array.from({ length: 10_000 }, () => uuidGenerator());
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expect(new Set(ids).size).toBe(ids.length);
    // Many share a millisecond: the order must hold inside one too (an index appends each).
    expect([...ids].sort()).toEqual(ids);
  });

  test('when the clock stands still or goes back, then IDs still sort in the order made', () => {
    const realNow = Date.now;
    let now = 1_795_000_000_000;
    Date.now = () => now;
    try {
      const ids: string[] = [];
      for (let i = 0; i < 5_000; i += 1) ids.push(uuidGenerator()); // past the 4,096 a millisecond holds
      now -= 60_000;
      for (let i = 0; i < 10; i += 1) ids.push(uuidGenerator());
      expect([...ids].sort()).toEqual(ids);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(UUID_V7);
    } finally {
      Date.now = realNow;
    }
  });

  test('an ID carries the time it was made (milliseconds since the epoch, its first 48 bits)', () => {
    const before = Date.now();
    const id = uuidGenerator();
    const after = Date.now();
    const millis = Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    expect(millis).toBeGreaterThanOrEqual(before);
    expect(millis).toBeLessThanOrEqual(after);
  });
});
