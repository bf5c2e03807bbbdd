// The server's import structure, read from the source and held to one table: each folder of src/
// (and each module at its root) lists what it may import; any other import between them fails,
// naming the file, the import and the row to change. One direction everywhere: http -> features ->
// store -> db, a neutral core, clouds behind ports, composition in runtime.ts. A new folder or root
// module has no row and fails until it is placed.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

/**
 * Who may import whom. A row is a folder (`store/`: the modules directly in it; its subfolders have
 * rows of their own) or a module at the root of src/ (`runtime.ts`); it lists the folders and modules
 * its modules may import, besides their own folder. An entry `folder/file.ts` allows that module only.
 * Deny by default: an import between two rows that is not listed here fails.
 */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  // The neutral core and the leaves every layer may use: they import nothing of ours.
  'core/': [],
  'config.ts': [],
  'logger.ts': [],
  'tokens.ts': [],

  // db/: connection per dialect, schema, migrations; config for the connection settings.
  'db/': ['config.ts', 'db/migrations/'],
  'db/migrations/': [],
  // store/: the repositories, over db/.
  'store/': ['core/', 'db/'],

  // The clouds: the ports (clouds/cloud-connectors.ts) and their adapters, which share clouds/http/
  // (the call policy and its defaults are settings: config.ts).
  'clouds/': [],
  'clouds/http/': ['clouds/', 'config.ts'],
  'clouds/salesforce/': ['clouds/', 'clouds/http/'],
  'clouds/sap/': ['clouds/', 'clouds/http/'],
  // connections/: a connection's credentials, sealed in the store and opened for the adapters (the
  // credential resolvers they declare, with their credential types).
  'connections/': ['clouds/', 'clouds/salesforce/', 'clouds/sap/', 'core/', 'store/'],

  // features: services over the store and the cloud ports; only route modules use http/ (below).
  // A synchronizer implements the job runner's port, features/sync-jobs/target-synchronizer.ts.
  'features/': [], // one folder per feature, nothing shared at its root
  'features/organizations/': ['clouds/cloud-connectors.ts', 'core/', 'http/', 'store/'],
  'features/sap-keys/': [
    'clouds/cloud-connectors.ts',
    'core/',
    'features/sync-jobs/target-synchronizer.ts',
    'store/',
  ],
  'features/sync-jobs/': ['clouds/cloud-connectors.ts', 'config.ts', 'core/', 'http/', 'logger.ts', 'store/'],
  'features/tenant-secrets/': [
    'clouds/cloud-connectors.ts',
    'core/',
    'features/sync-jobs/target-synchronizer.ts',
    'http/',
    'store/',
  ],

  // http/: request handling and problems; it knows no feature, repository or database.
  'http/': ['config.ts', 'core/', 'logger.ts'],

  // metrics/: the Prometheus registry and its listener's app; the layers only get its callbacks.
  'metrics/': [],

  // demo/: the demo domain, written through the store (tenant secrets as the feature stores them).
  'demo/': [
    'clouds/',
    'clouds/salesforce/',
    'clouds/sap/',
    'connections/',
    'core/',
    'features/tenant-secrets/tenant-secret-record.ts',
    'store/',
  ],

  // Composition: createApp mounts HTTP on the services; runtime.ts builds everything.
  'app.ts': [
    'config.ts',
    'features/organizations/',
    'features/sync-jobs/',
    'features/tenant-secrets/',
    'http/',
    'logger.ts',
  ],
  'runtime.ts': [
    'app.ts',
    'clouds/',
    'clouds/http/',
    'clouds/salesforce/',
    'clouds/sap/',
    'config.ts',
    'connections/',
    'core/',
    'db/',
    'demo/',
    'features/organizations/',
    'features/sap-keys/',
    'features/sync-jobs/',
    'features/tenant-secrets/',
    'http/',
    'logger.ts',
    'metrics/',
    'store/',
  ],

  // Processes and entry points, above the runtime.
  'main.ts': ['config.ts', 'demo/', 'http/', 'logger.ts', 'metrics/', 'runtime.ts', 'tokens.ts'],
  // Runs the built command (dist/main.js) as a process: it imports only the credentials' type.
  'demo-server.ts': ['demo/'],
  // cckm-admin opens the database and the store itself: it needs no app, runner or clouds.
  'admin.ts': ['config.ts', 'connections/', 'core/', 'db/', 'demo/', 'store/'],
  'mint-token.ts': ['config.ts', 'demo/', 'tokens.ts'],
  // The package's one entry: what tests, embedding and benchmarks use.
  'index.ts': [
    'app.ts',
    'clouds/',
    'clouds/http/',
    'clouds/salesforce/',
    'clouds/sap/',
    'config.ts',
    'connections/',
    'core/',
    'db/',
    'demo-server.ts',
    'demo/',
    'http/',
    'logger.ts',
    'runtime.ts',
    'store/',
    'tokens.ts',
  ],
};

interface Import {
  /** The importing module, relative to src/. */
  from: string;
  /** The specifier as written. */
  specifier: string;
  /** The imported module, relative to src/. */
  to: string;
}

