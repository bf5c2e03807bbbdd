// The breaking-change gate against its mutation corpus (fixtures/contract-diff/mutations.yaml):
// 60+ small edits of the real contract, each with the verdict the gate must give, covering the
// five classes that once slipped through (issue 21) and the other published rules. The contract
// is bundled once; each edit is applied in memory (mutation-corpus.ts), and a sample is also made
// on a copy of openapi/ on disk and bundled, to show both ways give the same document.
import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { bundleContract } from '../lib/contract-artifacts.ts';
import { diffContracts } from '../lib/contract-diff/contracts.ts';
import { canonical, type Json } from '../lib/contract-diff/json.ts';
import { listReleases, loadAcceptedChanges } from '../lib/contract-diff/load.ts';
import { judge } from '../lib/contract-diff/report.ts';
import { RULES } from '../lib/contract-diff/rules.ts';
import { repoRoot, specEntry } from '../lib/repo-paths.ts';
import {
  applyEdits,
  bundleEditedCopy,
  type CorpusContext,
  loadCorpus,
  MUTATION_CLASSES,
  type Mutation,
  runMutation,
} from './mutation-corpus.ts';

const openapiDir = join(repoRoot, 'openapi');
const corpus = await loadCorpus(
  join(repoRoot, 'scripts', 'test', 'fixtures', 'contract-diff', 'mutations.yaml'),
);
const gate = { diffContracts, judge } as unknown as Parameters<typeof runMutation>[0];

let context: CorpusContext;
beforeAll(async () => {
  const releases = new Map<string, Json>();
  for (const path of await listReleases(join(openapiDir, 'releases'))) {
    releases.set(basename(path, extname(path)), parse(await readFile(path, 'utf8')) as Json);
  }
  context = {
    current: (await bundleContract(specEntry)) as unknown as Json,
    sourceRoot: parse(await readFile(specEntry, 'utf8')) as Json,
    releases,
    accepted: await loadAcceptedChanges(join(openapiDir, 'releases', 'accepted-breaking-changes.yaml')),
  };
});

describe('contract:diff mutation corpus', () => {
  test('when the corpus is counted, then it has 60+ cases, about two thirds breaking, every class planted', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    const breaking = corpus.filter((mutation) => mutation.breaking).length;
    expect(breaking / corpus.length).toBeGreaterThan(0.55);
    expect(breaking / corpus.length).toBeLessThan(0.75);
    for (const kind of MUTATION_CLASSES) {
      const planted = corpus.filter((mutation) => mutation.class === kind);
      expect(planted.filter((mutation) => mutation.breaking).length, kind).toBeGreaterThan(0);
    }
    expect(new Set(corpus.map((mutation) => mutation.name)).size).toBe(corpus.length);
    for (const rule of corpus.flatMap((mutation) => [...(mutation.reports ?? []), ...(mutation.never ?? [])]))
      expect(Object.keys(RULES), rule).toContain(rule);
  });

  test.each(corpus.map((mutation) => [mutation.name, mutation] as const))(
    'when %s, then the gate gives its verdict',
    (_name, mutation: Mutation) => {
      const outcome = runMutation(gate, context, mutation);
      expect(outcome.breaking, `rules reported: ${outcome.rules.join(', ')}`).toBe(mutation.breaking);
      for (const rule of mutation.reports ?? []) expect(outcome.rules).toContain(rule);
      for (const rule of mutation.never ?? []) expect(outcome.rules).not.toContain(rule);
    },
  );

  test('when sample edits are made on a copy of openapi/ and bundled, then the document is the in-memory one', async () => {
    // One of each kind of edit: a path file, a schema, a parameter, a new file with a oneOf entry,
    // a rename, a deletion.
    const sample = [
      'CCKM Users may no longer list jobs',
      'kms optional on the Salesforce job',
      'skip maximum lowered below the accepted int32 bound',
      'a new problem kind on the PATCH 422',
      'the Skip parameter renamed',
      'the all-groups request shape inlined (its component removed)',
    ].map((name) => corpus.find((mutation) => mutation.name === name) as Mutation);
    for (const mutation of sample) {
      expect(mutation).toBeDefined();
      const onDisk = await bundleEditedCopy(openapiDir, mutation.edits);
      const inMemory = applyEdits(context.current, mutation.edits, context.sourceRoot);
      expect(canonical(onDisk), mutation.name).toBe(canonical(inMemory));
    }
  }, 120_000);
});
