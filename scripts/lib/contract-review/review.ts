// The review report of a contract change (`pnpm contract:review`): the gate's changes grouped by
// operation, breaking first, each with its rule and why; the request and response examples that
// changed; the effect on the generated TypeScript; the accepted changes relied on; and the version
// bump the change needs against `info.version`. Pure: documents and their generated declarations
// in, a review and its Markdown out.
import { diffContracts } from '../contract-diff/contracts.ts';
import { isObject, type Json, type JsonObject, resolve } from '../contract-diff/json.ts';
import {
  type Acceptance,
  type AcceptedChange,
  compareSemVer,
  judge,
  parseSemVer,
  releaseUnder,
  type SemVer,
} from '../contract-diff/report.ts';
import { type Change, isBreaking, RULES } from '../contract-diff/rules.ts';
import { foldUnchanged, lineDiff } from './line-diff.ts';
import { type TypeScriptEffect, typeScriptEffect } from './typescript-effect.ts';

export type Bump = 'major' | 'minor' | 'patch' | 'none';

export interface ExampleDiff {
  /** `request body application/json` or `201 application/json`, as the gate names places. */
  readonly location: string;
  readonly name: string;
  readonly status: 'added' | 'removed' | 'changed';
  /** `-`/`+`/` ` lines of the example's JSON, unchanged runs folded. */
  readonly lines: readonly string[];
}

export interface ReviewInput {
  readonly base: { readonly document: Json; readonly label: string; readonly version: unknown };
  readonly head: { readonly document: Json; readonly label: string; readonly version: unknown };
  /** The generated declarations (openapi-typescript) of each side. */
  readonly declarations: { readonly base: string; readonly head: string };
  readonly accepted: readonly AcceptedChange[];
  /** The released versions (openapi/releases/), to tell a released base from a bumped one. */
  readonly releases: readonly string[];
}

export interface Review {
  readonly input: ReviewInput;
  readonly changes: readonly Change[];
  readonly accepted: readonly Acceptance[];
  readonly examples: ReadonlyMap<string, readonly ExampleDiff[]>;
  readonly typescript: TypeScriptEffect;
  readonly bump: Bump;
  /** The lowest `info.version` that satisfies the bump, or undefined when a version is not semver. */
  readonly required?: string;
  readonly ok: boolean;
  readonly message: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function asObject(value: Json | undefined): JsonObject {
  return isObject(value) ? value : {};
}

/** `METHOD /path`, the gate's operation scope, with the key it matches operations by. */
function operationsOf(document: Json): Map<string, { scope: string; node: JsonObject }> {
  const operations = new Map<string, { scope: string; node: JsonObject }>();
  for (const [path, raw] of Object.entries(asObject(asObject(document).paths))) {
    const item = asObject(resolve(document, raw));
    for (const method of METHODS) {
      const node = item[method];
      if (!isObject(node)) continue;
      const key = `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, '{}')}`;
      operations.set(key, { scope: `${method.toUpperCase()} ${path}`, node });
    }
  }
  return operations;
}

/** The named examples of an operation's bodies, by `location|name`, as pretty JSON. */
function examplesOf(document: Json, operation: JsonObject | undefined): Map<string, string> {
  const examples = new Map<string, string>();
  if (operation === undefined) return examples;
  const media = (location: string, content: Json | undefined) => {
    for (const [type, raw] of Object.entries(asObject(content))) {
      const node = asObject(raw);
      for (const [name, example] of Object.entries(asObject(node.examples))) {
        const resolved = asObject(resolve(document, example));
        const value = 'value' in resolved ? resolved.value : resolved;
        examples.set(`${location} ${type}|${name}`, JSON.stringify(value, null, 2));
      }
      if (node.example !== undefined)
        examples.set(`${location} ${type}|(example)`, JSON.stringify(node.example, null, 2));
    }
  };
  const body =
    operation.requestBody === undefined ? undefined : asObject(resolve(document, operation.requestBody));
  media('request body', body?.content);
  for (const [status, raw] of Object.entries(asObject(operation.responses))) {
    media(status, asObject(resolve(document, raw)).content);
  }
  return examples;
}

/** Example diffs per operation scope. */
export function exampleDiffs(base: Json, head: Json): Map<string, ExampleDiff[]> {
  const before = operationsOf(base);
  const after = operationsOf(head);
  const diffs = new Map<string, ExampleDiff[]>();
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const scope = after.get(key)?.scope ?? before.get(key)?.scope ?? key;
    const old = examplesOf(base, before.get(key)?.node);
    const now = examplesOf(head, after.get(key)?.node);
    const found: ExampleDiff[] = [];
    for (const id of new Set([...old.keys(), ...now.keys()])) {
      const [location, name] = id.split('|') as [string, string];
      const a = old.get(id);
      const b = now.get(id);
      if (a === b) continue;
      const status = a === undefined ? 'added' : b === undefined ? 'removed' : 'changed';
      found.push({ location, name, status, lines: foldUnchanged(lineDiff(a ?? '', b ?? '')) });
    }
    if (found.length > 0) diffs.set(scope, found);
  }
  return diffs;
}

