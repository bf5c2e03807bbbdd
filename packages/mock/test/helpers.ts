// Shared helpers of the mock's tests: the response schema of an operation, a validator over the
// contract as written (open responses) and over the contract closed (no undeclared property
// anywhere: what generated data must meet), and a request helper.
import { openapiDocument } from '@cckm/api-types';
import { createSchemaValidator, type Document, resolve } from '../../api-types/test/helpers.ts';

export const document = openapiDocument as unknown as Document;

/** Validates against the contract as written. */
export const validate = createSchemaValidator(document);

/**
 * The contract with every object schema closed: `unevaluatedProperties: false` on each schema
 * that declares properties or combines others with allOf, except the allOf members themselves
 * (their holder closes them) and maps (`additionalProperties` given). Problems stay open: RFC 9457
 * extension members are allowed by the contract and by the server.
 */
function closedDocument(source: Document): Document {
  const copy = structuredClone(source);
  const schemas = (copy.components as { schemas: Record<string, Record<string, unknown>> }).schemas;
  const members = new Set<string>();
  for (const schema of Object.values(schemas)) {
    for (const part of (schema.allOf ?? []) as { $ref?: string }[]) {
      if (part.$ref) members.add(part.$ref.replace('#/components/schemas/', ''));
    }
  }
  const close = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const schema = node as Record<string, unknown>;
    for (const value of Object.values(schema)) close(value);
    if ((schema.properties || schema.allOf) && schema.additionalProperties === undefined)
      schema.unevaluatedProperties = false;
  };
  for (const [name, schema] of Object.entries(schemas)) {
    if (members.has(name) || /Problem$/.test(name)) continue;
    close(schema);
    // allOf parts written inline inside a closed holder must not close themselves.
    for (const part of (schema.allOf ?? []) as Record<string, unknown>[]) delete part.unevaluatedProperties;
  }
  return copy;
}

/** Validates against the closed contract: generated data must declare every property it has. */
export const validateClosed = createSchemaValidator(closedDocument(document));

/** The schema of an operation's response for a status (its first media type). */
export function responseSchema(operationId: string, status: number): unknown {
  for (const item of Object.values(document.paths) as Record<string, Record<string, unknown>>[]) {
    for (const operation of Object.values(item)) {
      if (operation.operationId !== operationId) continue;
      const responses = operation.responses as Record<string, unknown>;
      const response = resolve(document, responses[String(status)] ?? responses.default);
      const content = response.content as Record<string, { schema: unknown }>;
      return Object.values(content)[0]?.schema;
    }
  }
  throw new Error(`no ${status} response for ${operationId}`);
}
