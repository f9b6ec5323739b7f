// Decodes a compact JWT for display. A clean compact JWS takes the fast path (strict base64url,
// JSON nesting bounded before parsing); anything less than clean goes through a tolerant layer
// that decodes as much as it can and names exactly what is wrong. Linear in the input on every
// path, and what it returns is plain JSON (see ../json).
import * as l10n from '@vscode/l10n';
import { jsonForMessage, MAX_JSON_DEPTH, parseJson } from '../json';
import { decodeBase64Tolerant, decodeBase64UrlStrictText, isBase64UrlSegment, textOfBytes } from './base64';
import { TokenError, type PartialDecode } from './errors';
import { MAX_INPUT_LENGTH, normaliseTokenText } from './locate';

export type JsonObject = Record<string, unknown>;

export interface DecodedJwt {
  /** The compact token after normalization (prefixes, quotes and whitespace removed). */
  token: string;
  header: JsonObject;
  payload: JsonObject;
  /** The signature segment as sent (base64url); empty for an unsecured JWT. */
  signature: string;
  /** Things the user should know although the token decoded. */
  warnings: string[];
}

// Only the header and the payload are decoded; messages about the signature name it in full.
const PART_NAMES = ['header', 'payload'] as const;
type PartName = (typeof PART_NAMES)[number];

/** A part's name inside a sentence ("The header part is empty"). */
function partName(name: PartName): string {
  return name === 'header' ? l10n.t({ message: 'header', comment: ['The first part of a JWT'] }) : l10n.t({ message: 'payload', comment: ['The second part of a JWT'] });
}

export function decodeJwtText(input: string): DecodedJwt {
  if (input.length > MAX_INPUT_LENGTH) {
    throw new TokenError(
      'too-large',
      l10n.t('The input is {0}; Token Inspector refuses anything over 1 MB. Paste just the token.', formatSize(input.length)),
    );
  }
  return decodeStrict(input) ?? decodeNormalised(input);
}

