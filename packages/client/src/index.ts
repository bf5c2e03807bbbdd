// @cckm/client: a typed client for the CCKM contract, for Node.js 20+ and browsers (ESM only).
// The contract's own types (paths, components, operations) are re-exported, so a consumer needs
// nothing else.
export type {
  components,
  OperationId,
  OverallStatus,
  operations,
  Problem,
  ProblemFieldError,
  paths,
  SalesforceOrganization,
  SapSynchronizationJob,
  SapSynchronizationJobRequest,
  SfdcSynchronizationJob,
  SfdcSynchronizationJobRequest,
  SynchronizationJob,
  SynchronizationJobList,
  SynchronizationJobSortKey,
  TenantSecret,
  UpdateOrganizationRequest,
} from '@cckm/api-types';
export {
  type CallOptions,
  type CckmClient,
  type CckmClientOptions,
  createCckmClient,
  type JobFilter,
  type JobListQuery,
  type RequestFailed,
  type TokenContext,
  unwrap,
  type WaitForJobOptions,
} from './client.ts';
export {
  CckmProblemError,
  CckmRequestError,
  CckmWaitError,
  type RequestFailure,
  type WaitFailure,
} from './errors.ts';
