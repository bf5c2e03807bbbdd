// A fresh database of each dialect for the migration tests, opened as the server opens it: the
// migrator over the server's own migrations, the names of a table's indexes (its primary key
// left out), and its disposal.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { MIGRATIONS } from '../../../src/db/database.ts';
import { type Db, openDatabase } from '../../../src/index.ts';
import { createScratchDatabase } from '../../scratch-postgres.ts';

export const migrator = (db: Db) => new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });

export interface MigrationSubject {
  db: Db;
  indexesOf(table: string): Promise<string[]>;
  drop(): Promise<void>;
}

export const MIGRATION_DIALECTS: [string, () => Promise<MigrationSubject>][] = [
  [
    'SQLite',
    async () => {
      const directory = await mkdtemp(join(tmpdir(), 'cckm-migration-'));
      const db = openDatabase({ kind: 'sqlite', filename: join(directory, 'cckm.sqlite') });
      return {
        db,
        // SQLite's own indexes (a key's, a UNIQUE's) have no SQL.
        indexesOf: async (table) =>
          (
            await sql<{ name: string }>`select name from sqlite_master
              where type = 'index' and tbl_name = ${table} and sql is not null`.execute(db)
          ).rows.map((row) => row.name),
        drop: async () => {
          await db.destroy();
          await rm(directory, { recursive: true, force: true });
        },
      };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const scratch = await createScratchDatabase();
      const db = openDatabase({ kind: 'postgres', connectionString: scratch.url });
      return {
        db,
        indexesOf: async (table) =>
          (
            await sql<{ name: string }>`select index.relname as name from pg_index i
              join pg_class index on index.oid = i.indexrelid
              join pg_class tab on tab.oid = i.indrelid
              where tab.relname = ${table} and not i.indisprimary`.execute(db)
          ).rows.map((row) => row.name),
        drop: async () => {
          await db.destroy();
          await scratch.drop({ endSessions: true });
        },
      };
    },
  ],
];
