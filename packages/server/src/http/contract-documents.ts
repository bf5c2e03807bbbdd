// The server serves its own contract, without authentication: `GET /api/openapi.json` (the
// document it validates against, from @cckm/api-types), `/api/openapi.yaml` and the offline HTML
// reference at `/api/docs` (both written by the server's build into dist/contract/, see
// scripts/build-contract-assets.ts). Each answer carries a strong ETag (a digest of its bytes,
// made once at start-up), so a client asking again with If-None-Match gets a 304 and no body.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openapiDocument } from '@cckm/api-types';
import { type RequestHandler, Router } from 'express';
import { entityTag, noneMatchNames } from '../core/entity-tags.ts';

/** One served document: its bytes, media type and entity tag. */
export interface ServedDocument {
  body: Buffer;
  type: string;
  etag: string;
}

export interface ContractDocuments {
  json: ServedDocument;
  /** Undefined when the build did not write it (then its path is a 404 like any unknown one). */
  yaml: ServedDocument | undefined;
  docs: ServedDocument | undefined;
}

/** The file names the server's build writes under dist/contract/. */
export const CONTRACT_ASSET_FILES = { yaml: 'openapi.yaml', docs: 'docs.html' } as const;

function served(body: Buffer, type: string): ServedDocument {
  return { body, type, etag: entityTag(body) };
}

/**
 * The contract's documents: the JSON from @cckm/api-types, the YAML and the HTML reference from
 * `assetsDir` (dist/contract/), read once, here, at start-up.
 */
export function loadContractDocuments(assetsDir: string | undefined): ContractDocuments {
  const read = (name: string, type: string) => {
    const file = assetsDir === undefined ? undefined : join(assetsDir, name);
    return file !== undefined && existsSync(file) ? served(readFileSync(file), type) : undefined;
  };
  return {
    json: served(Buffer.from(JSON.stringify(openapiDocument)), 'application/json; charset=utf-8'),
    yaml: read(CONTRACT_ASSET_FILES.yaml, 'application/yaml; charset=utf-8'),
    docs: read(CONTRACT_ASSET_FILES.docs, 'text/html; charset=utf-8'),
  };
}

/** GET (and HEAD) of the three documents, before authentication and validation. */
export function contractDocumentRoutes(documents: ContractDocuments): RequestHandler {
  const router = Router({ caseSensitive: true, strict: true });
  const route = (path: string, document: ServedDocument | undefined) => {
    if (!document) return;
    router.get(path, (req, res) => {
      res.setHeader('ETag', document.etag);
      // Stored, but asked again each time: the answer changes only with a new release.
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      if (noneMatchNames(req.headers['if-none-match'], document.etag)) {
        res.status(304).end();
        return;
      }
      res.type(document.type).send(document.body);
    });
  };
  route('/api/openapi.json', documents.json);
  route('/api/openapi.yaml', documents.yaml);
  route('/api/docs', documents.docs);
  return router;
}
