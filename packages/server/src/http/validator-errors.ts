// express-openapi-validator's and body-parser's errors, as the problems the contract documents:
// field errors as JSON pointers, the xor rules named by their fields (Ajv's oneOf wording names
// none), and a missing body answered with the operation's own request examples.

import { bodyAlternatives, openapiDocument, type ProblemFieldError, validationErrors } from '@cckm/api-types';
import { ProblemError } from '../core/problem.ts';
import { REQUEST_EXAMPLES } from './contract.ts';

interface ValidatorError {
  status: number;
  message: string;
  errors?: { path?: string; message?: string }[];
  headers?: Record<string, string>;
}

export interface RequestFacts {
  /** The operation the validator matched, when it got that far. */
  operation?: OperationContext;
  /** Whether the request carried a body at all. */
  hasBody: boolean;
  /** The parsed body, when there was one: which xor alternative it picked. */
  body?: unknown;
}

export function toProblemError(error: unknown, request: RequestFacts = { hasBody: false }): ProblemError {
  if (error instanceof ProblemError) return error;
  const bodyParser = error as { type?: string; status?: number; limit?: number } | undefined;
  if (bodyParser?.type === 'entity.parse.failed') {
    return invalid('The body is not valid JSON', [{ path: '/body', message: 'must be valid JSON' }]);
  }
  if (bodyParser?.type === 'entity.too.large') {
    return invalid(`The body is larger than ${bodyParser.limit} bytes`, [
      { path: '/body', message: 'is too large' },
    ]);
  }
  if (bodyParser?.type === 'charset.unsupported') {
    return invalid('The body must be JSON in UTF-8; this charset is not supported', [
      { path: '/headers/content-type', message: 'must not name a charset other than utf-8' },
    ]);
  }
  if (bodyParser?.type === 'encoding.unsupported') {
    return invalid('This Content-Encoding is not supported: send the body as identity, gzip, deflate or br', [
      { path: '/headers/content-encoding', message: 'must be identity, gzip, deflate or br' },
    ]);
  }
  if (isBodyReadError(bodyParser)) {
    return invalid(
      'The body could not be read as its headers declare it (Content-Length, Content-Encoding)',
      [{ path: '/body', message: 'could not be read' }],
    );
  }
  if (isValidatorError(error)) return fromValidatorError(error, request);
  return new ProblemError('internal', 'The server could not complete the request; it has been logged');
}

/** Any other body-parser failure the client caused (a body that does not inflate, a short body). */
function isBodyReadError(error: { status?: number } | undefined): boolean {
  return (
    typeof error?.status === 'number' &&
    error.status >= 400 &&
    error.status < 500 &&
    !('errors' in (error as object)) &&
    (error as { expose?: boolean }).expose === true
  );
}

function isValidatorError(error: unknown): error is ValidatorError {
  const candidate = error as Partial<ValidatorError> | undefined;
  return (
    typeof candidate?.status === 'number' && typeof candidate.message === 'string' && 'errors' in candidate
  );
}

function fromValidatorError(error: ValidatorError, request: RequestFacts): ProblemError {
  if (!request.hasBody && (error.status === 415 || error.status === 400) && request.operation?.requestBody) {
    const bodyErrors = (error.errors ?? []).every((e) => /body|content-type/i.test(`${e.path} ${e.message}`));
    if (error.status === 415 || bodyErrors) return missingBodyProblem(request.operation);
  }
  switch (error.status) {
    case 400:
      return validationProblem(error, request.operation, request.body);
    case 401:
      return new ProblemError('unauthorized', error.message);
    case 403:
      return new ProblemError('forbidden', error.message);
    case 404:
      return new ProblemError('not-found', 'No operation at this path');
    case 405:
      return new ProblemError(
        'method-not-allowed',
        error.message,
        error.headers ? { headers: error.headers } : {},
      );
    case 413:
      return invalid('The body is too large', [{ path: '/body', message: 'is too large' }]);
    case 415:
      return unsupportedMediaType(request.operation);
    default:
      return new ProblemError('internal', 'The server could not complete the request; it has been logged');
  }
}

/**
 * A 415 naming what the operation accepts (RFC 9110 §15.5.16): `Accept-Patch` for the PATCH
 * (RFC 5789), `Accept-Post` for the POSTs (the contract's only operations with a body).
 */
function unsupportedMediaType(operation: OperationContext | undefined): ProblemError {
  const accepted = Object.keys(operation?.requestBody?.content ?? { 'application/json': {} });
  const header = operation?.operationId?.startsWith('update') ? 'Accept-Patch' : 'Accept-Post';
  return new ProblemError('unsupported-media-type', `Send the body as ${accepted.join(' or ')}`, {
    headers: { [header]: accepted.join(', ') },
  });
}

function invalid(detail: string, errors: ProblemFieldError[]): ProblemError {
  return new ProblemError('validation-failed', detail, { errors });
}

/** What the validator knows of the request's operation (set on req.openapi once matched). */
export interface OperationContext {
  operationId?: string;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
}

function validationProblem(
  error: ValidatorError,
  operation: OperationContext | undefined,
  body: unknown,
): ProblemError {
  const raw = (error.errors ?? []).map((e) => ({
    path: normalisePath(e.path ?? ''),
    message: e.message ?? 'is invalid',
  }));
  const alternatives = bodyAlternatives(
    openapiDocument,
    operation?.requestBody?.content?.['application/json']?.schema,
  );
  const { errors, detail } = validationErrors(raw, alternatives, body);
  return invalid(
    detail || error.message,
    errors.length > 0 ? errors : [{ path: '/', message: error.message }],
  );
}

/** A request that needs a JSON body but sent none: say what to send, from the operation's examples. */
function missingBodyProblem(operation: OperationContext | undefined): ProblemError {
  const shapes = (REQUEST_EXAMPLES.get(operation?.operationId ?? '') ?? []).map((value) =>
    JSON.stringify(value),
  );
  const hint = shapes.length > 0 ? `: send ${shapes.join(' or ')} with Content-Type: application/json` : '';
  return invalid(`A JSON body is required${hint}`, [{ path: '/body', message: 'is required' }]);
}

/**
 * "/body/organization_ids/0" and ".body.x" alike become JSON pointers; the validator's `params`
 * (path parameters) is called `path`, as the contract's parameter location is.
 */
function normalisePath(path: string): string {
  const pointer = path.startsWith('/') ? path : `/${path.replace(/^\./, '').replace(/\./g, '/')}`;
  if (pointer === '/') return '/body';
  return pointer.replace(/^\/params(?=\/|$)/, '/path');
}
