// Builds what a root script is about to run, and only what changed: the named workspace packages and
// their runtime workspace dependencies (`dependencies`, `optionalDependencies`, `peerDependencies`),
// each after its dependencies, each with its own `pnpm run build`, skipped when its stamp says its
// dist/ was built from the inputs it has now. `pnpm build` itself still builds everything.
//
// A package's inputs: its files as git lists them (tracked, or untracked and not ignored) except
// dist/, node_modules/, Markdown and test/ (kept when its tsconfig.build.json may read test/); the
// same of every workspace package it depends on in any field, devDependencies included (the builds
// read their sources through the `source` export condition); and tsconfig.base.json,
// pnpm-workspace.yaml, pnpm-lock.yaml and node_modules/.pnpm/lock.yaml (what is installed). No
// package's build reads openapi/: api-types compiles the committed src/generated/.
// A stamp, node_modules/.cache/build-stale/<package folder>, records after a successful build the
// hash of the inputs and of the dist/ it wrote (not in dist/: `files` would ship it). A package is
// rebuilt when it has no stamp, when its inputs changed, or when its dist/ changed since (another
// command built it from other sources, or a file was deleted): then its .tsbuildinfo is deleted
// first, since tsc's incremental build re-emits only the outputs of changed sources (dist/ itself
// stays: a test may be running it). The stamp is deleted before a build starts, so a failed or
// interrupted build leaves none. Outside a git checkout nothing is skipped and no stamp is written.
//
// Usage: node --import tsx scripts/build-stale.ts [--root <workspace>] <package name>...
// Inputs: the files above. Outputs: the packages' dist/ (by their builds), the stamps; "building
// <name> (<why>)" and the builds' own output on stderr, nothing on stdout (`$(pnpm -s token)` reads
// the token alone). Exit codes: 0 all fresh or built, 1 a build failed or the workspace is
// unreadable, 2 bad usage or an unknown package.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildMayReadTests,
  buildOrder,
  filesByPackage,
  formatStamp,
  type HashedFile,
  hashFiles,
  inputClosure,
  inputsKey,
  isBuildInput,
  type Manifest,
  parseStamp,
  staleness,
  type WorkspacePackage,
  workspacePatterns,
} from './lib/build-stale.ts';
import { repoRoot } from './lib/repo-paths.ts';

const USAGE = `Usage: node --import tsx scripts/build-stale.ts [--root <workspace>] <package name>...

Builds the named workspace packages and their runtime workspace dependencies, skipping each one
whose dist/ was built from its current inputs.
`;

/** Read by every package's build. */
const SHARED_INPUTS = [
  'tsconfig.base.json',
  'pnpm-workspace.yaml',
  'pnpm-lock.yaml',
  'node_modules/.pnpm/lock.yaml',
];

function fail(message: string, code: number): never {
  process.stderr.write(`build-stale: ${message}\n`);
  process.exit(code);
}

