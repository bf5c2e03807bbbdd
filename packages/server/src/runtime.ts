// The composition root: builds every collaborator from the config, in dependency order (database,
// migrated; store; clouds; services; job runner; token verifier; app). Nothing starts here:
// `start()` starts the job runner, and main.ts listens. Tests build the same runtime and replace
// single collaborators through `overrides`.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Express } from 'express';
import { createApp, type Services } from './app.ts';
import type { CloudConnectors } from './clouds/cloud-connectors.ts';
import {
  createSandboxClouds,
  emptySandboxState,
  type SandboxState,
} from './clouds/sandbox/sandbox-clouds.ts';
import type { Config } from './config.ts';
import { type Clock, type IdGenerator, systemClock, uuidGenerator } from './core/clock.ts';
import { ProblemError } from './core/problem.ts';
import { type Db, migrateToLatest, openDatabase } from './db/database.ts';
import { seedDemoData } from './demo/demo-data.ts';
import { createOrganizationService } from './features/organizations/organization-service.ts';
import { createSapKeySynchronizer } from './features/sap-keys/sap-key-synchronizer.ts';
import { createSyncJobRunner, type SyncJobRunner } from './features/sync-jobs/sync-job-runner.ts';
import { createSyncJobService } from './features/sync-jobs/sync-job-service.ts';
import { createTenantSecretService } from './features/tenant-secrets/tenant-secret-service.ts';
import { createTenantSecretSynchronizer } from './features/tenant-secrets/tenant-secret-synchronizer.ts';
import { createTokenVerifier, type TokenVerifier } from './http/auth.ts';
import type { Logger } from './logger.ts';
import { createStore, type Store } from './store/store.ts';

export interface RuntimeOverrides {
  clock?: Clock;
  ids?: IdGenerator;
  clouds?: CloudConnectors;
  verifyToken?: TokenVerifier;
  workerId?: string;
  /** Open (and migrate) this database instead of the configured one. */
  db?: Db;
}

export interface Runtime {
  app: Express;
  db: Db;
  store: Store;
  clouds: CloudConnectors;
  services: Services;
  runner: SyncJobRunner;
  /** Starts the background work (the job runner). */
  start(): void;
  /** Refuse new work from now on (/readyz answers 503). */
  beginShutdown(): void;
  /** Stops the job runner (releasing its leases) and closes the database. */
  close(): Promise<void>;
}

export async function createRuntime(
  config: Config,
  logger: Logger,
  overrides: RuntimeOverrides = {},
): Promise<Runtime> {
  const db = overrides.db ?? openDatabase(config.database);
  await migrateToLatest(db);
  const store = createStore(db);
  const clock = overrides.clock ?? systemClock();
  const ids = overrides.ids ?? uuidGenerator;

  let sandboxState: SandboxState | undefined;
  if (config.demoData || (!overrides.clouds && config.sandbox.enabled)) {
    sandboxState = emptySandboxState();
  }
  if (config.demoData) await seedDemoData(store, clock, sandboxState as SandboxState);
  const clouds = overrides.clouds ?? sandboxClouds(config, sandboxState);

  const runner = createSyncJobRunner({
    store,
    clock,
    logger,
    jobs: config.jobs,
    workerId: overrides.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    synchronizers: {
      sfdc: createTenantSecretSynchronizer({ store, salesforce: clouds.salesforce, ids }),
      sap: createSapKeySynchronizer({ store, sap: clouds.sap, ids }),
    },
  });
  const services: Services = {
    syncJobs: createSyncJobService({ store, clock, ids, onJobCreated: () => runner.wake() }),
    tenantSecrets: createTenantSecretService({ store, clock }),
    organizations: createOrganizationService({
      store,
      salesforce: clouds.salesforce,
      clock,
      cloudTimeoutMs: config.cloudTimeoutMs,
    }),
  };

  let accepting = true;
  const app = createApp({
    logger,
    services,
    verifyToken: overrides.verifyToken ?? createTokenVerifier(config.jwt),
    validateResponses: config.validateResponses,
    cors: config.cors,
    checkReady: async () => {
      if (!accepting) throw new ProblemError('service-unavailable', 'The server is shutting down');
      await store.ping();
    },
  });

  return {
    app,
    db,
    store,
    clouds,
    services,
    runner,
    start: () => runner.start(),
    beginShutdown: () => {
      accepting = false;
    },
    async close() {
      accepting = false;
      await runner.stop();
      await db.destroy();
    },
  };
}

function sandboxClouds(config: Config, state: SandboxState | undefined): CloudConnectors {
  if (!config.sandbox.enabled || !state) {
    throw new Error(
      'No cloud connectors: set SANDBOX_CLOUDS=true (the HTTP connectors are not available yet)',
    );
  }
  return createSandboxClouds(state, { latencyMs: config.sandbox.latencyMs });
}
