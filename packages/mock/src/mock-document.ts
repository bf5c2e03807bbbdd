// Prism ignores the path of `servers[0].url` (with `url: /api`, a request to /api/v1/... answers
// 404 "no path matched"). The mock therefore serves a copy of the contract whose paths carry the
// base path themselves, so a frontend uses the same URLs against the mock and the real server.
import { type ContractDocument, openapiDocument } from '@cckm/api-types';

export function createMockDocument(document: ContractDocument = openapiDocument): ContractDocument {
  const copy = structuredClone(document);
  const basePath = new URL(copy.servers[0]?.url ?? '/', 'http://base').pathname.replace(/\/$/, '');
  copy.paths = Object.fromEntries(
    Object.entries(copy.paths).map(([path, item]) => [`${basePath}${path}`, item]),
  );
  copy.servers = [{ url: '/', description: 'Prism; paths include the real server base path' }];
  return copy;
}

/** The base path the real server mounts the API on (`/api`). */
export const API_BASE_PATH = new URL(openapiDocument.servers[0]?.url ?? '/', 'http://base').pathname.replace(
  /\/$/,
  '',
);
