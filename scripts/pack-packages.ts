// pnpm pack:packages: builds the installable packages and writes their npm tarballs, which install
// with plain `npm install <tarball>` into any project and need nothing from this repository.
//   @cckm/client     the typed client; the contract's types (@cckm/api-types) are inlined into its
//                    dist/api-types/*.d.ts, so its only dependency is openapi-fetch
//   @cckm/api-types  the contract's types and bundled OpenAPI document, for those who want them alone
//   @cckm/cli        `cckm`; depends on @cckm/client (install both tarballs in one npm command)
//   @cckm/msw        MSW handlers and the in-memory model; depends on @cckm/api-types (the contract
//                    document it validates with), msw is a peer
//   @cckm/react-query TanStack Query options; @cckm/client, @tanstack/react-query and react are peers
// Each package is staged in a temporary folder: its README, its dist/ without source maps and
// .tsbuildinfo, and a manifest with real version ranges instead of `workspace:`/`catalog:` and
// without the `source` export condition; then `npm pack` writes the tarball. The staged files are
// checked: every export/bin target exists and every import is a declared dependency or a shipped file.
// Then the frontend kit's entry points are bundled for the browser and their size printed (minified
// and gzipped, peer dependencies excluded: the app has those anyway), one line each.
// Usage: tsx scripts/pack-packages.ts [--out <dir>] [--skip-build]
// Inputs: packages/{api-types,client,cli}, pnpm-workspace.yaml. Output: <dir>/cckm-*-<version>.tgz
// (default dist/packages/ at the repo root), one line per tarball and one per kit entry point on stdout.
// Exit codes: 0 written, 1 a build, check or npm pack failed, 2 bad options.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { bundleSize, formatKb } from './lib/bundle-size.ts';
import {
  entryPoints,
  isShipped,
  type Manifest,
  publishedManifest,
  rewriteDeclaration,
  unsatisfiedImports,
  withoutSourceMapComment,
} from './lib/pack-staging.ts';
import { repoRoot } from './lib/repo-paths.ts';

const run = promisify(execFile);

interface PackageToPack {
  dir: string;
  /** Workspace packages whose declaration files are copied in (under dist/<folder>/) instead of depended on. */
  inlineTypes?: readonly string[];
  /** A browser kit package: its entry point's bundle size is printed. */
  measure?: boolean;
}

/** In build order. */
const PACKAGES: readonly PackageToPack[] = [
  { dir: 'packages/api-types' },
  { dir: 'packages/client', inlineTypes: ['@cckm/api-types'] },
  { dir: 'packages/cli' },
  { dir: 'packages/msw', measure: true },
  { dir: 'packages/react-query', measure: true },
];

