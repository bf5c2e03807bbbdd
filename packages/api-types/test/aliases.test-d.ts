import { describe, expectTypeOf, test } from 'vitest';
import type {
  components,
  Problem,
  SapSynchronizationJobRequest,
  SfdcSynchronizationJobRequest,
  SynchronizationJob,
  TenantSecret,
} from '../src/index.ts';

const job: SynchronizationJob = {
  id: 'c8d2f27b-fb4f-4557-b63c-00d4a1439c4a',
  uri: 'kylo:kylo:cckm:synchronize:c8d2f27b-fb4f-4557-b63c-00d4a1439c4a',
  account: 'kylo:kylo:admin:accounts:kylo',
  application: 'ncryptify:gemalto:admin:apps:kylo',
  devAccount: 'ncryptify:gemalto:admin:accounts:gemalto',
  createdAt: '2021-07-27T03:06:20.002297124Z',
  updatedAt: '2021-07-27T03:06:20.006691656Z',
  overall_status: 'in_progress',
  cloud: 'sfdc',
  kms: ['00DB000000040bIMAQ'],
  abort: false,
};

describe('api-types aliases', () => {
  test('when a SynchronizationJob lacks id, then it does not compile', () => {
    const { id: _id, ...withoutId } = job;
    // @ts-expect-error id is required by the spec
    const invalid: SynchronizationJob = withoutId;
    expectTypeOf(invalid).toEqualTypeOf<SynchronizationJob>();
  });

  test('when overall_status is the seed erratum "in progress", then it does not compile', () => {
    // @ts-expect-error the enum is in_progress | completed | failed
    const invalid: SynchronizationJob = { ...job, overall_status: 'in progress' };
    expectTypeOf(invalid.overall_status).toEqualTypeOf<'in_progress' | 'completed' | 'failed'>();
  });

  test('when aliases are compared with the generated schemas, then they are the same types', () => {
    expectTypeOf<SynchronizationJob>().toEqualTypeOf<components['schemas']['SynchronizationJob']>();
    expectTypeOf<TenantSecret>().toEqualTypeOf<components['schemas']['TenantSecret']>();
    expectTypeOf<Problem>().toEqualTypeOf<components['schemas']['Problem']>();
    expectTypeOf<TenantSecret['sfdc_params']['Status']>().toEqualTypeOf<
      'ACTIVE' | 'ARCHIVED' | 'DESTROYED'
    >();
  });

  test('when a sync request names both organization_ids and synchronize_all, then it does not compile', () => {
    expectTypeOf<{ synchronize_all: true }>().toExtend<SfdcSynchronizationJobRequest>();
    expectTypeOf<{ organization_ids: string[] }>().toExtend<SfdcSynchronizationJobRequest>();
    expectTypeOf<{
      organization_ids: string[];
      synchronize_all: true;
    }>().not.toExtend<SfdcSynchronizationJobRequest>();
    expectTypeOf<{ synchronize_all: false }>().not.toExtend<SfdcSynchronizationJobRequest>();
    expectTypeOf<Record<string, never>>().not.toExtend<SfdcSynchronizationJobRequest>();
    expectTypeOf<{ groups: string[]; synchronize_all: true }>().not.toExtend<SapSynchronizationJobRequest>();
  });
});
