// A self-signed X.509 certificate for an RSA key, DER-encoded by hand (Node has no certificate
// builder): what a Salesforce admin uploads to a connected app for the JWT bearer flow ("Use
// digital signatures"). Enough for the fake to verify assertions against a real certificate.
import { createPublicKey, type KeyObject, randomBytes, sign, X509Certificate } from 'node:crypto';

function length(size: number): Buffer {
  if (size < 0x80) return Buffer.from([size]);
  const bytes: number[] = [];
  for (let rest = size; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

const sequence = (...content: Buffer[]) => tlv(0x30, ...content);
const set = (...content: Buffer[]) => tlv(0x31, ...content);
const integer = (bytes: Buffer) =>
  tlv(0x02, bytes[0] !== undefined && bytes[0] >= 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'));
const bitString = (bytes: Buffer) => tlv(0x03, Buffer.from([0]), bytes);
const nil = () => Buffer.from([0x05, 0x00]);

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const part of rest) {
    const chunk: number[] = [part & 0x7f];
    for (let value = part >>> 7; value > 0; value >>>= 7) chunk.unshift((value & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function time(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  // UTCTime (YYMMDDHHMMSSZ) until 2049, GeneralizedTime after, as RFC 5280 asks.
  return date.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(`${text.slice(2)}Z`))
    : tlv(0x18, Buffer.from(`${text}Z`));
}

/** 8 random bytes, positive and minimally encoded (first byte 0x01-0x7f). */
function serial(): Buffer {
  const bytes = randomBytes(8);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return bytes;
}

const SHA256_WITH_RSA = sequence(oid('1.2.840.113549.1.1.11'), nil());

/** A PEM certificate for `privateKeyPem` (RSA), subject and issuer `CN=<commonName>`. */
export function selfSignedCertificate(
  privateKeyPem: string,
  commonName = 'cckm-fake-clouds',
  days = 365,
): string {
  const publicKey: KeyObject = createPublicKey(privateKeyPem);
  const name = sequence(set(sequence(oid('2.5.4.3'), utf8(commonName))));
  const now = new Date();
  const tbs = sequence(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(serial()),
    SHA256_WITH_RSA,
    name,
    sequence(time(new Date(now.getTime() - 60_000)), time(new Date(now.getTime() + days * 86_400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKeyPem);
  const der = sequence(tbs, SHA256_WITH_RSA, bitString(signature));
  const body = der.toString('base64').replace(/.{64}/g, '$&\n');
  const pem = `-----BEGIN CERTIFICATE-----\n${body}${body.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`;
  new X509Certificate(pem); // throws if the encoding is wrong
  return pem;
}
