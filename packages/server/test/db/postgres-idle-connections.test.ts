// A PostgreSQL connection that fails while idle in the pool (the server restarted, a failover or
// an administrator ended the session) is dropped and reported; the process goes on, and the next
// query opens another connection. Without a listener, pg's 'error' event would end the process.
import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { postgresDialect } from '../../src/db/database.ts';
import type { Database, Db } from '../../src/index.ts';
import { createScratchDatabase, POSTGRES_ADMIN_URL, type ScratchDatabase } from '../scratch-postgres.ts';

let scratch: ScratchDatabase;
let db: Db;
const failed = vi.fn<(error: Error) => void>();

beforeAll(async () => {
  scratch = await createScratchDatabase();
  db = new Kysely<Database>({ dialect: postgresDialect(scratch.url, 1, failed) });
});

afterAll(async () => {
  await db?.destroy();
  await scratch?.drop({ endSessions: true });
});

const backend = async () =>
  (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]?.pid;

test('when an idle connection is terminated, then it is reported and the next query runs on a new one', async () => {
  const first = await backend();
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query('select pg_terminate_backend($1) as ended', [first]);
    expect(rows[0]?.ended).toBe(true);
  } finally {
    await admin.end();
  }

  await expect.poll(() => failed.mock.calls.length, { timeout: 10_000 }).toBe(1);
  expect(failed.mock.calls[0]?.[0]).toMatchObject({ code: '57P01' }); // admin_shutdown
  const second = await backend();
  expect(second).toBeTypeOf('number');
  expect(second).not.toBe(first);
});
