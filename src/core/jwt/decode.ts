// Decodes a compact JWT for display. `jose` does the strict decoding of the payload (and
// of a JWE's protected header); when a token is not clean, a tolerant layer decodes as much
// as it can and names exactly what is wrong.
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { decodeBase64Tolerant, decodeBase64UrlStrict, isBase64UrlSegment, utf8OrUndefined } from './base64';
import { TokenError } from './errors';
import { MAX_INPUT_LENGTH, normaliseTokenText } from './locate';

export type JsonObject = Record<string, unknown>;

export interface DecodedJwt {
  /** The compact token after normalisation (prefixes, quotes and whitespace removed). */
  token: string;
  header: JsonObject;
  payload: JsonObject;
  /** The signature segment as sent (base64url); empty for an unsecured JWT. */
  signature: string;
  /** Things the user should know although the token decoded. */
  warnings: string[];
}

const PART_NAMES = ['header', 'payload', 'signature'] as const;

export function decodeJwtText(input: string): DecodedJwt {
  if (input.length > MAX_INPUT_LENGTH) {
    throw new TokenError(
      'too-large',
      `The input is ${formatSize(input.length)}; Token Inspector refuses anything over 1 MB. Paste just the token.`,
    );
  }
  return decodeStrict(input) ?? decodeNormalised(input);
}

function decodeNormalised(input: string): DecodedJwt {
  const token = normaliseTokenText(input);
  if (!token) throw new TokenError('empty', 'Nothing to decode: paste a JWT (three base64url parts separated by dots).');
  const parts = token.split('.');
  if (parts.length === 5) throw encryptedTokenError(token);
  if (parts.length !== 3) throw notCompactError(parts.length);
  return (token !== input && decodeStrict(token)) || decodeTolerant(token, parts);
}

/**
 * The hot path, for a clean compact JWS: jose decodes the payload; the small header is
 * decoded with our strict base64url check. Returns `undefined` for anything less than
 * clean, which the tolerant path then explains. (jose's decodeProtectedHeader alone costs
 * a fifth of the decode time of a 1 KB token, hence not used here.)
 */
function decodeStrict(token: string): DecodedJwt | undefined {
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0 || hasSkippableCharacters(token)) return undefined;
  const headerBytes = decodeBase64UrlStrict(token.slice(0, first));
  const header = headerBytes && parseObject(utf8OrUndefined(headerBytes));
  if (!header?.ok) return undefined;
  try {
    return { token, header: header.value, payload: decodeJwt(token), signature: token.slice(second + 1), warnings: [] };
  } catch {
    return undefined;
  }
}

// Base64 decoders (jose's included) skip ASCII whitespace and accept "=" padding, which a
// JWT must not contain: such input goes through normalisation and the tolerant path.
// indexOf is much faster than a regular expression over a long token.
function hasSkippableCharacters(text: string): boolean {
  return (
    text.indexOf('=') >= 0 ||
    text.indexOf(' ') >= 0 ||
    text.indexOf('\n') >= 0 ||
    text.indexOf('\r') >= 0 ||
    text.indexOf('\t') >= 0 ||
    text.indexOf('\f') >= 0
  );
}

/** Decodes what it can and throws a specific TokenError for the first thing that is wrong. */
function decodeTolerant(token: string, parts: string[]): DecodedJwt {
  const warnings: string[] = [];
  const texts = parts.slice(0, 2).map((part, i) => {
    const name = PART_NAMES[i];
    if (!part) throw new TokenError('bad-base64url', `The ${name} part is empty: a JWT needs a header and a payload before the signature.`);
    const decoded = decodeBase64Tolerant(part);
    if (!decoded) throw badBase64Error(name, part);
    if (decoded.flavour !== 'base64url' || decoded.padded) {
      warnings.push(`The ${name} uses ${decoded.flavour === 'base64' ? 'standard base64 (+ or /)' : 'base64url'}${decoded.padded ? ' with = padding' : ''}; JWTs must use unpadded base64url. Decoded anyway.`);
    }
    return utf8OrUndefined(decoded.bytes);
  });

  const [headerText, payloadText] = texts;
  const header = parseObject(headerText);
  if (!header.ok) {
    throw new TokenError('header-not-json', `The header is not a JSON object (${header.reason}). Decoded header text: ${preview(headerText)}`, {
      headerText,
      payloadText,
    });
  }
  const payload = parseObject(payloadText);
  if (!payload.ok) {
    throw new TokenError(
      'payload-not-json',
      `The header decoded, but the payload is not a JSON object (${payload.reason}); it may be a nested or non-JSON payload (header cty: ${String(header.value.cty ?? 'none')}).`,
      { header: header.value, headerText, payloadText },
    );
  }
  return { token, header: header.value, payload: payload.value, signature: parts[2], warnings };
}

