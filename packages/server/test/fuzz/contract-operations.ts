// The operations of the bundled contract, as the fuzzer needs them: method, path template, the
// schemas of their path, query and header parameters and of their JSON body (header parameters,
// If-None-Match, are fuzzed by the `headers` family with the other headers). Read from `openapiDocument`
// (the same document the server validates against), so a new parameter or body field is fuzzed
// without touching the suite.
import { openapiDocument } from '@cckm/api-types';

export type JsonSchema = Record<string, unknown>;

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  /** The parameter's own schema ($refs left in place: schema-arbitrary resolves them). */
  schema: JsonSchema;
  /** Where the schema sits, for hints: `#/components/parameters/Skip` or `<operationId>/<name>`. */
  ref: string;
  style: string;
  explode: boolean;
}

export interface FuzzOperation {
  operationId: string;
  method: string;
  /** `/v1/cckm/sfdc/keys/{id}/delete-backup`, below the server URL (`/api`). */
  pathTemplate: string;
  pathParameters: ParameterSpec[];
  queryParameters: ParameterSpec[];
  headerParameters: ParameterSpec[];
  /** The JSON schema of the body, and every media type the operation takes it in. */
  body?: { schema: JsonSchema; required: boolean; mediaTypes: string[] };
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export const contractDocument = openapiDocument as unknown as {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
};

/** Follows a local `$ref` (`#/components/...`) to the value it names. */
export function resolvePointer(ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, got ${ref}`);
  let value: unknown = contractDocument;
  for (const segment of ref.slice(2).split('/')) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    value = (value as Record<string, unknown> | undefined)?.[key];
  }
  if (value === undefined) throw new Error(`$ref ${ref} names nothing in the contract`);
  return value;
}

/** The schema a (possibly `$ref`) schema stands for. */
export function resolveSchema(schema: JsonSchema): JsonSchema {
  let current = schema;
  while (typeof current.$ref === 'string') current = resolvePointer(current.$ref) as JsonSchema;
  return current;
}

export function contractOperationsForFuzzing(): FuzzOperation[] {
  const operations: FuzzOperation[] = [];
  for (const [pathTemplate, item] of Object.entries(contractDocument.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!HTTP_METHODS.includes(method)) continue;
      const operation = raw as {
        operationId: string;
        parameters?: unknown[];
        requestBody?: unknown;
      };
      const parameters = [...((item.parameters as unknown[]) ?? []), ...(operation.parameters ?? [])].map(
        (parameter) => toParameterSpec(parameter, operation.operationId),
      );
      const body = operation.requestBody
        ? (deref(operation.requestBody) as {
            required?: boolean;
            content?: Record<string, { schema?: JsonSchema }>;
          })
        : undefined;
      const jsonSchema = body?.content?.['application/json']?.schema;
      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        pathTemplate,
        pathParameters: parameters.filter((parameter) => parameter.in === 'path'),
        queryParameters: parameters.filter((parameter) => parameter.in === 'query'),
        headerParameters: parameters.filter((parameter) => parameter.in === 'header'),
        ...(jsonSchema
          ? {
              body: {
                schema: jsonSchema,
                required: body?.required ?? false,
                mediaTypes: Object.keys(body?.content ?? {}),
              },
            }
          : {}),
      });
    }
  }
  return operations;
}

function deref(value: unknown): unknown {
  const ref = (value as { $ref?: string }).$ref;
  return ref ? { ...(resolvePointer(ref) as object), ...withoutRef(value as object) } : value;
}

function withoutRef(value: object): object {
  const { $ref: _ref, ...rest } = value as Record<string, unknown>;
  return rest;
}

function toParameterSpec(raw: unknown, operationId: string): ParameterSpec {
  const ref = (raw as { $ref?: string }).$ref;
  const parameter = deref(raw) as {
    name: string;
    in: string;
    required?: boolean;
    schema: JsonSchema;
    style?: string;
    explode?: boolean;
  };
  if (parameter.in !== 'path' && parameter.in !== 'query' && parameter.in !== 'header') {
    throw new Error(
      `${operationId}: ${parameter.in} parameters are not fuzzed yet; extend contract-operations.ts`,
    );
  }
  const style = parameter.style ?? (parameter.in === 'query' ? 'form' : 'simple');
  const where = parameter.in as ParameterSpec['in'];
  return {
    name: parameter.name,
    in: where,
    required: parameter.required ?? false,
    schema: parameter.schema,
    ref: ref ?? `${operationId}/${parameter.name}`,
    style,
    explode: parameter.explode ?? style === 'form',
  };
}
