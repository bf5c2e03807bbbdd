// Group commit: work submitted together shares transactions, and each unit keeps its own outcome.
import { sql } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import { createStore, type Db, migrateToLatest, openDatabase } from '../../src/index.ts';
import type { NewJob } from '../../src/store/sync-job-repository.ts';

let db: Db | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

const job = (id: string, target: string): NewJob => ({
  id,
  domainId: 'd',
  cloud: 'sfdc',
  createdBy: 'u',
  now: '2026-11-25T00:00:00.000000Z',
  targets: [{ id: target, key: `key-${target}` }],
});

/** Fails the INSERT of targets for `target`, like a full disk would, for that one job. */
async function failInsertsOf(database: Db, target: string) {
  await sql`
    create trigger fail_target before insert on sync_job_targets
    when new.target_id = ${sql.lit(target)}
    begin select raise(abort, 'SQLITE_IOERR: disk I/O error (injected)'); end
  `.execute(database);
}

describe('group commit of new jobs', () => {
  test('when 40 jobs arrive at once, then they share a few commits and each gets its own outcome', async () => {
    db = openDatabase({ kind: 'sqlite', filename: ':memory:' });
    await migrateToLatest(db);
    await failInsertsOf(db, 't-broken');
    const { grouped, syncJobs } = createStore(db);
    // 20 targets, each asked for twice; one target's insert fails.
    const submitted = Array.from({ length: 40 }, (_, i) =>
      job(`job-${i}`, i === 7 ? 't-broken' : `t-${i % 20}`),
    );
    // As the service does: a busy target is thrown inside the unit, so its savepoint rolls back,
    // and the running job that holds it is read afterwards.
    const outcomes = await Promise.allSettled(
      submitted.map((each) =>
        grouped
          .run(async (tx) => {
            const result = await tx.syncJobs.insertJob(each);
            if ('busy' in result) throw new Error('busy');
            return result.inserted.job.id;
          })
          .catch(async (error: Error) => {
            if (error.message !== 'busy') throw error;
            const running = await syncJobs.runningJob(each.targets.map((target) => target.id));
            throw new Error(`busy:${running?.jobId}`);
          }),
      ),
    );

    expect(grouped.stats.units).toBe(40);
    expect(grouped.stats.commits).toBeLessThanOrEqual(3);
    // A group with a failing unit was run again unit by unit.
    expect(grouped.stats.retries).toBeGreaterThanOrEqual(1);
    expect(outcomes[7]).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringContaining('injected') },
    });
    const inserted = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i] : []));
    const busy = outcomes.flatMap((o) =>
      o.status === 'rejected' && String(o.reason.message).startsWith('busy:')
        ? [String(o.reason.message).slice(5)]
        : [],
    );
    // Targets t-0..t-19: the first request for each wins (job 7's target t-7 is then won by job 27).
    expect(inserted).toEqual([...Array.from({ length: 20 }, (_, i) => i).filter((i) => i !== 7), 27]);
    expect(busy).toHaveLength(19);
    expect(new Set(busy)).toEqual(new Set(inserted.filter((i) => i !== 27).map((i) => `job-${i}`)));

    const rows = await db.selectFrom('sync_jobs').select('id').execute();
    expect(rows).toHaveLength(20);
    const targets = await db.selectFrom('sync_job_targets').select('target_id').execute();
    expect(targets.map((row) => row.target_id)).not.toContain('t-broken');
    // The bookkeeping counts only the units that committed: 20 jobs in progress, and the version
    // moved once per group that wrote, not once per job.
    const counts = await db.selectFrom('sync_job_counts').selectAll().execute();
    expect(counts).toEqual([{ domain_id: 'd', cloud: 'sfdc', overall_status: 'in_progress', n: 20 }]);
    const { version } = await db.selectFrom('sync_job_versions').select('version').executeTakeFirstOrThrow();
    expect(version).toBeGreaterThanOrEqual(1);
    expect(version).toBeLessThanOrEqual(grouped.stats.commits);
  });

  test('when every unit succeeds, then the group commits once, without a second run', async () => {
    db = openDatabase({ kind: 'sqlite', filename: ':memory:' });
    await migrateToLatest(db);
    const { grouped } = createStore(db);
    let runs = 0;
    const ids = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        grouped.run(async (tx) => {
          runs += 1;
          const result = await tx.syncJobs.insertJob(job(`ok-${i}`, `t-${i}`));
          if ('busy' in result) throw new Error('busy');
          return result.inserted.job.id;
        }),
      ),
    );
    expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => `ok-${i}`));
    expect(runs).toBe(10);
    expect(grouped.stats).toEqual({ commits: 1, units: 10, retries: 0 });
    const counts = await db.selectFrom('sync_job_counts').select('n').executeTakeFirstOrThrow();
    expect(counts.n).toBe(10);
  });

  test('when every unit of a group fails, then neither counts nor version move', async () => {
    db = openDatabase({ kind: 'sqlite', filename: ':memory:' });
    await migrateToLatest(db);
    await failInsertsOf(db, 't-broken');
    const { grouped } = createStore(db);
    const outcomes = await Promise.allSettled(
      ['a', 'b'].map((id) => grouped.run((tx) => tx.syncJobs.insertJob(job(id, 't-broken')))),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(await db.selectFrom('sync_job_counts').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('sync_job_versions').selectAll().execute()).toEqual([]);
  });
});
