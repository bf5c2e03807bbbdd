// Throwaway PostgreSQL databases on the local server (TEST_POSTGRES_URL, else the trust-auth
// default), for the tests that need one: created under a random name, and dropped.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  name: string;
  /** The admin URL with this database in place of the admin one. */
  url: string;
  /**
   * Drops the database; with `endSessions`, also ends whatever sessions still use it (a pool
   * still closing then sees its connections terminated, so tests whose servers closed use none).
   */
  drop(options?: { endSessions?: boolean }): Promise<void>;
}

/** Creates `<prefix>_<random hex>`. */
export async function createScratchDatabase(prefix = 'cckm_test'): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: (options = {}) =>
      admin(`DROP DATABASE IF EXISTS ${name}${options.endSessions ? ' WITH (FORCE)' : ''}`),
  };
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
