// Tolerant base64 handling. JWT segments must be base64url without padding, but ZITADEL's
// REST APIs use standard padded base64 and users paste both, so decoding accepts either
// alphabet, with or without padding, and reports which one it saw.
// Runtime-neutral (no Buffer): the same code decodes in Node and in VS Code for the web's worker.

export type Base64Flavour = 'base64url' | 'base64';

export interface Base64Decoded {
  bytes: Uint8Array;
  flavour: Base64Flavour;
  padded: boolean;
}

const URL_SAFE = /^[A-Za-z0-9_-]*$/;
const NON_ASCII = /[^\x00-\x7f]/;

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
  // One alphabet throughout; indexOf is much faster than a regular expression over a long value.
  const url = body.indexOf('-') >= 0 || body.indexOf('_') >= 0;
  const standard = body.indexOf('+') >= 0 || body.indexOf('/') >= 0;
  if ((url && standard) || hasAsciiWhitespace(body)) return undefined;
  const binary = binaryOf(body, url);
  return binary === undefined ? undefined : { bytes: bytesOf(binary), flavour: standard ? 'base64' : 'base64url', padded };
}

/** Strict JWT segment check: base64url alphabet, no padding, a length that can be decoded. */
export function isBase64UrlSegment(text: string): boolean {
  return URL_SAFE.test(text) && text.length % 4 !== 1;
}

/** Strict unpadded base64url; `undefined` for any character outside that alphabet. */
export function decodeBase64UrlStrict(text: string): Uint8Array | undefined {
  const binary = strictBinaryOf(text);
  return binary === undefined ? undefined : bytesOf(binary);
}

/**
 * The UTF-8 text of a strict unpadded base64url segment (invalid UTF-8 as U+FFFD), without
 * making bytes when they are all ASCII, as a JWT's header and payload nearly always are: the
 * decoder's hot path. `undefined` for any character outside the alphabet.
 */
export function decodeBase64UrlStrictText(text: string): { text: string; utf8: boolean } | undefined {
  const binary = strictBinaryOf(text);
  if (binary === undefined) return undefined;
  if (!NON_ASCII.test(binary)) return { text: binary, utf8: true };
  return textOfBytes(bytesOf(binary));
}

/** Bytes as text, invalid UTF-8 replaced by U+FFFD; the strict check only runs when one appears. */
export function textOfBytes(bytes: Uint8Array): { text: string; utf8: boolean } {
  const text = utf8Lossy(bytes);
  return { text, utf8: text.indexOf('\uFFFD') < 0 || utf8OrUndefined(bytes) !== undefined };
}

/**
 * The platform's atob (native in browsers, web workers and Node) with the checks it lacks: it
 * skips ASCII whitespace and accepts "+", "/" and "=" padding, none of which a JWT segment may
 * hold. indexOf is much faster than a regular expression over a long token.
 */
function strictBinaryOf(text: string): string | undefined {
  if (text.indexOf('+') >= 0 || text.indexOf('/') >= 0 || text.indexOf('=') >= 0 || hasAsciiWhitespace(text)) return undefined;
  return binaryOf(text, true);
}

/** The characters atob skips. */
function hasAsciiWhitespace(text: string): boolean {
  return text.indexOf(' ') >= 0 || text.indexOf('\t') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\f') >= 0;
}

/**
 * atob of checked text (no whitespace, one alphabet, "=" only as checked padding): a "binary
 * string", one character per byte; `undefined` for any other character or an impossible length.
 */
function binaryOf(body: string, url: boolean): string | undefined {
  try {
    return atob(url ? body.replace(/-/g, '+').replace(/_/g, '/') : body);
  } catch {
    return undefined;
  }
}

function bytesOf(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const STANDARD_ALPHABET = Uint8Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', (c) => c.charCodeAt(0));
const EQUALS = 0x3d;
// Strings are made from ASCII bytes natively (TextDecoder): concatenating short strings is several times slower.
const ascii = new TextDecoder('latin1');

/** Standard padded base64, as ZITADEL's REST APIs expect metadata values. */
export function encodeBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  const whole = bytes.length - (bytes.length % 3);
  let o = 0;
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = STANDARD_ALPHABET[n >>> 18];
    out[o++] = STANDARD_ALPHABET[(n >>> 12) & 63];
    out[o++] = STANDARD_ALPHABET[(n >>> 6) & 63];
    out[o++] = STANDARD_ALPHABET[n & 63];
  }
  if (whole < bytes.length) {
    const two = bytes.length - whole === 2;
    const n = (bytes[whole] << 16) | (two ? bytes[whole + 1] << 8 : 0);
    out[o++] = STANDARD_ALPHABET[n >>> 18];
    out[o++] = STANDARD_ALPHABET[(n >>> 12) & 63];
    out[o++] = two ? STANDARD_ALPHABET[(n >>> 6) & 63] : EQUALS;
    out[o++] = EQUALS;
  }
  return ascii.decode(out);
}

/** Unpadded base64url, as JWTs and JWKs carry bytes. */
export function encodeBase64Url(bytes: Uint8Array): string {
  const standard = encodeBase64(bytes);
  let end = standard.length;
  while (end > 0 && standard.charCodeAt(end - 1) === 0x3d) end--;
  return standard.slice(0, end).replace(/\+/g, '-').replace(/\//g, '_');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
// ignoreBOM keeps a leading U+FEFF in the text, as sent, instead of silently dropping it.
const utf8Lenient = new TextDecoder('utf-8', { ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/** The bytes as UTF-8 text, or `undefined` when they are not valid UTF-8. */
export function utf8OrUndefined(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The bytes as UTF-8 text, invalid sequences replaced by U+FFFD. */
export function utf8Lossy(bytes: Uint8Array): string {
  return utf8Lenient.decode(bytes);
}

/** The UTF-8 bytes of a text (a lone surrogate becomes U+FFFD). */
export function utf8Bytes(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** Each byte's two hex digits as one 16-bit unit, in the platform's byte order. */
const HEX_PAIRS = (() => {
  const digits = '0123456789abcdef';
  const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
  return Uint16Array.from({ length: 256 }, (_, i) => {
    const [first, second] = [digits.charCodeAt(i >>> 4), digits.charCodeAt(i & 15)];
    return littleEndian ? first | (second << 8) : (first << 8) | second;
  });
})();

export function toHex(bytes: Uint8Array): string {
  const pairs = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) pairs[i] = HEX_PAIRS[bytes[i]];
  return ascii.decode(new Uint8Array(pairs.buffer));
}
