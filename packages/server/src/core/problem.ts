// The one error type. Anything thrown as a ProblemError becomes an RFC 9457 problem response;
// each kind has a constant type, title and status (the contract's ProblemType catalogue). It
// belongs to the neutral core: services throw it, the HTTP layer renders it, and neither knows the
// other.
import { randomUUID } from 'node:crypto';
import type { Problem, ProblemFieldError } from '@cckm/api-types';

/** Every problem type is this prefix plus the kind: a tag: URI (RFC 4151), valid and never fetched. */
export const PROBLEM_TYPE_PREFIX = 'tag:cckm-contract.github.io,2026:problem:';

const KINDS = {
  'validation-failed': { status: 400, title: 'Request validation failed' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Resource not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'request-timeout': { status: 408, title: 'Request timeout' },
  'sync-job-running': { status: 409, title: 'Synchronization job already running' },
  'secret-not-destroyed': { status: 409, title: 'Tenant secret is not destroyed' },
  'unknown-organization': { status: 422, title: 'Unknown Salesforce organization' },
  'unknown-group': { status: 422, title: 'Unknown SAP group' },
  'connection-not-found': { status: 422, title: 'Connection not found' },
  'connection-not-salesforce': { status: 422, title: 'Not a Salesforce connection' },
  'connection-cannot-reach-organization': { status: 422, title: 'Connection cannot reach the organization' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'request-header-fields-too-large': { status: 431, title: 'Request header fields too large' },
  'service-unavailable': { status: 503, title: 'Service unavailable' },
  'cloud-timeout': { status: 504, title: 'The cloud did not answer in time' },
  internal: { status: 500, title: 'Internal server error' },
} as const;

export type ProblemKind = keyof typeof KINDS;

/** Every kind the server can send; the contract's ProblemType catalogue lists the same. */
export const PROBLEM_KINDS = Object.keys(KINDS) as ProblemKind[];

/** The problem type URI of a kind. */
export const problemType = (kind: ProblemKind): string => `${PROBLEM_TYPE_PREFIX}${kind}`;

export interface ProblemExtras {
  errors?: ProblemFieldError[];
  headers?: Record<string, string>;
  /** The running job that blocks a `sync-job-running` request, when known (extension member). */
  jobId?: string;
}

export class ProblemError extends Error {
  override name = 'ProblemError';
  readonly status: number;
  readonly type: string;
  readonly title: string;

  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly extras: ProblemExtras = {},
  ) {
    super(detail);
    this.status = KINDS[kind].status;
    this.title = KINDS[kind].title;
    this.type = problemType(kind);
  }

  /**
   * The problem body. `requestId` is the response's X-Request-Id; a problem sent where no request
   * got one (a request Node could not parse) gets an ID of its own.
   */
  toProblem(instance: string, requestId: string = randomUUID()): Problem {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      detail: this.detail,
      instance,
      request_id: requestId,
      ...(this.extras.jobId ? { job_id: this.extras.jobId } : {}),
      ...(this.extras.errors ? { errors: this.extras.errors } : {}),
    };
  }
}
