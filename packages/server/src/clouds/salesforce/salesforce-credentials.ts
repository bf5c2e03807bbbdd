// What a Salesforce connection needs to log in, as the connector receives it from the credential
// resolver (which decrypts what the database stores). Two server-to-server OAuth 2.0 flows:
// - JWT bearer: a connected app with "Use digital signatures" (the certificate of `privateKeyPem`
//   uploaded), pre-approved for `username`; tokens from `loginUrl` (https://login.salesforce.com,
//   https://test.salesforce.com for sandboxes, or the My Domain URL);
// - client credentials: the consumer key and secret of an app with the flow enabled and a run-as
//   user; tokens from the org's My Domain (https://<MyDomain>.my.salesforce.com).
import type { ConnectionRef } from '../cloud-connectors.ts';

/** The REST API version the connector uses when the connection names none (Winter '25). */
export const DEFAULT_SALESFORCE_API_VERSION = '62.0';

interface SalesforceCredentialsBase {
  /** The connected app's consumer key. */
  clientId: string;
  /** REST API version, "NN.N" (TenantSecret exists from 34.0); default DEFAULT_SALESFORCE_API_VERSION. */
  apiVersion?: string;
}

export interface SalesforceJwtBearerCredentials extends SalesforceCredentialsBase {
  flow: 'jwt-bearer';
  /** Token endpoint origin and the assertion's `aud`, e.g. https://login.salesforce.com. */
  loginUrl: string;
  /** The Salesforce username the integration runs as (the assertion's `sub`). */
  username: string;
  /** RSA private key, PEM (PKCS#8 or PKCS#1), whose certificate the connected app holds. */
  privateKeyPem: string;
}

export interface SalesforceClientCredentials extends SalesforceCredentialsBase {
  flow: 'client-credentials';
  /** The org's My Domain URL, e.g. https://acme.my.salesforce.com. */
  myDomainUrl: string;
  clientSecret: string;
}

export type SalesforceCredentials = SalesforceJwtBearerCredentials | SalesforceClientCredentials;

/**
 * Gives the credentials of a connection. Throw a CloudError (e.g. "connection X has no Salesforce
 * credentials") for a connection that cannot log in, so that only its targets fail; any other error
 * is treated as an internal error by the callers.
 */
export type SalesforceCredentialResolver = (connection: ConnectionRef) => Promise<SalesforceCredentials>;
