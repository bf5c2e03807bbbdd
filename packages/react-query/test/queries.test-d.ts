// Typed end to end: what the bindings take and give is the contract's generated types, through
// the client; errors are the client's classes. Checked by tsc (vitest typecheck), never run.
import type {
  CckmProblemError,
  CckmRequestError,
  CckmWaitError,
  SalesforceOrganization,
  SfdcSynchronizationJob,
  SfdcSynchronizationJobRequest,
  SynchronizationJob,
  SynchronizationJobList,
} from '@cckm/client';
import { type InfiniteData, MutationObserver, QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expectTypeOf, test } from 'vitest';
import { type CckmQueries, type CckmQueryError, cckmKeys } from '../src/index.ts';

declare const cckm: CckmQueries;
const queryClient = new QueryClient();

describe('@cckm/react-query types', () => {
  test('queries give the contract’s types and fail with the client’s errors', () => {
    expectTypeOf(queryClient.getQueryData(cckm.listJobs().queryKey)).toEqualTypeOf<
      SynchronizationJobList | undefined
    >();
    const watched = new QueryObserver(queryClient, cckm.watchJob('id')).getCurrentResult();
    expectTypeOf(watched.data).toEqualTypeOf<SynchronizationJob | undefined>();
    expectTypeOf(watched.error).toEqualTypeOf<CckmProblemError | CckmRequestError | CckmWaitError | null>();
    expectTypeOf(queryClient.getQueryData(cckm.infiniteJobs().queryKey)).toEqualTypeOf<
      InfiniteData<SynchronizationJobList, unknown> | undefined
    >();
    // @ts-expect-error sort keys come from the contract
    cckm.listJobs({ sort: 'name' });
    // @ts-expect-error so do statuses
    cckm.listJobs({ overall_status: 'done' });
    expectTypeOf(cckmKeys.watch('x')).toEqualTypeOf<readonly ['cckm', 'watchJob', string]>();
  });

  test('mutations take the request bodies and give the responses of the contract', () => {
    const sync = new MutationObserver(queryClient, cckm.createSfdcSynchronizationJob());
    expectTypeOf(sync.mutate).parameter(0).toEqualTypeOf<SfdcSynchronizationJobRequest>();
    expectTypeOf(sync.getCurrentResult().data).toEqualTypeOf<SfdcSynchronizationJob | undefined>();
    expectTypeOf(sync.getCurrentResult().error).toEqualTypeOf<CckmQueryError | null>();
    // @ts-expect-error exactly one of organization_ids and synchronize_all
    void sync.mutate({ organization_ids: ['00DB000000040bIMAQ'], synchronize_all: true });
    const update = new MutationObserver(queryClient, cckm.updateSfdcOrganization());
    expectTypeOf(update.getCurrentResult().data).toEqualTypeOf<SalesforceOrganization | undefined>();
    // @ts-expect-error the body is the contract's UpdateOrganizationRequest
    void update.mutate({ id: 'x', body: { connection_name: 'new-sfdc-connection' } });
  });
});
