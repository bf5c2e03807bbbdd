// The contract as Express middleware: express-openapi-validator on the contract's document, bearer
// authentication through the token verifier, request validation (valid GET URLs remembered) and,
// where asked, response validation. One function, so the app and the tests that prove the memo
// engages with the real validator build it the same way.

import type { RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { bearerAuthHandler, type TokenVerifier } from './auth.ts';
import { PARAMETER_LOCATIONS, validatorDocument } from './contract.ts';
import { rememberValidQueries, type ValidQueryCounts } from './valid-query-memo.ts';

export interface ContractValidatorOptions {
  verifyToken: TokenVerifier;
  /** Validate every response against the contract (dev and tests). */
  validateResponses: boolean;
  /** Counts of the memo's work, for whoever wants to see it engage. */
  counts?: ValidQueryCounts;
}

export function contractValidator(options: ContractValidatorOptions): RequestHandler[] {
  return rememberValidQueries(
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
    PARAMETER_LOCATIONS,
    options.counts,
  );
}
