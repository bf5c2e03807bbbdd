// Salesforce IDs come as 15 case-sensitive or 18 case-safe characters; the last three of the 18
// encode which of the first 15 are upper-case. Organization IDs are compared in the 18 form.

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 18-character form of a Salesforce ID (an 18-character ID, or anything else, is returned as is). */
export function toCaseSafeId(id: string): string {
  if (id.length !== 15) return id;
  let suffix = '';
  for (let chunk = 0; chunk < 15; chunk += 5) {
    let bits = 0;
    for (let position = 0; position < 5; position += 1) {
      const char = id.charAt(chunk + position);
      if (char >= 'A' && char <= 'Z') bits += 1 << position;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return id + suffix;
}
