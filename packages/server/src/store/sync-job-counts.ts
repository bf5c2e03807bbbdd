// Jobs per domain, cloud and status, kept in the same transactions that create and finish jobs,
// so a list's `total` over millions of jobs is one row read rather than an index scan.
import type { Db } from '../db/database.ts';
import type { SyncJobsTable } from '../db/schema.ts';

export async function adjustJobCount(
  db: Db,
  job: Pick<SyncJobsTable, 'domain_id' | 'cloud'>,
  status: SyncJobsTable['overall_status'],
  delta: number,
): Promise<void> {
  await db
    .insertInto('sync_job_counts')
    .values({ domain_id: job.domain_id, cloud: job.cloud, overall_status: status, n: delta })
    .onConflict((conflict) =>
      conflict
        .columns(['domain_id', 'cloud', 'overall_status'])
        .doUpdateSet((eb) => ({ n: eb('sync_job_counts.n', '+', delta) })),
    )
    .execute();
}
