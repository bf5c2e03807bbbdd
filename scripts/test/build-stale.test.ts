// build-stale must skip exactly the builds whose inputs and outputs are those of its last build:
// the pure decisions one by one, then the script on a two-package workspace in a temporary folder.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  buildMayReadTests,
  buildOrder,
  filesByPackage,
  formatStamp,
  hashFiles,
  inputClosure,
  inputsKey,
  isBuildInput,
  type Manifest,
  parseStamp,
  staleness,
  type WorkspacePackage,
  workspacePatterns,
} from '../lib/build-stale.ts';
import { repoRoot } from '../lib/repo-paths.ts';

function workspace(manifests: Record<string, Omit<Manifest, 'name'>>): Map<string, WorkspacePackage> {
  return new Map(
    Object.entries(manifests).map(([name, manifest]) => [
      name,
      { name, dir: `packages/${name}`, manifest: { name, ...manifest } },
    ]),
  );
}

/** The shape of this repo: cli -> client -> api-types at run time, cli -> server for its tests. */
const repoLike = workspace({
  'api-types': {},
  client: { dependencies: { 'api-types': 'workspace:*', 'openapi-fetch': '0.17.0' } },
  server: { dependencies: { 'api-types': 'workspace:*' }, devDependencies: { mock: 'workspace:*' } },
  mock: { dependencies: { 'api-types': 'workspace:*' } },
  cli: { dependencies: { client: 'workspace:*' }, devDependencies: { server: 'workspace:*' } },
});

describe('workspacePatterns', () => {
  test('when pnpm-workspace.yaml lists folders and folder/* globs, then they are returned as written', () => {
    expect(workspacePatterns('packages:\n  - packages/*\n  - bench\ncatalog:\n  a: 1\n')).toEqual([
      'packages/*',
      'bench',
    ]);
  });

  test('when a pattern is a glob build-stale cannot expand, then it throws naming the pattern', () => {
    expect(() => workspacePatterns('packages:\n  - packages/**\n')).toThrow('"packages/**"');
    expect(() => workspacePatterns('packages:\n  - "!packages/old"\n')).toThrow('"!packages/old"');
  });

  test('when there is no packages list, then it throws', () => {
    expect(() => workspacePatterns('catalog:\n  a: 1\n')).toThrow('packages');
  });
});

describe('buildOrder', () => {
  test('when a package is requested, then its runtime dependencies come first and devDependencies are left out', () => {
    expect(buildOrder(repoLike, ['cli'])).toEqual(['api-types', 'client', 'cli']);
  });

  test('when two requested packages share a dependency, then it is built once, before both', () => {
    expect(buildOrder(repoLike, ['server', 'mock'])).toEqual(['api-types', 'server', 'mock']);
  });

  test('when a dependency is not declared with workspace:, then it is not a workspace dependency', () => {
    const packages = workspace({ a: { dependencies: { b: '^1.0.0' } }, b: {} });
    expect(buildOrder(packages, ['a'])).toEqual(['a']);
  });

  test('when a name is unknown, then it throws naming it', () => {
    expect(() => buildOrder(repoLike, ['@cckm/nope'])).toThrow('@cckm/nope');
  });

  test('when runtime dependencies form a cycle, then it throws showing the cycle', () => {
    const packages = workspace({
      a: { dependencies: { b: 'workspace:*' } },
      b: { dependencies: { a: 'workspace:*' } },
    });
    expect(() => buildOrder(packages, ['a'])).toThrow('a -> b -> a');
  });
});

describe('inputClosure', () => {
  test('when a package has devDependencies, then their packages and dependencies count too, itself not', () => {
    expect(inputClosure(repoLike, 'cli')).toEqual(['api-types', 'client', 'mock', 'server']);
  });

  test('when devDependencies form a cycle, then the closure still ends', () => {
    const packages = workspace({
      a: { devDependencies: { b: 'workspace:*' } },
      b: { devDependencies: { a: 'workspace:*' } },
    });
    expect(inputClosure(packages, 'a')).toEqual(['b']);
  });
});

