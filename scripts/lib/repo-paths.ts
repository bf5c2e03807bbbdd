// Where the contract and its generated artefacts live; every script resolves paths from here.
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const specEntry = fileURLToPath(new URL('../../openapi/openapi.yaml', import.meta.url));
export const redoclyConfig = fileURLToPath(new URL('../../redocly.yaml', import.meta.url));
export const distDir = fileURLToPath(new URL('../../dist/', import.meta.url));
export const generatedDir = fileURLToPath(
  new URL('../../packages/api-types/src/generated/', import.meta.url),
);
