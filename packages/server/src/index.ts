// @cckm/server: build the service in-process (tests, embedding, benchmarks) or run `cckm-server`.
export { type AppDeps, createApp, createContractApp, type Services } from './app.ts';
export {
  type CallOptions,
  type CloudConnectors,
  CloudError,
  type ConnectionRef,
  type SalesforceConnector,
  type SalesforceTenantSecretRecord,
  type SapConnector,
  type SapKeyRecord,
} from './clouds/cloud-connectors.ts';
export type { RetryEvent } from './clouds/http/cloud-http.ts';
export type { SalesforceCredentials } from './clouds/salesforce/salesforce-credentials.ts';
export type { SapCredentials } from './clouds/sap/sap-connector.ts';
export { type Config, ConfigError, loadConfig, settings } from './config.ts';
export { createConnectionAdmin, type NewConnection } from './connections/connection-admin.ts';
export {
  sealSalesforceCredentials,
  sealSapCredentials,
} from './connections/connection-credentials.ts';
export { type Clock, formatMicros, type IdGenerator, systemClock } from './core/clock.ts';
export { entityTag, noneMatchNames } from './core/entity-tags.ts';
export type { Identity } from './core/identity.ts';
export { ProblemError, type ProblemKind } from './core/problem.ts';
export { createSecretBox, type SecretBox } from './core/secret-box.ts';
export {
  type Db,
  migrateToLatest,
  OPTIMIZE_EVERY_MS,
  openDatabase,
  openReadDatabase,
} from './db/database.ts';
export type { Database } from './db/schema.ts';
export { DEMO, DEMO_DOMAIN_ID, type DemoCredentials, demoSalesforceSecrets } from './demo/demo-data.ts';
export { type DemoServer, type DemoServerOptions, startDemoServer } from './demo-server.ts';
export { createTokenVerifier, type TokenVerifier } from './http/auth.ts';
export { PERMISSIONS } from './http/contract.ts';
export {
  appMessageClasses,
  type BoundPort,
  bindPort,
  createHttpServer,
  type Listening,
  listen,
  PortInUseError,
} from './http/http-server.ts';
export { createLogger, type Logger } from './logger.ts';
export { createRuntime, type Runtime, type RuntimeOverrides } from './runtime.ts';
export { createStore, type Store } from './store/store.ts';
export { mintToken, type TokenClaims } from './tokens.ts';
