// Bearer tokens on the mock. A frontend cannot sign the server's tokens, so the mock checks no
// signature; it refuses what no server would accept, with the server's own wording (the server's
// http/auth.ts): a token that is not a JWT, one signed with `none`, one without `exp` or past it,
// one not valid yet or issued in the future, one without `sub` or `cust.domain_id`. The groups in
// `cust.groups` are the caller's, as on the server: a token of `CCKM Users` may only list jobs.
// `mockToken()` (mock-token.ts) makes a token the mock and the sandbox accept.
import { type Identity, ProblemError } from '@cckm/server';

/** The server's default clock tolerance (JWT_CLOCK_TOLERANCE_SECONDS) for `exp`, `nbf` and `iat`. */
export const CLOCK_TOLERANCE_SECONDS = 30;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface TokenPayload {
  sub: string;
  preferred_username?: string;
  cust: { domain_id: string; groups?: string[] };
  exp: number;
  nbf?: number;
  iat?: number;
  [claim: string]: unknown;
}

function unauthorized(detail: string): ProblemError {
  return new ProblemError('unauthorized', detail);
}

function decodePart(part: string): unknown {
  if (!BASE64URL.test(part)) throw unauthorized('The bearer token is malformed');
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw unauthorized('The bearer token is malformed');
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The payload of a token any server could accept, or the server's 401 problem. `nowMs` is the
 * mock's clock.
 */
export function readToken(token: string, nowMs = Date.now()): TokenPayload {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[2]) throw unauthorized('The bearer token is malformed');
  const header = decodePart(parts[0] as string);
  const payload = decodePart(parts[1] as string);
  if (!isObject(header) || !isObject(payload)) throw unauthorized('The bearer token is malformed');
  if (typeof header.alg !== 'string' || header.alg.toLowerCase() === 'none')
    throw unauthorized("The bearer token's signing algorithm is not accepted");
  const tolerance = CLOCK_TOLERANCE_SECONDS * 1000;
  if (payload.exp === undefined) throw unauthorized('The bearer token has no exp claim');
  if (typeof payload.exp !== 'number') throw unauthorized("The bearer token's exp claim is not accepted");
  if (payload.exp * 1000 + tolerance < nowMs) throw unauthorized('The bearer token has expired');
  if (typeof payload.nbf === 'number' && payload.nbf * 1000 > nowMs + tolerance)
    throw unauthorized('The bearer token is not valid yet');
  if (typeof payload.iat === 'number' && payload.iat * 1000 > nowMs + tolerance)
    throw unauthorized('The bearer token was issued in the future');
  const cust = payload.cust;
  const groups = isObject(cust) ? cust.groups : undefined;
  if (
    typeof payload.sub !== 'string' ||
    payload.sub === '' ||
    !isObject(cust) ||
    typeof cust.domain_id !== 'string' ||
    cust.domain_id === '' ||
    cust.domain_id.length > 64 ||
    (groups !== undefined && !(Array.isArray(groups) && groups.every((group) => typeof group === 'string')))
  ) {
    throw unauthorized('The bearer token lacks the sub or cust.domain_id claim');
  }
  return payload as TokenPayload;
}

/** The identity a token gives on the mock (for the server's permission check). */
export function identityOf(payload: TokenPayload): Identity {
  return {
    subject: payload.sub,
    username: payload.preferred_username,
    domainId: payload.cust.domain_id,
    groups: payload.cust.groups ?? [],
  };
}

/** The mock's token verifier: the payload's identity, or the server's 401. */
export const verifyMockToken = async (token: string): Promise<Identity> => identityOf(readToken(token));
