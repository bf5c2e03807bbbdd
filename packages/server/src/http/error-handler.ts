// The one error middleware, registered last: turns whatever was thrown (our ProblemError, a
// validator error, a body-parser error, anything else) into an RFC 9457 problem response.
import { openapiDocument, type ProblemFieldError } from '@cckm/api-types';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.ts';
import { bodyParseError } from './json-body.ts';
import { ProblemError } from './problem.ts';

interface ValidatorError {
  status: number;
  message: string;
  errors?: { path?: string; message?: string }[];
  headers?: Record<string, string>;
}

export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      // Too late for a problem body: let Express end the response.
      next(error);
      return;
    }
    // A body that did not parse explains any validation failure of the emptied body.
    const parseError = bodyParseError(req);
    const reported = parseError && (error as { status?: number }).status === 400 ? parseError : error;
    const problem = toProblemError(reported, {
      operation: (req as { openapi?: { schema?: OperationContext } }).openapi?.schema,
      hasBody:
        Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined,
    });
    if (problem.status >= 500) {
      logger.error({ err: error }, 'request failed');
    }
    for (const [name, value] of Object.entries(problem.extras.headers ?? {})) res.setHeader(name, value);
    if (problem.status === 401) {
      // RFC 6750: no error code when the request carried no credentials at all.
      const description = problem.detail.replace(/["\\]/g, "'");
      res.setHeader(
        'WWW-Authenticate',
        req.headers.authorization
          ? `Bearer realm="cckm", error="invalid_token", error_description="${description}"`
          : 'Bearer realm="cckm"',
      );
    }
    // res.json, not res.send: 4xx problems then pass response validation like any other body.
    res.status(problem.status).type('application/problem+json').json(problem.toProblem(req.originalUrl));
  };
}

/** Requests outside every route: a 404 problem rather than Express's HTML page. */
export function notFoundHandler(): RequestHandler {
  return (req) => {
    throw new ProblemError('not-found', `No resource at ${req.method} ${req.path}`);
  };
}

export interface RequestFacts {
  /** The operation the validator matched, when it got that far. */
  operation?: OperationContext;
  /** Whether the request carried a body at all. */
  hasBody: boolean;
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
  if (isValidatorError(error)) return fromValidatorError(error, request);
  return new ProblemError('internal', 'The server could not complete the request; it has been logged');
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
      return validationProblem(error, request.operation);
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
      return invalid('Send the body as application/json', [
        { path: '/headers/content-type', message: 'must be application/json' },
      ]);
    default:
      return new ProblemError('internal', 'The server could not complete the request; it has been logged');
  }
}

function invalid(detail: string, errors: ProblemFieldError[]): ProblemError {
  return new ProblemError('validation-failed', detail, { errors });
}

/** What the validator knows of the request's operation (set on req.openapi once matched). */
interface OperationContext {
  operationId?: string;
  requestBody?: { content?: Record<string, { schema?: { oneOf?: { required?: string[] }[] } }> };
}

function validationProblem(error: ValidatorError, operation: OperationContext | undefined): ProblemError {
  const json = operation?.requestBody?.content?.['application/json'];
  // Ajv's oneOf wording ("must match exactly one schema in oneOf") names no field: name them,
  // from the branches of the operation's own schema.
  const alternatives = (json?.schema?.oneOf ?? []).map((branch) => (branch.required ?? []).join(' + '));
  const exactlyOne = `must have exactly one of ${alternatives.join(' or ')}`;
  // The branches' own "must have required property" errors only restate the oneOf: drop them.
  const branchNoise = new RegExp(
    `^must have required property '(${alternatives.join('|').replace(/ \+ /g, '|')})'$`,
  );
  const errors: ProblemFieldError[] = (error.errors ?? [])
    .filter((e) => !/oneOf|must match a schema/.test(e.message ?? ''))
    .filter((e) => alternatives.length === 0 || !branchNoise.test(e.message ?? ''))
    .map((e) => ({ path: normalisePath(e.path ?? ''), message: e.message ?? 'is invalid' }));
  if (
    alternatives.length > 0 &&
    (error.errors ?? []).some((e) => /oneOf|exactly one/.test(e.message ?? ''))
  ) {
    errors.push({ path: '/body', message: exactlyOne });
  }
  const detail = errors
    .map((e) => `${e.path.replace(/^\//, '').replace(/\//g, '.')} ${e.message}`)
    .join('; ');
  return invalid(
    detail || error.message,
    errors.length > 0 ? errors : [{ path: '/', message: error.message }],
  );
}

/** A request that needs a JSON body but sent none: say what to send, from the operation's examples. */
function missingBodyProblem(operation: OperationContext | undefined): ProblemError {
  const shapes = requestExamples(operation?.operationId).map((value) => JSON.stringify(value));
  const hint = shapes.length > 0 ? `: send ${shapes.join(' or ')} with Content-Type: application/json` : '';
  return invalid(`A JSON body is required${hint}`, [{ path: '/body', message: 'is required' }]);
}

type ExampleRef = { value?: unknown; $ref?: string };
type DocumentOperation = {
  operationId?: string;
  requestBody?: { content?: Record<string, { examples?: Record<string, ExampleRef> }> };
};

/** The request examples of an operation, from the bundled contract (the validator strips them). */
function requestExamples(operationId: string | undefined): unknown[] {
  const operations = Object.values(openapiDocument.paths).flatMap(
    (item) => Object.values(item) as DocumentOperation[],
  );
  const operation = operations.find((candidate) => candidate.operationId === operationId);
  const examples = Object.values(operation?.requestBody?.content?.['application/json']?.examples ?? {});
  const named = (openapiDocument.components as { examples?: Record<string, ExampleRef> }).examples ?? {};
  return examples.map(
    (example) => (example.$ref ? named[example.$ref.replace('#/components/examples/', '')] : example)?.value,
  );
}

/** "/body/organization_ids/0" and ".body.x" alike become JSON pointers. */
function normalisePath(path: string): string {
  const pointer = path.startsWith('/') ? path : `/${path.replace(/^\./, '').replace(/\./g, '/')}`;
  return pointer === '/' ? '/body' : pointer;
}
