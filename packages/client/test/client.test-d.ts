import { describe, expectTypeOf, test } from 'vitest';
import {
  type CckmClient,
  CckmRequestError,
  createCckmClient,
  type Problem,
  type paths,
  type SapSynchronizationJob,
  type SfdcSynchronizationJob,
  type SynchronizationJob,
  type TenantSecret,
} from '../src/index.ts';

const client: CckmClient = createCckmClient({ baseUrl: 'http://127.0.0.1:4010/api', token: 'x' });

describe('client typing', () => {
  test('when a sync names both organization_ids and synchronize_all, then it does not compile', () => {
    void client.createSfdcSynchronizationJob({
      // @ts-expect-error a list and synchronize_all: true together
      organization_ids: ['00DB000000040bIMAQ'],
      synchronize_all: true,
    });
    // @ts-expect-error synchronize_all: false without a list names nothing
    void client.createSfdcSynchronizationJob({ synchronize_all: false });
    // A list with synchronize_all: false (what many generated clients send) is a request.
    void client.createSfdcSynchronizationJob({
      organization_ids: ['00DB000000040bIMAQ'],
      synchronize_all: false,
    });
    // @ts-expect-error an empty object names neither
    void client.createSapSynchronizationJob({});
    void client.createSapSynchronizationJob({ groups: ['00RT000000060vKLOP'] });
  });

  test('when a body has an unknown field, then it does not compile', () => {
    // @ts-expect-error dry_run is not in the contract
    void client.createSfdcSynchronizationJob({ synchronize_all: true, dry_run: true });
    // @ts-expect-error name is not in the contract
    void client.updateSfdcOrganization('id', { connection: 'c', name: 'n' });
  });

  test('when sort names an unknown field, then it does not compile', () => {
    void client.listSfdcSynchronizationJobs({ sort: ['-createdAt', 'overall_status'] });
    // @ts-expect-error name is not a sortable field
    void client.listSfdcSynchronizationJobs({ sort: 'name' });
    // @ts-expect-error + is not a direction
    void client.listSfdcSynchronizationJobs({ sort: '+createdAt' });
    // @ts-expect-error the status enum has no "in progress"
    void client.listSfdcSynchronizationJobs({ overall_status: 'in progress' });
  });

  test('when results come back, then data and error are the contract types', async () => {
    const created = await client.createSfdcSynchronizationJob({ synchronize_all: true });
    // openapi-fetch maps the body through Readable<>: the same type, spelt out (assignable both ways).
    expectTypeOf(created.data).toMatchTypeOf<SfdcSynchronizationJob | undefined>();
    expectTypeOf<SfdcSynchronizationJob | undefined>().toMatchTypeOf(created.data);
    // Each operation answers its own job: a Salesforce job has kms, an SAP job groups.
    if (created.data) expectTypeOf(created.data.kms).toEqualTypeOf<string[]>();
    const sap = await client.createSapSynchronizationJob({ synchronize_all: true });
    expectTypeOf(sap.data).toMatchTypeOf<SapSynchronizationJob | undefined>();
    if (sap.data) expectTypeOf(sap.data.groups).toEqualTypeOf<string[]>();
    // Each status has its problem type (a 409 carries job_id); all are Problems.
    expectTypeOf(created.error).toMatchTypeOf<Problem | CckmRequestError | undefined>();
    expectTypeOf(created.response).toEqualTypeOf<Response | undefined>();
    const deleted = await client.deleteSfdcTenantSecretBackup('id');
    expectTypeOf(deleted.data).toEqualTypeOf<TenantSecret | undefined>();
    for await (const job of client.iterateSfdcSynchronizationJobs())
      expectTypeOf(job).toEqualTypeOf<SynchronizationJob>();
    expectTypeOf(client.waitForJob).returns.resolves.toEqualTypeOf<SynchronizationJob>();
  });

  test('when error is checked, then data is narrowed, and a request error is told apart from a problem', async () => {
    const { data, error, response } = await client.createSfdcSynchronizationJob({ synchronize_all: true });
    if (error) {
      // Both kinds have a title and a detail to show.
      expectTypeOf(error.title).toEqualTypeOf<string>();
      if (error instanceof CckmRequestError) {
        expectTypeOf(error.kind).toEqualTypeOf<'network' | 'timeout' | 'aborted' | 'invalid-response'>();
      } else {
        expectTypeOf(error).toMatchTypeOf<Problem>();
        expectTypeOf(error.request_id).toEqualTypeOf<string>();
      }
      return;
    }
    // Once error is ruled out, there was an answer with data.
    expectTypeOf(data).toMatchTypeOf<SfdcSynchronizationJob>();
    expectTypeOf(response).toEqualTypeOf<Response>();
  });

  test('when error is not checked, then response may be missing', async () => {
    const result = await client.listSfdcSynchronizationJobs();
    // @ts-expect-error no response when no answer came: check error (or response) first
    void result.response.status;
  });

  test('when waitForJob is called, then it takes an ID or a job (with its cloud)', () => {
    void client.waitForJob('c8d2f27b-fb4f-4557-b63c-00d4a1439c4a');
    void client.waitForJob({ id: 'c8d2f27b-fb4f-4557-b63c-00d4a1439c4a', cloud: 'sap' });
    // @ts-expect-error a job without its cloud cannot be told observable or not
    void client.waitForJob({ id: 'c8d2f27b-fb4f-4557-b63c-00d4a1439c4a' });
  });

  test('when the contract types are needed, then they come from the client package', () => {
    type ListResponse =
      paths['/v1/cckm/sfdc/keys/synchronization-jobs']['get']['responses'][200]['content']['application/json'];
    expectTypeOf<ListResponse['resources'][number]>().toEqualTypeOf<SfdcSynchronizationJob>();
  });
});
