// The composition root: builds every collaborator from the config, in dependency order (database,
// migrated; store; clouds; services; job runner; token verifier; app). Nothing starts here:
// `start()` starts the job runner, and main.ts listens. Tests build the same runtime and replace
// single collaborators through `overrides`.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import { createApp, type Services } from './app.ts';
import { type CloudConnectors, CloudError } from './clouds/cloud-connectors.ts';
import type { CloudHttpOptions, RetryEvent } from './clouds/http/cloud-http.ts';
import { createSalesforceConnector } from './clouds/salesforce/salesforce-connector.ts';
import { createSapConnector } from './clouds/sap/sap-connector.ts';
import { type Config, ConfigError } from './config.ts';
import {
  CredentialsError,
  createCredentialResolvers,
  verifySecretsKey,
} from './connections/connection-credentials.ts';
import { type Clock, type IdGenerator, systemClock, uuidGenerator } from './core/clock.ts';
import { ProblemError } from './core/problem.ts';
import { createSecretBox, type SecretBox } from './core/secret-box.ts';
import { type CallTraces, createCallTraces } from './core/trace-context.ts';
import { type Db, migrateToLatest, openDatabase, openReadDatabase } from './db/database.ts';
import { type DemoCredentials, readDemoCredentials, seedDemoData } from './demo/demo-data.ts';
import { createOrganizationService } from './features/organizations/organization-service.ts';
import { createSapKeySynchronizer } from './features/sap-keys/sap-key-synchronizer.ts';
import { createSyncJobRunner, type SyncJobRunner } from './features/sync-jobs/sync-job-runner.ts';
import { createSyncJobService } from './features/sync-jobs/sync-job-service.ts';
import { createTenantSecretService } from './features/tenant-secrets/tenant-secret-service.ts';
import { createTenantSecretSynchronizer } from './features/tenant-secrets/tenant-secret-synchronizer.ts';
import { createTokenVerifier, type TokenVerifier } from './http/auth.ts';
import { loadContractDocuments } from './http/contract-documents.ts';
import type { Logger } from './logger.ts';
import { type CloudLabel, createMetrics, type Metrics } from './metrics/metrics.ts';
import { createStore, type Store } from './store/store.ts';

export interface RuntimeOverrides {
  clock?: Clock;
  ids?: IdGenerator;
  clouds?: CloudConnectors;
  /** The demo connections' credentials (instead of DEMO_CLOUDS_FILE). */
  demoCredentials?: DemoCredentials;
  verifyToken?: TokenVerifier;
  workerId?: string;
  /** Open (and migrate) this database instead of the configured one. */
  db?: Db;
  /** The fetch the cloud connectors call the clouds with (tests record what is sent). */
  cloudFetch?: typeof fetch;
  /** Where the server's build wrote the served YAML and HTML reference (default: dist/contract). */
  contractAssetsDir?: string;
}

export interface Runtime {
  app: Express;
  db: Db;
  store: Store;
  clouds: CloudConnectors;
  services: Services;
  runner: SyncJobRunner;
  /** The Prometheus metrics, when the config asks for them (METRICS_PORT). */
  metrics: Metrics | undefined;
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
  const db =
    overrides.db ??
    openDatabase(config.database, {
      onIdleConnectionError: (error) =>
        logger.warn({ err: error }, 'an idle database connection failed; the next query opens another'),
    });
  await migrateToLatest(db);
  // A database handed in (tests) is read where it is written.
  const reads = overrides.db ? undefined : openReadDatabase(config.database);
  const store = createStore(db, { reads });
  const clock = overrides.clock ?? systemClock();
  const ids = overrides.ids ?? uuidGenerator;

  const box = config.connectionSecretsKey ? createSecretBox(config.connectionSecretsKey) : undefined;
  await startupCheck(() => verifySecretsKey(store, box));
  if (config.demoData) {
    const connections =
      overrides.demoCredentials ??
      (config.demoCloudsFile
        ? await startupCheck(() => readDemoCredentials(config.demoCloudsFile as string))
        : undefined);
    if (connections && !box)
      throw new ConfigError(
        'Invalid configuration:\n  CONNECTION_SECRETS_KEY: needed to store the demo credentials',
      );
    await startupCheck(() =>
      seedDemoData(store, clock, connections && box ? { box, connections } : undefined),
    );
  }
  const metrics = config.metrics ? createMetrics() : undefined;
  // A request's trace context reaches the cloud calls made for it through their signal.
  const traces = createCallTraces();
  const clouds =
    overrides.clouds ??
    httpClouds(config, store, box, logger, { traces, metrics, fetch: overrides.cloudFetch });

