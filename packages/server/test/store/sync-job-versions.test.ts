// The list version through the job store's own methods, on SQLite and on PostgreSQL: each method
// moves it exactly when a list can show what it did (claims and renewals keep the cached pages), a
// group commit moves it once, and on PostgreSQL the bump neither shows before its commit nor makes
// another instance's writes of the same domain wait for it. Every method of the job store is
// named here, so a new one cannot go without saying whether it moves the version; that it
// really bumps whenever it changes a list is checked on every transaction (list-version-check.ts).
// Each method moves the revision of the job it works on exactly when it moves the version.
import { describe, expect, test } from 'vitest';
import { createStore, type Db } from '../../src/index.ts';
import type { NewJob } from '../../src/store/sync-job-repository.ts';
import { blockedOnLock, DIALECTS, heldOpen, storeSuite } from './dialects.ts';

const NOW = '2026-01-01T00:00:00.000000Z';
const LATER = '2026-01-01T00:00:05.000000Z';
const EXPIRES = '2099-01-01T00:00:00.000000Z';

let jobs = 0;
/** A new job of domain d with `size` targets of its own. */
function newJob(size = 1): NewJob {
  jobs += 1;
  const id = `job-${jobs}`;
  return {
    id,
    domainId: 'd',
    cloud: 'sfdc',
    createdBy: 'u',
    now: NOW,
    targets: Array.from({ length: size }, (_, n) => ({ id: `${id}-t${n}`, key: `${id}-k${n}` })),
  };
}

describe.each(DIALECTS)('on %s, the list version', (name, open) => {
  const suite = storeSuite(open);

  const version = () => suite.store.syncJobs.version('d', 'sfdc');

  /** Whether `run` moved the version of domain d's Salesforce jobs. */
  async function moves(run: () => Promise<unknown>): Promise<boolean> {
    const before = await version();
    await run();
    return (await version()) !== before;
  }

  test('when each method of the job store runs, then the version moves exactly when a list can show what it did', async () => {
    const { store } = suite;
    const job = newJob(3);
    const lease = { jobId: job.id, owner: 'w1' };
    const retaken = { jobId: job.id, owner: 'w2' };
    const query = { domainId: 'd', cloud: 'sfdc' as const, skip: 0, limit: 10, sort: [] };
    // In the order they run: a job created, claimed, renewed, one outcome recorded, released,
    // claimed by another runner, given up on, finished.
    const repository: Record<keyof typeof store.syncJobs, [boolean, () => Promise<unknown>]> = {
      insertJob: [true, () => store.grouped.run((tx) => tx.syncJobs.insertJob(job))],
      runningJob: [false, () => store.syncJobs.runningJob([`${job.id}-t0`])],
      page: [false, () => store.syncJobs.page(query)],
      listed: [false, () => store.syncJobs.listed([job.id])],
      list: [false, () => store.syncJobs.list(query)],
      version: [false, () => store.syncJobs.version('d', 'sfdc')],
      get: [false, () => store.syncJobs.get(job.id)],
      getMany: [false, () => store.syncJobs.getMany([job.id])],
    };
    const leases: Record<keyof typeof store.syncJobLeases, [boolean, () => Promise<unknown>]> = {
      claimBatch: [
        false,
        () => store.grouped.run((tx) => tx.syncJobLeases.claimBatch('w1', NOW, EXPIRES, 100)),
      ],
      renew: [false, () => store.syncJobLeases.renew(lease, EXPIRES)],
      recordTargetResult: [
        true,
        () =>
          store.grouped.run((tx) => tx.syncJobLeases.recordTargetResult(lease, 0, 'succeeded', 'ok', LATER)),
      ],
      releaseAll: [false, () => store.syncJobLeases.releaseAll('w1')],
      claim: [false, () => store.syncJobLeases.claim(job.id, 'w2', NOW, EXPIRES)],
      failPendingTargets: [
        true,
        () => store.transaction((tx) => tx.syncJobLeases.failPendingTargets(retaken, 'gave up', LATER)),
      ],
      finish: [true, () => store.transaction((tx) => tx.syncJobLeases.finish(retaken, LATER))],
    };
    // The job's revision (none before it exists) names what the list shows of it: it moves with
    // the version, for the one job every method here works on.
    const revision = async () => (await store.syncJobs.listed([job.id]))[0]?.job.revision ?? 'none';
    const expected: Record<string, boolean> = {};
    const moved: Record<string, boolean> = {};
    const revised: Record<string, boolean> = {};
    for (const [method, [moving, run]] of [...Object.entries(repository), ...Object.entries(leases)]) {
      expected[method] = moving;
      const before = await revision();
      moved[method] = await moves(run);
      revised[method] = (await revision()) !== before;
    }

    expect(Object.keys(repository).sort()).toEqual(Object.keys(store.syncJobs).sort());
    expect(Object.keys(leases).sort()).toEqual(Object.keys(store.syncJobLeases).sort());
    expect(moved).toEqual(expected);
    expect(revised).toEqual(expected);
  });

  test('when a group of jobs commits, then the version moves once per commit', async () => {
    const { grouped } = suite.store;
    const before = { version: await version(), commits: grouped.stats.commits };

    await Promise.all(
      Array.from({ length: 10 }, () => grouped.run((tx) => tx.syncJobs.insertJob(newJob(2)))),
    );

    expect((await version()) - before.version).toBe(grouped.stats.commits - before.commits);
  });

  test.skipIf(name !== 'PostgreSQL')(
    'when another instance has written jobs of the domain and not committed, then a write of the domain goes ahead, and each bump shows with its commit',
    async () => {
      const before = await version();
      // The other instance's group commit, its job written and the commit not yet made.
      const theirs = await heldOpen((hold) =>
        createStore(suite.subject.other as Db).grouped.run(async (tx) => {
          await tx.syncJobs.insertJob(newJob());
          await hold();
        }),
      );

      const ours = suite.store.grouped.run((tx) => tx.syncJobs.insertJob(newJob()));
      const wentAhead = !(await blockedOnLock(suite.subject.db, ours));
      const afterOurs = await version();
      theirs.commit();
      await theirs.done;
      await ours;

      expect(wentAhead).toBe(true);
      expect(afterOurs).toBe(before + 1);
      expect(await version()).toBe(before + 2);
    },
  );
});