type Parsed = { ok: true; value: JsonObject } | { ok: false; reason: string };

function parseObject(text: string | undefined): Parsed {
  if (text === undefined) return { ok: false, reason: 'its bytes are not UTF-8 text' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `invalid JSON: ${(e as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: `it is JSON, but ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}` };
  }
  return { ok: true, value: value as JsonObject };
}

/**
 * What is wrong with a decoded token's algorithm or signature segment. Kept out of decoding
 * itself: a broken signature does not stop the header and payload from being shown.
 */
export function signatureWarnings({ header, signature }: Pick<DecodedJwt, 'header' | 'signature'>): string[] {
  if (signature && !isBase64UrlSegment(signature)) {
    return [`The signature part is not valid base64url (${invalidBase64Detail(signature)}): the token cannot be verified. Check that it was copied unchanged.`];
  }
  const alg = header.alg;
  if (typeof alg !== 'string') return ['The header has no "alg": the token cannot be verified.'];
  if (alg.toLowerCase() === 'none') {
    return [
      `Unsecured JWT (alg: "${alg}")${signature ? ' with a signature segment anyway' : ''}: anyone can forge it. Decoded for inspection only; never accept it.`,
    ];
  }
  if (!signature) return [`The header says alg "${alg}" but the signature part is empty.`];
  return [];
}

function encryptedTokenError(token: string): TokenError {
  let header: JsonObject;
  try {
    header = decodeProtectedHeader(token) as JsonObject;
  } catch {
    return new TokenError('jwe', 'This has five parts like an encrypted token (JWE), but its protected header does not decode as JSON. Check that the whole token was copied.');
  }
  return new TokenError(
    'jwe',
    `This is an encrypted token (JWE: alg ${String(header.alg)}, enc ${String(header.enc)}). Its payload is encrypted and only the recipient's private key can read it. Protected header: ${JSON.stringify(header)}`,
    { header },
  );
}

function notCompactError(count: number): TokenError {
  if (count === 1) {
    return new TokenError(
      'not-compact',
      'This has no dots, so it is not a JWT: it may be an opaque access token, which only the issuer can read (use the userinfo or introspection endpoint). A JWT is header.payload.signature.',
    );
  }
  return new TokenError('not-compact', `A JWT has three parts separated by dots (header.payload.signature); this has ${count}. Check that the whole token was copied.`);
}

function badBase64Error(name: string, part: string): TokenError {
  return new TokenError('bad-base64url', `The ${name} part is not valid base64url: ${invalidBase64Detail(part)}. Check that the whole token was copied unchanged.`);
}

function invalidBase64Detail(part: string): string {
  const bad = /[^A-Za-z0-9_\-+/=]/.exec(part) ?? /[+/=]/.exec(part);
  return bad
    ? `character ${JSON.stringify(bad[0])} at position ${bad.index + 1} is not base64url`
    : `its length (${part.length}) or padding is not valid base64url`;
}

function preview(text: string | undefined): string {
  if (text === undefined) return '(binary)';
  return text.length > 200 ? `${JSON.stringify(text.slice(0, 200))}…` : JSON.stringify(text);
}

function formatSize(chars: number): string {
  return chars >= 1024 * 1024 ? `${(chars / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(chars / 1024)} KB`;
}
