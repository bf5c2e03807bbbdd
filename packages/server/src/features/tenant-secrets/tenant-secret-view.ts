// A stored tenant secret as the contract's TenantSecret (its backup back in sfdc_params).
import type { SalesforceTenantSecretParams, TenantSecret } from '@cckm/api-types';
import { resourceUri } from '../../core/resource-identity.ts';
import type { TenantSecretRow } from '../../store/tenant-secret-repository.ts';

export type StoredParams = Omit<SalesforceTenantSecretParams, 'SecretValue'>;

export function toTenantSecret(row: TenantSecretRow, sfdcOrgId: string): TenantSecret {
  const params = JSON.parse(row.sfdc_params) as StoredParams;
  return {
    id: row.id,
    uri: resourceUri('Tenant_Secret', row.id),
    account: row.account,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    cloud_name: 'sfdc',
    name: row.name,
    organization_id: row.organization_id,
    error_msg: row.error_msg,
    sfdc_params: { ...params, SecretValue: row.backup_value },
    sfdc_org_id: sfdcOrgId,
    auto_rotate: row.auto_rotate === 1,
    origin: row.origin,
  };
}
