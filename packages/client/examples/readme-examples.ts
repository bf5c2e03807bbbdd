// The code of the README's quick start, region by region; a test checks the README shows exactly
// these regions, and runs them against the mock. Edit here, then paste into the README.
import { CckmProblemError, CckmRequestError, CckmWaitError, createCckmClient, unwrap } from '@cckm/client';

export async function runReadmeExamples(baseUrl: string): Promise<Record<string, unknown>> {
  // #region create-client
  const client = createCckmClient({
    baseUrl, // e.g. https://cm.example.com/api, or http://127.0.0.1:4010/api for the mock
    getToken: async ({ reason }) => (reason === 'rejected' ? 'a-refreshed-token' : 'a-token'),
  });
  // #endregion

  // #region start-sfdc-sync
  const { data: job, error } = await client.createSfdcSynchronizationJob({ synchronize_all: true });
  if (error) throw new Error(`${error.title}: ${error.detail}`);
  // job.overall_status === 'in_progress'
  // #endregion

  // #region wait-for-job
  const finished = await client.waitForJob(job.id, {
    interval: 1_000,
    timeout: 60_000,
    onProgress: (current) => console.log(current.overall_status, current.detailed_status),
  });
  // #endregion

  // #region list-jobs
  const page = unwrap(
    await client.listSfdcSynchronizationJobs({
      organizations: ['2473e846-31a8-4ee6-8299-17025548b4e2'],
      overall_status: 'completed',
      sort: ['-createdAt'],
      limit: 50,
    }),
  );
  const everyCompletedJob: string[] = [];
  for await (const each of client.iterateSfdcSynchronizationJobs({ overall_status: 'completed' })) {
    everyCompletedJob.push(each.id); // pages through skip/limit until total
  }
  // #endregion

  // #region delete-backup
  try {
    const deleted = unwrap(await client.deleteSfdcTenantSecretBackup('912c7e4d-121e-42bc-ba28-33005cc665cf'));
    console.log(`backup of ${deleted.name} deleted`);
  } catch (problem) {
    if (problem instanceof CckmProblemError && problem.status === 409) console.log('not DESTROYED yet');
    else throw problem;
  }
  // #endregion

  // #region start-sap-sync
  const sapJob = unwrap(
    await client.createSapSynchronizationJob({
      groups: ['3e732d57-5ea1-491f-b238-9f4a39a9566f', '00RT000000060vKLOP'],
    }),
  );
  // #endregion

  // #region update-organization
  const organization = unwrap(
    await client.updateSfdcOrganization('2473e846-31a8-4ee6-8299-17025548b4e2', {
      connection: 'new-sfdc-connection',
    }),
  );
  // #endregion

  // #region handle-failures
  const attempt = await client.listSfdcSynchronizationJobs(
    { limit: 10 },
    { signal: AbortSignal.timeout(5_000) },
  );
  if (attempt.error instanceof CckmRequestError) {
    // No usable answer: attempt.error.kind is 'network', 'timeout', 'aborted' or 'invalid-response'
    console.log(`${attempt.error.title}: ${attempt.error.detail}`);
  } else if (attempt.error) {
    // The server answered with a problem (RFC 9457)
    console.log(`${attempt.error.title}: ${attempt.error.detail} (HTTP ${attempt.error.status})`);
  } else {
    console.log(`${attempt.data.total} jobs`);
  }
  // #endregion

  // #region sap-not-observable
  const sapWait = await client.waitForJob(sapJob).catch((stopped: unknown) => stopped);
  if (sapWait instanceof CckmWaitError) console.log(sapWait.kind); // 'not-observable', before any request
  // #endregion

  return { job, finished, page, everyCompletedJob, sapJob, organization, attempt, sapWait };
}
