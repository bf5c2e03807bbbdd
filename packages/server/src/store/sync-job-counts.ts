// Bookkeeping kept in the same transactions as the jobs themselves: jobs per domain, cloud and
// status (so a list's `total` over millions of jobs is one row read rather than an index scan), and
// a version per domain and cloud that every visible change bumps (so a cached page is known fresh).
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

/** Marks a visible change of the domain's jobs: cached pages of them are stale from now on. */
export async function bumpJobsVersion(
  db: Db,
  job: Pick<SyncJobsTable, 'domain_id' | 'cloud'>,
): Promise<void> {
  await db
    .insertInto('sync_job_versions')
    .values({ domain_id: job.domain_id, cloud: job.cloud, version: 1 })
    .onConflict((conflict) =>
      conflict
        .columns(['domain_id', 'cloud'])
        .doUpdateSet((eb) => ({ version: eb('sync_job_versions.version', '+', 1) })),
    )
    .execute();
}

/** The current version of the domain's jobs of one cloud (0 before any job). */
export async function readJobsVersion(
  db: Db,
  domainId: string,
  cloud: SyncJobsTable['cloud'],
): Promise<number> {
  const row = await db
    .selectFrom('sync_job_versions')
    .select('version')
    .where('domain_id', '=', domainId)
    .where('cloud', '=', cloud)
    .executeTakeFirst();
  return row?.version ?? 0;
}
