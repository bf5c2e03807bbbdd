// Builds every collaborator from the config, in dependency order: database (migrated), store,
// clouds, token verifier, job runner; then the app. main.ts and the tests both start here, and the
// tests replace single collaborators through `overrides`.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Express } from 'express';
import { type AppDeps, createApp } from './app.ts';
import { type Clock, type IdGenerator, systemClock, uuidGenerator } from './clock.ts';
import type { CloudConnectors } from './clouds/cloud-connectors.ts';
import {
  createSandboxClouds,
  emptySandboxState,
  type SandboxState,
} from './clouds/sandbox/sandbox-clouds.ts';
import type { Config } from './config.ts';
import { type Db, migrateToLatest, openDatabase } from './db/database.ts';
import { createStore, type Store } from './db/store.ts';
import { seedDemoData } from './demo/demo-data.ts';
import { createSapKeySynchronizer } from './features/sap-keys/sap-key-synchronizer.ts';
import { createSyncJobRunner, type SyncJobRunner } from './features/sync-jobs/sync-job-runner.ts';
import { createTenantSecretSynchronizer } from './features/tenant-secrets/tenant-secret-synchronizer.ts';
import { createTokenVerifier, type TokenVerifier } from './http/auth.ts';
import type { Logger } from './logger.ts';

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
  deps: AppDeps;
  db: Db;
  store: Store;
  runner: SyncJobRunner;
  /** Stops the job runner (releasing its leases) and closes the database. */
  close(): Promise<void>;
  /** Refuse new work from now on (/readyz answers 503). */
  beginShutdown(): void;
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

  let accepting = true;
  const deps: AppDeps = {
    config,
    logger,
    store,
    clock,
    ids,
    clouds,
    runner,
    verifyToken: overrides.verifyToken ?? createTokenVerifier(config.jwt),
    isAcceptingWork: () => accepting,
  };
  runner.start();

  return {
    app: createApp(deps),
    deps,
    db,
    store,
    runner,
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
