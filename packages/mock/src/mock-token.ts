// Tokens for the mock and the sandbox, without loading the server: `mockToken()` makes one shaped
// like the key manager's (signed with a throwaway key, which the mock does not check), and
// `signToken` signs claims with a key (the sandbox re-signs tokens with its server's key).
import { createHmac, randomBytes, randomUUID } from 'node:crypto';

/** The domain of the demo data (the seed pages' tokens). */
export const DEMO_DOMAIN_ID = '00000000-0000-0000-0000-000000000000';

export interface MockTokenClaims {
  groups?: string[];
  domainId?: string;
  username?: string;
  ttlSeconds?: number;
}

/** Signs an HS256 token with `key` (base64url of the signing input's HMAC). */
export function signToken(payload: Record<string, unknown>, key: Buffer | string): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const signature = createHmac('sha256', key).update(`${header}.${body}`).digest('base64url');
  return `${header}.${body}.${signature}`;
}

/**
 * A token shaped like the key manager's that the mock and the sandbox accept: the demo domain,
 * the `admin` group, valid 8 hours unless told. Signed with a throwaway key: no server accepts it.
 */
export function mockToken(claims: MockTokenClaims = {}, nowMs = Date.now()): string {
  const now = Math.floor(nowMs / 1000);
  return signToken(
    {
      sub: `local|${randomUUID()}`,
      preferred_username: claims.username ?? 'admin',
      cust: { domain_id: claims.domainId ?? DEMO_DOMAIN_ID, groups: claims.groups ?? ['admin'] },
      iat: now,
      exp: now + (claims.ttlSeconds ?? 8 * 3600),
      jti: randomUUID(),
    },
    randomBytes(32),
  );
}
