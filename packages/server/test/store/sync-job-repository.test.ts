// Creating jobs: one running job per organization, settled by the database's unique index alone,
// and nothing of a refused job left behind. Listing: the organization filter sorted by creation
// time is read from the targets' own indexes (a fast path); every other query goes the general
// way. Both must give the same pages and totals. All on SQLite and on PostgreSQL.
import { describe, expect, test } from 'vitest';
import { createStore, type Db, type Store } from '../../src/index.ts';
import type { JobQuery, NewJob } from '../../src/store/sync-job-repository.ts';
import { blockedOnLock, DIALECTS, heldOpen, statementsOf, storeSuite } from './dialects.ts';

/** Organizations by resource ID, and their Salesforce org IDs. */
const ORGANIZATIONS = ['o1', 'o2', 'o3'].map((id, n) => ({ id, key: `00D00000000000${n + 1}AAA` }));
const [o1, o2, o3] = ORGANIZATIONS as [
  (typeof ORGANIZATIONS)[0],
  (typeof ORGANIZATIONS)[0],
  (typeof ORGANIZATIONS)[0],
];
const JOBS = 24;

/**
 * 24 jobs of domain d on Salesforce, two per creation time (ties), their IDs out of creation order;
 * every fourth one names o1 and o2, the newest among them. Jobs of another domain and SAP jobs
 * name the same organizations and must never be listed.
 */
async function seed(store: Store, db: Db) {
  const at = (second: number) => `2026-01-01T00:00:${String(second).padStart(2, '0')}.000000Z`;
  const jobs = Array.from({ length: JOBS }, (_, n) => ({
    id: `job-${String((n * 7) % JOBS).padStart(2, '0')}`,
    domainId: 'd',
    cloud: 'sfdc' as const,
    now: at(Math.floor(n / 2)),
    targets: [[o3], [o1], [o2], [o1, o2]][n % 4] as { id: string; key: string }[],
  }));
  const others = [
    { id: 'other-domain', domainId: 'e', cloud: 'sfdc' as const, now: at(30), targets: [o1, o2, o3] },
    { id: 'other-cloud', domainId: 'd', cloud: 'sap' as const, now: at(31), targets: [o1, o2, o3] },
  ];
  for (const job of [...jobs, ...others]) {
    const result = await store.syncJobs.insertJob({ ...job, createdBy: 'u' });
    expect(result).toHaveProperty('inserted');
    // As if finished: the next job may name the same organizations.
    await db.updateTable('sync_job_targets').set({ active: 0 }).execute();
  }
}