describe('buildMayReadTests and isBuildInput', () => {
  test('when tsconfig.build.json includes src only, then the build does not read test/', () => {
    expect(buildMayReadTests('{ "include": ["src"] }')).toBe(false);
    expect(buildMayReadTests('{ "include": ["./src", "src/generated"] }')).toBe(false);
  });

  test('when tsconfig.build.json may reach test/ or cannot be read, then tests count as inputs', () => {
    for (const text of [
      '{ "include": ["src", "test"] }',
      '{ "include": ["**/*"] }',
      '{ "include": ["src"], "files": ["test/setup.ts"] }',
      '{ "compilerOptions": {} }',
      '{ // a comment\n "include": ["src"] }',
      undefined,
    ])
      expect(buildMayReadTests(text)).toBe(true);
  });

  test('when a path is output, installed, Markdown or a test, then it is not an input', () => {
    const options = { testsAreInputs: false };
    for (const path of [
      'dist/index.js',
      'node_modules/x/index.js',
      'README.md',
      'docs/notes.MD',
      'test/a.test.ts',
    ])
      expect(isBuildInput(path, options)).toBe(false);
    for (const path of [
      'src/index.ts',
      'src/test/helper.ts',
      'package.json',
      'tsconfig.build.json',
      'scripts/b.ts',
    ])
      expect(isBuildInput(path, options)).toBe(true);
  });

  test('when the build may read tests, then test files are inputs', () => {
    expect(isBuildInput('test/a.test.ts', { testsAreInputs: true })).toBe(true);
  });
});

describe('filesByPackage', () => {
  test('when folders nest or share a prefix, then each file goes to the deepest folder holding it', () => {
    const files = filesByPackage(
      ['packages/a/src/x.ts', 'packages/ab/y.ts', 'packages/a/inner/z.ts', 'README.md'],
      ['packages/a', 'packages/ab', 'packages/a/inner', 'packages/empty'],
    );
    expect(Object.fromEntries(files)).toEqual({
      'packages/a': ['src/x.ts'],
      'packages/ab': ['y.ts'],
      'packages/a/inner': ['z.ts'],
      'packages/empty': [],
    });
  });
});

describe('hashFiles and inputsKey', () => {
  const files = [
    { path: 'src/a.ts', content: 'export const a = 1;\n' },
    { path: 'package.json', content: Buffer.from('{}') },
  ];

  test('when the same files come in another order, then the hash is the same', () => {
    expect(hashFiles([...files].reverse())).toBe(hashFiles(files));
  });

  test('when a file changes, is renamed or is added, then the hash changes', () => {
    const base = hashFiles(files);
    const [first, second] = files as [(typeof files)[0], (typeof files)[0]];
    expect(hashFiles([{ ...first, content: 'export const a = 2;\n' }, second])).not.toBe(base);
    expect(hashFiles([{ ...first, path: 'src/b.ts' }, second])).not.toBe(base);
    expect(hashFiles([...files, { path: 'src/c.ts', content: '' }])).not.toBe(base);
  });

  test("when a dependency's files change, then the key changes; the order of dependencies does not matter", () => {
    const parts = { name: 'cli', shared: 's', own: 'o', dependencies: { client: 'c1', 'api-types': 't1' } };
    const key = inputsKey(parts);
    expect(inputsKey({ ...parts, dependencies: { 'api-types': 't1', client: 'c1' } })).toBe(key);
    expect(inputsKey({ ...parts, dependencies: { client: 'c2', 'api-types': 't1' } })).not.toBe(key);
    expect(inputsKey({ ...parts, shared: 's2' })).not.toBe(key);
    expect(inputsKey({ ...parts, own: 'o2' })).not.toBe(key);
  });
});

