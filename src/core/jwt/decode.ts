// Decodes a compact JWT for display. A clean compact JWS takes the fast path (strict base64url,
// JSON nesting bounded before parsing); anything less than clean goes through a tolerant layer
// that decodes as much as it can and names exactly what is wrong. Linear in the input on every
// path, and what it returns is plain JSON (see ../json).
import { jsonForMessage, MAX_JSON_DEPTH, parseJson } from '../json';
import { decodeBase64Tolerant, decodeBase64UrlStrictText, isBase64UrlSegment, textOfBytes } from './base64';
import { TokenError, type PartialDecode } from './errors';
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
type PartName = (typeof PART_NAMES)[number];

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
  const parts = token.split('.', 6);
  if (parts.length === 5) throw encryptedTokenError(parts[0]);
  if (parts.length !== 3) throw notCompactError(token);
  return (token !== input && decodeStrict(token)) || decodeTolerant(token, parts);
}

/**
 * The hot path, for a clean compact JWS: strict base64url, then JSON. Returns `undefined` for
 * anything less than clean, which the tolerant path then explains.
 */
function decodeStrict(token: string): DecodedJwt | undefined {
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0 || hasSkippableCharacters(token)) return undefined;
  const warnings: string[] = [];
  const header = strictPart(token.slice(0, first), 'header', warnings);
  const payload = header && strictPart(token.slice(first + 1, second), 'payload', warnings);
  if (!payload) return undefined;
  return { token, header, payload, signature: token.slice(second + 1), warnings };
}

function strictPart(segment: string, name: PartName, warnings: string[]): JsonObject | undefined {
  const decoded = decodeBase64UrlStrictText(segment);
  const parsed = decoded && parseObject(decoded, name);
  if (!parsed?.ok) return undefined;
  warnings.push(...parsed.warnings);
  return parsed.value;
}

// Base64 decoders skip ASCII whitespace and accept "=" padding, which a JWT must not contain:
// such input goes through normalisation and the tolerant path.
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
  const [headerBytes, payloadBytes] = parts.slice(0, 2).map((part, i) => {
    const name = PART_NAMES[i];
    if (!part) throw new TokenError('bad-base64url', `The ${name} part is empty: a JWT needs a header and a payload before the signature.`);
    const decoded = decodeBase64Tolerant(part);
    if (!decoded) throw badBase64Error(name, part);
    if (decoded.flavour !== 'base64url' || decoded.padded) {
      warnings.push(`The ${name} uses ${decoded.flavour === 'base64' ? 'standard base64 (+ or /)' : 'base64url'}${decoded.padded ? ' with = padding' : ''}; JWTs must use unpadded base64url. Decoded anyway.`);
    }
    return decoded.bytes;
  });

  const header = parseObject(textOfBytes(headerBytes), 'header');
  const headerText = header.text;
  if (!header.ok) {
    const payloadText = textOfBytes(payloadBytes).text;
    if (header.tooDeep) throw tooDeepError('header', { headerText, payloadText });
    throw new TokenError('header-not-json', `The header is not a JSON object (${header.reason}). Decoded header text: ${preview(headerText)}`, {
      headerText,
      payloadText,
    });
  }
  const payload = parseObject(textOfBytes(payloadBytes), 'payload');
  const payloadText = payload.text;
  if (!payload.ok) {
    if (payload.tooDeep) throw tooDeepError('payload', { header: header.value, headerText, payloadText });
    throw new TokenError(
      'payload-not-json',
      `The header decoded, but the payload is not a JSON object (${payload.reason}); it may be a nested or non-JSON payload (header cty: ${describeValue(header.value.cty ?? 'none')}).`,
      { header: header.value, headerText, payloadText },
    );
  }
  warnings.push(...header.warnings, ...payload.warnings);
  return { token, header: header.value, payload: payload.value, signature: parts[2], warnings };
}

type Parsed = { text: string } & ({ ok: true; value: JsonObject; warnings: string[] } | { ok: false; reason: string; tooDeep: boolean });

/**
 * A token part's bytes as a JSON object, plain JSON (see ../json). Bytes that are not UTF-8
 * become U+FFFD, with a warning, as long as the text is still a JSON object: decoders do that
 * (jose does), and the rest of the token is worth seeing.
 */
function parseObject({ text, utf8 }: { text: string; utf8: boolean }, name: PartName): Parsed {
  const parsed = parseJson(text);
  if (!parsed.ok) return { text, ok: false, reason: utf8 || parsed.tooDeep ? parsed.reason : 'its bytes are not UTF-8 text', tooDeep: parsed.tooDeep };
  const { value } = parsed;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { text, ok: false, reason: `it is JSON, but ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}`, tooDeep: false };
  }
  const warnings = parsed.problems.map((problem) => `In the ${name}, ${problem}.`);
  if (!utf8) warnings.unshift(`The ${name} is not valid UTF-8: the invalid bytes are shown as \uFFFD.`);
  return { text, ok: true, value: value as JsonObject, warnings };
}

function tooDeepError(name: PartName, partial: PartialDecode): TokenError {
  return new TokenError(
    'too-deep',
    `The ${name} nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep. No real token does; Token Inspector reads at most ${MAX_JSON_DEPTH} levels, so it does not decode this one (the decoded text is kept).`,
    partial,
  );
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

function encryptedTokenError(headerSegment: string): TokenError {
  const bytes = decodeBase64Tolerant(headerSegment)?.bytes;
  const parsed = bytes && parseObject(textOfBytes(bytes), 'header');
  if (!parsed?.ok) {
    return new TokenError('jwe', 'This has five parts like an encrypted token (JWE), but its protected header does not decode as JSON. Check that the whole token was copied.');
  }
  const header = parsed.value;
  return new TokenError(
    'jwe',
    `This is an encrypted token (JWE: alg ${describeValue(header.alg)}, enc ${describeValue(header.enc)}). Its payload is encrypted and only the recipient's private key can read it. Protected header: ${clip(jsonForMessage(header))}`,
    { header },
  );
}

function notCompactError(token: string): TokenError {
  let count = 1;
  for (let dot = token.indexOf('.'); dot >= 0; dot = token.indexOf('.', dot + 1)) count++;
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
  const bad = /[^A-Za-z0-9_\-+/=]/u.exec(part) ?? /[+/=]/.exec(part);
  return bad
    ? `character ${JSON.stringify(bad[0])} at position ${bad.index + 1} is not base64url`
    : `its length (${part.length}) or padding is not valid base64url`;
}

function preview(text: string): string {
  return text.length > 200 ? `${JSON.stringify(text.slice(0, 200))}…` : JSON.stringify(text);
}

/** A value from the token in a message: strings as they are, anything else as JSON. */
function describeValue(value: unknown): string {
  return typeof value === 'string' ? clip(value) : clip(jsonForMessage(value));
}

function clip(text: string, max = 400): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function formatSize(chars: number): string {
  return chars >= 1024 * 1024 ? `${(chars / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(chars / 1024)} KB`;
}
