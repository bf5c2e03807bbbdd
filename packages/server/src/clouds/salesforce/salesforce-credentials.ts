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
  /**
   * Domains the token answer's `instance_url` must be under (`salesforce.com` allows
   * `acme.my.salesforce.com`); replaces the server's SALESFORCE_INSTANCE_DOMAINS for this connection.
   */
  instanceDomains?: string[];
}

export interface SalesforceJwtBearerCredentials extends SalesforceCredentialsBase {
  flow: 'jwt-bearer';
  /** Token endpoint origin, e.g. https://login.salesforce.com or the org's My Domain URL. */
  loginUrl: string;
  /**
   * The assertion's `aud`: https://login.salesforce.com for production and developer orgs,
   * https://test.salesforce.com for sandboxes, or an Experience Cloud site URL. Never the My
   * Domain URL, which Salesforce refuses ("audience is invalid"). Default: defaultAudience(loginUrl).
   */
  audience?: string;
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

export const PRODUCTION_AUDIENCE = 'https://login.salesforce.com';
export const SANDBOX_AUDIENCE = 'https://test.salesforce.com';

/**
 * The JWT audience Salesforce expects for a login URL, when the connection names none: the sandbox
 * audience for test.salesforce.com and sandbox My Domains (`<name>--<sandbox>.sandbox.my.salesforce.com`),
 * the production one otherwise (help.salesforce.com, "OAuth 2.0 JWT Bearer Flow for Server-to-Server
 * Integration": `aud` is login.salesforce.com, test.salesforce.com or an Experience Cloud site URL).
 */
export function defaultAudience(loginUrl: string): string {
  let host = '';
  try {
    host = new URL(loginUrl).hostname.toLowerCase();
  } catch {
    return PRODUCTION_AUDIENCE;
  }
  return host === 'test.salesforce.com' || host.endsWith('.sandbox.my.salesforce.com')
    ? SANDBOX_AUDIENCE
    : PRODUCTION_AUDIENCE;
}

/**
 * Gives the credentials of a connection. Throw a CloudError (e.g. "connection X has no Salesforce
 * credentials") for a connection that cannot log in, so that only its targets fail; any other error
 * is treated as an internal error by the callers.
 */
export type SalesforceCredentialResolver = (connection: ConnectionRef) => Promise<SalesforceCredentials>;