async function readManifest(dir: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Manifest;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/** Copies dist/ of `from` to `to`/`into`, without maps and build state, rewriting as it goes. */
async function copyBuilt(
  from: string,
  to: string,
  into: string,
  inlined: Record<string, string>,
  onlyDeclarations = false,
) {
  for (const file of await filesUnder(join(from, 'dist'))) {
    if (!isShipped(file)) continue;
    const target = `${into}/${file}`;
    let text = await readFile(join(from, 'dist', file), 'utf8');
    if (file.endsWith('.d.ts')) text = rewriteDeclaration(target, text, inlined);
    else if (onlyDeclarations) continue;
    else if (file.endsWith('.js')) text = withoutSourceMapComment(text);
    await mkdir(join(to, target, '..'), { recursive: true });
    await writeFile(join(to, target), text);
  }
}

async function stage(
  spec: PackageToPack,
  context: { workspaceVersions: Record<string, string>; catalog: Record<string, string> },
  workspaceDirs: Record<string, string>,
  stagingRoot: string,
): Promise<string> {
  const source = join(repoRoot, spec.dir);
  const manifest = await readManifest(source);
  const staged = join(stagingRoot, manifest.name.replace('@', '').replace('/', '-'));
  await mkdir(staged, { recursive: true });

  const inlined: Record<string, string> = {};
  for (const name of spec.inlineTypes ?? []) inlined[name] = `dist/${name.split('/').pop()}/index.js`;
  await copyBuilt(source, staged, 'dist', inlined);
  for (const name of spec.inlineTypes ?? []) {
    await copyBuilt(workspaceDirs[name] as string, staged, `dist/${name.split('/').pop()}`, {}, true);
  }
  await cp(join(source, 'README.md'), join(staged, 'README.md'));

  const published = publishedManifest(manifest, { ...context, inlined: spec.inlineTypes ?? [] });
  await writeFile(join(staged, 'package.json'), `${JSON.stringify(published, null, 2)}\n`);

  const files = await filesUnder(staged);
  const missing = entryPoints(published).filter((entry) => !files.includes(entry));
  const texts = new Map<string, string>();
  for (const file of files)
    if (/\.(?:js|d\.ts)$/.test(file)) texts.set(file, await readFile(join(staged, file), 'utf8'));
  const unsatisfied = unsatisfiedImports(published, texts);
  if (missing.length > 0 || unsatisfied.length > 0) {
    throw new Error(
      [
        `${manifest.name} would not install on its own:`,
        ...missing.map((entry) => `  exports/bin names ${entry}, which is not shipped`),
        ...unsatisfied.map(
          ({ file, specifier }) => `  ${file} imports ${specifier}, which is not shipped or declared`,
        ),
      ].join('\n'),
    );
  }
  return staged;
}

async function main() {
  let values: { out?: string; 'skip-build': boolean };
  try {
    ({ values } = parseArgs({
      options: { out: { type: 'string' }, 'skip-build': { type: 'boolean', default: false } },
    }) as { values: typeof values });
  } catch (error) {
    process.stderr.write(
      `${(error as Error).message}\nUsage: tsx scripts/pack-packages.ts [--out <dir>] [--skip-build]\n`,
    );
    return 2;
  }
  const out = resolve(values.out ?? join(repoRoot, 'dist/packages'));

  const workspaceDirs: Record<string, string> = {};
  const workspaceVersions: Record<string, string> = {};
  for (const dir of await readdir(join(repoRoot, 'packages'))) {
    const manifest = await readManifest(join(repoRoot, 'packages', dir)).catch(() => undefined);
    if (!manifest) continue;
    workspaceDirs[manifest.name] = join(repoRoot, 'packages', dir);
    workspaceVersions[manifest.name] = manifest.version;
  }
  const workspace = parseYaml(await readFile(join(repoRoot, 'pnpm-workspace.yaml'), 'utf8')) as {
    catalog?: Record<string, string>;
  };
  const context = { workspaceVersions, catalog: workspace.catalog ?? {} };

  if (!values['skip-build']) {
    const names = await Promise.all(
      PACKAGES.map(async (spec) => (await readManifest(join(repoRoot, spec.dir))).name),
    );
    // Only what changed since its last build (scripts/build-stale.ts).
    await run(process.execPath, ['--import', 'tsx', 'scripts/build-stale.ts', ...names], { cwd: repoRoot });
  }

  const stagingRoot = await mkdtemp(join(tmpdir(), 'cckm-pack-'));
  try {
    await mkdir(out, { recursive: true });
    for (const spec of PACKAGES) {
      const staged = await stage(spec, context, workspaceDirs, stagingRoot);
      const { stdout } = await run('npm', ['pack', staged, '--pack-destination', out, '--json', '--silent'], {
        cwd: stagingRoot,
      });
      const [packed] = JSON.parse(stdout) as { filename: string; files: unknown[]; size: number }[];
      process.stdout.write(
        `${join(out, packed?.filename ?? '?')}  (${packed?.files.length} files, ${packed?.size} bytes)\n`,
      );
    }
    for (const spec of PACKAGES.filter((candidate) => candidate.measure)) {
      const manifest = await readManifest(join(repoRoot, spec.dir));
      const size = await bundleSize(
        join(repoRoot, spec.dir, 'dist/index.js'),
        Object.keys(manifest.peerDependencies ?? {}),
      );
      process.stdout.write(
        `bundle ${manifest.name}: ${formatKb(size.gzip)} gzip, ${formatKb(size.minified)} minified (peer dependencies excluded)\n`,
      );
    }
  } finally {
    await rm(stagingRoot, { recursive: true, force: true });
  }
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  const failure = error as Error & { stderr?: string; stdout?: string };
  process.stderr.write(`${failure.message}\n${failure.stdout ?? ''}${failure.stderr ?? ''}`);
  process.exitCode = 1;
}
