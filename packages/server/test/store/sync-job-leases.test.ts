// Finishing a job under its lease, on SQLite and on PostgreSQL: with its last target's outcome in
// the same statements, the status counts that outcome; a runner that lost the lease writes nothing.
import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { createStore, type Db } from '../../src/index.ts';
import { type Lease, LeaseLostError } from '../../src/store/sync-job-leases.ts';
import { blockedOnLock, DIALECTS, heldOpen, statementsOf, storeSuite } from './dialects.ts';

const NOW = '2026-01-01T00:00:00.000000Z';
const LATER = '2026-01-01T00:00:05.000000Z';
const EXPIRES = '2099-01-01T00:00:00.000000Z';

type Outcome = 'succeeded' | 'failed';

describe.each(DIALECTS)('on %s, finishing a job', (name, open) => {
  const suite = storeSuite(open);

  /** A new job `id` with `size` targets, in progress and unclaimed. */
  async function insertedJob(id: string, size: number): Promise<void> {
    await suite.store.transaction(async (tx) => {
      const result = await tx.syncJobs.insertJob({
        id,
        domainId: 'd',
        cloud: 'sfdc',
        createdBy: 'u',
        now: NOW,
        targets: Array.from({ length: size }, (_, n) => ({ id: `${id}-t${n}`, key: `${id}-k${n}` })),
      });
      if ('busy' in result) throw new Error('busy');
    });
  }

  let jobs = 0;
  /** A job with `size` targets, claimed by runner w1. */
  async function claimedJob(size: number): Promise<Lease> {
    jobs += 1;
    const id = `job-${jobs}`;
    await insertedJob(id, size);
    expect(await suite.store.syncJobLeases.claim(id, 'w1', NOW, EXPIRES)).toBe(1);
    return { jobId: id, owner: 'w1' };
  }

  const jobRow = (lease: Lease) =>
    suite.subject.db
      .selectFrom('sync_jobs')
      .selectAll()
      .where('id', '=', lease.jobId)
      .executeTakeFirstOrThrow();

  const targetRows = (lease: Lease) =>
    suite.subject.db
      .selectFrom('sync_job_targets')
      .select(['state', 'message', 'active'])
      .where('job_id', '=', lease.jobId)
      .orderBy('position')
      .execute();

  const counts = async () =>
    Object.fromEntries(
      (await suite.subject.db.selectFrom('sync_job_counts').select(['overall_status', 'n']).execute()).map(
        ({ overall_status, n }) => [overall_status, Number(n)],
      ),
    );

  test.each<[string, 'completed' | 'failed', Outcome[], Outcome]>([
    ['the only target succeeds', 'completed', [], 'succeeded'],
    ['the only target fails', 'failed', [], 'failed'],
    ['the last target succeeds after one failed', 'completed', ['failed'], 'succeeded'],
    ['the last target fails after one succeeded', 'completed', ['succeeded'], 'failed'],
    ['the last target fails after one failed', 'failed', ['failed'], 'failed'],
  ])(
    'when %s, then the job ends %s with that outcome written and its targets free',
    async (_case, status, earlier, last) => {
      const lease = await claimedJob(earlier.length + 1);
      for (const [position, state] of earlier.entries())
        await suite.store.syncJobLeases.recordTargetResult(
          lease,
          position,
          state,
          `earlier ${position}`,
          NOW,
        );
      const before = await counts();

      const finished = await suite.store.transaction((tx) =>
        tx.syncJobLeases.recordTargetResult(lease, earlier.length, last, 'last', LATER, { finish: true }),
      );

      expect(finished).toBe(status);
      expect(await jobRow(lease)).toMatchObject({
        overall_status: status,
        completed_at: LATER,
        updated_at: LATER,
        lease_owner: null,
        lease_expires_at: null,
      });
      expect(await targetRows(lease)).toEqual([
        ...earlier.map((state, position) => ({ state, message: `earlier ${position}`, active: 0 })),
        { state: last, message: 'last', active: 0 },
      ]);
      const after = await counts();
      expect(after.in_progress).toBe((before.in_progress ?? 0) - 1);
      expect(after[status]).toBe((before[status] ?? 0) + 1);
    },
  );

  test('when every outcome was recorded before, then finish() ends the job by them and frees its targets', async () => {
    const lease = await claimedJob(2);
    await suite.store.syncJobLeases.recordTargetResult(lease, 0, 'failed', 'no', NOW);
    await suite.store.syncJobLeases.recordTargetResult(lease, 1, 'succeeded', 'yes', NOW);

    expect(await suite.store.transaction((tx) => tx.syncJobLeases.finish(lease, LATER))).toBe('completed');

    expect(await targetRows(lease)).toEqual([
      { state: 'failed', message: 'no', active: 0 },
      { state: 'succeeded', message: 'yes', active: 0 },
    ]);
  });

  test('when the lease was lost, then finishing with an outcome writes neither the outcome nor the job', async () => {
    const lease = await claimedJob(2);
    await suite.subject.db
      .updateTable('sync_jobs')
      .set({ lease_owner: 'w2' })
      .where('id', '=', lease.jobId)
      .execute();
    const before = await counts();

    // Outside a transaction: nothing would undo a target written before the lease check.
    await expect(
      suite.store.syncJobLeases.recordTargetResult(lease, 1, 'succeeded', 'too late', LATER, {
        finish: true,
      }),
    ).rejects.toBeInstanceOf(LeaseLostError);
    await expect(suite.store.syncJobLeases.finish(lease, LATER)).rejects.toBeInstanceOf(LeaseLostError);

    expect(await jobRow(lease)).toMatchObject({ overall_status: 'in_progress', lease_owner: 'w2' });
    expect(await targetRows(lease)).toEqual([
      { state: 'pending', message: null, active: 1 },
      { state: 'pending', message: null, active: 1 },
    ]);
    expect(await counts()).toEqual(before);
  });

  test('when the last outcome is recorded with the finish, then it takes two statements on SQLite and one on PostgreSQL', async () => {
    const lease = await claimedJob(1);
    const written = await statementsOf(suite.subject, () =>
      suite.store.transaction((tx) =>
        tx.syncJobLeases.recordTargetResult(lease, 0, 'succeeded', 'ok', LATER, { finish: true }),
      ),
    );
    expect(written).toHaveLength(name === 'SQLite' ? 2 : 1);
  });

  test.skipIf(name !== 'PostgreSQL')(
    'when another runner has claimed the oldest free job and not yet committed, then a claim takes the next one at once instead of waiting',
    async () => {
      // Whatever earlier tests left free is taken first, so the two jobs below are the only ones.
      await suite.store.syncJobLeases.claimBatch('sweeper', NOW, EXPIRES, 1_000);
      const ids = ['free-a', 'free-b'];
      for (const id of ids) await insertedJob(id, 1);
      let theirs: { id: string }[] = [];
      const claiming = await heldOpen((hold) =>
        (suite.subject.other as Db).transaction().execute(async (trx) => {
          theirs = await createStore(trx).syncJobLeases.claimBatch('w2', NOW, EXPIRES, 1);
          await hold();
        }),
      );
      const ours = suite.store.syncJobLeases.claimBatch('w1', NOW, EXPIRES, 2);
      const waited = await blockedOnLock(suite.subject.db, ours);
      claiming.commit();
      await claiming.done;
      expect(waited).toBe(false);
      expect(theirs).toHaveLength(1);
      expect((await ours).map((job) => job.id)).toEqual(ids.filter((id) => id !== theirs[0]?.id));
    },
  );

  test.skipIf(name !== 'PostgreSQL')(
    'when a claim runs in a transaction, then the statements after it are planned with the settings they had before',
    async () => {
      const setting = await suite.subject.db.transaction().execute(async (trx) => {
        await createStore(trx).syncJobLeases.claimBatch('w3', NOW, EXPIRES, 1);
        const { rows } = await sql<{
          value: string;
        }>`select current_setting('enable_bitmapscan') as value`.execute(trx);
        return rows[0]?.value;
      });
      expect(setting).toBe('on');
      expect(suite.subject.statements).toContain('set local enable_bitmapscan = off');
    },
  );

  test.skipIf(name !== 'PostgreSQL')(
    'when another runner takes the lease and commits while the finish waits for the job row, then the finish writes nothing',
    async () => {
      const lease = await claimedJob(1);
      // The other runner's claim is written, not committed: the finish waits on the job row.
      const taking = await heldOpen((hold) =>
        (suite.subject.other as Db).transaction().execute(async (trx) => {
          await trx
            .updateTable('sync_jobs')
            .set({ lease_owner: 'w2' })
            .where('id', '=', lease.jobId)
            .execute();
          await hold();
        }),
      );
      const finishing = suite.store.syncJobLeases
        .recordTargetResult(lease, 0, 'succeeded', 'too late', LATER, { finish: true })
        .then(
          () => 'finished',
          (error: unknown) => (error instanceof LeaseLostError ? 'lease lost' : String(error)),
        );
      expect(await blockedOnLock(suite.subject.db, finishing)).toBe(true);

      taking.commit();
      await taking.done;

      expect(await finishing).toBe('lease lost');
      expect(await targetRows(lease)).toEqual([{ state: 'pending', message: null, active: 1 }]);
    },
  );
});
