// @cckm/client: a typed client for the CCKM contract, for Node.js 20+ and browsers.
export type {
  OverallStatus,
  Problem,
  ProblemFieldError,
  SalesforceOrganization,
  SapSynchronizationJobRequest,
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
  type TokenContext,
  unwrap,
  type WaitForJobOptions,
} from './client.ts';
export { CckmProblemError, CckmRequestError, type RequestFailure } from './errors.ts';
