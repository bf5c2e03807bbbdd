// Group commit: work submitted together shares transactions, and each unit keeps its own outcome.
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
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
function failingTarget(target: string) {
  return {
    transformQuery({ node }: PluginTransformQueryArgs) {
      if (
        node.kind === 'InsertQueryNode' &&
        JSON.stringify(node).includes(`"${target}"`) &&
        JSON.stringify(node).includes('sync_job_targets')
      ) {
        throw new Error('SQLITE_IOERR: disk I/O error (injected)');
      }
      return node;
    },
    transformResult: async ({ result }: PluginTransformResultArgs) => result,
  } satisfies KyselyPlugin;
}

describe('group commit of new jobs', () => {
  test('when 40 jobs arrive at once, then they share a few commits and each gets its own outcome', async () => {
    db = openDatabase({ kind: 'sqlite', filename: ':memory:' }).withPlugin(failingTarget('t-broken'));
    await migrateToLatest(db);
    const { grouped } = createStore(db);
    // 20 targets, each asked for twice; one target's insert fails.
    const submitted = Array.from({ length: 40 }, (_, i) =>
      job(`job-${i}`, i === 7 ? 't-broken' : `t-${i % 20}`),
    );
    // As the service does: a busy target is thrown inside the unit, so its savepoint rolls back.
    const outcomes = await Promise.allSettled(
      submitted.map((each) =>
        grouped.run(async (tx) => {
          const result = await tx.syncJobs.insertJob(each);
          if ('busy' in result) throw new Error(`busy:${result.busy.jobId}`);
          return result.inserted.job.id;
        }),
      ),
    );

    expect(grouped.stats.units).toBe(40);
    expect(grouped.stats.commits).toBeLessThanOrEqual(3);
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
  });
});