describe('stamps and staleness', () => {
  const inputs = 'a'.repeat(64);
  const dist = 'b'.repeat(64);
  const other = 'c'.repeat(64);

  test('when a stamp is written and read back, then it is the same; other text is no stamp', () => {
    expect(parseStamp(formatStamp({ inputs, dist }))).toEqual({ inputs, dist });
    expect(parseStamp('inputs x\ndist y\n')).toBeUndefined();
    expect(parseStamp(undefined)).toBeUndefined();
  });

  test('when there is no stamp, then the package was never built and dist/ is not hashed', () => {
    const distHash = vi.fn(() => dist);
    expect(staleness(undefined, inputs, distHash)).toBe('never built');
    expect(distHash).not.toHaveBeenCalled();
  });

  test('when inputs and dist/ are those of the stamp, then the package is fresh', () => {
    expect(staleness({ inputs, dist }, inputs, () => dist)).toBe('fresh');
  });

  test('when only the inputs differ, then the inputs changed', () => {
    expect(staleness({ inputs, dist }, other, () => dist)).toBe('inputs changed');
  });

  test('when dist/ differs, then dist changed, whatever the inputs', () => {
    expect(staleness({ inputs, dist }, inputs, () => other)).toBe('dist changed');
    expect(staleness({ inputs, dist }, other, () => other)).toBe('dist changed');
  });
});

describe('scripts/build-stale.ts on a two-package workspace', () => {
  let root: string;
  const builds = async () => (await readFile(join(root, 'builds.log'), 'utf8').catch(() => '')).split('\n');
  const run = async () => {
    try {
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', join(repoRoot, 'scripts/build-stale.ts'), '--root', root, 'b'],
        { cwd: repoRoot },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'cckm-build-stale-'));
    await writeFile(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
    await writeFile(join(root, 'package.json'), '{ "name": "fake-root", "private": true }\n');
    await writeFile(join(root, '.gitignore'), 'node_modules/\ndist/\nbuilds.log\n');
    // The fake build: fails when its source says FAIL, else writes dist/ and logs its package.
    await writeFile(
      join(root, 'build.mjs'),
      `import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
const source = readFileSync('src/index.txt', 'utf8');
if (source.includes('FAIL')) process.exit(1);
mkdirSync('dist', { recursive: true });
writeFileSync('dist/out.txt', source);
const { name } = JSON.parse(readFileSync('package.json', 'utf8'));
appendFileSync('../../builds.log', name + '\\n');
console.log('built ' + name);
`,
    );
    const manifests = {
      a: { name: 'a', scripts: { build: 'node ../../build.mjs' } },
      b: { name: 'b', dependencies: { a: 'workspace:*' }, scripts: { build: 'node ../../build.mjs' } },
    };
    for (const [name, manifest] of Object.entries(manifests)) {
      await mkdir(join(root, 'packages', name, 'src'), { recursive: true });
      await writeFile(join(root, 'packages', name, 'package.json'), JSON.stringify(manifest));
      await writeFile(join(root, 'packages', name, 'src/index.txt'), `${name}\n`);
    }
    await promisify(execFile)('git', ['init', '-q'], { cwd: root });
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  test('when run twice on unchanged files, then the first run builds a then b and the second builds nothing', async () => {
    const first = await run();
    expect(first).toMatchObject({ code: 0, stdout: '' });
    expect(first.stderr).toContain('built a');
    expect(await builds()).toEqual(['a', 'b', '']);

    const second = await run();
    expect(second).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await builds()).toEqual(['a', 'b', '']);
  });

  test('when a build fails, then it leaves no stamp and stops; once fixed, only that package is built', async () => {
    const source = join(root, 'packages/a/src/index.txt');
    await writeFile(source, 'FAIL\n');
    const failed = await run();
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('a: the build failed');
    await expect(stat(join(root, 'node_modules/.cache/build-stale/packages+a'))).rejects.toThrow();

    await writeFile(source, 'a\n');
    const retried = await run();
    expect(retried.code).toBe(0);
    expect(retried.stderr).toContain('building a (never built)');
    expect(await builds()).toEqual(['a', 'b', 'a', '']);
  });
});
