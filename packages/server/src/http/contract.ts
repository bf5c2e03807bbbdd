// What the HTTP layer reads from the contract, read once: the document for the validator, the
// groups allowed per operation, and each operation's request examples (for "send this" hints).
import {
  type ContractExample,
  type ContractOperation,
  contractOperations,
  type OperationId,
  openapiDocument,
} from '@cckm/api-types';
import type * as OpenApiValidator from 'express-openapi-validator';

type ValidatorDocument = Parameters<typeof OpenApiValidator.middleware>[0]['apiSpec'];

/**
 * A private copy for express-openapi-validator, which annotates the document it is given. Its own
 * OpenAPI types are stricter than ours (every schema spelt out); the contract tests prove the
 * document is valid OpenAPI 3.1, so this is the one place the two descriptions meet.
 *
 * Every path with a GET also gets a HEAD, the same operation (ID, groups, parameters): HEAD goes
 * wherever GET goes (RFC 9110, 9.3.2), and Express answers it with the GET route, without the body.
 * The contract leaves HEAD implicit, as HTTP does; the validator would otherwise answer it 405.
 */
export function validatorDocument(): ValidatorDocument {
  const document = structuredClone(openapiDocument) as { paths: Record<string, Record<string, unknown>> };
  for (const item of Object.values(document.paths)) {
    if (item.get !== undefined && item.head === undefined) item.head = structuredClone(item.get);
  }
  return document as unknown as ValidatorDocument;
}

const operations = new Map<OperationId, ContractOperation>(
  contractOperations(openapiDocument).map(({ operation }) => [operation.operationId, operation]),
);

/** Which groups may call each operation: the contract's `x-cckm-groups`. */
export const PERMISSIONS: ReadonlyMap<OperationId, readonly string[]> = new Map(
  [...operations].map(([id, operation]) => [id, operation['x-cckm-groups']]),
);

const resolve = (example: ContractExample): ContractExample | undefined =>
  example.$ref
    ? openapiDocument.components.examples[example.$ref.replace('#/components/examples/', '')]
    : example;

/** Each operation's JSON request examples, resolved. */
export const REQUEST_EXAMPLES: ReadonlyMap<string, readonly unknown[]> = new Map(
  [...operations].map(([id, operation]) => [
    id,
    Object.values(operation.requestBody?.content['application/json']?.examples ?? {}).map(
      (example) => resolve(example)?.value,
    ),
  ]),
);

interface ParameterObject {
  name?: string;
  in?: string;
  $ref?: string;
  schema?: { type?: string };
}

const namedParameters = (openapiDocument.components.parameters ?? {}) as Record<string, ParameterObject>;

/** A query parameter as the contract declares it: whether its value is an integer. */
export interface QueryParameter {
  integer: boolean;
}

/** An operation's parameters, references resolved. */
const parametersOf = (operation: ContractOperation): ParameterObject[] =>
  ((operation.parameters ?? []) as ParameterObject[])
    .map((parameter) =>
      parameter.$ref ? namedParameters[parameter.$ref.replace('#/components/parameters/', '')] : parameter,
    )
    .filter((parameter): parameter is ParameterObject => parameter !== undefined);

/** Where the contract's operations take parameters (`query`, `path`, `header`, `cookie`). */
export const PARAMETER_LOCATIONS: ReadonlySet<string> = new Set(
  [...operations.values()].flatMap((operation) =>
    parametersOf(operation).map((parameter) => String(parameter.in)),
  ),
);

/** The names of the contract's header parameters, in lower case (as Node gives headers). */
export const HEADER_PARAMETERS: readonly string[] = [
  ...new Set(
    [...operations.values()].flatMap((operation) =>
      parametersOf(operation)
        .filter((parameter) => parameter.in === 'header')
        .map((parameter) => String(parameter.name).toLowerCase()),
    ),
  ),
];

/** Each operation's query parameters by name, exactly as the contract spells them. */
export const QUERY_PARAMETERS: ReadonlyMap<string, ReadonlyMap<string, QueryParameter>> = new Map(
  [...operations].map(([id, operation]) => {
    const parameters = parametersOf(operation).filter((parameter) => parameter.in === 'query');
    return [
      id,
      new Map(parameters.map((p) => [p.name as string, { integer: p.schema?.type === 'integer' }])),
    ];
  }),
);
