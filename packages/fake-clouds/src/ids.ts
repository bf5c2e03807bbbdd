// Salesforce record IDs: a 3-character key prefix (00D organization, 005 user, 02G TenantSecret,
// 01g query locator), 12 more characters, and the 3-character case-safe suffix that makes the
// 18-character form (each suffix character encodes which of 5 characters are upper-case).
import { randomBytes } from 'node:crypto';

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The 18-character form of a 15-character Salesforce ID. */
export function caseSafeId(id15: string): string {
  if (id15.length !== 15) throw new Error(`a 15-character Salesforce ID is needed, got ${id15.length}`);
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const char = id15.charAt(chunk * 5 + i);
      if (char >= 'A' && char <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return id15 + suffix;
}

/** Deterministic IDs: the same prefix and sequence number give the same ID. */
export function sequentialId(prefix: string, sequence: number): string {
  let digits = '';
  let rest = sequence;
  do {
    digits = BASE62.charAt(rest % 62) + digits;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return caseSafeId(`${prefix}5g${digits.padStart(10, '0')}`);
}

/** A random ID with the given 3-character prefix. */
export function randomId(prefix: string): string {
  const bytes = randomBytes(12);
  let body = '';
  for (const byte of bytes) body += BASE62.charAt(byte % 62);
  return caseSafeId(prefix + body);
}
