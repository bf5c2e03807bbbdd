// A stored job as the contract's SynchronizationJob.
import type { SapSynchronizationJob, SfdcSynchronizationJob, SynchronizationJob } from '@cckm/api-types';
import { resourceUri } from '../../core/resource-identity.ts';
import type { JobWithTargets } from '../../store/sync-job-repository.ts';

export function toSynchronizationJob({ job, targets }: JobWithTargets): SynchronizationJob {
  const keys = targets.map((target) => target.target_key);
  const reported = targets.filter((target) => target.message !== null);
  const common = {
    id: job.id,
    uri: resourceUri('synchronize', job.id),
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
  // The contract's job is one of two shapes, selected by `cloud`.
  return job.cloud === 'sfdc'
    ? { ...common, cloud: 'sfdc', kms: keys }
    : { ...common, cloud: 'sap', groups: keys };
}

/** A stored Salesforce job as the Salesforce operations answer it (their 201 and list items). */
export function toSfdcSynchronizationJob(stored: JobWithTargets): SfdcSynchronizationJob {
  const job = toSynchronizationJob(stored);
  if (job.cloud !== 'sfdc') throw new Error(`Job ${job.id} is not a Salesforce job`);
  return job;
}

/** A stored SAP job as the SAP operation's 201 answers it. */
export function toSapSynchronizationJob(stored: JobWithTargets): SapSynchronizationJob {
  const job = toSynchronizationJob(stored);
  if (job.cloud !== 'sap') throw new Error(`Job ${job.id} is not an SAP job`);
  return job;
}
