// The store's tests run on both dialects: a migrated in-memory SQLite database, and a throwaway
// PostgreSQL database on the local server, each recording the SQL it runs and checking that every
// write a list of jobs can show bumps its version (list-version-check.ts).
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { postgresDialect } from '../../src/db/database.ts';
import { createStore, type Database, type Db, migrateToLatest, type Store } from '../../src/index.ts';
import { createScratchDatabase } from '../scratch-postgres.ts';
import { ListVersionCheck } from './list-version-check.ts';

/** A migrated database whose statements are recorded, and how to throw it away. */
export interface Subject {
  db: Db;
  statements: string[];
  /** Another connection pool on the same database (PostgreSQL only): a second instance. */
  other?: Db;
  /** Watches both: a change a list shows without a version bump fails (list-version-check.ts). */
  versions: ListVersionCheck;
  drop(): Promise<void>;
}

const record = (statements: string[]) => (event: { level: string; query: { sql: string } }) => {
  if (event.level === 'query') statements.push(event.query.sql);
};

export const DIALECTS: [string, () => Promise<Subject>][] = [
  [
    'SQLite',
    async () => {
      const statements: string[] = [];
      const versions = new ListVersionCheck();
      const sqlite = new SQLite(':memory:');
      sqlite.pragma('foreign_keys = ON');
      const db = new Kysely<Database>({
        dialect: versions.watch(new SqliteDialect({ database: sqlite })),
        log: record(statements),
      });
      await migrateToLatest(db);
      versions.start();
      return { db, statements, versions, drop: () => db.destroy() };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const statements: string[] = [];
      const versions = new ListVersionCheck();
      const scratch = await createScratchDatabase();
      // The server's own pool: prepared queries run as named statements, as in production.
      const pool = () => versions.watch(postgresDialect(scratch.url, 2));
      const db = new Kysely<Database>({ dialect: pool(), log: record(statements) });
      const other = new Kysely<Database>({ dialect: pool() });
      await migrateToLatest(db);
      versions.start();
      return {
        db,
        statements,
        other,
        versions,
        drop: async () => {
          await db.destroy();
          await other.destroy();
          await scratch.drop({ endSessions: true });
        },
      };
    },
  ],
];

/** The statements `work` ran, without the transaction's own and the jobs' bookkeeping. */
export async function statementsOf(subject: Subject, work: () => Promise<unknown>): Promise<string[]> {
  subject.statements.length = 0;
  await work();
  return subject.statements.filter(
    (statement) =>
      !/^(begin|commit|rollback|savepoint|release)/.test(statement) &&
      !/"sync_job_(counts|versions)"/.test(statement),
  );
}

/**
 * A suite's database of one dialect and its store: opened (and `prepare`d) before the suite's
 * tests, dropped after them; after each test, no change made outside a transaction may still owe
 * its version bump. Read the fields inside tests and hooks; `beforeAll` sets them.
 */
export function storeSuite(
  open: () => Promise<Subject>,
  prepare?: (store: Store, db: Db) => Promise<void>,
): { readonly subject: Subject; readonly store: Store } {
  const suite = {} as { subject: Subject; store: Store };
  beforeAll(async () => {
    suite.subject = await open();
    suite.store = createStore(suite.subject.db);
    await prepare?.(suite.store, suite.subject.db);
  }, 30_000);
  afterEach(() => {
    const owing = suite.subject?.versions.takeOwing() ?? [];
    if (owing.length > 0)
      throw new Error(
        `changed what a list of jobs shows without bumping sync_job_versions:\n${owing.join('\n')}`,
      );
  });
  afterAll(() => suite.subject?.drop());
  return suite;
}

/** A transaction left open after its writes: `commit` ends it, `done` settles when it has. */
export interface OpenTransaction {
  commit(): void;
  done: Promise<unknown>;
}

/**
 * Starts `run`, which writes in a transaction and then awaits `hold()`; resolves once it holds
 * (its writes made, not committed), so a test can race another writer against them.
 */
export async function heldOpen(
  run: (hold: () => Promise<void>) => Promise<unknown>,
): Promise<OpenTransaction> {
  let commit = () => {};
  let written = () => {};
  const holding = new Promise<void>((resolve) => {
    commit = resolve;
  });
  const writtenYet = new Promise<void>((resolve) => {
    written = resolve;
  });
  const done = run(async () => {
    written();
    await holding;
  });
  await Promise.race([writtenYet, done]);
  return { commit, done };
}

/**
 * Whether `promise` (a write on PostgreSQL) waits on a lock another transaction holds: true once
 * PostgreSQL shows a session of this database waiting on a lock, false if the promise settles
 * first. The database says so itself; nothing is inferred from how long the promise takes.
 */
export async function blockedOnLock(db: Db, promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  const done = promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  for (;;) {
    if (settled) return false;
    const { rows } = await sql<{ waiting: number }>`
      select count(*)::int as waiting from pg_stat_activity
       where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
    if ((rows[0]?.waiting ?? 0) > 0) return true;
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 10))]);
  }
}
