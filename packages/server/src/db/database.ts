// Opens the database named by the config (embedded SQLite by default, PostgreSQL when several
// instances share the work) and brings its schema up to date. The only dialect-aware module.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  PostgresDialect,
  SqliteDialect,
} from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import * as initialSchema from './migrations/001-initial-schema.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

/** Migrations are imported, not read from a folder, so the built server needs no file layout. */
const migrations: Record<string, Migration> = {
  '001-initial-schema': initialSchema,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export function openDatabase(database: Config['database']): Db {
  if (database.kind === 'postgres') {
    return new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: database.connectionString, max: 10 }),
      }),
    });
  }
  const memory = database.filename === ':memory:';
  if (!memory) mkdirSync(dirname(database.filename), { recursive: true });
  const sqlite = new SQLite(database.filename);
  // WAL lets readers proceed during a write; a busy timeout rides out another process's write.
  if (!memory) sqlite.pragma('journal_mode = WAL');
  // FULL: a 201 means the job survives a power cut, not only a process crash.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
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

/** True when `error` is a unique-constraint violation, in either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
