// The one error type. Anything thrown as a ProblemError becomes an RFC 9457 problem response;
// each kind has a constant type, title and status (the table in openapi/README.md). It belongs to
// the neutral core: services throw it, the HTTP layer renders it, and neither knows the other.
import type { Problem, ProblemFieldError } from '@cckm/api-types';

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
  'request-header-fields-too-large': { status: 431, title: 'Request header fields too large' },
  'service-unavailable': { status: 503, title: 'Service unavailable' },
  'cloud-timeout': { status: 504, title: 'The cloud did not answer in time' },
  internal: { status: 500, title: 'Internal server error' },
} as const;

export type ProblemKind = keyof typeof KINDS;

export class ProblemError extends Error {
  override name = 'ProblemError';
  readonly status: number;
  readonly type: string;
  readonly title: string;

  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly extras: { errors?: ProblemFieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.status = KINDS[kind].status;
    this.title = KINDS[kind].title;
    this.type = `urn:cckm:problem:${kind}`;
  }

  toProblem(instance: string): Problem {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      detail: this.detail,
      instance,
      ...(this.extras.errors ? { errors: this.extras.errors } : {}),
    };
  }
}