describe.each(DIALECTS)('on %s, the organization filter sorted by creation time', (_name, open) => {
  const suite = storeSuite(open, seed);

  /** The list as the fast path answers it, and the SQL it ran. */
  async function listed(query: JobQuery) {
    suite.subject.statements.length = 0;
    const result = await suite.store.syncJobs.list(query);
    return { result, statements: [...suite.subject.statements] };
  }

  /**
   * The same query the general way: a second key on updated_at, which equals created_at for these
   * jobs (none has run), orders exactly as created_at alone with its tie-break does.
   */
  async function general(query: JobQuery) {
    const [key] = query.sort as [JobQuery['sort'][0]];
    return listed({ ...query, sort: [key, { field: 'updated_at', descending: key.descending }] });
  }

  const cases: [string, readonly string[]][] = [
    ['one organization by resource ID', [o1.id]],
    ['one organization by Salesforce org ID', [o1.key]],
    ['two organizations by resource ID', [o1.id, o2.id]],
    ['two organizations by Salesforce org ID', [o1.key, o2.key]],
    ['two organizations, one ID of each kind', [o2.id, o1.key]],
    ['one organization by both its IDs', [o3.id, o3.key]],
    ['an unknown organization', ['00D00000000009ZZZZ']],
  ];
  const pages = [
    [0, 5],
    [5, 5],
    [0, 1],
    [7, 3],
    [16, 10],
    [0, 50],
    [100, 5],
  ] as const;

  test.each(cases)(
    'when %s is asked for, then every page and total are the general path’s',
    async (_case, targets) => {
      for (const descending of [true, false]) {
        for (const [skip, limit] of pages) {
          const query: JobQuery = {
            domainId: 'd',
            cloud: 'sfdc',
            targets,
            skip,
            limit,
            sort: [{ field: 'created_at', descending }],
          };
          const fast = await listed(query);
          const slow = await general(query);
          expect(fast.result, `${descending ? '-' : ''}createdAt skip ${skip} limit ${limit}`).toEqual(
            slow.result,
          );
          // Each answer came the way it was meant to.
          expect(fast.statements.some((statement) => statement.includes(' union '))).toBe(true);
          expect(slow.statements.some((statement) => statement.includes(' union '))).toBe(false);
        }
      }
    },
  );

  test('when a job names two of the organizations, then it is listed and counted once', async () => {
    const sort = [{ field: 'created_at', descending: true }] as const;
    const query = { domainId: 'd', cloud: 'sfdc', targets: [o1.key, o2.key], sort } as const;
    const first = await suite.store.syncJobs.list({ ...query, skip: 0, limit: 2 });
    // Jobs 23 (o1 and o2) and 22 (o2): the newest job is not counted twice, nor takes two places.
    expect(first.jobs.map(({ job }) => job.id)).toEqual(['job-17', 'job-10']);
    expect(first.total).toBe(18);
    const everything = await suite.store.syncJobs.list({ ...query, skip: 0, limit: 100 });
    expect(everything.total).toBe(18);
    expect(new Set(everything.jobs.map(({ job }) => job.id)).size).toBe(18);
  });

  test('when two jobs share a creation time, then the tie goes the same way as the sort', async () => {
    const query = {
      domainId: 'd',
      cloud: 'sfdc',
      targets: [o1.id, o2.id, o3.id],
      skip: 0,
      limit: 2,
    } as const;
    const newest = await suite.store.syncJobs.list({
      ...query,
      sort: [{ field: 'created_at', descending: true }],
    });
    const oldest = await suite.store.syncJobs.list({
      ...query,
      sort: [{ field: 'created_at', descending: false }],
    });
    // Created together: jobs 22 and 23 (IDs job-10, job-17); jobs 0 and 1 (job-00, job-07).
    expect(newest.jobs.map(({ job }) => job.id)).toEqual(['job-17', 'job-10']);
    expect(oldest.jobs.map(({ job }) => job.id)).toEqual(['job-00', 'job-07']);
    expect(newest.total).toBe(JOBS);
  });

  test('when a new job is written, then its targets carry its domain, cloud and creation time', async () => {
    const { targets } = await suite.store.syncJobs.get('job-17').then((found) => found ?? { targets: [] });
    expect(
      targets.map(({ target_id, domain_id, cloud, created_at }) => ({
        target_id,
        domain_id,
        cloud,
        created_at,
      })),
    ).toEqual([
      { target_id: 'o1', domain_id: 'd', cloud: 'sfdc', created_at: '2026-01-01T00:00:11.000000Z' },
      { target_id: 'o2', domain_id: 'd', cloud: 'sfdc', created_at: '2026-01-01T00:00:11.000000Z' },
    ]);
  });
});

