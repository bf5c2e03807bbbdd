// pnpm contract:review: the review report of a contract change, Markdown to paste into a pull
// request. Compares the contract at a base (a git ref, or a bundled file) with the working tree's
// and writes, per operation, what changed (breaking first, each with its rule and why), the request
// and response examples that changed, the effect on the generated TypeScript (exported types and
// client methods added, removed or changed, from openapi-typescript's declarations for both sides,
// generated into a temporary directory and diffed), the accepted breaking changes relied on, and
// the version bump the change needs against info.version.
//
// Usage: tsx scripts/review-contract.ts --base <git ref | file> [--head <file>] [--out <report.md>]
//   --base  required: a git ref of the repository of the current directory (its openapi/ is
//           bundled), or a bundled YAML/JSON contract.
//   --head  default: openapi/openapi.yaml of the working tree, bundled.
//   --out   default: standard output.
// Inputs: openapi/** and openapi/releases/* (the releases and accepted-breaking-changes.yaml) of
// the repository of the current directory. Writes the report (and temporary files it removes).
// Exit codes: 0 info.version is bumped enough (the report says the bump);
//             1 it is not (a breaking change needs a major, any other change a minor, documentation a
//               patch, counted from the release the base builds on), or a version is not semver;
//             2 usage error, or a contract that cannot be read, bundled or generated.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { type OpenApiDocument, renderGeneratedFiles } from './lib/contract-artifacts.ts';
import type { Json } from './lib/contract-diff/json.ts';
import {
  type LoadedContract,
  listReleases,
  loadAcceptedChanges,
  loadBase,
  loadContractFile,
  loadWorkingContract,
} from './lib/contract-diff/load.ts';
import { formatReview, reviewContracts } from './lib/contract-review/review.ts';

const USAGE = 'Usage: review-contract --base <git ref | file> [--head <file>] [--out <report.md>]\n';
/** The declaration diff in the report is cut after this many lines (the lists above it are whole). */
const MAX_DIFF_LINES = 400;

/** The top of the git repository of the current directory, or the current directory. */
function repositoryRoot(): string {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
  } catch {
    return process.cwd();
  }
}

async function declarations(document: Json): Promise<string> {
  const files = await renderGeneratedFiles(document as unknown as OpenApiDocument);
  return files.get('schema.ts') ?? '';
}

/** `git diff --no-index` of the two declaration files, cut to MAX_DIFF_LINES. */
function unifiedDiff(dir: string, base: string, head: string): string {
  let output = '';
  try {
    execFileSync('git', ['diff', '--no-index', '--no-color', '-U2', base, head], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    // Exit 1: the files differ; the diff is on stdout.
    const { status, stdout } = error as { status?: number; stdout?: string };
    if (status !== 1) throw error;
    output = stdout ?? '';
  }
  const lines = output
    .split('\n')
    .filter((line) => !line.startsWith('diff --git') && !line.startsWith('index '));
  if (lines.length <= MAX_DIFF_LINES) return lines.join('\n');
  return [...lines.slice(0, MAX_DIFF_LINES), `... ${lines.length - MAX_DIFF_LINES} more lines`].join('\n');
}

async function main(): Promise<number> {
  let options: { base?: string | undefined; head?: string | undefined; out?: string | undefined };
  try {
    ({ values: options } = parseArgs({
      options: { base: { type: 'string' }, head: { type: 'string' }, out: { type: 'string' } },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!options.base) {
    process.stderr.write(`--base is required.\n${USAGE}`);
    return 2;
  }
  const root = repositoryRoot();
  const releasesDir = join(root, 'openapi', 'releases');
  const work = await mkdtemp(join(tmpdir(), 'cckm-contract-review-'));
  try {
    let base: LoadedContract;
    let head: LoadedContract;
    let report: string;
    let ok: boolean;
    try {
      base = await loadBase(options.base, root);
      head = options.head
        ? await loadContractFile(options.head)
        : await loadWorkingContract(join(root, 'openapi', 'openapi.yaml'), 'working tree');
      const accepted = await loadAcceptedChanges(join(releasesDir, 'accepted-breaking-changes.yaml'));
      const releases = (await listReleases(releasesDir)).map((path) => basename(path, extname(path)));
      const generated = { base: await declarations(base.document), head: await declarations(head.document) };
      await writeFile(join(work, 'base.d.ts'), generated.base);
      await writeFile(join(work, 'head.d.ts'), generated.head);
      const review = reviewContracts({ base, head, declarations: generated, accepted, releases });
      report = formatReview(review, unifiedDiff(work, 'base.d.ts', 'head.d.ts'));
      ok = review.ok;
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n`);
      return 2;
    }
    if (options.out) {
      await writeFile(options.out, report);
      process.stdout.write(`wrote ${options.out}: ${report.split('\n')[2] ?? ''}\n`);
    } else process.stdout.write(report);
    return ok ? 0 : 1;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

process.exitCode = await main();
