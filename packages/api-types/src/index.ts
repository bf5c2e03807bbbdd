// The contract in TypeScript: generated types (src/generated/, never edited by hand) plus a few
// aliases that name them. Aliases only index the generated types; nothing here is hand-copied.
import type { components, operations, paths } from './generated/schema.ts';

export {
  type ContractDocument,
  type ContractExample,
  type ContractOperation,
  contractOperations,
  type HttpMethod,
} from './contract-document.ts';
export { openapiDocument } from './generated/openapi-document.ts';
export type { components, operations, paths };

type Schemas = components['schemas'];

export type SynchronizationJob = Schemas['SynchronizationJob'];
export type SynchronizationJobList = Schemas['SynchronizationJobList'];
export type OverallStatus = Schemas['OverallStatus'];
export type TenantSecret = Schemas['TenantSecret'];
export type SalesforceTenantSecretParams = Schemas['SalesforceTenantSecretParams'];
export type SalesforceOrganization = Schemas['SalesforceOrganization'];
export type UpdateOrganizationRequest = Schemas['UpdateOrganizationRequest'];
export type Problem = Schemas['Problem'];
export type ProblemFieldError = Schemas['ProblemFieldError'];

/**
 * The spec says "exactly one of" with a oneOf that openapi-typescript cannot express (it emits
 * both fields optional). These aliases restate it as an exclusive union built from the generated
 * field types, so `{ organization_ids, synchronize_all }` together does not compile.
 */
type ExactlyOne<T, A extends keyof T, B extends keyof T> =
  | ({ [K in A]-?: NonNullable<T[K]> } & { [K in B]?: never })
  | ({ [K in B]-?: NonNullable<T[K]> } & { [K in A]?: never });

export type SfdcSynchronizationJobRequest = ExactlyOne<
  Schemas['SfdcSynchronizationJobRequest'],
  'organization_ids',
  'synchronize_all'
>;
export type SapSynchronizationJobRequest = ExactlyOne<
  Schemas['SapSynchronizationJobRequest'],
  'groups',
  'synchronize_all'
>;

export type ListSfdcSynchronizationJobsQuery = NonNullable<
  operations['listSfdcSynchronizationJobs']['parameters']['query']
>;
/** One sort key as the `sort` parameter's pattern allows it, e.g. `-createdAt`. */
export type SynchronizationJobSortField = 'createdAt' | 'updatedAt' | 'completed_at' | 'overall_status';
export type SynchronizationJobSortKey = SynchronizationJobSortField | `-${SynchronizationJobSortField}`;

/** The operationIds of the contract. */
export type OperationId = keyof operations;
