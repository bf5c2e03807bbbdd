// Pure helpers of `pnpm pack:packages` (scripts/pack-packages.ts): how a workspace manifest and its
// built files become what a team installs with plain npm, and the checks that the result needs
// nothing from this repository. No file system access here;
// the script does the copying.
import { builtinModules } from 'node:module';
import { posix } from 'node:path';

export interface Manifest {
  name: string;
  version: string;
  exports?: unknown;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  [field: string]: unknown;
}

export interface ManifestContext {
  /** Version of a workspace package, by name. */
  workspaceVersions: Record<string, string>;
  /** pnpm-workspace.yaml's `catalog:`. */
  catalog: Record<string, string>;
  /** Dependencies to leave out because their types are inlined (e.g. @cckm/api-types). */
  inlined?: readonly string[];
}

/** A pnpm `workspace:` or `catalog:` range as the version range npm understands. */
export function resolveRange(name: string, range: string, context: ManifestContext): string {
  if (range.startsWith('workspace:')) {
    const version = context.workspaceVersions[name];
    if (!version) throw new Error(`${name}: workspace package not found`);
    const wanted = range.slice('workspace:'.length);
    if (wanted === '*' || wanted === '') return version;
    if (wanted === '^' || wanted === '~') return `${wanted}${version}`;
    return wanted;
  }
  if (range === 'catalog:' || range === 'catalog:default') {
    const version = context.catalog[name];
    if (!version) throw new Error(`${name}: not in the pnpm catalog`);
    return version;
  }
  if (range.startsWith('catalog:')) throw new Error(`${name}: named catalogs are not supported (${range})`);
  return range;
}

/** `exports` without the `source` condition, which points at src/ (not shipped). */
export function withoutSourceCondition(exports: unknown): unknown {
  if (Array.isArray(exports)) return exports.map(withoutSourceCondition);
  if (exports === null || typeof exports !== 'object') return exports;
  return Object.fromEntries(
    Object.entries(exports)
      .filter(([key]) => key !== 'source')
      .map(([key, value]) => [key, withoutSourceCondition(value)]),
  );
}

/**
 * The manifest as published: real version ranges instead of `workspace:`/`catalog:`, no `source`
 * export condition, no dev-only fields (devDependencies, scripts), inlined packages dropped.
 */
export function publishedManifest(manifest: Manifest, context: ManifestContext): Manifest {
  const { devDependencies: _dev, scripts: _scripts, ...kept } = manifest;
  const published: Manifest = { ...kept };
  if (manifest.exports !== undefined) published.exports = withoutSourceCondition(manifest.exports);
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'] as const) {
    const ranges = manifest[field];
    if (!ranges) continue;
    const resolved = Object.entries(ranges)
      .filter(([name]) => !context.inlined?.includes(name))
      .map(([name, range]) => [name, resolveRange(name, range, context)] as const);
    if (resolved.length > 0) published[field] = Object.fromEntries(resolved);
    else delete published[field];
  }
  return published;
}

/** Every file an `exports`/`bin` entry names, relative to the package root (`dist/index.js`). */
export function entryPoints(manifest: Manifest): string[] {
  const found = new Set<string>();
  const walk = (value: unknown) => {
    if (typeof value === 'string') found.add(posix.normalize(value));
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(manifest.exports);
  walk(manifest.bin);
  for (const field of ['main', 'types', 'module']) walk(manifest[field]);
  return [...found].sort();
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"\n]+)\1/g;

/** The module specifiers of a JS or .d.ts file: static, dynamic and `import("x")` type imports. */
export function specifiersOf(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((match) => match[2] as string);
}

/** `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`; undefined for relative and node: ones. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:'))
    return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const NODE_BUILTINS = new Set(builtinModules);

/**
 * Imports of shipped files that an `npm install` of the tarball could not satisfy: packages that
 * are neither the package itself nor a declared dependency, and relative imports of missing files.
 */
export function unsatisfiedImports(
  manifest: Manifest,
  files: ReadonlyMap<string, string>,
): { file: string; specifier: string }[] {
  const declared = new Set([
    manifest.name,
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
  ]);
  const problems: { file: string; specifier: string }[] = [];
  for (const [file, source] of files) {
    if (!/\.(?:m?js|d\.m?ts)$/.test(file)) continue;
    for (const specifier of specifiersOf(source)) {
      const name = packageOf(specifier);
      if (name === undefined) {
        if (specifier.startsWith('.') && !files.has(resolveRelative(file, specifier))) {
          problems.push({ file, specifier });
        }
      } else if (!declared.has(name) && !NODE_BUILTINS.has(name)) {
        problems.push({ file, specifier });
      }
    }
  }
  return problems;
}

/** The file a relative specifier of `from` names; `.js` in a .d.ts means the sibling `.d.ts`. */
function resolveRelative(from: string, specifier: string): string {
  const target = posix.normalize(posix.join(posix.dirname(from), specifier));
  return from.endsWith('.d.ts') ? target.replace(/\.js$/, '.d.ts') : target;
}

/**
 * A declaration file as shipped: `.ts` relative specifiers (kept by tsc's
 * rewriteRelativeImportExtensions in .d.ts output) become `.js`, and the named packages become
 * relative paths to their inlined copy (`{ '@cckm/api-types': 'dist/api-types/index.js' }`).
 */
export function rewriteDeclaration(
  file: string,
  source: string,
  inlined: Readonly<Record<string, string>> = {},
): string {
  return source.replace(SPECIFIER, (whole, quote: string, specifier: string) => {
    let replacement = specifier;
    const target = inlined[specifier];
    if (target !== undefined) {
      replacement = posix.relative(posix.dirname(file), target);
      if (!replacement.startsWith('.')) replacement = `./${replacement}`;
    } else if (specifier.startsWith('.') && specifier.endsWith('.ts') && !specifier.endsWith('.d.ts')) {
      replacement = `${specifier.slice(0, -'.ts'.length)}.js`;
    }
    return whole.replace(`${quote}${specifier}${quote}`, `${quote}${replacement}${quote}`);
  });
}

/** A JS file without its `//# sourceMappingURL=` line (the maps and sources are not shipped). */
export function withoutSourceMapComment(source: string): string {
  return source.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
}

/** Which built files ship: no source maps, no incremental-build state. */
export function isShipped(relativePath: string): boolean {
  return !relativePath.endsWith('.map') && !relativePath.endsWith('.tsbuildinfo');
}
