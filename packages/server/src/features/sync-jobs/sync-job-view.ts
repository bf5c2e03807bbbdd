// A stored job as the contract's SynchronizationJob. Every list page maps each of its jobs through
// here, so the job is written out field by field in the contract's order, without spreads or
// intermediate arrays: the same object, and so the same JSON bytes, as a spread-built one, for
// less than half of its cost (test/features/sync-jobs/sync-job-view.test.ts checks both).
import type { SapSynchronizationJob, SfdcSynchronizationJob, SynchronizationJob } from '@cckm/api-types';
import { resourceUri } from '../../core/resource-identity.ts';
import type { ListedJob } from '../../store/sync-job-repository.ts';

export function toSynchronizationJob({ job, targets }: ListedJob): SynchronizationJob {
  const keys: string[] = new Array(targets.length);
  let detailed: Record<string, string> | undefined;
  for (let i = 0; i < targets.length; i += 1) {
    const target = targets[i] as ListedJob['targets'][number];
    keys[i] = target.target_key;
    if (target.message !== null) {
      detailed ??= {};
      // As Object.fromEntries would: an own property even under this name, never the prototype.
      if (target.target_key === '__proto__')
        Object.defineProperty(detailed, '__proto__', {
          value: target.message,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else detailed[target.target_key] = target.message;
    }
  }
  // Keys are added in the contract's order, the optional ones only when present.
  const result: Record<string, unknown> = {
    id: job.id,
    uri: resourceUri('synchronize', job.id),
    account: job.account,
    application: job.application,
    devAccount: job.dev_account,
    createdAt: job.created_at,
    updatedAt: job.updated_at,
  };
  if (job.completed_at) result.completed_at = job.completed_at;
  result.overall_status = job.overall_status;
  if (detailed !== undefined) result.detailed_status = detailed;
  result.abort = job.abort === 1;
  // The contract's job is one of two shapes, selected by `cloud`.
  if (job.cloud === 'sfdc') {
    result.cloud = 'sfdc';
    result.kms = keys;
  } else {
    result.cloud = 'sap';
    result.groups = keys;
  }
  return result as unknown as SynchronizationJob;
}

/** A stored Salesforce job as the Salesforce operations answer it (their 201 and list items). */
export function toSfdcSynchronizationJob(stored: ListedJob): SfdcSynchronizationJob {
  const job = toSynchronizationJob(stored);
  if (job.cloud !== 'sfdc') throw new Error(`Job ${job.id} is not a Salesforce job`);
  return job;
}

/** A stored SAP job as the SAP operation's 201 answers it. */
export function toSapSynchronizationJob(stored: ListedJob): SapSynchronizationJob {
  const job = toSynchronizationJob(stored);
  if (job.cloud !== 'sap') throw new Error(`Job ${job.id} is not an SAP job`);
  return job;
}
