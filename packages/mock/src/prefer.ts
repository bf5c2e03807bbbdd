// The `Prefer` header (RFC 7240) as the mock reads it. Prism takes `code`, `example`, `dynamic` and
// `seed`; asked for a status or an example the operation does not have, it answers a 404 or a 500
// of its own ("NOT_FOUND ... We tried default response"). The mock checks them first, against the
// contract (not the mock's copy, where each 422 is filed under `default`), and answers a request
// it cannot honour with a 400 problem that lists what the operation has. The sandbox
// (`--stateful`) reads `scenario` from the same header.
import { type ContractExample, type ContractOperation, openapiDocument } from '@cckm/api-types';
import { ProblemError } from '@cckm/server';

/** Preferences by lower-case name; a name given without a value maps to ''. */
export type Preferences = ReadonlyMap<string, string>;

/** Parses `Prefer: code=422, example="unknownOrganization"` (parameters after `;` are ignored). */
export function parsePrefer(header: string | string[] | undefined): Preferences {
  const preferences = new Map<string, string>();
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  for (const item of text.split(',')) {
    const [preference = ''] = item.split(';');
    const equals = preference.indexOf('=');
    const name = (equals < 0 ? preference : preference.slice(0, equals)).trim().toLowerCase();
    if (!name) continue;
    const value = equals < 0 ? '' : preference.slice(equals + 1).trim();
    preferences.set(name, value.replace(/^"(.*)"$/, '$1'));
  }
  return preferences;
}

/** Writes preferences back as a header value (undefined when none is left). */
export function formatPrefer(preferences: Preferences): string | undefined {
  const items = [...preferences].map(([name, value]) => (value === '' ? name : `${name}=${value}`));
  return items.length > 0 ? items.join(', ') : undefined;
}

interface ResponseObject {
  $ref?: string;
  content?: Record<string, { examples?: Record<string, ContractExample> }>;
}

function responseOf(operation: ContractOperation, status: string): ResponseObject | undefined {
  const response = operation.responses[status] as ResponseObject | undefined;
  if (!response?.$ref) return response;
  const responses = (openapiDocument.components.responses ?? {}) as Record<string, ResponseObject>;
  return responses[response.$ref.replace('#/components/responses/', '')];
}

/** The statuses the contract documents for an operation, in order (`default` is not a status). */
export function statusesOf(operation: ContractOperation): string[] {
  return Object.keys(operation.responses)
    .filter((status) => /^\d{3}$/.test(status))
    .sort();
}

/** The example names of one response of an operation, over its media types. */
export function exampleNamesOf(operation: ContractOperation, status: string): string[] {
  const response = responseOf(operation, status);
  return [
    ...new Set(Object.values(response?.content ?? {}).flatMap((media) => Object.keys(media.examples ?? {}))),
  ];
}

function refuse(message: string, detail: string): never {
  throw new ProblemError('validation-failed', detail, { errors: [{ path: '/headers/prefer', message }] });
}

const or = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;

/**
 * Throws the 400 problem for a `Prefer` the operation cannot honour: a `code` it does not
 * document, an `example` its response (the `code`'s, else the first 2xx) does not have, a
 * `dynamic` other than true or false.
 */
export function checkPreferences(operation: ContractOperation, preferences: Preferences): void {
  const statuses = statusesOf(operation);
  const code = preferences.get('code');
  if (code !== undefined && !statuses.includes(code)) {
    refuse(
      `must name a status of ${operation.operationId}: ${statuses.join(', ')}`,
      `Prefer: code=${code} is not a status of ${operation.operationId}; ask for ${or(statuses)}`,
    );
  }
  const dynamic = preferences.get('dynamic');
  if (dynamic !== undefined && dynamic !== 'true' && dynamic !== 'false') {
    refuse('dynamic must be true or false', `Prefer: dynamic=${dynamic} must be true or false`);
  }
  const example = preferences.get('example');
  if (example === undefined) return;
  const status = code ?? statuses.find((candidate) => candidate.startsWith('2')) ?? '200';
  const names = exampleNamesOf(operation, status);
  if (!names.includes(example)) {
    const listed = names.length > 0 ? `use ${or(names)}` : 'it has none';
    refuse(
      `must name an example of the ${status} response of ${operation.operationId}: ${listed}`,
      `Prefer: example=${example} is not an example of the ${status} response of ${operation.operationId}; ${listed}`,
    );
  }
}
