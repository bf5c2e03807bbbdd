// A list page joined from kept job JSON is the page the service would build from the rows, byte
// for byte, for any filter, sort and page; and it follows every change a job goes through, though
// the clock here never moves (so updatedAt stays the same): the job's revision alone tells its
// kept JSON is stale. On SQLite and on PostgreSQL, with the list version check watching.
import type { ListSfdcSynchronizationJobsQuery } from '@cckm/api-types';
import { describe, expect, test } from 'vitest';
import type { Identity } from '../../../src/core/identity.ts';
import { createSyncJobService, parseSort } from '../../../src/features/sync-jobs/sync-job-service.ts';
import { toSfdcSynchronizationJob } from '../../../src/features/sync-jobs/sync-job-view.ts';
import type { Store } from '../../../src/index.ts';
import { DIALECTS, storeSuite } from '../../store/dialects.ts';

const NOW = '2026-01-01T00:00:00.000000Z';
const EXPIRES = '2099-01-01T00:00:00.000000Z';
const caller: Identity = { subject: 'u', domainId: 'd', groups: ['admin'] } as unknown as Identity;

/** The page as the rows give it: read whole, mapped and serialised at once, nothing kept. */
async function pageFromRows(store: Store, query: ListSfdcSynchronizationJobsQuery): Promise<string> {
  const skip = query.skip ?? 0;
  const limit = query.limit ?? 10;
  const { total, jobs } = await store.syncJobs.list({
    domainId: 'd',
    cloud: 'sfdc',
    ...(query.overall_status ? { status: query.overall_status } : {}),
    ...(query.organizations ? { targets: query.organizations } : {}),
    skip,
    limit,
    sort: parseSort(query.sort ?? ['-createdAt']),
  });
  return JSON.stringify({ skip, limit, total, resources: jobs.map(toSfdcSynchronizationJob) });
}

const QUERIES: ListSfdcSynchronizationJobsQuery[] = [
  {},
  { limit: 3 },
  { skip: 2, limit: 2, sort: ['createdAt'] },
  { sort: ['-updatedAt'] },
  { sort: ['-completed_at'] },
  { sort: ['overall_status', '-createdAt'] },
  { overall_status: 'in_progress' },
  { overall_status: 'completed', sort: ['updatedAt'] },
  { organizations: ['k1', 't2'] },
  { organizations: ['k0'], sort: ['-updatedAt'] },
];

describe.each(DIALECTS)('on %s, a list page joined from kept job JSON', (_name, open) => {
  const suite = storeSuite(open, async (store) => {
    for (let n = 0; n < 6; n += 1)
      await store.grouped.run((tx) =>
        tx.syncJobs.insertJob({
          id: `job-${n}`,
          domainId: 'd',
          cloud: 'sfdc',
          createdBy: 'u',
          now: `2026-01-01T00:00:0${n}.000000Z`,
          targets: [
            { id: `t${n}`, key: `k${n}` },
            { id: `t${n + 1}x`, key: `k${n + 1}x` },
          ],
        }),
      );
  });
  const service = () =>
    createSyncJobService({
      store: suite.store,
      clock: { now: () => NOW, nowMs: () => Date.parse(NOW) },
      ids: () => 'unused',
      onJobCreated: () => {},
      pageCachePages: 0,
    });

  /** Every query's page, joined (asked twice, so the second is all kept JSON) and from the rows. */
  async function pages(subject: ReturnType<typeof service>) {
    const joined: string[] = [];
    const fromRows: string[] = [];
    for (const query of QUERIES) {
      await subject.listSfdcJobsBytes(caller, query);
      joined.push((await subject.listSfdcJobsBytes(caller, query)).toString());
      fromRows.push(await pageFromRows(suite.store, query));
    }
    return { joined, fromRows };
  }

  test('when pages are asked for, then each is the page from the rows, byte for byte', async () => {
    const { joined, fromRows } = await pages(service());

    expect(joined).toEqual(fromRows);
    expect(JSON.parse(joined[0] as string).resources).toHaveLength(6);
  });

  test('when its jobs are run and finished at the same instant, then every page shows it, as the rows do', async () => {
    const subject = service();
    await pages(subject);
    const { store } = suite;
    const claimed = await store.grouped.run((tx) => tx.syncJobLeases.claimBatch('w', NOW, EXPIRES, 3));
    for (const { id } of claimed) {
      const lease = { jobId: id, owner: 'w' };
      await store.grouped.run((tx) =>
        tx.syncJobLeases.recordTargetResult(lease, 0, 'succeeded', 'done', NOW),
      );
      await store.grouped.run((tx) =>
        tx.syncJobLeases.recordTargetResult(lease, 1, 'failed', 'INVALID_SESSION_ID: refusé ☃ 🚀', NOW, {
          finish: true,
        }),
      );
    }

    const { joined, fromRows } = await pages(subject);

    expect(claimed).toHaveLength(3);
    expect(joined).toEqual(fromRows);
    const shown = JSON.parse(joined[0] as string).resources;
    expect(
      shown.filter((job: { overall_status: string }) => job.overall_status === 'completed'),
    ).toHaveLength(3);
    expect(shown.find((job: { id: string }) => job.id === claimed[0]?.id)).toMatchObject({
      updatedAt: NOW,
      detailed_status: { [`k${claimed[0]?.id.slice(4)}`]: 'done' },
    });
  });
});
