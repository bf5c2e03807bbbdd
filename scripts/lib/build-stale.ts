// The decisions of scripts/build-stale.ts, as pure functions: which workspace packages a request
// needs and in what order, which files are a package's build inputs, the hashes that stand for
// them, and whether a package's dist/ still belongs to its inputs.
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';

/** Bump to rebuild everything once, when what the hashes cover changes. */
const KEY_FORMAT = 'cckm build-stale 1';

/** What this script reads of a package.json. */
export interface Manifest {
  name?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export interface WorkspacePackage {
  name: string;
  /** Relative to the workspace root, with forward slashes, no trailing slash. */
  dir: string;
  manifest: Manifest;
}

/** The fields whose packages must be built for a package to run. */
const RUNTIME_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;
/** Every field: a package's build may read any of them (types from a devDependency). */
const ALL_FIELDS = [...RUNTIME_FIELDS, 'devDependencies'] as const;

/**
 * The `packages:` globs of pnpm-workspace.yaml. Only `dir` and `dir/*` are understood (all this repo
 * uses); anything else throws, so a new kind of pattern cannot silently leave packages out.
 */
export function workspacePatterns(yamlText: string): string[] {
  const parsed = parseYaml(yamlText) as { packages?: unknown } | null;
  const patterns = parsed?.packages;
  if (!Array.isArray(patterns) || patterns.some((pattern) => typeof pattern !== 'string'))
    throw new Error('pnpm-workspace.yaml: expected a `packages:` list of strings');
  for (const pattern of patterns as string[]) {
    const base = pattern.replace(/\/\*$/, '');
    if (/[*?!{}[\]]/.test(base) || base.startsWith('/') || base.split('/').includes('..'))
      throw new Error(
        `pnpm-workspace.yaml: build-stale understands only "dir" and "dir/*" patterns, not "${pattern}" (extend scripts/lib/build-stale.ts)`,
      );
  }
  return patterns as string[];
}

/** Workspace packages a package declares with the `workspace:` protocol in the given fields. */
function workspaceDependencies(
  pkg: WorkspacePackage,
  packages: ReadonlyMap<string, WorkspacePackage>,
  fields: readonly (keyof Manifest)[],
): string[] {
  const names = new Set<string>();
  for (const field of fields) {
    const declared = pkg.manifest[field];
    if (typeof declared !== 'object') continue;
    for (const [name, spec] of Object.entries(declared))
      if (spec.startsWith('workspace:') && packages.has(name) && name !== pkg.name) names.add(name);
  }
  return [...names].sort();
}

function known(packages: ReadonlyMap<string, WorkspacePackage>, name: string): WorkspacePackage {
  const pkg = packages.get(name);
  if (!pkg) throw new Error(`no workspace package is named ${name}`);
  return pkg;
}

/**
 * The packages to build for `requested` to run: them and their runtime workspace dependencies,
 * transitively, each after its dependencies. Throws on an unknown name or a cycle.
 */
export function buildOrder(
  packages: ReadonlyMap<string, WorkspacePackage>,
  requested: readonly string[],
): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: readonly string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting')
      throw new Error(`workspace dependency cycle: ${[...path, name].join(' -> ')}`);
    state.set(name, 'visiting');
    const pkg = known(packages, name);
    for (const dependency of workspaceDependencies(pkg, packages, RUNTIME_FIELDS))
      visit(dependency, [...path, name]);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of requested) visit(name, []);
  return order;
}

/**
 * Every workspace package whose files can reach `name`'s build: its workspace dependencies of every
 * kind, transitively, without `name` itself (cycles through devDependencies are allowed).
 */
export function inputClosure(packages: ReadonlyMap<string, WorkspacePackage>, name: string): string[] {
  const seen = new Set<string>([name]);
  const pending = [name];
  for (let next = pending.pop(); next !== undefined; next = pending.pop())
    for (const dependency of workspaceDependencies(known(packages, next), packages, ALL_FIELDS))
      if (!seen.has(dependency)) {
        seen.add(dependency);
        pending.push(dependency);
      }
  seen.delete(name);
  return [...seen].sort();
}

/**
 * Whether a package's build may read its test/ folder. Its build compiles what tsconfig.build.json
 * includes; when that file is missing, unreadable or includes anything but plain top-level folders
 * other than test/, the answer is yes, and test files count as inputs.
 */
