// Mints HS256 bearer tokens shaped like the key manager's (sub, preferred_username, cust.*), for
// the demo banner, `pnpm token` and tests.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

export interface TokenClaims {
  subject?: string;
  username?: string;
  domainId: string;
  groups: string[];
  ttlSeconds?: number;
  issuer?: string;
  audience?: string;
  notBefore?: number;
}

export async function mintToken(secret: string, claims: TokenClaims): Promise<string> {
  const jwt = new SignJWT({
    preferred_username: claims.username ?? 'admin',
    cust: { domain_id: claims.domainId, groups: claims.groups, sid: randomUUID() },
    jwtid: randomUUID(),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.subject ?? `local|${randomUUID()}`)
    .setIssuedAt()
    .setExpirationTime(`${claims.ttlSeconds ?? 3600}s`);
  if (claims.issuer) jwt.setIssuer(claims.issuer);
  if (claims.audience) jwt.setAudience(claims.audience);
  if (claims.notBefore) jwt.setNotBefore(claims.notBefore);
  return jwt.sign(new TextEncoder().encode(secret));
}