function decodeNormalised(input: string): DecodedJwt {
  const token = normaliseTokenText(input);
  if (!token) throw new TokenError('empty', l10n.t('Nothing to decode: paste a JWT (three base64url parts separated by dots).'));
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
// such input goes through normalization and the tolerant path.
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
    if (!part) throw new TokenError('bad-base64url', l10n.t({ message: 'The {0} part is empty: a JWT needs a header and a payload before the signature.', args: [partName(name)], comment: ['{0} is header or payload'] }));
    const decoded = decodeBase64Tolerant(part);
    if (!decoded) throw badBase64Error(name, part);
    if (decoded.flavour !== 'base64url' || decoded.padded) {
      const flavour = decoded.flavour === 'base64' ? l10n.t('standard base64 (+ or /)') : 'base64url';
      warnings.push(
        decoded.padded
          ? l10n.t({ message: 'The {0} uses {1} with = padding; JWTs must use unpadded base64url. Decoded anyway.', args: [partName(name), flavour], comment: ['{0} is header or payload'] })
          : l10n.t({ message: 'The {0} uses {1}; JWTs must use unpadded base64url. Decoded anyway.', args: [partName(name), flavour], comment: ['{0} is header or payload'] }),
      );
    }
    return decoded.bytes;
  });

  const header = parseObject(textOfBytes(headerBytes), 'header');
  const headerText = header.text;
  if (!header.ok) {
    const payloadText = textOfBytes(payloadBytes).text;
    if (header.tooDeep) throw tooDeepError('header', { headerText, payloadText });
    throw new TokenError('header-not-json', l10n.t('The header is not a JSON object ({0}). Decoded header text: {1}', header.reason, preview(headerText)), {
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
      l10n.t('The header decoded, but the payload is not a JSON object ({0}); it may be a nested or non-JSON payload (header cty: {1}).', payload.reason, header.value.cty === undefined ? l10n.t('none') : describeValue(header.value.cty)),
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
  if (!parsed.ok) return { text, ok: false, reason: utf8 || parsed.tooDeep ? parsed.reason : l10n.t('its bytes are not UTF-8 text'), tooDeep: parsed.tooDeep };
  const { value } = parsed;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? l10n.t('an array') : typeof value === 'string' ? l10n.t('a string') : typeof value === 'number' ? l10n.t('a number') : l10n.t('a boolean');
    return { text, ok: false, reason: l10n.t('it is JSON, but {0}', kind), tooDeep: false };
  }
  const part = partName(name);
  const warnings = parsed.problems.map((problem) => l10n.t({ message: 'In the {0}, {1}.', args: [part, problem], comment: ['{0} is header or payload; {1} says what is odd about it'] }));
  if (!utf8) warnings.unshift(l10n.t({ message: 'The {0} is not valid UTF-8: the invalid bytes are shown as �.', args: [part], comment: ['{0} is header or payload'] }));
  return { text, ok: true, value: value as JsonObject, warnings };
}

function tooDeepError(name: PartName, partial: PartialDecode): TokenError {
  return new TokenError(
    'too-deep',
    l10n.t({
      message: 'The {0} nests objects and arrays more than {1} levels deep. No real token does; Token Inspector reads at most {1} levels, so it does not decode this one (the decoded text is kept).',
      args: [partName(name), MAX_JSON_DEPTH],
      comment: ['{0} is header or payload'],
    }),
    partial,
  );
}

/**
 * What is wrong with a decoded token's algorithm or signature segment. Kept out of decoding
 * itself: a broken signature does not stop the header and payload from being shown.
 */
export function signatureWarnings({ header, signature }: Pick<DecodedJwt, 'header' | 'signature'>): string[] {
  if (signature && !isBase64UrlSegment(signature)) {
    return [l10n.t('The signature part is not valid base64url ({0}): the token cannot be verified. Check that it was copied unchanged.', invalidBase64Detail(signature))];
  }
  const alg = header.alg;
  if (typeof alg !== 'string') return [l10n.t('The header has no "alg": the token cannot be verified.')];
  if (alg.toLowerCase() === 'none') {
    return [
      signature
        ? l10n.t('Unsecured JWT (alg: "{0}") with a signature segment anyway: anyone can forge it. Decoded for inspection only; never accept it.', alg)
        : l10n.t('Unsecured JWT (alg: "{0}"): anyone can forge it. Decoded for inspection only; never accept it.', alg),
    ];
  }
  if (!signature) return [l10n.t('The header says alg "{0}" but the signature part is empty.', alg)];
  return [];
}

function encryptedTokenError(headerSegment: string): TokenError {
  const bytes = decodeBase64Tolerant(headerSegment)?.bytes;
  const parsed = bytes && parseObject(textOfBytes(bytes), 'header');
  if (!parsed?.ok) {
    return new TokenError('jwe', l10n.t('This has five parts like an encrypted token (JWE), but its protected header does not decode as JSON. Check that the whole token was copied.'));
  }
  const header = parsed.value;
  return new TokenError(
    'jwe',
    l10n.t(
      "This is an encrypted token (JWE: alg {0}, enc {1}). Its payload is encrypted and only the recipient's private key can read it. Protected header: {2}",
      describeValue(header.alg),
      describeValue(header.enc),
      clip(jsonForMessage(header)),
    ),
    { header },
  );
}

function notCompactError(token: string): TokenError {
  let count = 1;
  for (let dot = token.indexOf('.'); dot >= 0; dot = token.indexOf('.', dot + 1)) count++;
  if (count === 1) {
    return new TokenError(
      'not-compact',
      l10n.t('This has no dots, so it is not a JWT: it may be an opaque access token, which only the issuer can read (use the userinfo or introspection endpoint). A JWT is header.payload.signature.'),
    );
  }
  return new TokenError('not-compact', l10n.t('A JWT has three parts separated by dots (header.payload.signature); this has {0}. Check that the whole token was copied.', count));
}

function badBase64Error(name: PartName, part: string): TokenError {
  return new TokenError(
    'bad-base64url',
    l10n.t({ message: 'The {0} part is not valid base64url: {1}. Check that the whole token was copied unchanged.', args: [partName(name), invalidBase64Detail(part)], comment: ['{0} is header or payload'] }),
  );
}

function invalidBase64Detail(part: string): string {
  const bad = /[^A-Za-z0-9_\-+/=]/u.exec(part) ?? /[+/=]/.exec(part);
  return bad
    ? l10n.t('character {0} at position {1} is not base64url', JSON.stringify(bad[0]), bad.index + 1)
    : l10n.t('its length ({0}) or padding is not valid base64url', part.length);
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

/** Only ever called for input over 1 MB. */
function formatSize(chars: number): string {
  return l10n.t('{0} MB', (chars / 1024 / 1024).toFixed(1));
}