let root: string;
let requested: string[];
try {
  const { values, positionals } = parseArgs({
    options: { root: { type: 'string' }, help: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  if (positionals.length === 0) throw new Error('name at least one package');
  root = resolve(values.root ?? repoRoot);
  requested = positionals;
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** A file's bytes, a symbolic link's target, or undefined (gone, or a folder). */
function contentOf(path: string): HashedFile['content'] | undefined {
  try {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return `symlink ${readlinkSync(path)}`;
    return stat.isFile() ? readFileSync(path) : undefined;
  } catch {
    return undefined;
  }
}

function hashOf(dir: string, paths: readonly string[]): string {
  const files: HashedFile[] = [];
  for (const path of paths) {
    const content = contentOf(join(dir, path));
    if (content !== undefined) files.push({ path, content });
  }
  return hashFiles(files);
}

function readWorkspace(): Map<string, WorkspacePackage> {
  const yamlText = readText(join(root, 'pnpm-workspace.yaml'));
  if (yamlText === undefined) throw new Error(`${root}: no pnpm-workspace.yaml`);
  const dirs: string[] = [];
  for (const pattern of workspacePatterns(yamlText)) {
    if (!pattern.endsWith('/*')) {
      dirs.push(pattern.replace(/\/$/, ''));
      continue;
    }
    const base = pattern.slice(0, -2);
    const entries = (() => {
      try {
        return readdirSync(join(root, base), { withFileTypes: true });
      } catch {
        return [];
      }
    })();
    for (const entry of entries) if (entry.isDirectory()) dirs.push(`${base}/${entry.name}`);
  }
  const packages = new Map<string, WorkspacePackage>();
  for (const dir of dirs) {
    const text = readText(join(root, dir, 'package.json'));
    if (text === undefined) continue;
    const manifest = JSON.parse(text) as Manifest;
    if (manifest.name) packages.set(manifest.name, { name: manifest.name, dir, manifest });
  }
  return packages;
}

/** Workspace-relative paths of the files git lists under `dirs`; undefined outside a checkout. */
function listedFiles(dirs: readonly string[]): string[] | undefined {
  try {
    const output = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z', '--', ...dirs], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return [...new Set(output.split('\0').filter(Boolean))];
  } catch {
    return undefined;
  }
}

/** Paths under a dist/ folder, with forward slashes; none if it does not exist. */
function distEntries(dist: string): string[] {
  try {
    return readdirSync(dist, { recursive: true, encoding: 'utf8' }).map((entry) =>
      entry.split('\\').join('/'),
    );
  } catch {
    return [];
  }
}

/** The hash of what a build wrote: dist/ without tsc's incremental state. */
function distHash(dir: string): string {
  const dist = join(root, dir, 'dist');
  return hashOf(
    dist,
    distEntries(dist).filter((entry) => !entry.endsWith('.tsbuildinfo')),
  );
}

/** Deletes tsc's incremental state in dist/, so that the next build emits every file again. */
function forgetIncrementalState(dir: string): void {
  const dist = join(root, dir, 'dist');
  for (const entry of distEntries(dist))
    if (entry.endsWith('.tsbuildinfo')) rmSync(join(dist, entry), { force: true });
}

function stampPath(dir: string): string {
  return join(root, 'node_modules/.cache/build-stale', dir.split('/').join('+'));
}

/** Runs a package's build script; its stdout goes to stderr. Exits 1 if it fails. */
function build(pkg: WorkspacePackage, why: string): void {
  process.stderr.write(`build-stale: building ${pkg.name} (${why})\n`);
  const result = spawnSync('pnpm', ['--silent', 'run', 'build'], {
    cwd: join(root, pkg.dir),
    stdio: ['ignore', process.stderr, 'inherit'],
  });
  if (result.status !== 0)
    fail(
      `${pkg.name}: the build failed (${result.error?.message ?? result.signal ?? `exit ${result.status}`})`,
      1,
    );
}

let packages: Map<string, WorkspacePackage>;
let order: string[];
try {
  packages = readWorkspace();
} catch (error) {
  fail((error as Error).message, 1);
}
try {
  order = buildOrder(packages, requested);
} catch (error) {
  fail((error as Error).message, 2);
}
const toBuild = order
  .map((name) => packages.get(name) as WorkspacePackage)
  .filter((pkg) => pkg.manifest.scripts?.build !== undefined);

const involved = new Set(toBuild.flatMap((pkg) => [pkg.name, ...inputClosure(packages, pkg.name)]));
const involvedDirs = [...involved].map((name) => (packages.get(name) as WorkspacePackage).dir);
const listed = listedFiles(involvedDirs);

if (listed === undefined) {
  process.stderr.write(`build-stale: git cannot list the files of ${root}: building without stamps\n`);
  for (const pkg of toBuild) build(pkg, 'no git checkout');
  process.exit(0);
}

const shared = hashOf(root, SHARED_INPUTS);
const byDir = filesByPackage(listed, involvedDirs);
const ownHashes = new Map<string, string>();
function ownHash(name: string): string {
  const cached = ownHashes.get(name);
  if (cached !== undefined) return cached;
  const { dir } = packages.get(name) as WorkspacePackage;
  const testsAreInputs = buildMayReadTests(readText(join(root, dir, 'tsconfig.build.json')));
  const inputs = (byDir.get(dir) ?? []).filter((path) => isBuildInput(path, { testsAreInputs }));
  const hash = hashOf(join(root, dir), inputs);
  ownHashes.set(name, hash);
  return hash;
}

for (const pkg of toBuild) {
  const inputs = inputsKey({
    name: pkg.name,
    shared,
    own: ownHash(pkg.name),
    dependencies: Object.fromEntries(inputClosure(packages, pkg.name).map((name) => [name, ownHash(name)])),
  });
  const stampFile = stampPath(pkg.dir);
  const why = staleness(parseStamp(readText(stampFile)), inputs, () => distHash(pkg.dir));
  if (why === 'fresh') continue;
  rmSync(stampFile, { force: true });
  if (why === 'dist changed') forgetIncrementalState(pkg.dir);
  build(pkg, why);
  mkdirSync(join(stampFile, '..'), { recursive: true });
  writeFileSync(stampFile, formatStamp({ inputs, dist: distHash(pkg.dir) }));
}
