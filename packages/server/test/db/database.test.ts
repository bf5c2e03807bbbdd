// Opening and closing the embedded database leaves nothing behind.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { migrateToLatest, OPTIMIZE_EVERY_MS, openDatabase } from '../../src/index.ts';

describe('SQLite database', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('when a database is closed and the process lives on, then its hourly optimize never fires', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'cckm-db-'));
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const db = openDatabase({ kind: 'sqlite', filename: join(directory, 'cckm.sqlite') });
      await migrateToLatest(db);
      expect(vi.getTimerCount()).toBe(1);
      await db.destroy();

      expect(vi.getTimerCount()).toBe(0);
      // Before the fix this threw "The database connection is not open" from the timer.
      expect(() => vi.advanceTimersByTime(OPTIMIZE_EVERY_MS * 2)).not.toThrow();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
