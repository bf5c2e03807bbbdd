// Runners claim the oldest jobs nobody holds. The first index kept in-progress jobs by lease
// expiry, so a claim read every job in progress and sorted them all: with a backlog of a few
// thousand new jobs (a burst of POSTs) each claim took 18 ms and claims took a third of the
// server's time. By age, a claim reads from the oldest and stops after a batch of free ones
// (at most the jobs already leased come first).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sync_jobs_claimable').ifExists().execute();
  await db.schema
    .createIndex('sync_jobs_claimable_by_age')
    .on('sync_jobs')
    .columns(['created_at', 'id'])
    .where(sql.ref('overall_status'), '=', 'in_progress')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sync_jobs_claimable_by_age').ifExists().execute();
  await db.schema
    .createIndex('sync_jobs_claimable')
    .on('sync_jobs')
    .column('lease_expires_at')
    .where(sql.ref('overall_status'), '=', 'in_progress')
    .execute();
}
