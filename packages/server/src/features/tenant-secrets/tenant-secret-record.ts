// How a TenantSecret record read from Salesforce becomes the key manager's stored row: the one
// mapping, used by synchronization and by the demo data alike.
import type { SalesforceTenantSecretRecord } from '../../clouds/cloud-connectors.ts';
import { ACCOUNT } from '../../core/resource-identity.ts';
import type { TenantSecretRow } from '../../store/tenant-secret-repository.ts';
import type { StoredParams } from './tenant-secret-view.ts';

/** Salesforce's Source picklist, as the key manager's `origin`. */
const ORIGINS: Readonly<Record<string, TenantSecretRow['origin']>> = {
  HSM: 'native',
  UPLOADED: 'byok',
  REMOTE: 'cache_only',
};

export interface OwningOrganization {
  /** The key manager's resource ID of the organization. */
  id: string;
  domain_id: string;
  /** The 18-character Salesforce org ID. */
  organization_id: string;
}

export function toTenantSecretRow(
  record: SalesforceTenantSecretRecord,
  organization: OwningOrganization,
  row: { id: string; now: string },
): TenantSecretRow {
  return {
    id: row.id,
    domain_id: organization.domain_id,
    organization_id: organization.id,
    salesforce_id: record.Id,
    name: `${organization.organization_id}-${record.Type}`,
    account: ACCOUNT,
    status: record.Status,
    secret_type: record.Type,
    sfdc_params: JSON.stringify(toStoredParams(record)),
    backup_value: record.SecretValue,
    error_msg: '',
    auto_rotate: 0,
    // A Source Salesforce adds later: the secret still lives in Salesforce's own key store.
    origin: ORIGINS[record.Source] ?? 'native',
    gone: 0,
    backup_deleted_at: null,
    created_at: row.now,
    updated_at: row.now,
  };
}

function toStoredParams(record: SalesforceTenantSecretRecord): StoredParams {
  return {
    SalesforceID: record.Id,
    CreatedDate: record.CreatedDate,
    CreatedById: record.CreatedById,
    LastModifiedDate: record.LastModifiedDate,
    LastModifiedById: record.LastModifiedById,
    SystemModstamp: record.SystemModstamp,
    SecretValueHash: record.SecretValueHash,
    Version: record.Version,
    Status: record.Status,
    Source: record.Source,
    Type: record.Type,
    RemoteKeyCertificate: record.RemoteKeyCertificate ?? '',
    RemoteKeyServiceID: record.RemoteKeyServiceID ?? '',
    RemoteKeyIdentifier: record.RemoteKeyIdentifier ?? '',
  };
}
