// Bundles the multi-file contract into one document and renders the files `pnpm generate` owns:
// the openapi-typescript types and the bundled document as a module (the server validates
// against it). Pure functions of the spec on disk, so the freshness check can re-run them.
import { bundle, loadConfig } from '@redocly/openapi-core';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { redoclyConfig } from './repo-paths.ts';

export type OpenApiDocument = Record<string, unknown> & { openapi: string };

const HEADER = [
  '/**',
  ' * GENERATED FILE, DO NOT EDIT.',
  ' * Written by `pnpm generate` from the contract in openapi/; `pnpm check:generated` fails when',
  ' * this file differs from a fresh generation. Change the spec, then regenerate.',
  ' */',
  '',
].join('\n');

/** Bundles the spec rooted at `entry` (default: openapi/openapi.yaml) into one document. */
export async function bundleContract(entry: string): Promise<OpenApiDocument> {
  const config = await loadConfig({ configPath: redoclyConfig });
  const result = await bundle({ ref: entry, config });
  const errors = result.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    const lines = errors.map((problem) => `- ${problem.message}`).join('\n');
    throw new Error(`The contract does not bundle:\n${lines}`);
  }
  return result.bundle.parsed as OpenApiDocument;
}

/** The generated files, keyed by their name inside packages/api-types/src/generated/. */
export async function renderGeneratedFiles(document: OpenApiDocument): Promise<Map<string, string>> {
  const ast = await openapiTS(structuredClone(document) as unknown as OpenAPI3);
  const types = `${HEADER}\n${astToString(ast)}`;
  const documentModule = [
    HEADER,
    "import type { ContractDocument } from '../contract-document.ts';",
    '',
    '/** The bundled contract (all $refs internal), as validators and mocks consume it. */',
    `export const openapiDocument: ContractDocument = ${JSON.stringify(document, null, 2)};`,
    '',
  ].join('\n');
  return new Map([
    ['schema.ts', types],
    ['openapi-document.ts', documentModule],
  ]);
}