  const runner = createSyncJobRunner({
    store,
    clock,
    logger,
    jobs: config.jobs,
    workerId: overrides.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    traces,
    ...(metrics ? { events: metrics.jobs } : {}),
    synchronizers: {
      sfdc: createTenantSecretSynchronizer({ store, salesforce: clouds.salesforce, ids }),
      sap: createSapKeySynchronizer({ store, sap: clouds.sap, ids }),
    },
  });
  const services: Services = {
    syncJobs: createSyncJobService({
      store,
      clock,
      ids,
      onJobCreated: (job) => {
        metrics?.jobCreated(job.cloud);
        runner.wake(job);
      },
      pageCachePages: config.listPageCachePages,
      ...(metrics ? { onPageCache: metrics.pageCache } : {}),
    }),
    tenantSecrets: createTenantSecretService({ store, clock }),
    organizations: createOrganizationService({
      store,
      salesforce: clouds.salesforce,
      clock,
      cloudTimeoutMs: config.cloudTimeoutMs,
      traces,
    }),
  };

  let accepting = true;
  const app = createApp({
    logger,
    services,
    verifyToken: overrides.verifyToken ?? createTokenVerifier(config.jwt, { clock }),
    validateResponses: config.validateResponses,
    cors: config.cors,
    contract: loadContractDocuments(overrides.contractAssetsDir ?? builtContractAssets()),
    ...(metrics ? { observeRequest: metrics.request } : {}),
    checkReady: async () => {
      if (!accepting) throw new ProblemError('service-unavailable', 'The server is shutting down');
      try {
        await store.ping();
      } catch (error) {
        logger.warn({ err: error }, 'readiness: the database does not answer');
        throw new ProblemError('service-unavailable', 'The database does not answer');
      }
    },
  });

  return {
    app,
    db,
    store,
    clouds,
    services,
    runner,
    metrics,
    start: () => runner.start(),
    beginShutdown: () => {
      accepting = false;
    },
    async close() {
      accepting = false;
      await runner.stop();
      await reads?.destroy();
      await db.destroy();
    },
  };
}

/**
 * The Salesforce and SAP connectors over HTTP, with their credentials read from the store, their
 * calls carrying the trace context bound to their signal, and reporting to the metrics if any.
 */
function httpClouds(
  config: Config,
  store: Store,
  box: SecretBox | undefined,
  logger: Logger,
  seen: { traces: CallTraces; metrics: Metrics | undefined; fetch: typeof fetch | undefined },
): CloudConnectors {
  const log = logger.child({ module: 'clouds' });
  const { metrics } = seen;
  const options = (cloud: CloudLabel): CloudHttpOptions => ({
    policy: config.cloudCalls,
    onRetry: (event: RetryEvent) => {
      log.info(event, 'retrying a cloud call');
      metrics?.cloudRetry(cloud, event);
    },
    headersFor: seen.traces.headersFor,
    ...(metrics ? { onAttempt: (event) => metrics.cloudAttempt(cloud, event) } : {}),
    ...(seen.fetch ? { fetch: seen.fetch } : {}),
  });
  const noKey = async (): Promise<never> => {
    throw new CloudError('the server has no CONNECTION_SECRETS_KEY, so no connection can log in');
  };
  const credentials = box ? createCredentialResolvers({ store, box }) : { salesforce: noKey, sap: noKey };
  return {
    salesforce: createSalesforceConnector({
      credentials: credentials.salesforce,
      instanceDomains: config.salesforceInstanceDomains,
      ...options('sfdc'),
    }),
    sap: createSapConnector({ credentials: credentials.sap, ...options('sap') }),
  };
}

/**
 * dist/contract/, where the server's build writes the served YAML and HTML reference: beside this
 * module in dist/ (tsc's output and the bundled main.js), or ../dist from src/ (tests).
 */
function builtContractAssets(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return fileURLToPath(
    new URL(basename(here) === 'src' ? '../dist/contract/' : './contract/', import.meta.url),
  );
}

/** Runs a start-up step; a bad credential setting becomes a configuration error (exit code 2). */
async function startupCheck<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof CredentialsError)
      throw new ConfigError(`Invalid configuration:\n  ${error.message}`);
    throw error;
  }
}
