// The contract as the mock serves it: a copy adjusted where Prism reads it otherwise than the
// real server behaves, each adjustment here and nowhere else.
//
// 1. Prism ignores the path of `servers[0].url` (with `url: https://{host}/api`, a request to
//    /api/v1/... answers 404 "no path matched"). The copy's paths carry the base path themselves,
//    so a frontend uses the same URLs against the mock and the real server.
// 2. Prism answers a request that breaks the contract with the operation's 422 if it has one,
//    else its 400. The server answers 400 `validation-failed` (a 422 means a well-formed request
//    naming something unusable). The copy files each 422 under `default`: Prism then picks the
//    400 for invalid requests, and `Prefer: code=422, example=...` still finds the 422's examples
//    (Prism falls back to `default` for a status it does not find).
// 3. With `dynamic`, Prism fills a list's `resources` with up to `maxItems` (1,000) generated jobs,
//    about 0.4 s per request here, which the front then replaces with jobs that fit the request
//    (dynamic.ts). The copy lets Prism generate one at most.
import { type ContractDocument, contractOperations, openapiDocument } from '@cckm/api-types';

export function createMockDocument(
  document: ContractDocument = openapiDocument,
  options: { dynamic?: boolean } = {},
): ContractDocument {
  const copy = structuredClone(document);
  const list = copy.components.schemas.SynchronizationJobList as
    | { properties?: { resources?: { maxItems?: number } } }
    | undefined;
  if (options.dynamic && list?.properties?.resources) list.properties.resources.maxItems = 1;
  const basePath = basePathOf(copy);
  copy.paths = Object.fromEntries(
    Object.entries(copy.paths).map(([path, item]) => [`${basePath}${path}`, item]),
  );
  for (const { operation } of contractOperations(copy)) {
    const { '422': unprocessable, ...others } = operation.responses;
    if (unprocessable !== undefined && operation.responses.default === undefined) {
      operation.responses = { ...others, default: unprocessable };
    }
  }
  copy.servers = [{ url: '/', description: 'Prism; paths include the real server base path' }];
  return copy;
}

/** The path of the first server URL, its variables replaced by their defaults (`/api`). */
export function basePathOf(document: ContractDocument): string {
  const server = document.servers[0];
  const variables = (server?.variables ?? {}) as Record<string, { default?: string }>;
  const url = (server?.url ?? '/').replace(/\{([^}]+)\}/g, (_match, name: string) =>
    String(variables[name]?.default ?? name),
  );
  return new URL(url, 'http://base').pathname.replace(/\/$/, '');
}

/** The base path the real server mounts the API on (`/api`). */
export const API_BASE_PATH = basePathOf(openapiDocument);
