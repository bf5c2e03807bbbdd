// The server's request checks, re-made from the contract for a browser or a test runner: no
// Express, no Node built-ins, only Ajv over the bundled contract document of @cckm/api-types.
// For each operation it validates what the server's express-openapi-validator validates (path,
// query and header parameters as one object, coerced the same way; the body against the request
// schema) and shapes the failures as the server does (validationErrors of @cckm/api-types):
// one `errors[]` entry per location as a JSON pointer (`/query/limit`, `/body/organization_ids/0`,
// `/path/id`), the xor rules of a `oneOf` body named by their fields, a missing body answered with
// the operation's request examples, a body where none is taken refused, a wrong media type a 415
// naming the accepted ones. Titles and statuses of problems come from the contract's examples.
// test/contract-checks.test.ts sends the same bad requests here and to the server's own checks.
import {
  type BodyAlternative,
  bodyAlternatives,
  type ContractDocument,
  type ContractOperation,
  contractOperations,
  type HttpMethod,
  type OperationId,
  openapiDocument,
  type ProblemFieldError,
  validationErrors,
} from '@cckm/api-types';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** Every problem `type` is this prefix plus a kind, as the contract's ProblemType catalogue says. */
export const PROBLEM_TYPE_PREFIX = 'tag:cckm-contract.github.io,2026:problem:';

/** A problem to send: its kind, detail and extension members; title and status come from the contract. */
export interface ProblemSpec {
  kind: string;
  detail: string;
  errors?: ProblemFieldError[];
  /** The running job of a `sync-job-running` problem. */
  jobId?: string;
  headers?: Record<string, string>;
}

export interface RequestToCheck {
  operationId: OperationId;
  /** Path parameters as MSW matched them. */
  params: Record<string, string | readonly string[] | undefined>;
  url: URL;
  headers: Headers;
  /** The raw body, undefined when none was sent. */
  body: string | undefined;
}

export type CheckResult =
  | { ok: true; query: Record<string, unknown>; body: unknown }
  | { ok: false; problem: ProblemSpec };

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Record<string, unknown>;
  style?: string;
  explode?: boolean;
}

interface PreparedOperation {
  operation: ContractOperation;
  method: HttpMethod;
  parameters: Parameter[];
  validateParameters: ValidateFunction;
  validateBody?: ValidateFunction;
  bodyTypes: string[];
  alternatives: BodyAlternative[];
  requestExamples: unknown[];
}

/** One branch of a request body's oneOf: the fields it requires, with the constant each must have. */

interface SchemaNode {
  $ref?: string;
  oneOf?: SchemaNode[];
  required?: string[];
  properties?: Record<string, SchemaNode>;
  const?: unknown;
  type?: string | string[];
}

/**
 * ajv-formats is CommonJS: Node's ESM loader hands over `module.exports` (the plugin is its
 * `default`), a bundler may hand over the plugin itself.
 */
const formatsPlugin: (ajv: Ajv2020) => unknown =
  (addFormats as unknown as { default?: (ajv: Ajv2020) => unknown }).default ??
  (addFormats as unknown as (ajv: Ajv2020) => unknown);

function resolve<T>(document: ContractDocument, node: T | { $ref: string }): T {
  const ref = (node as { $ref?: string } | undefined)?.$ref;
  if (!ref) return node as T;
  const found = ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], document);
  return resolve(document, found as T);
}

/**
 * Problem kinds' titles and statuses, read from the contract's problem examples. The contract has
 * no example of one kind the server sends, the 405 of a method a path does not have (no operation
 * documents it); its title is the server's.
 */
export function problemCatalogue(
  document: ContractDocument = openapiDocument,
): Map<string, { title: string; status: number }> {
  const catalogue = new Map<string, { title: string; status: number }>([
    ['method-not-allowed', { title: 'Method not allowed', status: 405 }],
  ]);
  for (const example of Object.values(document.components.examples)) {
    const value = example.value as { type?: unknown; title?: unknown; status?: unknown } | undefined;
    if (typeof value?.type !== 'string' || !value.type.startsWith(PROBLEM_TYPE_PREFIX)) continue;
    if (typeof value.title !== 'string' || typeof value.status !== 'number') continue;
    catalogue.set(value.type.slice(PROBLEM_TYPE_PREFIX.length), { title: value.title, status: value.status });
  }
  return catalogue;
}

