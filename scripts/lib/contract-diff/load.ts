// Where the two contracts of a comparison come from: a bundled file (a release in
// openapi/releases/, or any YAML/JSON), the working tree's contract bundled on the fly, or the
// contract of a git ref (its openapi/ folder, bundled).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { parse } from 'yaml';
import { bundleContract } from '../contract-artifacts.ts';
import { repoRoot } from '../repo-paths.ts';
import type { Json } from './json.ts';
import { type AcceptedChange, compareSemVer, parseSemVer } from './report.ts';

export interface LoadedContract {
  readonly document: Json;
  /** How the report names it: `openapi/releases/1.0.0.yaml (1.0.0)`. */
  readonly label: string;
  readonly version: unknown;
}

function versionOf(document: Json): unknown {
  const info = (document as { info?: { version?: unknown } } | null)?.info;
  return info?.version;
}

export async function loadContractFile(path: string, label = path): Promise<LoadedContract> {
  const document = parse(await readFile(path, 'utf8')) as Json;
  const version = versionOf(document);
  return { document, version, label: `${label} (${String(version)})` };
}

/** The release files of `dir` (`<semver>.yaml` or `.json`), highest version last. */
export async function listReleases(dir: string): Promise<string[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) =>
    ['.yaml', '.json'].includes(extname(name)),
  );
  const releases = names
    .map((name) => ({ name, version: parseSemVer(basename(name, extname(name))) }))
    .filter((release) => release.version !== undefined);
  return releases
    .sort((a, b) =>
      compareSemVer(a.version as NonNullable<typeof a.version>, b.version as NonNullable<typeof b.version>),
    )
    .map((release) => join(dir, release.name));
}

/** Loads a release file and checks that its `info.version` is the one its name promises. */
export async function loadRelease(path: string, label: string): Promise<LoadedContract> {
  const release = await loadContractFile(path, label);
  const expected = basename(path, extname(path));
  if (String(release.version) !== expected) {
    throw new Error(`${label} says info.version ${String(release.version)}, but its name says ${expected}.`);
  }
  return release;
}

/** Bundles the working tree's contract (openapi/openapi.yaml, or another entry file). */
export async function loadWorkingContract(
  entry: string,
  label = 'current contract',
): Promise<LoadedContract> {
  const document = (await bundleContract(entry)) as unknown as Json;
  const version = versionOf(document);
  return { document, version, label: `${label} (${String(version)})` };
}

/** The contract as it was at a git ref of `repo`: its openapi/ folder, extracted and bundled. */
export async function loadContractAtRef(ref: string, repo = repoRoot): Promise<LoadedContract> {
  const dir = await mkdtemp(join(tmpdir(), 'cckm-contract-ref-'));
  try {
    const archive = execFileSync('git', ['archive', '--format=tar', ref, 'openapi'], {
      cwd: repo,
      maxBuffer: 64 * 1024 * 1024,
    });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
    return await loadWorkingContract(join(dir, 'openapi', 'openapi.yaml'), `git ${ref}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `--base`: an existing file, else a git ref (of `repo`). */
export async function loadBase(spec: string, repo = repoRoot): Promise<LoadedContract> {
  if (existsSync(spec)) {
    const inReleases = /(^|\/)openapi\/releases\/[^/]+$/.test(spec);
    return inReleases ? loadRelease(spec, spec) : loadContractFile(spec);
  }
  return loadContractAtRef(spec, repo);
}

/**
 * The accepted breaking changes (openapi/releases/accepted-breaking-changes.yaml); none when the file
 * is missing. Every entry needs all seven fields, `release` and `base` in semver (`base` the older),
 * and a reason.
 */
export async function loadAcceptedChanges(path: string): Promise<AcceptedChange[]> {
  if (!existsSync(path)) return [];
  const entries: unknown = parse(await readFile(path, 'utf8')) ?? [];
  if (!Array.isArray(entries)) throw new Error(`${path}: expected a list of accepted changes.`);
  return entries.map((entry: unknown, index) => {
    const fields = ['release', 'base', 'rule', 'operation', 'location', 'change', 'reason'] as const;
    const record = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const missing = fields.filter((field) => typeof record[field] !== 'string' || record[field] === '');
    if (missing.length > 0) throw new Error(`${path}: entry ${index + 1} lacks ${missing.join(', ')}.`);
    const release = parseSemVer(record.release);
    const base = parseSemVer(record.base);
    if (!release || !base)
      throw new Error(`${path}: entry ${index + 1} has a release or base that is not semver.`);
    if (compareSemVer(base, release) >= 0)
      throw new Error(`${path}: entry ${index + 1} has a base that is not older than its release.`);
    return Object.fromEntries(
      fields.map((field) => [field, record[field] as string]),
    ) as unknown as AcceptedChange;
  });
}
