// @cckm/server: build the service in-process (tests, embedding) or run `cckm-server`.
export { type AppDeps, createApp } from './app.ts';
export { type Clock, formatMicros, type IdGenerator, systemClock } from './clock.ts';
export * from './clouds/cloud-connectors.ts';
export * from './clouds/sandbox/sandbox-clouds.ts';
export { type Config, ConfigError, loadConfig, settings } from './config.ts';
export { type Db, migrateToLatest, openDatabase } from './db/database.ts';
export type { Database } from './db/schema.ts';
export { createStore, type Store } from './db/store.ts';
export { DEMO, DEMO_DOMAIN_ID } from './demo/demo-data.ts';
export { type Identity, PERMISSIONS } from './http/auth.ts';
export { ProblemError, type ProblemKind } from './http/problem.ts';
export { createLogger, type Logger } from './logger.ts';
export { createRuntime, type Runtime, type RuntimeOverrides } from './runtime.ts';
export { mintToken, type TokenClaims } from './tokens.ts';
