// The property every fuzzed response must have, and the tally of a run.
//
//   - an answer arrives (within the family's deadline);
//   - never a 5xx;
//   - every 4xx/5xx is `application/problem+json` whose body has a string `type`, a string
//     `title` and a numeric `status` equal to the HTTP status (a HEAD answer has no body: its
//     media type is still checked);
//   - when the family knows the contract's answer for the request, the status is one of those.
import type { FuzzRequest, FuzzResponse } from './raw-http.ts';

export type ViolationKind = 'no-answer' | 'server-error' | 'not-a-problem' | 'unexpected-status';

export interface Violation {
  kinds: ViolationKind[];
  reasons: string[];
  request: FuzzRequest;
  response: FuzzResponse;
}

export function checkResponse(request: FuzzRequest, response: FuzzResponse): Violation | undefined {
  const kinds: ViolationKind[] = [];
  const reasons: string[] = [];
  if (response.status === 0) {
    kinds.push('no-answer');
    reasons.push(response.failure ?? 'no answer');
  } else {
    if (response.status >= 500) {
      kinds.push('server-error');
      reasons.push(`${response.status} is a server error`);
    }
    if (response.status >= 400) {
      const problem = problemDefect(request, response);
      if (problem) {
        kinds.push('not-a-problem');
        reasons.push(problem);
      }
    }
    if (request.expectStatus && !request.expectStatus.includes(response.status)) {
      kinds.push('unexpected-status');
      reasons.push(
        `expected ${request.expectStatus.join('/')}, got ${response.status}: ${request.expectation ?? ''}`,
      );
    }
  }
  return kinds.length > 0 ? { kinds, reasons, request, response } : undefined;
}

function problemDefect(request: FuzzRequest, response: FuzzResponse): string | undefined {
  const mediaType = (response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/problem+json') {
    return `error ${response.status} has media type ${JSON.stringify(response.headers['content-type'] ?? null)}`;
  }
  if (request.method.toUpperCase() === 'HEAD') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return `error ${response.status} has a body that is not JSON: ${JSON.stringify(response.body.slice(0, 80))}`;
  }
  const problem = body as { type?: unknown; title?: unknown; status?: unknown } | null;
  if (typeof problem?.type !== 'string') return 'problem without a string type';
  if (typeof problem.title !== 'string') return 'problem without a string title';
  if (problem.status !== response.status) {
    return `problem status ${JSON.stringify(problem.status)} differs from HTTP ${response.status}`;
  }
  return undefined;
}

/** The largest answer of a run: its size and what asked for it. */
export interface LargestAnswer {
  bytes: number;
  family: string;
  method: string;
  status: number;
}

/** Counts of one run (one family, or everything). */
export interface Tally {
  cases: number;
  largest: LargestAnswer;
  byStatus: Record<string, number>;
  serverErrors: number;
  nonProblems: number;
  noAnswers: number;
  unexpectedStatuses: number;
  violations: Violation[];
}

export function emptyTally(): Tally {
  return {
    cases: 0,
    largest: { bytes: 0, family: '', method: '', status: 0 },
    byStatus: {},
    serverErrors: 0,
    nonProblems: 0,
    noAnswers: 0,
    unexpectedStatuses: 0,
    violations: [],
  };
}

/** Adds one outcome; keeps at most `keep` violations for the report. */
export function record(tally: Tally, request: FuzzRequest, response: FuzzResponse, keep = 50): void {
  tally.cases += 1;
  const bytes = Buffer.byteLength(response.body);
  if (bytes > tally.largest.bytes)
    tally.largest = { bytes, family: request.family, method: request.method, status: response.status };
  const status = response.status === 0 ? 'no answer' : String(response.status);
  tally.byStatus[status] = (tally.byStatus[status] ?? 0) + 1;
  const violation = checkResponse(request, response);
  if (!violation) return;
  if (violation.kinds.includes('server-error')) tally.serverErrors += 1;
  if (violation.kinds.includes('not-a-problem')) tally.nonProblems += 1;
  if (violation.kinds.includes('no-answer')) tally.noAnswers += 1;
  if (violation.kinds.includes('unexpected-status')) tally.unexpectedStatuses += 1;
  if (tally.violations.length < keep) tally.violations.push(violation);
}

export function merge(into: Tally, from: Tally, keep = 50): void {
  into.cases += from.cases;
  if (from.largest.bytes > into.largest.bytes) into.largest = from.largest;
  for (const [status, count] of Object.entries(from.byStatus)) {
    into.byStatus[status] = (into.byStatus[status] ?? 0) + count;
  }
  into.serverErrors += from.serverErrors;
  into.nonProblems += from.nonProblems;
  into.noAnswers += from.noAnswers;
  into.unexpectedStatuses += from.unexpectedStatuses;
  into.violations.push(...from.violations.slice(0, Math.max(0, keep - into.violations.length)));
}

function excerpt(value: string | Uint8Array | undefined, length = 160): string {
  if (value === undefined) return '(none)';
  const text =
    typeof value === 'string' ? value : `<${value.length} bytes> ${Buffer.from(value).toString('latin1')}`;
  const shown = JSON.stringify(text.slice(0, length));
  return text.length > length ? `${shown}... (${text.length} chars)` : shown;
}

/** A reproduction of each of the first violations, readable in a test failure. */
export function describeViolations(violations: readonly Violation[], max = 8): string {
  return violations
    .slice(0, max)
    .map((violation, index) => {
      const { request, response } = violation;
      const headers = Object.entries(request.headers)
        .map(
          ([name, value]) =>
            `${name}: ${name === 'authorization' ? `${value.slice(0, 16)}...` : excerpt(value, 80)}`,
        )
        .join('; ');
      return [
        `#${index + 1} [${request.family}] ${violation.reasons.join('; ')}`,
        `   ${request.method} ${excerpt(request.path, 200)}${request.raw ? ' (raw socket)' : ''}`,
        `   headers: ${headers}`,
        `   body: ${excerpt(request.body)}`,
        `   -> ${response.status || response.failure} ${response.headers['content-type'] ?? ''} ${excerpt(response.body, 200)}`,
      ].join('\n');
    })
    .join('\n');
}
