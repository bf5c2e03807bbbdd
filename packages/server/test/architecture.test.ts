// The server's import structure, read from the source: one direction everywhere
// (http -> features -> store -> db, a neutral core, clouds behind ports). A change that makes a
// layer lean back fails here, with the offending import named.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

interface Import {
  from: string;
  to: string;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC);
const texts = new Map(files.map((file) => [relative(SRC, file), readFileSync(file, 'utf8')]));

/** Every import (and re-export) between our own modules, as paths relative to src/. */
const imports: Import[] = [...texts].flatMap(([from, text]) =>
  ts
    .preProcessFile(text, true, true)
    .importedFiles.map((file) => file.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => ({ from, to: relative(SRC, resolve(SRC, dirname(from), specifier)) })),
);

/** The layer a module belongs to: its top folder, or the root module's own name. */
const layerOf = (path: string) =>
  path.includes('/') ? (path.split('/')[0] as string) : path.replace(/\.ts$/, '');

const violations = (rule: (edge: Import) => boolean) =>
  imports.filter(rule).map((edge) => `${edge.from} -> ${edge.to}`);

describe('server architecture', () => {
  test('when the source is read, then its imports are found (the rules below have something to check)', () => {
    expect(imports.length).toBeGreaterThan(50);
    expect(imports).toContainEqual({ from: 'runtime.ts', to: 'app.ts' });
  });

  test('when folders import each other, then there is no loop between them', () => {
    const graph = new Map<string, Set<string>>();
    for (const { from, to } of imports) {
      const [a, b] = [layerOf(from), layerOf(to)];
      if (a !== b) graph.set(a, (graph.get(a) ?? new Set()).add(b));
    }
    const loops: string[] = [];
    const visit = (node: string, path: string[]) => {
      for (const next of graph.get(node) ?? []) {
        if (path.includes(next)) loops.push([...path.slice(path.indexOf(next)), next].join(' -> '));
        else visit(next, [...path, next]);
      }
    };
    for (const node of graph.keys()) visit(node, [node]);
    expect(loops).toEqual([]);
  });

  test('when the neutral core imports, then it uses nothing of ours outside core/', () => {
    expect(violations(({ from, to }) => layerOf(from) === 'core' && layerOf(to) !== 'core')).toEqual([]);
  });

  test('when db/ imports, then it reaches only db/, core/ and config', () => {
    const allowed = new Set(['db', 'core', 'config']);
    expect(violations(({ from, to }) => layerOf(from) === 'db' && !allowed.has(layerOf(to)))).toEqual([]);
  });

  test('when store/ imports, then it reaches only store/, db/ and core/', () => {
    const allowed = new Set(['store', 'db', 'core']);
    expect(violations(({ from, to }) => layerOf(from) === 'store' && !allowed.has(layerOf(to)))).toEqual([]);
  });

  test('when features import, then only route modules touch http/, and clouds only through their ports', () => {
    expect(
      violations(
        ({ from, to }) =>
          layerOf(from) === 'features' && layerOf(to) === 'http' && !from.endsWith('-routes.ts'),
      ),
    ).toEqual([]);
    expect(
      violations(
        ({ from, to }) =>
          layerOf(from) === 'features' && layerOf(to) === 'clouds' && to !== 'clouds/cloud-connectors.ts',
      ),
    ).toEqual([]);
    expect(
      violations(
        ({ from, to }) =>
          layerOf(from) === 'features' && ['db', 'demo', 'runtime', 'app'].includes(layerOf(to)),
      ),
    ).toEqual([]);
  });

  test('when http/ or clouds/ import, then they never reach features/, store/ or db/', () => {
    expect(
      violations(
        ({ from, to }) =>
          ['http', 'clouds'].includes(layerOf(from)) &&
          ['features', 'store', 'db', 'demo'].includes(layerOf(to)),
      ),
    ).toEqual([]);
  });

  test('when config and logger import, then they import nothing of ours', () => {
    expect(violations(({ from }) => from === 'config.ts' || from === 'logger.ts')).toEqual([]);
  });

  test('when modules re-export, then they name what they export (no export *)', () => {
    const wildcards = [...texts].filter(([, text]) => /^export \* from/m.test(text)).map(([path]) => path);
    expect(wildcards).toEqual([]);
  });
});
