// createApp(deps) builds the Express application; it never listens. Order matters: request ID,
// access log, probes, body parser, the contract validator (auth, then request validation, then
// response validation), the feature routes, and last the problem handler.
import { openapiDocument } from '@cckm/api-types';
import express, { type Express } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { pinoHttp } from 'pino-http';
import type { Clock, IdGenerator } from './clock.ts';
import type { CloudConnectors } from './clouds/cloud-connectors.ts';
import type { Config } from './config.ts';
import type { Store } from './db/store.ts';
import { organizationRoutes } from './features/organizations/organization-routes.ts';
import { createOrganizationService } from './features/organizations/organization-service.ts';
import { syncJobRoutes } from './features/sync-jobs/sync-job-routes.ts';
import type { SyncJobRunner } from './features/sync-jobs/sync-job-runner.ts';
import { createSyncJobService } from './features/sync-jobs/sync-job-service.ts';
import { tenantSecretRoutes } from './features/tenant-secrets/tenant-secret-routes.ts';
import { createTenantSecretService } from './features/tenant-secrets/tenant-secret-service.ts';
import { bearerAuthHandler, type TokenVerifier } from './http/auth.ts';
import { notFoundHandler, problemHandler } from './http/error-handler.ts';
import { parseJsonBody, rejectUnparsableBody } from './http/json-body.ts';
import { ProblemError } from './http/problem.ts';
import { requestContext } from './http/request-context.ts';
import type { Logger } from './logger.ts';

export interface AppDeps {
  config: Config;
  logger: Logger;
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  clouds: CloudConnectors;
  runner: SyncJobRunner;
  verifyToken: TokenVerifier;
  /** False once shutdown has begun: /readyz then answers 503. */
  isAcceptingWork: () => boolean;
}

export function createApp(deps: AppDeps): Express {
  const { config, logger, store } = deps;
  const app = express();
  app.disable('x-powered-by');
  // An ETag costs a hash of every body; clients of this API poll by filter, not by entity tag.
  app.set('etag', false);

  app.use(requestContext());
  app.use(
    pinoHttp({
      logger: logger.child({ module: 'http' }),
      genReqId: (_req, res) => res.getHeader('x-request-id') as string,
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (!deps.isAcceptingWork()) throw new ProblemError('service-unavailable', 'The server is shutting down');
    await store.ping();
    res.json({ status: 'ready' });
  });

  app.use(parseJsonBody());
  app.use(
    OpenApiValidator.middleware({
      apiSpec: structuredClone(openapiDocument) as unknown as Parameters<
        typeof OpenApiValidator.middleware
      >[0]['apiSpec'],
      validateRequests: { allowUnknownQueryParameters: false, allErrors: true },
      validateResponses: config.validateResponses,
      validateSecurity: { handlers: { bearerAuth: bearerAuthHandler(deps.verifyToken) } },
      validateFormats: true,
    }),
  );
  app.use(rejectUnparsableBody());

  const syncJobs = createSyncJobService({
    store,
    clock: deps.clock,
    ids: deps.ids,
    onJobCreated: () => deps.runner.wake(),
  });
  const tenantSecrets = createTenantSecretService({ store });
  const organizations = createOrganizationService({
    store,
    salesforce: deps.clouds.salesforce,
    clock: deps.clock,
    cloudTimeoutMs: 10_000,
  });
  app.use(
    '/api',
    syncJobRoutes(syncJobs),
    tenantSecretRoutes(tenantSecrets),
    organizationRoutes(organizations),
  );

  app.use(notFoundHandler());
  app.use(problemHandler(logger.child({ module: 'http' })));
  return app;
}