/** The checks of every operation of the contract, compiled once. */
export function createContractChecks(document: ContractDocument = openapiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: true, useDefaults: true });
  const bodyAjv = new Ajv2020({ strict: false, allErrors: true });
  for (const instance of [ajv, bodyAjv]) {
    formatsPlugin(instance);
    instance.addSchema(structuredClone(document), 'contract');
  }
  const rewriteRefs = (schema: unknown): unknown =>
    JSON.parse(JSON.stringify(schema ?? {}).replaceAll('"$ref":"#/', '"$ref":"contract#/'));

  const prepared = new Map<string, PreparedOperation>();
  for (const { path, method, operation } of contractOperations(document)) {
    const item = document.paths[path] as { parameters?: unknown[] };
    const parameters = [...(item.parameters ?? []), ...((operation.parameters as unknown[]) ?? [])].map(
      (parameter) => resolve<Parameter>(document, parameter as Parameter),
    );
    const locations: Record<string, { properties: Record<string, unknown>; required: string[] }> = {
      path: { properties: {}, required: [] },
      query: { properties: {}, required: [] },
      headers: { properties: {}, required: [] },
    };
    for (const parameter of parameters) {
      const location = parameter.in === 'header' ? 'headers' : parameter.in;
      const target = locations[location];
      if (!target) continue;
      const name = parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name;
      target.properties[name] = rewriteRefs(parameter.schema);
      if (parameter.required) target.required.push(name);
    }
    const parameterSchema = {
      type: 'object',
      properties: Object.fromEntries(
        Object.entries(locations).map(([location, { properties, required }]) => [
          location,
          { type: 'object', properties, required, additionalProperties: location === 'headers' },
        ]),
      ),
    };
    const content = operation.requestBody?.content ?? {};
    const bodySchema = Object.values(content)[0]?.schema;
    const requestExamples = Object.values(Object.values(content)[0]?.examples ?? {}).map(
      (example) => resolve(document, example).value,
    );
    prepared.set(operation.operationId, {
      operation,
      method,
      parameters,
      validateParameters: ajv.compile(parameterSchema),
      ...(bodySchema ? { validateBody: bodyAjv.compile(rewriteRefs(bodySchema) as object) } : {}),
      bodyTypes: Object.keys(content),
      alternatives: bodyAlternatives(document, bodySchema),
      requestExamples,
    });
  }

  return {
    check(request: RequestToCheck): CheckResult {
      const op = prepared.get(request.operationId);
      if (!op) throw new Error(`no operation ${request.operationId} in the contract`);
      const authorization = request.headers.get('authorization');
      if (!authorization) {
        return {
          ok: false,
          problem: {
            kind: 'unauthorized',
            detail: 'Authorization header required',
            headers: { 'WWW-Authenticate': 'Bearer realm="cckm"' },
          },
        };
      }
      if (!/^Bearer\s+\S+$/i.test(authorization)) {
        return {
          ok: false,
          problem: {
            kind: 'unauthorized',
            detail: 'The bearer token is malformed',
            headers: {
              'WWW-Authenticate':
                'Bearer realm="cckm", error="invalid_token", error_description="The bearer token is malformed"',
            },
          },
        };
      }
      const hasBody = request.body !== undefined && request.body !== '';
      const contentType =
        (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (op.validateBody && hasBody && !op.bodyTypes.includes(contentType)) {
        const header = op.method === 'patch' ? 'Accept-Patch' : 'Accept-Post';
        return {
          ok: false,
          problem: {
            kind: 'unsupported-media-type',
            detail: `Send the body as ${op.bodyTypes.join(' or ')}`,
            headers: { [header]: op.bodyTypes.join(', ') },
          },
        };
      }

      const query: Record<string, unknown> = {};
      const unknownKeys: string[] = [];
      for (const [key, value] of request.url.searchParams) {
        const parameter = op.parameters.find((p) => p.in === 'query' && p.name === key);
        if (!parameter) {
          unknownKeys.push(key);
          continue;
        }
        const isArray = (parameter.schema as SchemaNode | undefined)?.type === 'array';
        const values = isArray ? value.split(',') : value;
        query[key] =
          key in query && isArray ? [...(query[key] as string[]), ...(values as string[])] : values;
      }
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const parameters = {
        // Only the operation's own: a wildcard in the base URL (`*/api`) is a parameter to MSW too.
        path: Object.fromEntries(
          op.parameters
            .filter((p) => p.in === 'path' && request.params[p.name] !== undefined)
            .map((p) => [p.name, String(request.params[p.name])]),
        ),
        query,
        headers,
      };
      const raw: { path: string; message: string }[] = unknownKeys.map((key) => ({
        path: `/query/${key}`,
        message: `Unknown query parameter '${key}'`,
      }));
      if (!op.validateParameters(parameters))
        raw.push(...(op.validateParameters.errors ?? []).map(toRaw('')));

      // As the server: a body that does not parse is refused before anything is validated; the
      // body's errors follow the parameters'; a missing or unwanted body is said when nothing else is.
      let body: unknown;
      if (op.validateBody && hasBody) {
        try {
          body = JSON.parse(request.body as string);
        } catch {
          return invalid('The body is not valid JSON', [{ path: '/body', message: 'must be valid JSON' }]);
        }
        if (!op.validateBody(body)) raw.push(...(op.validateBody.errors ?? []).map(toRaw('/body')));
      }
      if (raw.length === 0 && !op.validateBody && hasBody) {
        return invalid('This operation takes no body: send the request without one', [
          { path: '/body', message: 'must be absent: this operation takes no body' },
        ]);
      }
      if (raw.length === 0 && op.validateBody && !hasBody) {
        const shapes = op.requestExamples.map((value) => JSON.stringify(value));
        const hint =
          shapes.length > 0 ? `: send ${shapes.join(' or ')} with Content-Type: application/json` : '';
        return invalid(`A JSON body is required${hint}`, [{ path: '/body', message: 'is required' }]);
      }
      if (raw.length > 0) return { ok: false, problem: validationProblem(raw, op.alternatives, body) };
      return { ok: true, query: parameters.query, body };
    },
  };
}

