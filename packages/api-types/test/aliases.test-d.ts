// The generated types alone (no hand-written ExactlyOne) must be exact: the job is one of two
// shapes by `cloud`, a sync body is exactly one of its two complete shapes, a bad sort key or an
// unknown field does not compile, and each response knows its problem types.
import { describe, expectTypeOf, test } from 'vitest';
import type {
  components,
  operations,
  Problem,
  SapSynchronizationJobRequest,
  SfdcSynchronizationJobRequest,
  SynchronizationJob,
  SynchronizationJobSortField,
  SynchronizationJobSortKey,
  TenantSecret,
} from '../src/index.ts';

type Schemas = components['schemas'];

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

type ListQuery = NonNullable<operations['listSfdcSynchronizationJobs']['parameters']['query']>;

describe('generated types', () => {
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

  test('when a job is narrowed by cloud, then kms and groups are required on their side', () => {
    const lists = (value: SynchronizationJob): string[] =>
      value.cloud === 'sfdc' ? value.kms : value.groups;
    expectTypeOf(lists).returns.toEqualTypeOf<string[]>();
    // @ts-expect-error a Salesforce job needs kms
    const noKms: SynchronizationJob = { ...job, kms: undefined };
    // @ts-expect-error an SAP job needs groups, not kms
    const sapWithKms: SynchronizationJob = { ...job, cloud: 'sap' };
    expectTypeOf(noKms).toEqualTypeOf(sapWithKms);
  });

  test('when aliases are compared with the generated schemas, then they are the same types', () => {
    expectTypeOf<SynchronizationJob>().toEqualTypeOf<Schemas['SynchronizationJob']>();
    expectTypeOf<TenantSecret>().toEqualTypeOf<Schemas['TenantSecret']>();
    expectTypeOf<Problem>().toEqualTypeOf<Schemas['Problem']>();
    expectTypeOf<SfdcSynchronizationJobRequest>().toEqualTypeOf<Schemas['SfdcSynchronizationJobRequest']>();
    expectTypeOf<SapSynchronizationJobRequest>().toEqualTypeOf<Schemas['SapSynchronizationJobRequest']>();
  });

  test('when Salesforce adds a picklist value, then a tenant secret still compiles with it', () => {
    expectTypeOf<'SOME_FUTURE_STATUS'>().toExtend<TenantSecret['sfdc_params']['Status']>();
    expectTypeOf<'Quantum'>().toExtend<TenantSecret['sfdc_params']['Type']>();
    expectTypeOf<'HSM'>().toExtend<TenantSecret['sfdc_params']['Source']>();
  });

  test('when a Salesforce sync body is written, then exactly one of its two shapes compiles', () => {
    const byList: SfdcSynchronizationJobRequest = { organization_ids: ['00DB000000040bIMAQ'] };
    const byListFalse: SfdcSynchronizationJobRequest = {
      organization_ids: ['00DB000000040bIMAQ'],
      synchronize_all: false,
    };
    const all: SfdcSynchronizationJobRequest = { synchronize_all: true };
    const org = '00DB000000040bIMAQ';
    // @ts-expect-error both a list and synchronize_all: true
    const both: SfdcSynchronizationJobRequest = { organization_ids: [org], synchronize_all: true };
    // @ts-expect-error neither field
    const neither: SfdcSynchronizationJobRequest = {};
    // @ts-expect-error synchronize_all: false alone names nothing
    const falseAlone: SfdcSynchronizationJobRequest = { synchronize_all: false };
    // @ts-expect-error a misspelt field
    const misspelt: SfdcSynchronizationJobRequest = { synchronise_all: true };
    expectTypeOf([
      byList,
      byListFalse,
      all,
      both,
      neither,
      falseAlone,
      misspelt,
    ]).items.toEqualTypeOf<SfdcSynchronizationJobRequest>();
  });

  test('when an SAP sync body is written, then exactly one of its two shapes compiles', () => {
    const byGroups: SapSynchronizationJobRequest = { groups: ['00RT000000060vKLOP'], synchronize_all: false };
    // @ts-expect-error both groups and synchronize_all: true
    const both: SapSynchronizationJobRequest = { groups: ['00RT000000060vKLOP'], synchronize_all: true };
    // @ts-expect-error an unknown field
    const unknown: SapSynchronizationJobRequest = { groups: ['00RT000000060vKLOP'], dryRun: true };
    expectTypeOf([byGroups, both, unknown]).items.toEqualTypeOf<SapSynchronizationJobRequest>();
  });

  test('when a sort key is written, then only the eight keys compile', () => {
    const sort: ListQuery['sort'] = ['-createdAt', 'overall_status'];
    // @ts-expect-error not a sort field
    const badKey: ListQuery['sort'] = ['name'];
    // @ts-expect-error a comma-joined string is not the list
    const joined: ListQuery['sort'] = '-createdAt,updatedAt';
    expectTypeOf([sort, badKey, joined]).items.toEqualTypeOf<ListQuery['sort']>();
    expectTypeOf<SynchronizationJobSortField>().toEqualTypeOf<
      'createdAt' | 'updatedAt' | 'completed_at' | 'overall_status'
    >();
    expectTypeOf<`-${SynchronizationJobSortField}`>().toExtend<SynchronizationJobSortKey>();
  });

  test('when a response problem is read, then its type is one of the kinds the response documents', () => {
    type Conflict =
      operations['createSfdcSynchronizationJob']['responses']['409']['content']['application/problem+json'];
    expectTypeOf<
      Conflict['type']
    >().toEqualTypeOf<'tag:cckm-contract.github.io,2026:problem:sync-job-running'>();
    expectTypeOf<Conflict['job_id']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Conflict['request_id']>().toEqualTypeOf<string>();
    type Unprocessable =
      operations['updateSfdcOrganization']['responses']['422']['content']['application/problem+json'];
    expectTypeOf<Unprocessable['type']>().toEqualTypeOf<
      | 'tag:cckm-contract.github.io,2026:problem:connection-not-found'
      | 'tag:cckm-contract.github.io,2026:problem:connection-not-salesforce'
      | 'tag:cckm-contract.github.io,2026:problem:connection-cannot-reach-organization'
    >();
  });
});