/** Every folder below src/ (as `folder/`) and every module (relative to src/). */
function walk(directory: string): { folders: string[]; modules: string[] } {
  const folders: string[] = [];
  const modules: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      folders.push(`${relative(SRC, path)}/`);
      const inner = walk(path);
      folders.push(...inner.folders);
      modules.push(...inner.modules);
    } else if (entry.name.endsWith('.ts')) modules.push(relative(SRC, path));
  }
  return { folders, modules };
}

const { folders, modules } = walk(SRC);
const texts = new Map(modules.map((module) => [module, readFileSync(join(SRC, module), 'utf8')]));

/** Each module's import, re-export and import() specifiers, as written. */
const specifiers = new Map(
  [...texts].map(([module, text]) => [
    module,
    ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName),
  ]),
);

/** Every import between our own modules. */
const imports: Import[] = [...specifiers].flatMap(([from, written]) =>
  written
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => ({ from, specifier, to: relative(SRC, resolve(SRC, dirname(from), specifier)) })),
);

/** A module's row: its folder, or itself when it sits at the root of src/. */
const rowOf = (module: string) => (module.includes('/') ? `${dirname(module)}/` : module);

/** Whether `entry` of a row allows importing `module`: its folder, or the module itself. */
const allows = (entry: string, module: string) => entry === module || entry === rowOf(module);

describe('server architecture', () => {
  test('when the source is read, then its imports are found (the rules below have something to check)', () => {
    expect(imports.length).toBeGreaterThan(50);
    expect(imports).toContainEqual({ from: 'runtime.ts', specifier: './app.ts', to: 'app.ts' });
  });

  test('when a folder or a root module exists, then the table has a row for it', () => {
    const places = [...folders, ...modules.filter((module) => !module.includes('/'))];
    const unplaced = places
      .filter((place) => !(place in ALLOWED))
      .map(
        (place) =>
          `${place} has no row in ALLOWED (test/architecture.test.ts): add '${place}': [...] with what it may import`,
      );
    expect(unplaced).toEqual([]);
  });

  test('when the table names a row or an entry, then it exists in src/', () => {
    const places = new Set([...folders, ...modules]);
    const unknown = Object.entries(ALLOWED).flatMap(([row, entries]) =>
      [row, ...entries]
        .filter((place) => !places.has(place))
        .map((place) => `ALLOWED['${row}'] names ${place}, which is not in src/`),
    );
    expect(unknown).toEqual([]);
  });

  test('when a module imports one of another row, then the table allows it', () => {
    const denied = imports
      .filter(({ from, to }) => rowOf(from) !== rowOf(to))
      .filter(({ from, to }) => !(ALLOWED[rowOf(from)] ?? []).some((entry) => allows(entry, to)))
      .map(
        ({ from, specifier, to }) =>
          `${from} imports '${specifier}' (${to}), which ALLOWED['${rowOf(from)}'] does not list: ` +
          `move the code, or add '${rowOf(to)}' to that row if ${rowOf(from)} may depend on it`,
      );
    expect(denied).toEqual([]);
  });

  test('when the table allows an import, then some module makes it (the table is the graph as it is)', () => {
    const unused = Object.entries(ALLOWED).flatMap(([row, entries]) =>
      entries
        .filter((entry) => !imports.some(({ from, to }) => rowOf(from) === row && allows(entry, to)))
        .map((entry) => `ALLOWED['${row}'] lists '${entry}', which none of its modules imports: remove it`),
    );
    expect(unused).toEqual([]);
  });

  test('when rows import each other, then there is no loop between them', () => {
    const graph = new Map<string, Set<string>>();
    for (const { from, to } of imports) {
      const [a, b] = [rowOf(from), rowOf(to)];
      if (a !== b) graph.set(a, (graph.get(a) ?? new Set()).add(b));
    }
    const loops = new Set<string>();
    const visit = (node: string, path: string[]) => {
      for (const next of graph.get(node) ?? []) {
        if (path.includes(next)) loops.add([...path.slice(path.indexOf(next)), next].join(' -> '));
        else visit(next, [...path, next]);
      }
    };
    for (const node of graph.keys()) visit(node, [node]);
    expect([...loops]).toEqual([]);
  });

  test('when features use http/ or express, then only their route modules do (services never see req/res)', () => {
    const service = (module: string) => module.startsWith('features/') && !module.endsWith('-routes.ts');
    const outside = [
      ...imports.filter(({ from, to }) => service(from) && rowOf(to) === 'http/'),
      ...[...specifiers]
        .filter(([module, written]) => service(module) && written.includes('express'))
        .map(([from]) => ({ from, specifier: 'express' })),
    ].map(({ from, specifier }) => `${from} imports '${specifier}'`);
    expect(outside).toEqual([]);
  });

  test('when modules re-export, then they name what they export (no export *)', () => {
    const wildcards = [...texts].filter(([, text]) => /^export \* from/m.test(text)).map(([path]) => path);
    expect(wildcards).toEqual([]);
  });
});