describe.each(DIALECTS)('on %s, creating a job', (name, open) => {
  const suite = storeSuite(open);

  let jobs = 0;
  const newJob = (...targets: string[]): NewJob => {
    jobs += 1;
    return {
      id: `create-${jobs}`,
      domainId: 'd',
      cloud: 'sfdc',
      createdBy: 'u',
      now: '2026-01-01T00:00:00.000000Z',
      targets: targets.map((id) => ({ id, key: `key-${id}` })),
    };
  };

  /** As the service does: a busy insert is thrown, so the unit is rolled back. */
  const create = (job: NewJob, into: Store = suite.store) =>
    into.grouped.run(async (tx) => {
      const result = await tx.syncJobs.insertJob(job);
      if ('busy' in result) throw new Error('busy');
      return result.inserted.job.id;
    });

  /** Job rows without a target row: what a refused insert must never leave. */
  const jobsWithoutTargets = () =>
    suite.subject.db
      .selectFrom('sync_jobs')
      .select('id')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(selectFrom('sync_job_targets').select('position').whereRef('job_id', '=', 'sync_jobs.id')),
        ),
      )
      .execute();

  const jobsInProgress = async () =>
    Number(
      (
        await suite.subject.db
          .selectFrom('sync_job_counts')
          .select('n')
          .where('overall_status', '=', 'in_progress')
          .executeTakeFirst()
      )?.n ?? 0,
    );

  test('when a job is written, then no statement reads first: the job and its targets are all', async () => {
    const written = await statementsOf(suite.subject, () => create(newJob('first-a', 'first-b')));
    // SQLite: the job, then its targets; PostgreSQL: both in one statement (one round trip).
    expect(written).toHaveLength(name === 'SQLite' ? 2 : 1);
    expect(written.every((statement) => /^(insert|with)/.test(statement))).toBe(true);
  });

  test('when a running job holds one of its targets, then it is refused, nothing of it is kept, and the holder is named', async () => {
    const holder = newJob('held');
    await create(holder);
    const before = await jobsInProgress();
    // Its first target is free: the refused insert must not keep it busy.
    const refused = newJob('free', 'held');

    await expect(create(refused)).rejects.toThrow('busy');

    expect(
      await suite.subject.db.selectFrom('sync_jobs').select('id').where('id', '=', refused.id).execute(),
    ).toEqual([]);
    expect(await jobsWithoutTargets()).toEqual([]);
    expect(await jobsInProgress()).toBe(before);
    expect(await suite.store.syncJobs.runningJob(['free', 'held'])).toEqual({
      jobId: holder.id,
      targetKey: 'key-held',
    });
    await expect(create(newJob('free'))).resolves.toBeDefined();
  });

  test('when two jobs for one target share a commit, then the first is written and the second refused', async () => {
    const [first, second] = await Promise.allSettled([create(newJob('shared')), create(newJob('shared'))]);
    expect(first).toMatchObject({ status: 'fulfilled' });
    expect(second).toMatchObject({ status: 'rejected', reason: { message: 'busy' } });
    expect(await jobsWithoutTargets()).toEqual([]);
    expect((await suite.store.syncJobs.runningJob(['shared']))?.jobId).toBe(
      (first as PromiseFulfilledResult<string>).value,
    );
  });

  test('when a job ID is used twice, then that is an error, not a busy target', async () => {
    const first = newJob('own-target');
    await create(first);
    // Another target, the same ID: a duplicate key that says nothing about running jobs.
    const again = { ...newJob('other-target'), id: first.id };
    await expect(suite.store.grouped.run((tx) => tx.syncJobs.insertJob(again))).rejects.toMatchObject({
      code: expect.stringMatching(/^(SQLITE_CONSTRAINT_PRIMARYKEY|23505)$/),
    });
    expect(await jobsWithoutTargets()).toEqual([]);
  });

  test('when no running job holds the targets, then none is named', async () => {
    expect(await suite.store.syncJobs.runningJob(['never-asked-for'])).toBeUndefined();
  });

  test.skipIf(name !== 'PostgreSQL')(
    'when another instance inserts a job for the same target and commits while this one waits, then this one is refused and leaves nothing',
    async () => {
      const other = createStore(suite.subject.other as Db);
      const winner = newJob('raced');
      const loser = newJob('also-free', 'raced');
      // The winner's insert is in, not committed: the loser's insert waits on the unique index.
      const winning = await heldOpen((hold) =>
        other.transaction(async (tx) => {
          await tx.syncJobs.insertJob(winner);
          await hold();
        }),
      );
      const losing = create(loser).then(
        () => 'written',
        (error: Error) => error.message,
      );
      expect(await blockedOnLock(suite.subject.db, losing)).toBe(true);

      winning.commit();
      await winning.done;

      expect(await losing).toBe('busy');
      expect(
        await suite.subject.db.selectFrom('sync_jobs').select('id').where('id', '=', loser.id).execute(),
      ).toEqual([]);
      expect(await jobsWithoutTargets()).toEqual([]);
      expect(await suite.store.syncJobs.runningJob(['also-free', 'raced'])).toEqual({
        jobId: winner.id,
        targetKey: 'key-raced',
      });
    },
  );
});
