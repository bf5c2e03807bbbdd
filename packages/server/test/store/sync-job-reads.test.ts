// On a SQLite file the list reads on a connection of its own (db/database.ts openReadDatabase):
// a page is read while a write transaction is open on the writer's connection, instead of waiting
// for its commit (and fsync), and shows what was committed before it, never what is in flight;
// once the write commits, the next page shows it. The writer's connection alone makes the page
// wait, which is what the reader is for.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createStore, type Db, migrateToLatest, openDatabase, openReadDatabase } from '../../src/index.ts';
import type { NewJob } from '../../src/store/sync-job-repository.ts';
import { heldOpen } from './dialects.ts';

const NOW = '2026-01-01T00:00:00.000000Z';
const QUERY = { domainId: 'd', cloud: 'sfdc' as const, skip: 0, limit: 10, sort: [] };

const job = (id: string): NewJob => ({
  id,
  domainId: 'd',
  cloud: 'sfdc',
  createdBy: 'u',
  now: NOW,
  targets: [{ id: `${id}-t`, key: `${id}-k` }],
});

/** `promise`'s value, or 'waiting' if it has not settled within `ms`. */
const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'waiting'> =>
  Promise.race([promise, new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), ms))]);

describe('on a SQLite file, the list’s own connection', () => {
  let directory: string | undefined;
  const opened: Db[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.destroy();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  async function open(withReader: boolean) {
    directory = await mkdtemp(join(tmpdir(), 'cckm-reads-'));
    const database = { kind: 'sqlite' as const, filename: join(directory, 'cckm.sqlite') };
    const db = openDatabase(database);
    opened.push(db);
    await migrateToLatest(db);
    const reads = withReader ? openReadDatabase(database) : undefined;
    if (reads) opened.unshift(reads);
    const store = createStore(db, { reads });
    await store.grouped.run((tx) => tx.syncJobs.insertJob(job('committed')));
    return store;
  }

  test('when a write transaction is open, then a page is read at once, without what is in flight; after its commit, with it', async () => {
    const store = await open(true);
    const writing = await heldOpen((hold) =>
      store.transaction(async (tx) => {
        await tx.syncJobs.insertJob(job('in-flight'));
        await hold();
      }),
    );

    const during = await within(store.syncJobs.page(QUERY), 2_000);
    writing.commit();
    await writing.done;
    const after = await store.syncJobs.page(QUERY);

    expect(during === 'waiting' ? during : during.entries.map((entry) => entry.id)).toEqual(['committed']);
    expect(after.entries.map((entry) => entry.id).sort()).toEqual(['committed', 'in-flight']);
  });

  test('when the list reads on the writer’s connection, then a page waits for the open transaction', async () => {
    const store = await open(false);
    const writing = await heldOpen((hold) =>
      store.transaction(async (tx) => {
        await tx.syncJobs.insertJob(job('in-flight'));
        await hold();
      }),
    );

    const page = store.syncJobs.page(QUERY);
    const during = await within(page, 300);
    writing.commit();
    await writing.done;

    expect(during).toBe('waiting');
    expect((await page).entries).toHaveLength(2);
  });

  test('when the database is PostgreSQL or in memory, then there is no second connection', () => {
    expect(openReadDatabase({ kind: 'sqlite', filename: ':memory:' })).toBeUndefined();
    expect(
      openReadDatabase({ kind: 'postgres', connectionString: 'postgres://127.0.0.1/none' }),
    ).toBeUndefined();
  });
});
