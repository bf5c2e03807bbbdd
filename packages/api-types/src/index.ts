// The contract in TypeScript: generated types (src/generated/, never edited by hand) plus a few
// aliases that name them. Aliases index the generated types; the one exception is marked.
import type { components, operations, paths } from './generated/schema.ts';

export {
  type ContractDocument,
  type ContractExample,
  type ContractOperation,
  contractOperations,
  type HttpMethod,
} from './contract-document.ts';
export { openapiDocument } from './generated/openapi-document.ts';
export {
  type BodyAlternative,
  bodyAlternatives,
  MAX_LISTED_ERRORS,
  validationErrors,
} from './validation-problem.ts';
export type { components, operations, paths };

type Schemas = components['schemas'];

export type SynchronizationJob = Schemas['SynchronizationJob'];
export type SfdcSynchronizationJob = Schemas['SfdcSynchronizationJob'];
export type SapSynchronizationJob = Schemas['SapSynchronizationJob'];
export type SynchronizationJobList = Schemas['SynchronizationJobList'];
export type OverallStatus = Schemas['OverallStatus'];
export type TenantSecret = Schemas['TenantSecret'];
export type SalesforceOrganization = Schemas['SalesforceOrganization'];
export type UpdateOrganizationRequest = Schemas['UpdateOrganizationRequest'];
export type Problem = Schemas['Problem'];
export type ProblemFieldError = Schemas['ProblemFieldError'];
export type SyncJobRunningProblem = Schemas['SyncJobRunningProblem'];

/** Exactly one of `organization_ids` (with `synchronize_all` absent or false) or `synchronize_all: true`. */
export type SfdcSynchronizationJobRequest = Schemas['SfdcSynchronizationJobRequest'];
/** Exactly one of `groups` (with `synchronize_all` absent or false) or `synchronize_all: true`. */
export type SapSynchronizationJobRequest = Schemas['SapSynchronizationJobRequest'];

/**
 * The tenant secret's Salesforce parameters. `Status`, `Source` and `Type` are Salesforce's
 * picklists, which Salesforce may extend: a value this release does not name is still a string.
 */
export type SalesforceTenantSecretParams = Schemas['SalesforceTenantSecretParams'];

export type ListSfdcSynchronizationJobsQuery = NonNullable<
  operations['listSfdcSynchronizationJobs']['parameters']['query']
>;
/** One sort key as the `sort` parameter takes it, e.g. `-createdAt`. */
export type SynchronizationJobSortKey = Schemas['SynchronizationJobSortKey'];
/** A sort key without its direction. */
export type SynchronizationJobSortField = Exclude<SynchronizationJobSortKey, `-${string}`>;

/** The operationIds of the contract. */
export type OperationId = keyof operations;
