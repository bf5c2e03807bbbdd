// Bookkeeping kept in the same transactions as the jobs themselves: jobs per domain, cloud and
// status (so a list's `total` over millions of jobs is one row read rather than an index scan), and
// a version per domain and cloud that every visible change bumps (so a cached page is known fresh).
//
// Inside a group commit the bookkeeping is deferred: each unit's changes are added up and written
// once per group, just before its commit. That turns a few upserts per job into a few per group,
// and on PostgreSQL it holds the rows every writer of a domain must update (and lock) only for the
// moment of the commit, instead of from a job's first write to the end of its group.
import type { Db } from '../db/database.ts';
import { preparedQuery } from '../db/prepared-query.ts';
import type { SyncJobsTable } from '../db/schema.ts';

type JobKey = Pick<SyncJobsTable, 'domain_id' | 'cloud'>;
type Status = SyncJobsTable['overall_status'];

export interface JobBookkeeping {
  /** The number of the domain's jobs of this cloud in `status` changes by `delta`. */
  count(job: JobKey, status: Status, delta: number): Promise<void>;
  /**
   * Something a list of the domain's jobs of this cloud shows has changed: called by every write
   * of the job store that changes one (the store suites fail a transaction that does not, see
   * test/store/list-version-check.ts; no other module writes these tables, see
   * sync-job-writers.test.ts), after the writes it covers, counts included (outside a transaction
   * a page built in between is then cached under the old version, and built again).
   */
  touch(job: JobKey): Promise<void>;
}

const adjustCount = preparedQuery(
  (db, p: { domainId: string; cloud: string; status: string; delta: number }) =>
    db
      .insertInto('sync_job_counts')
      .values({
        domain_id: p.domainId,
        cloud: p.cloud as SyncJobsTable['cloud'],
        overall_status: p.status as Status,
        n: p.delta,
      })
      .onConflict((conflict) =>
        conflict
          .columns(['domain_id', 'cloud', 'overall_status'])
          .doUpdateSet((eb) => ({ n: eb('sync_job_counts.n', '+', p.delta) })),
      ),
);

const bumpVersion = preparedQuery((db, p: { domainId: string; cloud: string }) =>
  db
    .insertInto('sync_job_versions')
    .values({ domain_id: p.domainId, cloud: p.cloud as SyncJobsTable['cloud'], version: 1 })
    .onConflict((conflict) =>
      conflict
        .columns(['domain_id', 'cloud'])
        .doUpdateSet((eb) => ({ version: eb('sync_job_versions.version', '+', 1) })),
    ),
);

const selectVersion = preparedQuery((db, p: { domainId: string; cloud: string }) =>
  db
    .selectFrom('sync_job_versions')
    .select('version')
    .where('domain_id', '=', p.domainId)
    .where('cloud', '=', p.cloud as SyncJobsTable['cloud']),
);

/** Writes each change at once (outside a group commit). */
export function immediateBookkeeping(db: Db): JobBookkeeping {
  return {
    async count(job, status, delta) {
      await adjustCount(db, { domainId: job.domain_id, cloud: job.cloud, status, delta });
    },
    async touch(job) {
      await bumpVersion(db, { domainId: job.domain_id, cloud: job.cloud });
    },
  };
}

const SEPARATOR = '\u0000';

/** Adds changes up in memory; `flush` writes them, in key order (no two writers lock in turn). */
export class DeferredBookkeeping implements JobBookkeeping {
  readonly #counts = new Map<string, number>();
  readonly #touched = new Set<string>();

  async count(job: JobKey, status: Status, delta: number): Promise<void> {
    const key = [job.domain_id, job.cloud, status].join(SEPARATOR);
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + delta);
  }

  async touch(job: JobKey): Promise<void> {
    this.#touched.add([job.domain_id, job.cloud].join(SEPARATOR));
  }

  /** Takes over what `other` recorded (a unit that committed into its group). */
  absorb(other: DeferredBookkeeping): void {
    for (const [key, delta] of other.#counts) this.#counts.set(key, (this.#counts.get(key) ?? 0) + delta);
    for (const key of other.#touched) this.#touched.add(key);
  }

  async flush(db: Db): Promise<void> {
    for (const key of [...this.#counts.keys()].sort()) {
      const delta = this.#counts.get(key) as number;
      if (delta === 0) continue;
      const [domainId, cloud, status] = key.split(SEPARATOR) as [string, string, string];
      await adjustCount(db, { domainId, cloud, status, delta });
    }
    for (const key of [...this.#touched].sort()) {
      const [domainId, cloud] = key.split(SEPARATOR) as [string, string];
      await bumpVersion(db, { domainId, cloud });
    }
  }
}

/** The current version of the domain's jobs of one cloud (0 before any job). */
export async function readJobsVersion(
  db: Db,
  domainId: string,
  cloud: SyncJobsTable['cloud'],
): Promise<number> {
  const { rows } = await selectVersion(db, { domainId, cloud });
  return rows[0]?.version ?? 0;
}
