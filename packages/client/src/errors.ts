// The client's failures, kept apart by what happened:
// - CckmProblemError: the server answered with a problem (or an error status without one).
// - CckmRequestError: no usable answer came (network failure, timeout, abort, a 2xx body that is
//   not JSON). The methods return it as `error` in `{ data, error }`; they do not throw it.
// - CckmWaitError: waitForJob stopped waiting (timeout, job not found, job not observable, aborted).
import type { Problem, ProblemFieldError, SynchronizationJob } from '@cckm/api-types';

/** The server answered with an RFC 9457 problem (or an error status without one). */
export class CckmProblemError extends Error {
  override name = 'CckmProblemError';
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: readonly ProblemFieldError[];

  constructor(
    readonly problem: Problem,
    readonly response: Response,
  ) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.status = response.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
  }
}

/**
 * Why no usable response came: `network` (connection refused or reset, DNS, CORS refused in a
 * browser), `timeout` (the call's signal was an `AbortSignal.timeout` that fired), `aborted` (the
 * call's signal was aborted), `invalid-response` (a 2xx answer whose body is not JSON, e.g. an HTML
 * page from a misconfigured proxy).
 */
export type RequestFailure = 'network' | 'timeout' | 'aborted' | 'invalid-response';

const TITLES: Record<RequestFailure, string> = {
  network: 'Network error',
  timeout: 'Request timed out',
  aborted: 'Request aborted',
  'invalid-response': 'Invalid response',
};

/**
 * No usable response: the network failed, the request timed out or was aborted, or a 2xx body was
 * not JSON. Like a problem it has a `title` and a `detail`, so one line can show either.
 */
export class CckmRequestError extends Error {
  override name = 'CckmRequestError';
  /** A short, fixed text per kind, e.g. `Network error`. */
  readonly title: string;
  /** What was asked and what went wrong, e.g. `GET http://… failed: connect ECONNREFUSED …`. */
  readonly detail: string;
  readonly method: string;
  readonly url: string;

  constructor(
    readonly kind: RequestFailure,
    /** The request as sent (its `X-Request-Id` header names it in the server's logs). */
    readonly request: Request,
    options: { cause: unknown },
  ) {
    const reason = describe(options.cause);
    const detail = `${request.method} ${request.url} failed${reason ? `: ${reason}` : ''}`;
    super(`${TITLES[kind]}: ${detail}`, options);
    this.title = TITLES[kind];
    this.detail = detail;
    this.method = request.method;
    this.url = request.url;
  }

  static from(error: unknown, request: Request): CckmRequestError {
    if (error instanceof CckmRequestError) return error;
    return new CckmRequestError(kindOf(error, request), request, { cause: error });
  }
}

function kindOf(error: unknown, request: Request): RequestFailure {
  // The signal says why better than the error does: an abort reason may be any value.
  const signal = request.signal;
  const reason = signal?.aborted ? signal.reason : error;
  const name = (reason as { name?: unknown } | null | undefined)?.name;
  if (name === 'TimeoutError') return 'timeout';
  if (signal?.aborted || name === 'AbortError') return 'aborted';
  if (error instanceof SyntaxError) return 'invalid-response';
  return 'network';
}

/** The most telling message of an error and its causes (undici hides ECONNREFUSED in `cause`). */
function describe(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    const message = current instanceof Error ? current.message : typeof current === 'string' ? current : '';
    if (message && !messages.includes(message)) messages.push(message);
    current = (current as { cause?: unknown }).cause;
  }
  return messages.join(': ');
}

/**
 * Why waitForJob stopped without a finished job:
 * - `timeout`: the job was still `in_progress` when the `timeout` ran out (`job` is the last seen).
 * - `not-found`: the list operation has no Salesforce job with this ID.
 * - `not-observable`: the job is an SAP job. The five operations list only Salesforce jobs, so an
 *   SAP job's progress cannot be observed through this API at all.
 * - `aborted`: the caller's signal was aborted (`cause` is its reason).
 */
export type WaitFailure = 'timeout' | 'not-found' | 'not-observable' | 'aborted';

export class CckmWaitError extends Error {
  override name = 'CckmWaitError';
  /** The job as last seen (for `timeout` and `not-observable`). */
  readonly job: SynchronizationJob | undefined;

  constructor(
    readonly kind: WaitFailure,
    readonly jobId: string,
    message: string,
    options: { cause?: unknown; job?: SynchronizationJob } = {},
  ) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.job = options.job;
  }
}

/** A problem body from anything the server sent, even a non-JSON error page. */
export function toProblem(error: unknown, response: Response): Problem {
  if (error && typeof error === 'object' && 'title' in error && 'status' in error) return error as Problem;
  return {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    request_id: response.headers.get('x-request-id') ?? '',
    ...(typeof error === 'string' && error ? { detail: error } : {}),
  };
}