export type ContractChecks = ReturnType<typeof createContractChecks>;

function invalid(detail: string, errors: ProblemFieldError[]): CheckResult {
  return { ok: false, problem: { kind: 'validation-failed', detail, errors } };
}

/**
 * One Ajv error as express-openapi-validator words it: a missing or unknown property is named in
 * the path, an enum or a constant lists the allowed values.
 */
function toRaw(prefix: string) {
  return (error: ErrorObject) => {
    let path = `${prefix}${error.instancePath}`;
    let message = error.message ?? 'is invalid';
    const params = error.params as {
      missingProperty?: string;
      additionalProperty?: string;
      allowedValues?: unknown[];
      allowedValue?: unknown;
    };
    if (error.keyword === 'required') path = `${path}/${params.missingProperty}`;
    if (error.keyword === 'additionalProperties') path = `${path}/${params.additionalProperty}`;
    if (error.keyword === 'enum')
      message = `must be equal to one of the allowed values: ${(params.allowedValues ?? []).join(', ')}`;
    if (error.keyword === 'const')
      message = `must be equal to one of the allowed values: ${String(params.allowedValue)}`;
    return { path: path === '' ? '/body' : path, message };
  };
}

/** The server's shaping of schema errors (@cckm/api-types `validationErrors`) as a problem to send. */
function validationProblem(
  raw: ProblemFieldError[],
  alternatives: BodyAlternative[],
  body: unknown,
): ProblemSpec {
  const { errors, detail } = validationErrors(raw, alternatives, body);
  return { kind: 'validation-failed', detail: detail || 'The request is invalid', errors };
}
