// The gate's verdict (semver: a breaking change needs a new major `info.version`) and the
// human-readable changelog of every difference, grouped by operation. Pure functions.
import { type Change, isBreaking, RULES } from './rules.ts';

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string;
}

export function parseSemVer(text: unknown): SemVer | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(String(text));
  if (!match) return undefined;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    prerelease: match[4] ?? '',
  };
}

/** Negative when a < b, 0 when equal, positive when a > b (a prerelease sorts before its release). */
export function compareSemVer(a: SemVer, b: SemVer): number {
  return (
    a.major - b.major ||
    a.minor - b.minor ||
    a.patch - b.patch ||
    (a.prerelease === b.prerelease
      ? 0
      : a.prerelease === ''
        ? 1
        : b.prerelease === ''
          ? -1
          : a.prerelease < b.prerelease
            ? -1
            : 1)
  );
}

/**
 * A breaking change shipped in a minor release by a recorded decision
 * (openapi/releases/accepted-breaking-changes.yaml): it names one change exactly as the report
 * prints it (rule, operation, location, and its before -> after), the release it is accepted
 * against, the release that ships it, and why no client is hurt.
 */
export interface AcceptedChange {
  /** The release that ships the change. */
  readonly release: string;
  /** The release it is compared with: the entry covers nothing in any other comparison. */
  readonly base: string;
  readonly rule: string;
  readonly operation: string;
  readonly location: string;
  /** The change's before -> after, exactly as the report prints it (`maxLength 1000 -> none`). */
  readonly change: string;
  readonly reason: string;
}

/** A breaking change and the accepted-list entry that lets it through. */
export interface Acceptance {
  readonly change: Change;
  readonly entry: AcceptedChange;
}

export interface Verdict {
  /** True when the gate passes. */
  readonly ok: boolean;
  /** Breaking changes not covered by an accepted-change entry. */
  readonly breaking: number;
  readonly nonBreaking: number;
  /** The breaking changes an entry of the accepted list lets through. */
  readonly accepted: readonly Change[];
  /** The same, each with its entry. */
  readonly acceptances: readonly Acceptance[];
  /** One or two sentences for the end of the report. */
  readonly message: string;
}

/**
 * The release a contract of `version` builds on: the highest of `releases` not above it; the
 * version itself when it is a release, or when no release is known.
 */
export function releaseUnder(version: SemVer, releases: readonly string[]): SemVer {
  return (
    releases
      .map((release) => parseSemVer(release))
      .filter((release): release is SemVer => release !== undefined && compareSemVer(release, version) <= 0)
      .sort(compareSemVer)
      .at(-1) ?? version
  );
}

const same = (a: SemVer, b: SemVer) => compareSemVer(a, b) === 0 && a.prerelease === b.prerelease;

/**
 * Whether `entry` lets `change` through: only the very change it names (rule, operation, location
 * and before -> after), and only in a comparison with the release it was accepted against: a base
 * that is that release, or unreleased work on top of it (`info.version` still naming it, or already
 * bumped towards the entry's release). Once a later release is the base, the entry has done its
 * work and covers nothing. `releases` are the released versions (openapi/releases/).
 */
export function covers(
  entry: AcceptedChange,
  change: Change,
  base: SemVer,
  releases: readonly string[] = [],
): boolean {
  const against = parseSemVer(entry.base);
  const release = parseSemVer(entry.release);
  if (against === undefined || release === undefined) return false;
  const baseIsRelease = releases.some((version) => {
    const parsed = parseSemVer(version);
    return parsed !== undefined && same(parsed, base);
  });
  const inScope =
    same(base, against) ||
    (!baseIsRelease && same(releaseUnder(base, releases), against) && compareSemVer(base, release) <= 0);
  return (
    inScope &&
    entry.rule === change.rule &&
    entry.operation === change.scope &&
    entry.location === change.location &&
    entry.change === change.detail
  );
}

/**
 * Passes unless: a breaking change (not accepted against the release the base is, or builds on)
 * comes without a higher major version, or `info.version` is not semver, or it went backwards.
 */
