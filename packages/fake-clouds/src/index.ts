// @cckm/fake-clouds: HTTP fakes of the Salesforce and SAP Data Custodian APIs the connectors use.

export { selfSignedCertificate } from './certificate.ts';
export {
  type ConnectionCredentials,
  type DemoClouds,
  type FakeClouds,
  type FakeCloudsOptions,
  type SalesforceCredentialsWithUrls,
  startDemoClouds,
  startFakeClouds,
} from './fake-clouds.ts';
export {
  FAKE_ENDPOINTS,
  type FakeEndpoint,
  type FakeStats,
  type Fault,
  type FaultApi,
  type FaultHandle,
  type FaultRule,
  type HoldHandle,
} from './faults.ts';
export { caseSafeId } from './ids.ts';
export type { SalesforceFakeOptions, SalesforceSessions } from './salesforce/salesforce-fake.ts';
export type { SapFakeOptions, SapListing, SapSessions } from './sap/sap-fake.ts';
export {
  type GeneratedOrganization,
  type GeneratedSapTenant,
  generateOrganizations,
  generateSapTenant,
  generateSigningKeyPair,
  generateTenantSecrets,
  type SalesforceLogin,
  type SapLogin,
  SEED,
  type SeededLogins,
  seedFromSeedPages,
} from './seed.ts';
export {
  addConnectedApp,
  addOrganization,
  addSapGroup,
  addUser,
  type ConnectedApp,
  createFakeCloudState,
  type FakeCloudState,
  MANAGE_ENCRYPTION_KEYS,
  newClientId,
  newClientSecret,
  type SalesforceOrganization,
  type SalesforceUser,
  type SapGroup,
  type SapKey,
  type SapTechnicalUser,
  sapKey,
  type TenantSecret,
  tenantSecret,
} from './state.ts';
