// Counts of jobs per domain, cloud and status, kept in the same transactions that create and
// finish jobs, so a list's `total` over millions of jobs is one row read, not an index scan.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sync_job_counts')
    .addColumn('domain_id', 'text', (c) => c.notNull())
    .addColumn('cloud', 'text', (c) => c.notNull())
    .addColumn('overall_status', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_job_counts_pk', ['domain_id', 'cloud', 'overall_status'])
    .execute();
  await sql`insert into sync_job_counts (domain_id, cloud, overall_status, n)
    select domain_id, cloud, overall_status, count(*) from sync_jobs group by domain_id, cloud, overall_status`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sync_job_counts').ifExists().execute();
}
