// The contract as Express middleware: express-openapi-validator on the contract's document, bearer
// authentication through the token verifier, request validation (valid GET URLs remembered) and,
// where asked, response validation. One function, so the app and the tests that prove the memo
// engages with the real validator build it the same way.

import { openapiDocument } from '@cckm/api-types';
import type { RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { ProblemError } from '../core/problem.ts';
import { bearerAuthHandler, type TokenVerifier } from './auth.ts';
import { HEADER_PARAMETERS, PARAMETER_LOCATIONS, validatorDocument } from './contract.ts';
import { rememberValidQueries, type ValidQueryCounts } from './valid-query-memo.ts';

export interface ContractValidatorOptions {
  verifyToken: TokenVerifier;
  /** Validate every response against the contract (dev and tests). */
  validateResponses: boolean;
  /** Counts of the memo's work, for whoever wants to see it engage. */
  counts?: ValidQueryCounts;
}

export function contractValidator(options: ContractValidatorOptions): RequestHandler[] {
  return [
    noTrailingSlash(),
    ...rememberValidQueries(
      OpenApiValidator.middleware({
        apiSpec: validatorDocument(),
        // The document is generated from the spec at build time, linted, and checked against the
        // OpenAPI 3.1 meta-schema by the contract tests (packages/server/test/patches/): checking
        // the same constant again at every start cost about a third of the start-up.
        validateApiSpec: false,
        validateRequests: { allowUnknownQueryParameters: false, allErrors: true },
        validateResponses: options.validateResponses,
        validateSecurity: { handlers: { bearerAuth: bearerAuthHandler(options.verifyToken) } },
        validateFormats: true,
      }),
      { locations: PARAMETER_LOCATIONS, headers: HEADER_PARAMETERS },
      options.counts,
    ),
  ];
}

/**
 * express-openapi-validator reads the app's `strict routing` but hands path-to-regexp 8 a `strict`
 * option it no longer knows (8 calls it `trailing`), so `/jobs/` matched the operation of `/jobs`
 * (issue 24, defect 3). No path of the contract ends in a slash (checked here, at start-up), so a
 * path that does names no operation: a 404 before authentication, as for any unknown path.
 */
function noTrailingSlash(): RequestHandler {
  const slashed = Object.keys(openapiDocument.paths).filter((path) => path.endsWith('/'));
  if (slashed.length > 0)
    throw new Error(
      `the contract has paths ending in a slash (${slashed.join(', ')}): http/contract-validator.ts refuses every such path`,
    );
  return (req, _res, next) => {
    const { path } = req;
    if (path.length > 1 && path.endsWith('/'))
      next(new ProblemError('not-found', `No resource at ${req.method} ${path}`));
    else next();
  };
}
