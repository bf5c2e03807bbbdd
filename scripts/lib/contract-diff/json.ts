// Small JSON helpers for the contract differ: internal $ref resolution in a bundled document and a
// key-order-independent equality.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The node a JSON pointer (`#/components/schemas/Problem`) names, or undefined. */
export function pointerGet(document: Json, pointer: string): Json | undefined {
  if (pointer === '#' || pointer === '#/') return document;
  if (!pointer.startsWith('#/')) return undefined;
  let node: Json | undefined = document;
  for (const raw of pointer.slice(2).split('/')) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isObject(node)) node = node[segment];
    else return undefined;
  }
  return node;
}

/**
 * Follows internal `$ref`s until a node without one. A bundled document has only internal refs;
 * an external or dangling one is an error, so the differ never compares a schema it did not read.
 */
export function resolve(document: Json, node: Json | undefined): Json | undefined {
  let current = node;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
    if (hops > 50) throw new Error(`$ref cycle at ${current.$ref}`);
    const target = pointerGet(document, current.$ref);
    if (target === undefined)
      throw new Error(`Cannot resolve $ref ${current.$ref} (is the document bundled?)`);
    current = target;
  }
  return current;
}

/** JSON text with object keys sorted, so that equal values print equal. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    isObject(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/**
 * A value inside a change line, in full: an accepted change names its before -> after exactly as
 * printed, so nothing is cut short.
 */
export function show(value: unknown): string {
  return typeof value === 'string' ? value : canonical(value);
}
