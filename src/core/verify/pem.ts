// PEM blocks in pasted text, found by index scans (linear on hostile text), and an RSA public
// key in PKCS#1 form ("RSA PUBLIC KEY") wrapped as SubjectPublicKeyInfo, which jose reads.
import { decodeBase64Tolerant, encodeBase64 } from '../jwt/base64';

export interface PemBlock {
  /** "PUBLIC KEY", "CERTIFICATE", ... */
  label: string;
  /** The base64 body, whitespace removed. */
  body: string;
}

/** No real paste holds more; bounding the markers looked at keeps hostile text linear. */
const MAX_MARKERS = 20;

/** The complete `-----BEGIN X----- … -----END X-----` blocks among the first 20 BEGIN markers, in order. */
export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  let markers = 0;
  for (let at = text.indexOf('-----BEGIN '); at >= 0 && markers++ < MAX_MARKERS; at = text.indexOf('-----BEGIN ', at + 1)) {
    const labelEnd = text.indexOf('-----', at + 11);
    if (labelEnd < 0) break;
    const label = text.slice(at + 11, labelEnd);
    if (!/^[A-Z0-9 ]{1,40}$/.test(label)) continue;
    const end = text.indexOf(`-----END ${label}-----`, labelEnd + 5);
    if (end < 0) continue;
    blocks.push({ label, body: text.slice(labelEnd + 5, end).replace(/\s+/g, '') });
    at = end;
  }
  return blocks;
}

/** A PEM text for jose's importers. */
export function toPem(label: string, der: Uint8Array): string {
  const body = encodeBase64(der).replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}

// AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }
const RSA_ALGORITHM = Uint8Array.of(0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00);

/** SubjectPublicKeyInfo DER around a PKCS#1 RSAPublicKey body (base64); `undefined` when it is not base64. */
export function spkiFromPkcs1(body: string): Uint8Array | undefined {
  const pkcs1 = decodeBase64Tolerant(body)?.bytes;
  if (!pkcs1 || pkcs1.length === 0) return undefined;
  const bitString = der(0x03, concat(Uint8Array.of(0), pkcs1));
  return der(0x30, concat(RSA_ALGORITHM, bitString));
}

function der(tag: number, content: Uint8Array): Uint8Array {
  const n = content.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return concat(Uint8Array.of(tag, ...length), content);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
