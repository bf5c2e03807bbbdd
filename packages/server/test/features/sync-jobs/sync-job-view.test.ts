// The list maps every job through toSynchronizationJob, written field by field for speed. These
// tests hold it to the plain spread-built mapping it replaced: the same object, the same keys in
// the same order, and so the same JSON bytes, for every combination of optional fields.
import { describe, expect, test } from 'vitest';
import {
  toSapSynchronizationJob,
  toSfdcSynchronizationJob,
  toSynchronizationJob,
} from '../../../src/features/sync-jobs/sync-job-view.ts';
import type { ListedJob } from '../../../src/store/sync-job-repository.ts';

/** The mapping as it was before (spreads, filter, Object.fromEntries): the reference. */
function reference({ job, targets }: ListedJob) {
  const keys = targets.map((target) => target.target_key);
  const reported = targets.filter((target) => target.message !== null);
  const common = {
    id: job.id,
    uri: `kylo:kylo:cckm:synchronize:${job.id}`,
    account: job.account,
    application: job.application,
    devAccount: job.dev_account,
    createdAt: job.created_at,
    updatedAt: job.updated_at,
    ...(job.completed_at ? { completed_at: job.completed_at } : {}),
    overall_status: job.overall_status,
    ...(reported.length > 0
      ? {
          detailed_status: Object.fromEntries(
            reported.map((target) => [target.target_key, target.message as string]),
          ),
        }
      : {}),
    abort: job.abort === 1,
  };
  return job.cloud === 'sfdc'
    ? { ...common, cloud: 'sfdc', kms: keys }
    : { ...common, cloud: 'sap', groups: keys };
}

const job = (overrides: Partial<ListedJob['job']> = {}): ListedJob['job'] => ({
  id: '0190a000-0000-7000-8000-000000000001',
  cloud: 'sfdc',
  overall_status: 'in_progress',
  abort: 0,
  account: 'kylo:kylo:admin:accounts:kylo',
  application: 'ncryptify:gemalto:admin:apps:kylo',
  dev_account: 'ncryptify:gemalto:admin:accounts:gemalto',
  created_at: '2026-12-06T10:00:00.000000Z',
  updated_at: '2026-12-06T10:00:01.000000Z',
  completed_at: null,
  revision: 0,
  ...overrides,
});

const cases: [string, ListedJob][] = [
  ['a job without targets', { job: job(), targets: [] }],
  [
    'a running job with two silent targets',
    {
      job: job(),
      targets: [
        { target_key: 'a', message: null },
        { target_key: 'b', message: null },
      ],
    },
  ],
  [
    'a finished, aborted job with some messages',
    {
      job: job({ overall_status: 'failed', abort: 1, completed_at: '2026-12-06T10:00:02.000000Z' }),
      targets: [
        { target_key: 'a', message: 'done' },
        { target_key: 'b', message: null },
        { target_key: 'c', message: 'refused' },
      ],
    },
  ],
  [
    'a target named twice, and keys that look like numbers or the prototype',
    {
      job: job({ overall_status: 'completed', completed_at: '2026-12-06T10:00:02.000000Z' }),
      targets: [
        { target_key: 'b', message: 'first' },
        { target_key: '10', message: 'ten' },
        { target_key: '__proto__', message: 'not a prototype' },
        { target_key: 'b', message: 'second' },
        { target_key: '2', message: null },
      ],
    },
  ],
  ['an SAP job', { job: job({ cloud: 'sap' }), targets: [{ target_key: 'group-1', message: 'ok' }] }],
];

describe('toSynchronizationJob', () => {
  test.each(cases)('when it maps %s, then it is the spread-built job, to the byte', (_name, stored) => {
    const mapped = toSynchronizationJob(stored);
    const expected = reference(stored);
    expect(mapped).toStrictEqual(expected);
    expect(JSON.stringify(mapped)).toBe(JSON.stringify(expected));
    expect(Object.getPrototypeOf((mapped as { detailed_status?: object }).detailed_status ?? {})).toBe(
      Object.prototype,
    );
  });

  test('when a job of the other cloud is mapped as one of this cloud, then it throws', () => {
    expect(() => toSapSynchronizationJob({ job: job(), targets: [] })).toThrow(/not an SAP job/);
    expect(() => toSfdcSynchronizationJob({ job: job({ cloud: 'sap' }), targets: [] })).toThrow(
      /not a Salesforce job/,
    );
  });
});
