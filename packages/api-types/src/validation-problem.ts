// How a request's schema errors become the `errors[]` and `detail` of a `validation-failed`
// problem, written once for the server (http/validator-errors.ts, over express-openapi-validator's
// errors) and for @cckm/msw (over Ajv's, in a browser): the noise of a failed `oneOf` dropped,
// each error listed once, at most MAX_LISTED_ERRORS of them, and the xor rule of a body named by
// its alternatives' fields. No Node built-ins: it runs in a browser too.
import type { ContractDocument } from './contract-document.ts';
import type { ProblemFieldError } from './index.ts';

/** Field errors listed in one problem; any more are counted in a last entry ("and N more errors"). */
export const MAX_LISTED_ERRORS = 20;

/** The parts of a JSON schema the xor wording reads. */
interface SchemaNode {
  $ref?: string;
  oneOf?: SchemaNode[];
  required?: string[];
  properties?: Record<string, SchemaNode>;
  const?: unknown;
}

/** One branch of a request body's oneOf: the fields it requires, with the constant each must have. */
export interface BodyAlternative {
  /** How the message names it: `organization_ids`, `synchronize_all: true`. */
  name: string;
  required: { field: string; constant?: unknown; hasConstant: boolean }[];
  fields: string[];
}

/** A node, or what its local `$ref` (`#/components/...`) names, followed to the end. */
function resolve(document: ContractDocument, node: SchemaNode | undefined): SchemaNode | undefined {
  let current = node;
  while (current?.$ref) {
    current = current.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], document) as
      | SchemaNode
      | undefined;
  }
  return current;
}

/** The alternatives of a request body schema's `oneOf` (none when it has no `oneOf`). */
export function bodyAlternatives(document: ContractDocument, schema: unknown): BodyAlternative[] {
  const body = resolve(document, schema as SchemaNode | undefined);
  return (body?.oneOf ?? []).map((branchRef) => {
    const branch = resolve(document, branchRef) ?? {};
    const properties = branch.properties ?? {};
    const required = (branch.required ?? []).map((field) => {
      const property = resolve(document, properties[field]);
      const hasConstant = property !== undefined && 'const' in property;
      return { field, hasConstant, ...(hasConstant ? { constant: property?.const } : {}) };
    });
    const name = required
      .map((r) => (r.hasConstant ? `${r.field}: ${JSON.stringify(r.constant)}` : r.field))
      .join(' + ');
    return { name, required, fields: Object.keys(properties) };
  });
}

/** Whether a body picks this alternative: every field it requires is there, with its constant. */
function picks(body: unknown, alternative: BodyAlternative): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const record = body as Record<string, unknown>;
  return alternative.required.every(
    (r) => Object.hasOwn(record, r.field) && (!r.hasConstant || record[r.field] === r.constant),
  );
}

/**
 * The problem's `errors[]` and `detail` for schema errors whose paths are already JSON pointers
 * (`/body/organization_ids/0`, `/query/limit`). `detail` is empty when nothing is listed.
 */
export function validationErrors(
  raw: readonly ProblemFieldError[],
  alternatives: readonly BodyAlternative[],
  body: unknown,
): { errors: ProblemFieldError[]; detail: string } {
  const brokeOneOf = alternatives.length > 0 && raw.some((e) => /oneOf|exactly one/.test(e.message));
  // Ajv reports every branch of a failed oneOf: the errors that only say "this is the other
  // branch" (its required field missing, its constant not met, a field of the other branch
  // present) are noise; the rest (a bad ID, an unknown field, a wrong type) stay, once each.
  const branchFields = new Set(alternatives.flatMap((a) => a.fields));
  const isBranchNoise = ({ path, message }: ProblemFieldError) => {
    if (/oneOf|must match a schema/.test(message)) return true;
    if (!brokeOneOf) return false;
    const required = /^must have required property '(.+)'$/.exec(message);
    if (required) return branchFields.has(required[1] as string);
    if (message !== 'must be equal to constant' && message !== 'must NOT have additional properties')
      return false;
    return branchFields.has(path.replace(/^\/body\//, ''));
  };
  // Listed once each, the first MAX_LISTED_ERRORS of them; the others only counted (a body of
  // 20,000 bad items would otherwise get a 3 MB answer, and a quadratic dedup held the event loop).
  const errors: ProblemFieldError[] = [];
  const seen = seenErrors();
  let unlisted = 0;
  for (const e of raw) {
    if (isBranchNoise(e)) continue;
    if (seen(e)) continue;
    if (errors.length < MAX_LISTED_ERRORS) errors.push({ path: e.path, message: e.message });
    else unlisted += 1;
  }
  // The xor rule itself: named from the operation's own oneOf, unless the body clearly picked one
  // alternative (then its own errors say what is wrong).
  if (brokeOneOf && alternatives.filter((a) => picks(body, a)).length !== 1) {
    errors.push({
      path: '/body',
      message: `must have exactly one of ${alternatives.map((a) => a.name).join(' or ')}`,
    });
  }
  const parts = errors.map((e) => `${e.path.replace(/^\//, '').replace(/\//g, '.')} ${e.message}`);
  if (unlisted > 0) {
    const more = `and ${unlisted.toLocaleString('en-US')} more errors`;
    errors.push({ path: '/body', message: more });
    parts.push(more);
  }
  return { errors, detail: parts.join('; ') };
}

/**
 * Whether an error was seen before (and remembers it). By path, then message: most paths have one
 * message, and a key made of both costs a long string per error (about three times the time).
 */
function seenErrors(): (error: ProblemFieldError) => boolean {
  const byPath = new Map<string, string | Set<string>>();
  return ({ path, message }) => {
    const known = byPath.get(path);
    if (known === undefined) byPath.set(path, message);
    else if (known === message) return true;
    else if (typeof known === 'string') byPath.set(path, new Set([known, message]));
    else if (known.has(message)) return true;
    else known.add(message);
    return false;
  };
}
