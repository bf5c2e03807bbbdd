// What the server needs from the clouds, whatever talks to them (the Salesforce and SAP HTTP
// connectors under clouds/salesforce and clouds/sap). Every call is async, takes an AbortSignal,
// and lists come as pages (Salesforce SOQL gives up to 2,000 records per page; SAP pages its
// groups' keys).
import type { SalesforceTenantSecretParams } from '@cckm/api-types';
export interface ConnectionRef {
  id: string;
  name: string;
  /**
   * The connection's credentials as stored (settings in clear, the secret sealed), when the caller
   * read them with its own row in one query: the credential resolver opens these instead of reading
   * the connection again. Connectors pass the reference on and never look inside.
   */
  stored?: StoredConnectionCredentials;
}

export interface StoredConnectionCredentials {
  cloud: string;
  settings: string;
  sealedSecret: string | null;
}

/** A tenant secret as Salesforce's TenantSecret sObject reports it. */
export interface SalesforceTenantSecretRecord {
  Id: string;
  CreatedDate: string;
  CreatedById: string;
  LastModifiedDate: string;
  LastModifiedById: string;
  SystemModstamp: string;
  SecretValueHash: string;
  SecretValue: string;
  Version: number;
  Status: SalesforceTenantSecretParams['Status'];
  Source: SalesforceTenantSecretParams['Source'];
  Type: SalesforceTenantSecretParams['Type'];
  RemoteKeyCertificate: string | null;
  RemoteKeyServiceID: string | null;
  RemoteKeyIdentifier: string | null;
}

export interface SapKeyRecord {
  id: string;
  name: string;
  type: 'AES' | 'RSA';
  size: number;
  enabled: boolean;
  totalVersions: number;
}

export interface CallOptions {
  signal: AbortSignal;
}

export interface SalesforceConnector {
  /** The 18-character ID of the organization the connection logs in to. */
  identifyOrganization(connection: ConnectionRef, options: CallOptions): Promise<string>;
  /** Every tenant secret of the organization, page by page. */
  listTenantSecrets(
    connection: ConnectionRef,
    organizationId: string,
    options: CallOptions,
  ): AsyncIterable<SalesforceTenantSecretRecord[]>;
}

export interface SapConnector {
  /** Every key of the SAP Data Custodian group, page by page. */
  listKeys(connection: ConnectionRef, groupId: string, options: CallOptions): AsyncIterable<SapKeyRecord[]>;
}

export interface CloudConnectors {
  salesforce: SalesforceConnector;
  sap: SapConnector;
}

/** A failure reported by a cloud; its message is safe to show in a job's detailed_status. */
export class CloudError extends Error {
  override name = 'CloudError';
  /** True when the cloud gave no answer in time (the caller may retry later), not a refusal. */
  get timedOut(): boolean {
    return false;
  }
}
