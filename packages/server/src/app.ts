// createApp(deps) mounts HTTP on the services it is given; it builds nothing else and never
// listens. Order matters: request ID with its logger and access line, the Host check, CORS
// (preflights end there), probes, body size and parser, a poller's If-None-Match for a cached list
// page answered at once when the rest would answer it the same (decision 0154), the contract
// validator (auth, then request validation, remembered per URL for GETs, then response
// validation), the checks it cannot make (a body where the operation takes none, a body that did
// not parse, unknown query keys in any spelling), the feature routes, and last the problem
// handler. createContractApp is the same app with other routes in the features' place: the mock
// (@cckm/mock) puts Prism there, so it refuses what the server refuses, as it refuses it.
import express, { type Express, type RequestHandler } from 'express';
import type { Config } from './config.ts';
import { organizationRoutes } from './features/organizations/organization-routes.ts';
import type { OrganizationService } from './features/organizations/organization-service.ts';
import { syncJobRoutes } from './features/sync-jobs/sync-job-routes.ts';
import type { SyncJobService } from './features/sync-jobs/sync-job-service.ts';
import { tenantSecretRoutes } from './features/tenant-secrets/tenant-secret-routes.ts';
import type { TenantSecretService } from './features/tenant-secrets/tenant-secret-service.ts';
import type { TokenVerifier } from './http/auth.ts';
import { type ContractDocuments, contractDocumentRoutes } from './http/contract-documents.ts';
import { contractValidator } from './http/contract-validator.ts';
import { crossOrigin } from './http/cors.ts';
import { notFoundHandler, problemHandler } from './http/error-handler.ts';
import { requireHost } from './http/http-server.ts';
import {
  parseJsonBody,
  rejectBodyWhereNoneIsTaken,
  rejectOversizedBody,
  rejectUnparsableBody,
} from './http/json-body.ts';
import { inOneLayer } from './http/middleware-chain.ts';
import { checkRawQuery, hideBracketedQueryKeys } from './http/query-parameters.ts';
import { type RequestObserver, requestContext } from './http/request-context.ts';
import { answerUnchangedPage, type UnchangedPageCounts } from './http/unchanged-page-answer.ts';
import { type ValidQueries, validQueriesOf } from './http/valid-query-memo.ts';
import type { Logger } from './logger.ts';

export interface Services {
  syncJobs: SyncJobService;
  tenantSecrets: TenantSecretService;
  organizations: OrganizationService;
}

export interface AppDeps {
  logger: Logger;
  services: Services;
  verifyToken: TokenVerifier;
  /** Which browser origins may call the API. */
  cors: Config['cors'];
  /** Validate every response against the contract (dev and tests). */
  validateResponses: boolean;
  /** Resolves when the server can take work; rejects (e.g. a ProblemError 503) when it cannot. */
  checkReady: () => Promise<void>;
  /** The contract's documents, served without authentication under /api (none: not served). */
  contract?: ContractDocuments;
  /** Told of every answered request (metrics). */
  observeRequest?: RequestObserver;
  /**
   * Answer a poller's If-None-Match for a cached list page before the validator (decision 0154).
   * On unless false (tests compare the app without it).
   */
  answerUnchangedPages?: boolean;
  /** Counts of that step's work, for whoever wants to see it engage. */
  unchangedPageCounts?: UnchangedPageCounts;
}

export function createApp(deps: AppDeps): Express {
  const { services } = deps;
  const answerEarly =
    deps.answerUnchangedPages === false
      ? undefined
      : (validQueries: ValidQueries) =>
          answerUnchangedPage({
            syncJobs: services.syncJobs,
            verifyToken: deps.verifyToken,
            validQueries,
            ...(deps.unchangedPageCounts ? { counts: deps.unchangedPageCounts } : {}),
          });
  return createContractApp(
    deps,
    [
      syncJobRoutes(services.syncJobs, { validateResponses: deps.validateResponses }),
      tenantSecretRoutes(services.tenantSecrets),
      organizationRoutes(services.organizations),
    ],
    answerEarly,
  );
}

/**
 * Every step a request passes before and after the features, with `routes` under /api, and
 * `answerEarly` (given the validator's memo) between the body's steps and the validator.
 */
export function createContractApp(
  deps: Omit<AppDeps, 'services'>,
  routes: RequestHandler[],
  answerEarly?: (validQueries: ValidQueries) => RequestHandler,
): Express {
  const { logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  // An ETag costs a hash of every body; clients of this API poll by filter, not by entity tag.
  app.set('etag', false);
  // Paths match exactly as the contract writes them: `/API/V1/...` or a trailing slash is a 404
  // (as Prism answers), not another spelling of an operation a proxy's path rules may miss. Read
  // by Express's router (set before its first use) and by express-openapi-validator's matcher.
  app.set('case sensitive routing', true);
  app.set('strict routing', true);

  // Steps every request passes run as one Express layer each side of the probes (see inOneLayer).
  app.use(inOneLayer([requestContext(logger, deps.observeRequest), requireHost(), crossOrigin(deps.cors)]));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    await deps.checkReady();
    res.json({ status: 'ready' });
  });
  // The contract, like the probes, is for anyone who can reach the server: no token.
  if (deps.contract) app.use(contractDocumentRoutes(deps.contract));

  const validator = contractValidator(deps);
  app.use(
    inOneLayer([
      rejectOversizedBody(),
      parseJsonBody(),
      hideBracketedQueryKeys(),
      // Only what the rest of this chain and the route would answer the same (decision 0154).
      ...(answerEarly ? [answerEarly(validQueriesOf(validator))] : []),
      ...validator,
      rejectBodyWhereNoneIsTaken(),
      rejectUnparsableBody(),
      checkRawQuery(),
    ]),
  );

  app.use('/api', ...routes);

  app.use(notFoundHandler());
  app.use(problemHandler(logger.child({ module: 'http' })));
  return app;
}
