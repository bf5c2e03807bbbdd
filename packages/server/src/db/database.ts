// Opens the database named by the config (embedded SQLite by default, PostgreSQL when several
// instances share the work) and brings its schema up to date. Which driver to load and how to
// tune it is decided here; the few statements written per dialect name theirs (dialect.ts).
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type SQLite from 'better-sqlite3';
import {
  Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  PostgresDialect,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteStatement,
} from 'kysely';
import type pg from 'pg';
import type { Config } from '../config.ts';
import * as initialSchema from './migrations/001-initial-schema.ts';
import * as syncJobCounts from './migrations/002-sync-job-counts.ts';
import * as tenantSecretTombstones from './migrations/003-tenant-secret-tombstones.ts';
import * as connectionCredentials from './migrations/004-connection-credentials.ts';
import * as syncJobVersions from './migrations/005-sync-job-versions.ts';
import * as claimableByAge from './migrations/006-claimable-by-age.ts';
import * as targetsListedByCreation from './migrations/007-targets-listed-by-creation.ts';
import * as listOrdersAndJobRevisions from './migrations/008-list-orders-and-job-revisions.ts';
import { preparingPool } from './postgres-prepared-statements.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

/** Migrations are imported, not read from a folder, so the built server needs no file layout. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '001-initial-schema': initialSchema,
  '002-sync-job-counts': syncJobCounts,
  '003-tenant-secret-tombstones': tenantSecretTombstones,
  '004-connection-credentials': connectionCredentials,
  '005-sync-job-versions': syncJobVersions,
  '006-claimable-by-age': claimableByAge,
  '007-targets-listed-by-creation': targetsListedByCreation,
  '008-list-orders-and-job-revisions': listOrdersAndJobRevisions,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

// Only the driver in use is loaded (both are CommonJS): loading pg for a SQLite server, or the
// native SQLite binding for a PostgreSQL one, is start-up time for nothing.
const load = createRequire(import.meta.url);

/**
 * What happens to a PostgreSQL connection that fails while idle in the pool (the server restarted,
 * an administrator or a failover ended the session): it is dropped, and the next query opens
 * another. `onIdleConnectionError` only hears of it.
 */
export interface DatabaseOptions {
  onIdleConnectionError?: (error: Error) => void;
}

export function openDatabase(database: Config['database'], options: DatabaseOptions = {}): Db {
  if (database.kind === 'postgres')
    return new Kysely<Database>({
      dialect: postgresDialect(database.connectionString, 10, options.onIdleConnectionError),
    });
  const memory = database.filename === ':memory:';
  if (!memory) mkdirSync(dirname(database.filename), { recursive: true });
  const Sqlite = load('better-sqlite3') as typeof SQLite;
  const sqlite = new Sqlite(database.filename);
  // WAL lets readers proceed during a write; a busy timeout rides out another process's write.
  if (!memory) sqlite.pragma('journal_mode = WAL');
  // FULL: a 201 means the job survives a power cut, not only a process crash.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Without statistics the planner takes any `domain_id = ?` for selective and may walk a million
  // jobs where a thousand key lookups would do; let SQLite analyse what needs it, cheaply, now
  // and then every hour (SQLite's advice for long-lived connections).
  let optimizer: NodeJS.Timeout | undefined;
  if (!memory) {
    sqlite.pragma('analysis_limit = 1000');
    sqlite.pragma('optimize = 0x10002');
    optimizer = setInterval(() => sqlite.pragma('optimize'), OPTIMIZE_EVERY_MS).unref();
  }
  const cached = withStatementCache(sqlite, () => clearInterval(optimizer));
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }) });
}

/**
 * A second connection to a SQLite file, for the list's reads; none for PostgreSQL (its pool reads
 * beside the writes) or an in-memory database (which has no second connection). Kysely's SQLite
 * driver runs one query at a time on its one connection, so without it a list page waits for every
 * write transaction in flight, a group commit's fsync included. In WAL mode a reader sees every
 * commit made before its statement starts and never waits for the writer. Open it after the
 * migrations: it reads the planner's statistics the writer's connection keeps.
 */
export function openReadDatabase(database: Config['database']): Db | undefined {
  if (database.kind === 'postgres' || database.filename === ':memory:') return undefined;
  const Sqlite = load('better-sqlite3') as typeof SQLite;
  const sqlite = new Sqlite(database.filename, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite, () => {}) }),
  });
}

/** The dialect of a pool of `max` connections whose prepared queries run as named statements. */
export function postgresDialect(
  connectionString: string,
  max = 10,
  onIdleConnectionError: (error: Error) => void = () => {},
): PostgresDialect {
  const { Pool } = load('pg') as typeof pg;
  const pool = new Pool({ connectionString, max });
  // pg's pool drops a connection that fails while idle and emits 'error'; an 'error' event
  // nobody listens to would end the process.
  pool.on('error', onIdleConnectionError);
  return new PostgresDialect({ pool: preparingPool(pool) });
}

/** How often a long-lived SQLite connection refreshes its planner statistics. */
export const OPTIMIZE_EVERY_MS = 3_600_000;

const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely prepares every query anew; preparing costs more than running the small queries this
 * service makes. Statements are cached by SQL text (least recently used dropped first); Kysely's
 * single-connection mutex means a statement is never used by two queries at once.
 */
function withStatementCache(sqlite: SQLite.Database, onClose: () => void): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      onClose();
      sqlite.close();
    },
    prepare(sqlText: string) {
      let statement = statements.get(sqlText);
      if (statement) {
        statements.delete(sqlText);
      } else {
        statement = rowsBuiltInJavaScript(sqlite.prepare(sqlText));
        if (statements.size >= STATEMENT_CACHE_SIZE)
          statements.delete(statements.keys().next().value as string);
      }
      statements.set(sqlText, statement);
      return statement;
    },
  };
}

/**
 * A reading statement whose rows better-sqlite3 hands over as arrays (raw mode), made into objects
 * here, keyed by the result's column names in their order: the same objects (own properties, the
 * last of two same-named columns winning) as better-sqlite3 makes itself, for about half of the
 * cost (its native code builds each row through V8's API one property at a time: a third of a
 * list page's database time). A result with a column named `__proto__`, which an assignment
 * would not make an own property, keeps better-sqlite3's own objects. Writing statements are
 * passed through.
 */
export function rowsBuiltInJavaScript(statement: SQLite.Statement): SqliteStatement {
  if (!statement.reader) return statement;
  const names = statement.columns().map((column) => column.name);
  if (names.includes('__proto__')) return statement;
  statement.raw(true);
  const count = names.length;
  const rowOf = (values: unknown[]): Record<string, unknown> => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < count; i += 1) row[names[i] as string] = values[i];
    return row;
  };
  return {
    reader: true,
    all(parameters) {
      const rows = statement.all(parameters) as unknown[][];
      const objects: Record<string, unknown>[] = new Array(rows.length);
      for (let i = 0; i < rows.length; i += 1) objects[i] = rowOf(rows[i] as unknown[]);
      return objects;
    },
    run: (parameters) => statement.run(parameters),
    *iterate(parameters) {
      for (const values of statement.iterate(parameters) as IterableIterator<unknown[]>) yield rowOf(values);
    },
  };
}

/** Applies every pending migration; throws with the failing migration's error. */
export async function migrateToLatest(db: Db): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, {
      cause: error,
    });
  }
}
