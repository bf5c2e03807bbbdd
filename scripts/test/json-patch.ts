// A small JSON Patch (RFC 6902: add, replace, remove, move) for the contract differ's tests: the
// fixture cases and the mutation corpus describe each planted change as a patch.
import type { Json } from '../lib/contract-diff/json.ts';

export interface PatchOperation {
  op: 'add' | 'replace' | 'remove' | 'move';
  path: string;
  from?: string;
  value?: Json;
}

type Container = Record<string, Json> | Json[];

function locate(document: Json, pointer: string): { parent: Container; key: string } {
  const segments = pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const key = segments.pop() as string;
  let parent = document as Container;
  for (const segment of segments) {
    const next = Array.isArray(parent) ? parent[Number(segment)] : parent[segment];
    if (typeof next !== 'object' || next === null) throw new Error(`No ${segment} in ${pointer}`);
    parent = next as Container;
  }
  return { parent, key };
}

/** `patch` applied to a copy of `document` (`-` appends to a list). Throws when a path is missing. */
export function applyPatch(document: Json, patch: readonly PatchOperation[]): Json {
  const copy = structuredClone(document);
  for (const operation of patch) {
    let value = structuredClone(operation.value) as Json;
    if (operation.op === 'move' || operation.op === 'remove') {
      const { parent, key } = locate(
        copy,
        operation.op === 'move' ? (operation.from as string) : operation.path,
      );
      if (Array.isArray(parent)) {
        if (Number(key) >= parent.length) throw new Error(`Nothing at ${operation.path}`);
        value = parent.splice(Number(key), 1)[0] as Json;
      } else {
        if (!(key in parent)) throw new Error(`Nothing at ${operation.path}`);
        value = parent[key] as Json;
        delete parent[key];
      }
      if (operation.op === 'remove') continue;
    }
    const { parent, key } = locate(copy, operation.path);
    if (Array.isArray(parent)) {
      if (key === '-') parent.push(value);
      else if (operation.op === 'replace') {
        if (Number(key) >= parent.length) throw new Error(`Nothing to replace at ${operation.path}`);
        parent[Number(key)] = value;
      } else parent.splice(Number(key), 0, value);
    } else {
      if (operation.op === 'replace' && !(key in parent))
        throw new Error(`Nothing to replace at ${operation.path}`);
      parent[key] = value;
    }
  }
  return copy;
}
