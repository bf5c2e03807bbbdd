// A version per domain and cloud, bumped in the same transaction as every change a list of jobs
// can show (a job created, a target's outcome, a job finished). A server that cached a serialized
// page knows from one key lookup whether it may serve it again, whichever instance wrote since.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sync_job_versions')
    .addColumn('domain_id', 'text', (c) => c.notNull())
    .addColumn('cloud', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_job_versions_pk', ['domain_id', 'cloud'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sync_job_versions').ifExists().execute();
}
