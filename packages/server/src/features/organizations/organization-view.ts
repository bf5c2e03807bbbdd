// A stored organization as the contract's SalesforceOrganization.
import type { SalesforceOrganization } from '@cckm/api-types';
import { resourceUri } from '../../core/resource-identity.ts';
import type { OrganizationRow } from '../../store/organization-repository.ts';

export function toSalesforceOrganization(row: OrganizationRow): SalesforceOrganization {
  return {
    id: row.id,
    uri: resourceUri('sfdc-organization', row.id),
    account: row.account,
    application: row.application,
    devAccount: row.dev_account,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    name: row.name,
    organization_id: row.organization_id,
    connection: row.connection_name,
    cloud_name: 'sfdc',
    type: row.type,
  };
}
