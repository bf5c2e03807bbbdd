import { describe, expectTypeOf, test } from 'vitest';
import {
  type CckmClient,
  createCckmClient,
  type Problem,
  type SynchronizationJob,
  type TenantSecret,
} from '../src/index.ts';

const client: CckmClient = createCckmClient({ baseUrl: 'http://127.0.0.1:4010/api', token: 'x' });

describe('client typing', () => {
  test('when a sync names both organization_ids and synchronize_all, then it does not compile', () => {
    // @ts-expect-error exactly one of the two
    void client.createSfdcSynchronizationJob({
      organization_ids: ['00DB000000040bIMAQ'],
      synchronize_all: true,
    });
    // @ts-expect-error synchronize_all: false is not a request
    void client.createSfdcSynchronizationJob({ synchronize_all: false });
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
    expectTypeOf(created.data).toEqualTypeOf<SynchronizationJob | undefined>();
    expectTypeOf(created.error).toEqualTypeOf<Problem | undefined>();
    const deleted = await client.deleteSfdcTenantSecretBackup('id');
    expectTypeOf(deleted.data).toEqualTypeOf<TenantSecret | undefined>();
    for await (const job of client.iterateSfdcSynchronizationJobs())
      expectTypeOf(job).toEqualTypeOf<SynchronizationJob>();
    expectTypeOf(client.waitForJob).returns.resolves.toEqualTypeOf<SynchronizationJob>();
  });
});
