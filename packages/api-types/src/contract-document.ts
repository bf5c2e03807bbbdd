// The shape of the bundled contract as code reads it: what the server, the mock and the tests
// look up (operations, their groups, request examples, named examples), typed once here so no
// consumer casts the generated document. Everything else a document holds stays `unknown`.
import type { operations } from './generated/schema.ts';

export interface ContractExample {
  summary?: string;
  description?: string;
  value?: unknown;
  /** A reference to a named example under components.examples. */
  $ref?: string;
  [key: string]: unknown;
}

export interface ContractMediaType {
  schema?: unknown;
  examples?: Record<string, ContractExample>;
  [key: string]: unknown;
}

export interface ContractOperation {
  operationId: keyof operations;
  /** The groups whose members may call the operation. */
  'x-cckm-groups': readonly string[];
  requestBody?: { required?: boolean; content: Record<string, ContractMediaType>; [key: string]: unknown };
  responses: Record<string, unknown>;
  [key: string]: unknown;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type ContractPathItem = { [M in HttpMethod]?: ContractOperation } & {
  parameters?: unknown[];
  [key: string]: unknown;
};

export interface ContractDocument {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  servers: { url: string; description?: string; [key: string]: unknown }[];
  paths: Record<string, ContractPathItem>;
  components: {
    schemas: Record<string, unknown>;
    examples: Record<string, ContractExample>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Every operation of the document with its path and method. */
export function contractOperations(
  document: ContractDocument,
): { path: string; method: HttpMethod; operation: ContractOperation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = item[method];
      return operation ? [{ path, method, operation }] : [];
    }),
  );
}
