// The mock's token check: what no server would accept is refused with the server's wording; any
// well-formed, unexpired JWT is welcome whatever its signature.
import { describe, expect, test } from 'vitest';
import { mockToken, readToken } from '../src/index.ts';
import { signToken } from '../src/mock-token.ts';

const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);
const seconds = NOW / 1000;
const claims = { sub: 'local|x', cust: { domain_id: 'd', groups: ['admin'] }, exp: seconds + 60 };
const detailOf = (token: string) => {
  try {
    readToken(token, NOW);
    return 'accepted';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('readToken', () => {
  test('when the token is well formed and unexpired, then it is accepted whatever key signed it', () => {
    expect(detailOf(signToken(claims, 'any key at all'))).toBe('accepted');
    expect(detailOf(mockToken({}, NOW))).toBe('accepted');
    expect(readToken(mockToken({ groups: ['CCKM Users'] }, NOW), NOW).cust.groups).toEqual(['CCKM Users']);
  });

  test.each([
    ['not a JWT at all', 'any-token-works', 'The bearer token is malformed'],
    ['two parts', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0', 'The bearer token is malformed'],
    ['a payload that is not JSON', 'eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln', 'The bearer token is malformed'],
    [
      'exp past (beyond 30 s of tolerance)',
      signToken({ ...claims, exp: seconds - 31 }, 'k'),
      'The bearer token has expired',
    ],
    ['no exp', signToken({ ...claims, exp: undefined }, 'k'), 'The bearer token has no exp claim'],
    ['nbf ahead', signToken({ ...claims, nbf: seconds + 120 }, 'k'), 'The bearer token is not valid yet'],
    [
      'iat ahead',
      signToken({ ...claims, iat: seconds + 120 }, 'k'),
      'The bearer token was issued in the future',
    ],
    [
      'no domain',
      signToken({ ...claims, cust: {} }, 'k'),
      'The bearer token lacks the sub or cust.domain_id claim',
    ],
  ])('when the token has %s, then the server’s 401 detail is given', (_name, token, detail) => {
    expect(detailOf(token)).toBe(detail);
  });

  test('when the token is signed with none, then its algorithm is refused', () => {
    const header = Buffer.from('{"alg":"none"}').toString('base64url');
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    expect(detailOf(`${header}.${body}.x`)).toBe("The bearer token's signing algorithm is not accepted");
  });

  test('when a token expired 20 s ago, then the clock tolerance still accepts it, as the server does', () => {
    expect(detailOf(signToken({ ...claims, exp: seconds - 20 }, 'k'))).toBe('accepted');
  });
});
