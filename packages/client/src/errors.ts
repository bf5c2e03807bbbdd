// Two kinds of failure, kept apart: the server answered with a problem (CckmProblemError), or no
// answer came at all (CckmRequestError: network failure, timeout, abort).
import type { Problem, ProblemFieldError } from '@cckm/api-types';

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

export type RequestFailure = 'network' | 'timeout' | 'aborted';

/** No response: the network failed, the request timed out, or the caller aborted it. */
export class CckmRequestError extends Error {
  override name = 'CckmRequestError';

  constructor(
    readonly kind: RequestFailure,
    readonly request: Request,
    options: { cause: unknown },
  ) {
    super(`${request.method} ${request.url} failed: ${kind}`, options);
  }

  static from(error: unknown, request: Request): CckmRequestError {
    const name = (error as { name?: string } | undefined)?.name;
    const kind: RequestFailure =
      name === 'TimeoutError' ? 'timeout' : name === 'AbortError' ? 'aborted' : 'network';
    return new CckmRequestError(kind, request, { cause: error });
  }
}

/** A problem body from anything the server sent, even a non-JSON error page. */
export function toProblem(error: unknown, response: Response): Problem {
  if (error && typeof error === 'object' && 'title' in error && 'status' in error) return error as Problem;
  return {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    ...(typeof error === 'string' && error ? { detail: error } : {}),
  };
}