const ORDER: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

/**
 * The bump a set of changes needs (openapi/README.md, "Versioning"): major for a breaking change
 * not accepted, minor for any other change a client could use or notice, patch for documentation
 * only.
 */
export function bumpFor(changes: readonly Change[], accepted: readonly Change[]): Bump {
  let bump: Bump = 'none';
  const raise = (to: Bump) => {
    if (ORDER[to] > ORDER[bump]) bump = to;
  };
  for (const change of changes) {
    if (change.rule === 'version-changed') continue;
    if (change.rule === 'documentation-changed') raise('patch');
    else if (isBreaking(change) && !accepted.includes(change)) raise('major');
    else raise('minor');
  }
  return bump;
}

function bumped(version: SemVer, bump: Bump): SemVer {
  if (bump === 'major') return { major: version.major + 1, minor: 0, patch: 0, prerelease: '' };
  if (bump === 'minor') return { major: version.major, minor: version.minor + 1, patch: 0, prerelease: '' };
  if (bump === 'patch')
    return { major: version.major, minor: version.minor, patch: version.patch + 1, prerelease: '' };
  return version;
}

const text = (version: SemVer) =>
  `${version.major}.${version.minor}.${version.patch}${version.prerelease ? `-${version.prerelease}` : ''}`;

/**
 * The lowest version the head may carry. The bump counts from the release the base builds on (the
 * highest release not above the base's version): a base already bumped past it (`1.2.0` while
 * 1.1.0 is the latest release) keeps its bump, and a further minor change needs no second one.
 */
export function requiredVersion(base: SemVer, bump: Bump, releases: readonly string[]): SemVer {
  const needed = bumped(releaseUnder(base, releases), bump);
  return compareSemVer(needed, base) > 0 ? needed : base;
}

export function reviewContracts(input: ReviewInput): Review {
  const changes = diffContracts(input.base.document, input.head.document);
  const verdict = judge(changes, input.base.version, input.head.version, input.accepted, input.releases);
  const bump = bumpFor(changes, verdict.accepted);
  const common = {
    input,
    changes,
    accepted: verdict.acceptances,
    examples: exampleDiffs(input.base.document, input.head.document),
    typescript: typeScriptEffect(input.declarations.base, input.declarations.head),
    bump,
  };
  const base = parseSemVer(input.base.version);
  const head = parseSemVer(input.head.version);
  if (!base || !head) {
    return {
      ...common,
      ok: false,
      message: `info.version must be semver: base ${String(input.base.version)}, head ${String(input.head.version)}.`,
    };
  }
  const required = requiredVersion(base, bump, input.releases);
  if (compareSemVer(head, required) < 0) {
    return {
      ...common,
      required: text(required),
      ok: false,
      message: `info.version ${text(head)} is not bumped enough: this change needs a ${bump} version, ${text(required)} or later.`,
    };
  }
  return {
    ...common,
    required: text(required),
    ok: true,
    message:
      bump === 'none'
        ? `No change that needs a new version; info.version ${text(head)}.`
        : `A ${bump} change; info.version ${text(head)} is at least ${text(required)}.`,
  };
}

// --- Markdown ------------------------------------------------------------------------------------

/** Inline code that survives a table cell. */
function code(value: string): string {
  const escaped = value.replace(/\|/g, '\\|');
  return escaped.includes('`') ? `\`\` ${escaped} \`\`` : `\`${escaped}\``;
}

function mark(change: Change, accepted: readonly Acceptance[]): string {
  if (accepted.some((acceptance) => acceptance.change === change)) return 'ACCEPTED';
  return isBreaking(change) ? '**BREAKING**' : 'ok';
}

function changeTable(changes: readonly Change[], accepted: readonly Acceptance[]): string[] {
  const rank = (change: Change) =>
    accepted.some((acceptance) => acceptance.change === change) ? 1 : isBreaking(change) ? 0 : 2;
  const ordered = [...changes].sort((a, b) => rank(a) - rank(b));
  return [
    '|  | where | what | rule | why |',
    '| --- | --- | --- | --- | --- |',
    ...ordered.map(
      (change) =>
        `| ${mark(change, accepted)} | ${code(change.location)} | ${code(change.detail)} | \`${change.rule}\` | ${RULES[change.rule].summary.replace(/\|/g, '\\|')} |`,
    ),
  ];
}

