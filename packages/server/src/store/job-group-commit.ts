// Group commit for new jobs: the requests that arrive while a commit is under way wait for the
// next one and share its transaction, so one fsync (SQLite synchronous=FULL) or one PostgreSQL
// commit makes a whole group durable. Each request still gets its own outcome: every job runs
// inside a savepoint, so a job refused as busy (or failing) is undone alone and its neighbours
// commit. The first request after a quiet spell commits at once: grouping adds no waiting.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { createSyncJobRepository, type InsertJobResult, type NewJob } from './sync-job-repository.ts';

/** At most this many jobs per transaction, so one commit never holds the writer for long. */
const MAX_GROUP = 256;

interface Pending {
  job: NewJob;
  resolve: (result: InsertJobResult) => void;
  reject: (error: unknown) => void;
}

export interface JobGroupCommit {
  /** Commits the job (or finds it busy) together with the jobs submitted at the same time. */
  insert(job: NewJob): Promise<InsertJobResult>;
  /** Transactions run so far, and the jobs they carried (for tests and the benchmark). */
  readonly stats: { commits: number; jobs: number };
}

export function createJobGroupCommit(db: Db): JobGroupCommit {
  const queue: Pending[] = [];
  const stats = { commits: 0, jobs: 0 };
  let committing = false;

  async function commitGroups(): Promise<void> {
    committing = true;
    try {
      while (queue.length > 0) {
        const group = queue.splice(0, MAX_GROUP);
        stats.commits += 1;
        stats.jobs += group.length;
        let outcomes: ({ result: InsertJobResult } | { error: unknown })[];
        try {
          outcomes = await db.transaction().execute(async (trx) => {
            const jobs = createSyncJobRepository(trx);
            const settled: ({ result: InsertJobResult } | { error: unknown })[] = [];
            for (const { job } of group) {
              await sql`savepoint new_job`.execute(trx);
              try {
                const result = await jobs.insertJob(job);
                await sql
                  .raw(`${'busy' in result ? 'rollback to' : 'release'} savepoint new_job`)
                  .execute(trx);
                settled.push({ result });
              } catch (error) {
                await sql`rollback to savepoint new_job`.execute(trx);
                settled.push({ error });
              }
            }
            return settled;
          });
        } catch (error) {
          // The commit itself failed: nothing of the group was written.
          outcomes = group.map(() => ({ error }));
        }
        group.forEach((pending, index) => {
          const outcome = outcomes[index] as { result: InsertJobResult } | { error: unknown };
          if ('result' in outcome) pending.resolve(outcome.result);
          else pending.reject(outcome.error);
        });
      }
    } finally {
      committing = false;
    }
  }

  return {
    stats,
    insert(job) {
      return new Promise<InsertJobResult>((resolve, reject) => {
        queue.push({ job, resolve, reject });
        if (!committing) void commitGroups();
      });
    },
  };
}
