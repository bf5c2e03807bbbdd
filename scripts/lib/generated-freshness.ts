// Compares what `pnpm generate` would write with what is on disk.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleContract, renderGeneratedFiles } from './contract-artifacts.ts';

/** Names of the generated files that are missing or differ from a fresh generation. */
export async function findStaleGeneratedFiles(specEntry: string, generatedDir: string): Promise<string[]> {
  const expected = await renderGeneratedFiles(await bundleContract(specEntry));
  const stale: string[] = [];
  for (const [name, content] of expected) {
    const onDisk = await readFile(join(generatedDir, name), 'utf8').catch(() => undefined);
    if (onDisk !== content) stale.push(name);
  }
  return stale;
}
