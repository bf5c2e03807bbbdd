// How a call to a cloud failed, as one error type: a `CloudError` (so a synchronizer records its
// message in the target's detailed_status line and goes on with the other targets) with a `kind`
// callers can map (PATCH organization answers 422 for any of them; a future health check may tell
// "unreachable" from "refused"). Messages are built here and in the connectors from fixed text,
// status codes, error codes and short, sanitized cloud descriptions: never a token, a secret, a
// private key or a response body.
import { CloudError } from '../cloud-connectors.ts';

export type CloudFailureKind =
  /** No complete answer within the per-call timeout (after the retries). */
  | 'timeout'
  /** No connection could be made (refused, unknown host, TLS failure). */
  | 'unreachable'
  /** The connection was reset or closed before a complete answer (after the retries). */
  | 'reset'
  /** The cloud's request limit (REQUEST_LIMIT_EXCEEDED, 429) held for every attempt. */
  | 'rate-limited'
  /** The cloud answered 5xx or a redirect (never followed) to every attempt. */
  | 'server-error'
  /** The cloud refused the login, or ended the session again right after a new login. */
  | 'unauthorized'
  /** The cloud refused the request itself (400, 403, 404, other 4xx): retrying cannot help. */
  | 'refused'
  /** The thing asked for does not exist for this connection (an SAP group ID). */
  | 'not-found'
  /** The connection logs in to another Salesforce organization than the one synchronized. */
  | 'wrong-organization'
  /**
   * The answer was not what the protocol promises: missing fields, or (for every attempt) JSON cut
   * short or a success that is not JSON.
   */
  | 'invalid-response'
  /** The connection's own credentials cannot be used (a private key that is not one). */
  | 'credentials';

export interface CloudCallErrorDetails {
  /** HTTP status of the last answer, when there was one. */
  status?: number;
  /** The cloud's error code (REQUEST_LIMIT_EXCEEDED, invalid_grant, ...), when it sent one. */
  code?: string;
  /** How many attempts were made. */
  attempts?: number;
}

export class CloudCallError extends CloudError {
  override name = 'CloudCallError';
  readonly kind: CloudFailureKind;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly attempts: number | undefined;

  constructor(kind: CloudFailureKind, message: string, details: CloudCallErrorDetails = {}) {
    super(message);
    this.kind = kind;
    this.status = details.status;
    this.code = details.code;
    this.attempts = details.attempts;
  }

  override get timedOut(): boolean {
    return this.kind === 'timeout';
  }
}

const TOKEN_SHAPES = [
  // Salesforce session IDs: 15- or 18-character org ID, '!', then the token proper.
  /\b[A-Za-z0-9]{15,18}![A-Za-z0-9._-]+/g,
  /\b(?:Bearer|Basic|OAuth)\s+\S+/gi,
  // JWTs and long base64 runs (keys, secrets, tokens).
  /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g,
  /[A-Za-z0-9+/_=-]{32,}/g,
  /-----BEGIN[^-]*-----[\s\S]*?(-----END[^-]*-----|$)/g,
];

/**
 * A cloud-provided text (error description, message) made fit for a status line: one line, no
 * control characters, anything shaped like a token or key replaced by "[redacted]", at most
 * `max` characters.
 */
export function safeText(text: unknown, max = 120): string {
  if (typeof text !== 'string') return '';
  let safe = text;
  for (const shape of TOKEN_SHAPES) safe = safe.replace(shape, '[redacted]');
  safe = safe
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe;
}
