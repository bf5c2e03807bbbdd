// Bearer JWT authentication and group-based authorization, in one place: the security handler
// express-openapi-validator calls before it validates the request (so a request without a valid
// token is a 401 whatever else is wrong with it).
import type { OperationId } from '@cckm/api-types';
import type { Request } from 'express';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
  jwtVerify,
} from 'jose';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { type Clock, systemClock } from '../core/clock.ts';
import type { Identity } from '../core/identity.ts';
import { ProblemError } from '../core/problem.ts';
import { PERMISSIONS } from './contract.ts';

const claimsSchema = z.object({
  sub: z.string().min(1),
  preferred_username: z.string().optional(),
  cust: z.object({
    domain_id: z.string().min(1).max(64),
    groups: z.array(z.string()).default([]),
  }),
});

export interface TokenVerifier {
  (token: string): Promise<Identity>;
  /**
   * The identity the verifier would answer for `token` at once, from what it remembers: a token
   * it verified before and that has not expired. Undefined for any other token (which it may still
   * verify, or refuse). Synchronous and changes nothing, so a caller may ask and then decline.
   * Verifiers made by tests may lack it: ask them only through the call.
   */
  remembered?: (token: string) => Identity | undefined;
}

const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

export interface TokenVerifierOptions {
  /** Keys to verify with, in place of `jwt.jwksUrl` or `jwt.secret` (tests). */
  jwks?: Parameters<typeof createLocalJWKSet>[0];
  /** What "now" is for `exp`, `nbf` and `iat`. */
  clock?: Pick<Clock, 'nowMs'>;
}

export function createTokenVerifier(
  jwt: Config['jwt'],
  { jwks, clock = systemClock() }: TokenVerifierOptions = {},
): TokenVerifier {
  const options = (): JWTVerifyOptions => ({
    currentDate: new Date(clock.nowMs()),
    clockTolerance: jwt.clockToleranceSeconds,
    // A token without `exp` would be valid forever.
    requiredClaims: ['exp'],
    ...(jwt.issuer ? { issuer: jwt.issuer } : {}),
    ...(jwt.audience ? { audience: jwt.audience } : {}),
  });
  // Algorithms are fixed per key kind: `none` and anything unexpected are refused by jose.
  let verify: (token: string) => ReturnType<typeof jwtVerify>;
  if (jwt.jwksUrl || jwks) {
    const keys: JWTVerifyGetKey = jwks
      ? createLocalJWKSet(jwks)
      : createRemoteJWKSet(new URL(jwt.jwksUrl as string));
    const algorithms = ['RS256', 'PS256', 'ES256', 'EdDSA'];
    verify = (token) => jwtVerify(token, keys, { ...options(), algorithms });
  } else {
    // Imported once: jose would otherwise import the raw secret through WebCrypto on every call.
    const key = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(jwt.secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    verify = async (token) => jwtVerify(token, await key, { ...options(), algorithms: ['HS256'] });
  }

  // Clients send the same token for minutes. A token verified once (signature, issuer, audience,
  // nbf) is remembered by its exact text until it expires; only `exp` is checked again.
  const verified = new Map<string, { identity: Identity; expiresAtMs: number }>();
  const toleranceMs = jwt.clockToleranceSeconds * 1000;
  const unexpired = (known: { expiresAtMs: number }) => clock.nowMs() <= known.expiresAtMs + toleranceMs;

  const verifier: TokenVerifier = async (token) => {
    const known = verified.get(token);
    if (known) {
      if (unexpired(known)) return known.identity;
      verified.delete(token);
      throw unauthorized('The bearer token has expired');
    }
    let payload: { exp?: number; iat?: number } & Record<string, unknown>;
    try {
      ({ payload } = await verify(token));
    } catch (error) {
      throw unauthorized(describeJoseError(error));
    }
    // jose checks `iat` only against a maximum age: a token issued in the future is refused here.
    if (typeof payload.iat === 'number' && payload.iat * 1000 > clock.nowMs() + toleranceMs) {
      throw unauthorized('The bearer token was issued in the future');
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw unauthorized('The bearer token lacks the sub or cust.domain_id claim');
    const identity: Identity = {
      subject: claims.data.sub,
      username: claims.data.preferred_username,
      domainId: claims.data.cust.domain_id,
      groups: claims.data.cust.groups,
    };
    if (verified.size >= VERIFIED_TOKEN_CACHE_SIZE) verified.delete(verified.keys().next().value as string);
    verified.set(token, { identity, expiresAtMs: (payload.exp as number) * 1000 });
    return identity;
  };
  // The verifier's first branch, without its side effect (an expired token is forgotten there).
  verifier.remembered = (token) => {
    const known = verified.get(token);
    return known && unexpired(known) ? known.identity : undefined;
  };
  return verifier;
}

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The bearer token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'exp' && error.reason === 'missing') return 'The bearer token has no exp claim';
    return error.claim === 'nbf'
      ? 'The bearer token is not valid yet'
      : `The bearer token's ${error.claim} claim is not accepted`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return "The bearer token's signing algorithm is not accepted";
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return "The bearer token's signature is invalid";
  if (error instanceof errors.JWKSNoMatchingKey) return 'The bearer token was signed by an unknown key';
  return 'The bearer token is malformed';
}

function unauthorized(detail: string): ProblemError {
  return new ProblemError('unauthorized', detail);
}

const identities = new WeakMap<Request, Identity>();

/** The identity the security handler attached to this request. */
export function identityOf(req: Request): Identity {
  const identity = identities.get(req);
  if (!identity) throw new ProblemError('unauthorized', 'The request was not authenticated');
  return identity;
}

/** The token of an `Authorization: Bearer <token>` header; undefined for any other header. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer[ ]+([A-Za-z0-9_.~+/=-]+)$/i.exec((header ?? '').trim())?.[1] || undefined;
}

const groupsAllowed = (operationId: OperationId | undefined): readonly string[] =>
  (operationId && PERMISSIONS.get(operationId)) || [];

/** Whether the identity is in one of the groups the contract lets call the operation. */
export function mayCall(identity: Identity, operationId: OperationId | undefined): boolean {
  const allowed = groupsAllowed(operationId);
  return identity.groups.some((group) => allowed.includes(group));
}

/** The express-openapi-validator security handler for the `bearerAuth` scheme. */
export function bearerAuthHandler(verifyToken: TokenVerifier) {
  return async (req: Request): Promise<boolean> => {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw unauthorized('Send the token as "Authorization: Bearer <token>"');
    const identity = await verifyToken(token);
    const operationId = (req as Request & { openapi?: { schema?: { operationId?: OperationId } } }).openapi
      ?.schema?.operationId;
    if (!mayCall(identity, operationId)) {
      throw new ProblemError(
        'forbidden',
        `This operation needs one of the groups ${groupsAllowed(operationId).join(', ')}`,
      );
    }
    identities.set(req, identity);
    return true;
  };
}
