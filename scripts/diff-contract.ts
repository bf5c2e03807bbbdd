// pnpm contract:diff: the breaking-change gate. Compares the contract (openapi/, bundled on the fly)
// with a released one and prints a changelog of every difference, grouped by operation, each
// marked BREAKING or ok under a published rule (table in openapi/README.md, code in
// scripts/lib/contract-diff/rules.ts).
//
// Usage: tsx scripts/diff-contract.ts [--base <file | git ref>] [--head <file>]
//   --base  default: the highest-versioned file of openapi/releases/. A path to a bundled YAML/JSON
//           contract, or a git ref whose openapi/ folder is bundled (`--base origin/main`).
//   --head  default: openapi/openapi.yaml of the working tree, bundled.
// Inputs: openapi/**, openapi/releases/* (releases, and accepted-breaking-changes.yaml: breaking
// changes a minor release ships by a recorded decision). Writes nothing.
// Exit codes: 0 no breaking change (or breaking changes under a new major info.version);
//             1 breaking change without a major version bump, or info.version not semver or lower;
//             2 usage error, a contract that cannot be read or bundled, or a malformed accepted list.
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { diffContracts } from './lib/contract-diff/contracts.ts';
import {
  type LoadedContract,
  listReleases,
  loadAcceptedChanges,
  loadBase,
  loadContractFile,
  loadRelease,
  loadWorkingContract,
} from './lib/contract-diff/load.ts';
import { type AcceptedChange, formatReport, judge } from './lib/contract-diff/report.ts';
import { repoRoot, specEntry } from './lib/repo-paths.ts';

const releasesDir = fileURLToPath(new URL('../openapi/releases/', import.meta.url));

async function main(): Promise<number> {
  let options: { base?: string | undefined; head?: string | undefined; help?: boolean | undefined };
  try {
    ({ values: options } = parseArgs({
      options: { base: { type: 'string' }, head: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    process.stderr.write(
      `${(error as Error).message}\nUsage: diff-contract [--base <file | git ref>] [--head <file>]\n`,
    );
    return 2;
  }
  if (options.help) {
    process.stdout.write('Usage: diff-contract [--base <file | git ref>] [--head <file>]\n');
    return 0;
  }
  let base: LoadedContract;
  let head: LoadedContract;
  let accepted: AcceptedChange[];
  let releases: string[];
  try {
    accepted = await loadAcceptedChanges(join(releasesDir, 'accepted-breaking-changes.yaml'));
    const releaseFiles = await listReleases(releasesDir);
    releases = releaseFiles.map((path) => basename(path, extname(path)));
    if (options.base) base = await loadBase(options.base);
    else {
      const latest = releaseFiles.at(-1);
      if (!latest) throw new Error('No release in openapi/releases/: pass --base.');
      base = await loadRelease(latest, latest.slice(repoRoot.length));
    }
    head = options.head ? await loadContractFile(options.head) : await loadWorkingContract(specEntry);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const changes = diffContracts(base.document, head.document);
  const verdict = judge(changes, base.version, head.version, accepted, releases);
  process.stdout.write(formatReport(changes, verdict, { base: base.label, head: head.label }));
  return verdict.ok ? 0 : 1;
}

process.exitCode = await main();
