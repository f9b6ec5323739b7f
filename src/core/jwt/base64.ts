// Tolerant base64 handling. JWT segments must be base64url without padding, but ZITADEL's
// REST APIs use standard padded base64 and users paste both, so decoding accepts either
// alphabet, with or without padding, and reports which one it saw.

export type Base64Flavour = 'base64url' | 'base64';

export interface Base64Decoded {
  bytes: Uint8Array;
  flavour: Base64Flavour;
  padded: boolean;
}

const URL_SAFE = /^[A-Za-z0-9_-]*$/;
const STANDARD = /^[A-Za-z0-9+/]*$/;

/** Decodes base64 or base64url (padding optional); `undefined` when the text is neither. */
export function decodeBase64Tolerant(text: string): Base64Decoded | undefined {
  // At most two "=" end the text. Counted from the end: /=+$/ is quadratic on a long run of "="
  // followed by anything else.
  let end = text.length;
  while (end > 0 && text.length - end <= 2 && text.charCodeAt(end - 1) === 0x3d) end--;
  if (text.length - end > 2) return undefined;
  const body = text.slice(0, end);
  const padded = end !== text.length;
  if (body.length % 4 === 1) return undefined;
  if (padded && text.length % 4 !== 0) return undefined;
  let flavour: Base64Flavour;
  if (URL_SAFE.test(body)) flavour = 'base64url';
  else if (STANDARD.test(body)) flavour = 'base64';
  else return undefined;
  return { bytes: Buffer.from(body, flavour === 'base64url' ? 'base64url' : 'base64'), flavour, padded };
}

/** Strict JWT segment check: base64url alphabet, no padding, a length that can be decoded. */
export function isBase64UrlSegment(text: string): boolean {
  return URL_SAFE.test(text) && text.length % 4 !== 1;
}

/**
 * Strict unpadded base64url, cheaply: Node's decoder skips ASCII characters outside the
 * alphabet, so a short result reveals them; "+" and "/" (which it accepts) and non-ASCII
 * characters (which it truncates to 8 bits) are checked separately.
 */
export function decodeBase64UrlStrict(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1 || text.indexOf('+') >= 0 || text.indexOf('/') >= 0 || Buffer.byteLength(text, 'utf8') !== text.length) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.length === Math.floor((text.length * 3) / 4) ? bytes : undefined;
}

/** Standard padded base64, as ZITADEL's REST APIs expect metadata values. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as UTF-8 text, or `undefined` when they are not valid UTF-8. */
export function utf8OrUndefined(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