export function judge(
  changes: readonly Change[],
  baseVersion: unknown,
  headVersion: unknown,
  acceptedChanges: readonly AcceptedChange[] = [],
  releases: readonly string[] = [],
): Verdict {
  const base = parseSemVer(baseVersion);
  const head = parseSemVer(headVersion);
  const acceptances: Acceptance[] = [];
  if (base && head) {
    for (const change of changes.filter(isBreaking)) {
      const entry = acceptedChanges.find((candidate) => covers(candidate, change, base, releases));
      if (entry) acceptances.push({ change, entry });
    }
  }
  const accepted = acceptances.map((acceptance) => acceptance.change);
  const breaking = changes.filter(isBreaking).length - accepted.length;
  const nonBreaking = changes.length - breaking - accepted.length;
  const counts = { breaking, nonBreaking, accepted, acceptances };
  if (!base || !head) {
    return {
      ok: false,
      ...counts,
      message: `info.version must be semver (MAJOR.MINOR.PATCH): base ${String(baseVersion)}, current ${String(headVersion)}.`,
    };
  }
  if (compareSemVer(head, base) < 0) {
    return {
      ok: false,
      ...counts,
      message: `info.version went backwards: ${String(baseVersion)} -> ${String(headVersion)}.`,
    };
  }
  if (breaking > 0 && head.major <= base.major) {
    return {
      ok: false,
      ...counts,
      message: `${breaking} breaking change(s) under ${base.major}.x. Undo them, or (by the deprecation policy in openapi/README.md) release them as ${base.major + 1}.0.0.`,
    };
  }
  if (breaking > 0) {
    return {
      ok: true,
      ...counts,
      message: `${breaking} breaking change(s), allowed by the new major version ${String(headVersion)}.`,
    };
  }
  if (changes.length > 0 && compareSemVer(head, base) === 0) {
    const onlyDocumentation = changes.every((change) => change.rule === 'documentation-changed');
    const next = onlyDocumentation
      ? `${base.major}.${base.minor}.${base.patch + 1}`
      : `${base.major}.${base.minor + 1}.0`;
    return {
      ok: true,
      ...counts,
      message: `No breaking change. Unreleased changes since ${String(baseVersion)}: the next release is ${next}.`,
    };
  }
  return { ok: true, ...counts, message: 'No breaking change.' };
}

export interface ReportLabels {
  readonly base: string;
  readonly head: string;
}

/** The changelog: one block per operation (document-level changes first), breaking lines first. */
export function formatReport(changes: readonly Change[], verdict: Verdict, labels: ReportLabels): string {
  const lines = [`Contract changes: ${labels.base} -> ${labels.head}`, ''];
  const scopes = [...new Set(changes.map((change) => change.scope))].sort((a, b) =>
    a === 'document' ? -1 : b === 'document' ? 1 : 0,
  );
  if (changes.length === 0) lines.push('No differences.', '');
  for (const scope of scopes) {
    lines.push(scope === 'document' ? 'Document' : scope);
    const inScope = changes.filter((change) => change.scope === scope);
    const ordered = [...inScope.filter(isBreaking), ...inScope.filter((change) => !isBreaking(change))];
    // The same change under several status codes (a shared Problem schema) is one line.
    const merged = new Map<string, { change: Change; statuses: string[]; rest: string }>();
    for (const change of ordered) {
      const match = /^(\d{3}|\dXX|default) (.+)$/.exec(change.location);
      const rest = match ? (match[2] as string) : change.location;
      const key = match
        ? `${verdict.accepted.includes(change)}|${change.rule}|${rest}|${change.detail}`
        : `${merged.size}|unique`;
      const entry = merged.get(key) ?? { change, statuses: [], rest };
      if (match) entry.statuses.push(match[1] as string);
      merged.set(key, entry);
    }
    for (const { change, statuses, rest } of merged.values()) {
      const mark = verdict.accepted.includes(change)
        ? 'ACCEPTED'
        : isBreaking(change)
          ? 'BREAKING'
          : 'ok      ';
      const location = statuses.length ? `${statuses.join(', ')} ${rest}` : change.location;
      lines.push(`  ${mark}  ${location}: ${change.detail}  [${change.rule}]`);
    }
    lines.push('');
  }
  const accepted = verdict.accepted.length
    ? `${verdict.accepted.length} accepted (see openapi/releases/accepted-breaking-changes.yaml), `
    : '';
  lines.push(
    `${verdict.breaking} breaking, ${accepted}${verdict.nonBreaking} non-breaking. ${verdict.message}`,
  );
  lines.push(verdict.ok ? 'Gate: pass.' : 'Gate: FAIL.');
  return `${lines.join('\n')}\n`;
}

/** The rules as the Markdown table openapi/README.md shows. */
export function rulesTable(): string {
  const rows = Object.entries(RULES).map(
    ([id, rule]) => `| \`${id}\` | ${rule.breaking ? 'yes' : 'no'} | ${rule.summary} |`,
  );
  return ['| rule | breaking | why |', '| --- | --- | --- |', ...rows].join('\n');
}
