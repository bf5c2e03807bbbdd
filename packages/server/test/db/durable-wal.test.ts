// SQLite writes resolve only once the write-ahead log is synced, and the sync runs off the event
// loop with the connection free for other queries.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DurabilityError, FlushCoalescer } from '../../src/db/durable-wal.ts';
import { createStore, type Db, migrateToLatest, openDatabase } from '../../src/index.ts';

/** A flush the test completes by hand. */
function manualFlushes() {
  const started: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const flush = () =>
    new Promise<void>((resolve, reject) => {
      started.push({ resolve, reject });
    });
  return { started, flush };
}

/** Whether `promise` has settled once every pending continuation has run. */
const settled = async <T>(promise: Promise<T>) => {
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  promise.then(
    () => {
      state = 'resolved';
    },
    () => {
      state = 'rejected';
    },
  );
  await new Promise((resolve) => setImmediate(resolve));
  return state;
};

describe('FlushCoalescer', () => {
  test('when requests arrive while idle, then one flush serves them all', async () => {
    const { started, flush } = manualFlushes();
    const flushes = new FlushCoalescer(flush);
    const waiting = [flushes.request(), flushes.request(), flushes.request()];
    await settled(waiting[0] as Promise<void>);
    expect(started).toHaveLength(1);
    started[0]?.resolve();
    await Promise.all(waiting);
    expect(started).toHaveLength(1);
  });

  test('when a request arrives during a flush, then it waits for a flush that starts after it', async () => {
    const { started, flush } = manualFlushes();
    const flushes = new FlushCoalescer(flush);
    const first = flushes.request();
    await settled(first);
    const second = flushes.request();
    const third = flushes.request();
    expect(started).toHaveLength(1);

    started[0]?.resolve();
    await first;
    // The first flush may have begun before the second request's write: it does not count.
    expect(await settled(second)).toBe('pending');
    expect(started).toHaveLength(2);
    started[1]?.resolve();
    await Promise.all([second, third]);
    expect(started).toHaveLength(2);
  });

  test('when a flush fails, then its waiters and every later request fail with a DurabilityError', async () => {
    const { started, flush } = manualFlushes();
    const flushes = new FlushCoalescer(flush);
    const first = flushes.request();
    await settled(first);
    started[0]?.reject(new Error('EIO: i/o error, fdatasync'));
    await expect(first).rejects.toBeInstanceOf(DurabilityError);
    await expect(first).rejects.toMatchObject({ cause: { message: 'EIO: i/o error, fdatasync' } });

    // The kernel may have dropped the pages: a later sync could "succeed" without them.
    await expect(flushes.request()).rejects.toBeInstanceOf(DurabilityError);
    expect(started).toHaveLength(1);
  });
});

describe('SQLite on a file', () => {
  let directory: string;
  let db: Db | undefined;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'cckm-wal-'));
  });
  afterEach(async () => {
    await db?.destroy();
    db = undefined;
    await rm(directory, { recursive: true, force: true });
  });

  /**
   * A migrated database whose log syncs the test completes by hand (`syncs`), or lets through at
   * once while `passThrough` is set.
   */
  async function openWithManualSync() {
    const syncs: { fd: number; resolve: () => void; reject: (error: Error) => void }[] = [];
    const control = { passThrough: true };
    const database = openDatabase(
      { kind: 'sqlite', filename: join(directory, 'cckm.sqlite') },
      {
        syncWal: (fd) =>
          control.passThrough
            ? Promise.resolve()
            : new Promise<void>((resolve, reject) => {
                syncs.push({ fd, resolve, reject });
              }),
      },
    );
    db = database;
    await migrateToLatest(database);
    return { db: database, syncs, control };
  }

  const insertConnection = (database: Db, id: string) =>
    database
      .insertInto('connections')
      .values({
        id,
        domain_id: 'd',
        name: id,
        cloud: 'sfdc',
        settings: '{}',
        sealed_secret: null,
        created_at: 'now',
        updated_at: 'now',
      })
      .execute();

  test('SQLite itself does not sync at commit (NORMAL, in WAL mode): the driver does', async () => {
    const { db } = await openWithManualSync();
    const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
    expect(rows[0]?.synchronous).toBe(1);
    const { rows: mode } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
    expect(mode[0]?.journal_mode).toBe('wal');
  });

  test('when a write commits, then it resolves only after the log is synced, and the connection serves reads meanwhile', async () => {
    const { db, syncs, control } = await openWithManualSync();
    control.passThrough = false;
    const write = insertConnection(db, 'c1');
    while (syncs.length === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(await settled(write)).toBe('pending');
    // A read on the same connection does not wait for the sync, and sees the commit.
    const read = await db.selectFrom('connections').select('id').execute();
    expect(read.map((row) => row.id)).toEqual(['c1']);
    expect(await settled(write)).toBe('pending');
    syncs[0]?.resolve();
    await write;
    expect(syncs).toHaveLength(1);
  });

  test('when reads run, then nothing is synced', async () => {
    const { db, syncs, control } = await openWithManualSync();
    await insertConnection(db, 'c1');
    control.passThrough = false;
    for (let i = 0; i < 5; i += 1) await db.selectFrom('connections').selectAll().execute();
    expect(syncs).toHaveLength(0);
  });

  test('when a transaction writes several rows, then it syncs once, at its commit', async () => {
    const { db, syncs, control } = await openWithManualSync();
    control.passThrough = false;
    const done = db.transaction().execute(async (trx) => {
      for (const id of ['a', 'b', 'c']) await insertConnection(trx, id);
    });
    while (syncs.length === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(await settled(done)).toBe('pending');
    expect(syncs).toHaveLength(1);
    syncs[0]?.resolve();
    await done;
    expect(syncs).toHaveLength(1);
  });

  test('when the log cannot be synced, then grouped work fails with a DurabilityError and is not run again', async () => {
    const { db, syncs, control } = await openWithManualSync();
    control.passThrough = false;
    const { grouped } = createStore(db);
    let runs = 0;
    const units = ['x', 'y'].map((id) =>
      grouped.run(async (tx) => {
        runs += 1;
        await tx.syncJobs.insertJob({
          id,
          domainId: 'd',
          cloud: 'sfdc',
          createdBy: 'u',
          now: '2026-11-25T00:00:00.000000Z',
          targets: [{ id: `org-${id}`, key: `key-${id}` }],
        });
      }),
    );
    while (syncs.length === 0) await new Promise((resolve) => setImmediate(resolve));
    syncs[0]?.reject(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    for (const unit of units) await expect(unit).rejects.toBeInstanceOf(DurabilityError);
    // Run again, the group would have written each job twice (or failed them as busy).
    expect(runs).toBe(2);
    expect(await db.selectFrom('sync_jobs').select('id').orderBy('id').execute()).toEqual([
      { id: 'x' },
      { id: 'y' },
    ]);
    // Every later write fails too, without another sync; reads still work.
    await expect(insertConnection(db, 'z')).rejects.toBeInstanceOf(DurabilityError);
    expect(syncs).toHaveLength(1);
  });
});