export function buildMayReadTests(tsconfigBuildText: string | undefined): boolean {
  if (tsconfigBuildText === undefined) return true;
  let parsed: { include?: unknown; files?: unknown };
  try {
    parsed = JSON.parse(tsconfigBuildText) as typeof parsed;
  } catch {
    return true;
  }
  const entries = [parsed.include ?? [], parsed.files ?? []].flat();
  if (!Array.isArray(parsed.include) || entries.some((entry) => typeof entry !== 'string')) return true;
  return (entries as string[]).some((entry) => {
    const first = entry.replace(/^\.\//, '').split('/')[0] ?? '';
    return first === '' || first === 'test' || first === '..' || /[*?{[]/.test(first);
  });
}

/**
 * Whether a file (relative to its package's folder) is one of the package's build inputs: every
 * file but the build's output (dist/), installed packages, Markdown and, unless the build may read
 * them, the tests.
 */
export function isBuildInput(relativePath: string, options: { testsAreInputs: boolean }): boolean {
  const segments = relativePath.split('/');
  if (segments.includes('node_modules') || segments[0] === 'dist') return false;
  if (relativePath.toLowerCase().endsWith('.md')) return false;
  return options.testsAreInputs || segments[0] !== 'test';
}

/**
 * Assigns workspace-relative paths to the package whose folder holds them (the deepest one), as
 * paths relative to that folder; paths outside every package are dropped.
 */
export function filesByPackage(paths: readonly string[], dirs: readonly string[]): Map<string, string[]> {
  const byDeepest = [...dirs].sort((a, b) => b.length - a.length);
  const result = new Map<string, string[]>(dirs.map((dir) => [dir, []]));
  for (const path of paths) {
    const dir = byDeepest.find((candidate) => path.startsWith(`${candidate}/`));
    if (dir !== undefined) result.get(dir)?.push(path.slice(dir.length + 1));
  }
  return result;
}

/** A file as hashed: its path and its bytes (for a symbolic link, the link's target). */
export interface HashedFile {
  path: string;
  content: Uint8Array | string;
}

function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** One hash for a set of files: their paths and contents, in any order given. */
export function hashFiles(files: readonly HashedFile[]): string {
  const lines = [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((file) => `${file.path}\0${sha256(file.content)}\n`);
  return sha256(lines.join(''));
}

/**
 * The hash that stands for everything a package's build reads: the files shared by every build
 * (tsconfig.base.json, the lockfiles), its own files, and the files of the workspace packages it
 * depends on (`dependencies`: own-files hash of each package of its inputClosure).
 */
export function inputsKey(parts: {
  name: string;
  shared: string;
  own: string;
  dependencies: Readonly<Record<string, string>>;
}): string {
  const dependencies = Object.entries(parts.dependencies)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, hash]) => `dependency ${name} ${hash}\n`);
  return sha256(
    `${KEY_FORMAT}\npackage ${parts.name}\nshared ${parts.shared}\nown ${parts.own}\n${dependencies.join('')}`,
  );
}

/** What a successful build leaves behind: the inputs it read and the dist/ it wrote. */
export interface Stamp {
  inputs: string;
  dist: string;
}

export function formatStamp(stamp: Stamp): string {
  return `inputs ${stamp.inputs}\ndist ${stamp.dist}\n`;
}

/** The stamp in a stamp file's text; undefined when the text is not one (treated as no stamp). */
export function parseStamp(text: string | undefined): Stamp | undefined {
  const match = text?.match(/^inputs ([0-9a-f]{64})\ndist ([0-9a-f]{64})\n$/);
  return match?.[1] && match[2] ? { inputs: match[1], dist: match[2] } : undefined;
}

export type Staleness = 'fresh' | 'never built' | 'inputs changed' | 'dist changed';

/**
 * Whether a package must be built. "dist changed" (whatever the inputs): something else wrote
 * dist/ since the build the stamp records (a plain `pnpm build` of other sources, a test's build, a
 * deleted file), so the next build must emit every file, not only those of changed sources.
 * `distHash` is not called when there is no stamp.
 */
export function staleness(stamp: Stamp | undefined, inputs: string, distHash: () => string): Staleness {
  if (!stamp) return 'never built';
  if (stamp.dist !== distHash()) return 'dist changed';
  return stamp.inputs === inputs ? 'fresh' : 'inputs changed';
}