function operationIds(review: Review): Map<string, string> {
  const ids = new Map<string, string>();
  for (const document of [review.input.base.document, review.input.head.document]) {
    for (const { scope, node } of operationsOf(document).values()) {
      if (typeof node.operationId === 'string') ids.set(scope, node.operationId);
    }
  }
  return ids;
}

function memberList(title: string, members: readonly string[]): string[] {
  return members.length === 0 ? [] : [`- ${title}: ${members.map((member) => code(member)).join(', ')}`];
}

/** The report, Markdown for a pull request. `declarationDiff` is the unified diff of the .d.ts. */
export function formatReview(review: Review, declarationDiff = ''): string {
  const { input } = review;
  const breaking = review.changes.filter(isBreaking).length - review.accepted.length;
  const lines = [
    `# Contract review: ${input.base.label} -> ${input.head.label}`,
    '',
    `**${review.ok ? 'Pass' : 'FAIL'}.** ${review.message}`,
    '',
    `${breaking} breaking, ${review.accepted.length} accepted, ${review.changes.length - breaking - review.accepted.length} non-breaking change(s) (rules: \`openapi/README.md\`, "The breaking-change gate").`,
    '',
    '## Version',
    '',
    `| base | head | bump needed | head must be at least |`,
    '| --- | --- | --- | --- |',
    `| ${String(input.base.version)} | ${String(input.head.version)} | ${review.bump} | ${review.required ?? 'n/a'} |`,
    '',
  ];

  const ids = operationIds(review);
  // The document first, then operations with a breaking change, then the rest, in document order.
  const hasBreaking = (scope: string) =>
    review.changes.some(
      (change) =>
        change.scope === scope &&
        isBreaking(change) &&
        !review.accepted.some((acceptance) => acceptance.change === change),
    );
  const rank = (scope: string) => (scope === 'document' ? 0 : hasBreaking(scope) ? 1 : 2);
  const scopes = [
    ...new Set([...review.changes.map((change) => change.scope), ...review.examples.keys()]),
  ].sort((a, b) => rank(a) - rank(b));
  lines.push('## Changes by operation', '');
  if (scopes.length === 0) lines.push('No differences.', '');
  for (const scope of scopes) {
    const id = ids.get(scope);
    lines.push(scope === 'document' ? '### Document' : `### \`${scope}\`${id ? ` (\`${id}\`)` : ''}`, '');
    const inScope = review.changes.filter((change) => change.scope === scope);
    if (inScope.length > 0) lines.push(...changeTable(inScope, review.accepted), '');
    const examples = review.examples.get(scope) ?? [];
    if (examples.length > 0) {
      lines.push('Examples:', '');
      for (const example of examples) {
        lines.push(`- ${code(example.location)} \`${example.name}\`: ${example.status}`, '', '```diff');
        lines.push(...example.lines, '```', '');
      }
    }
  }

  const { types, methods } = review.typescript;
  lines.push('## Generated TypeScript', '');
  const effect = [
    ...memberList('Exported types added', types.added),
    ...memberList('Exported types removed', types.removed),
    ...memberList('Exported types changed', types.changed),
    ...memberList('Client methods added', methods.added),
    ...memberList('Client methods removed', methods.removed),
    ...memberList('Client methods changed', methods.changed),
  ];
  lines.push(
    ...(effect.length > 0
      ? effect
      : ['No exported type or client method changes (comments aside) in the openapi-typescript output.']),
    '',
  );
  if (declarationDiff.trim() !== '') {
    const diffLines = declarationDiff.trimEnd().split('\n');
    lines.push(
      `<details><summary>Diff of the generated declarations (${diffLines.length} lines)</summary>`,
      '',
      '```diff',
      ...diffLines,
      '```',
      '',
      '</details>',
      '',
    );
  }

  lines.push('## Accepted breaking changes relied on', '');
  if (review.accepted.length === 0) lines.push('None.', '');
  for (const { change, entry } of review.accepted) {
    lines.push(
      `- \`${change.scope}\` ${code(change.location)}: ${code(change.detail)} (\`${change.rule}\`), accepted against ${entry.base} for ${entry.release}: ${entry.reason.trim()}`,
    );
  }
  if (review.accepted.length > 0) lines.push('');
  return `${lines.join('\n')}\n`;
}
