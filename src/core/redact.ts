// Log lines must never carry a secret. Anything JWT-shaped becomes a short, non-reversible
// marker ("[token 1a2b3c4d]", the start of the token's fingerprint); PEM private keys become
// "[private key redacted]"; values of secret-named fields, credentials after an authorization
// scheme and passwords in URLs become "[redacted]". Key names, error codes and messages stay
// readable. Every pass is a linear scan: log text is untrusted too.
import { sha256Hex } from './sha256';
import { replaceJwts } from './jwt/locate';

export const REDACTED = '[redacted]';
export const PRIVATE_KEY_REDACTED = '[private key redacted]';

/** The text with every secret Token Inspector can recognize replaced by a marker. */
export function redactTokens(text: string): string {
  return redactUrlPasswords(redactSchemeCredentials(redactFields(redactJwts(redactPrivateKeys(text)))));
}

// --- PEM private keys -------------------------------------------------------------------------

const PEM_BEGIN = '-----BEGIN ';
const PEM_END = '-----END ';

/**
 * "-----BEGIN … PRIVATE KEY-----" through its END line, with real or JSON-escaped line breaks
 * (service-account and application key files of ZITADEL carry one in "key"). Without an END
 * line, up to the end of the JSON string (next quote) or of the text. A BEGIN line cut before
 * its closing dashes counts when a line break and a key body follow it; a label of any length.
 */
function redactPrivateKeys(text: string): string {
  let out = '';
  let copied = 0;
  let nextEnd = -2; // memo of text.indexOf(PEM_END, …): -1 once there is none further on
  for (let begin = text.indexOf(PEM_BEGIN); begin >= 0; begin = text.indexOf(PEM_BEGIN, begin + 1)) {
    if (begin < copied) continue;
    const labelEnd = endOfLabel(text, begin + PEM_BEGIN.length);
    if (labelEnd < 0 || !text.slice(begin, labelEnd).includes('PRIVATE KEY')) continue;
    if (nextEnd !== -1 && nextEnd < labelEnd) nextEnd = text.indexOf(PEM_END, labelEnd);
    let end: number;
    if (nextEnd >= 0) {
      const close = text.indexOf('-----', nextEnd + PEM_END.length);
      end = close < 0 ? text.length : close + 5;
    } else {
      const quote = text.indexOf('"', labelEnd);
      end = quote < 0 ? text.length : quote;
    }
    out += text.slice(copied, begin) + PRIVATE_KEY_REDACTED;
    copied = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

// What ends a BEGIN line's label: its closing dashes, a line break (real or JSON-escaped), a quote.
// The search stops at the next "-----" at the latest, that is, at the next BEGIN: linear overall.
const LABEL_END = /-----|\r|\n|\\+[rn]|["\\]/g;
// After a BEGIN line cut before its dashes: a line break and the start of a base64 key body.
const BODY_START = /(?:\r\n?|\n|\\+r\\+n|\\+[rn])[A-Za-z0-9+/]{16}/y;

/** Where the label of a BEGIN line ends, or -1 where this is no BEGIN line of a PEM block. */
function endOfLabel(text: string, from: number): number {
  LABEL_END.lastIndex = from;
  const match = LABEL_END.exec(text);
  if (!match) return -1;
  if (match[0] === '-----') return match.index;
  BODY_START.lastIndex = match.index;
  return BODY_START.test(text) ? match.index : -1;
}

// --- JWTs and JWEs ----------------------------------------------------------------------------

/** Markers carry a fingerprint for this many distinct tokens per text; hashing is the costly part. */
const FINGERPRINTED_TOKENS = 1000;

function redactJwts(text: string): string {
  const markers = new Map<string, string>(); // the same token repeated is hashed once
  return replaceJwts(text, (token) => {
    let marker = markers.get(token);
    if (marker !== undefined) return marker;
    if (markers.size === FINGERPRINTED_TOKENS) return '[token]';
    marker = `[token ${sha256Hex(token).slice(0, 8)}]`;
    markers.set(token, marker);
    return marker;
  });
}

// --- Secret-named fields ----------------------------------------------------------------------
// `key: value` and `key=value` in every notation that reaches a log: JSON ("key": "value"), JSON
// escaped inside a JSON string (\"key\":\"value\"), YAML and log lines (key: value), HTTP
// headers, query strings and form bodies (key=value&…), environment lines (KEY=value).
// One regular expression finds the end of a secret-named key and its separator: text without
// such keys costs one native scan, and nothing backtracks further than a key's own length.

const anyCase = (word: string) => word.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
/** Words of a key in any case, joined directly (camelCase) or by "_", "-" or ".". */
const words = (...parts: string[]) => parts.map(anyCase).join('[_.-]?');
// A key is secret when it ends with one of these, or its plural (tokens, secrets: arrays)…
const SECRET_ENDINGS = [
  words('token'), // access_token, refreshToken, id-token, personalAccessToken, X-Auth-Token, subject_token
  words('secret'), // client_secret, clientSecret, webhookSecret
  words('password'),
  words('passwd'),
  words('passphrase'),
  words('credential'),
  words('assertion'), // assertion (JWT bearer grant), client_assertion
  words('verifier'), // code_verifier
  words('device', 'code'), // device_code
  words('api', 'key'), // apiKey, x-api-key
  words('private', 'key'), // privateKey, private_key
  words('key', 'details'), // ZITADEL's AddMachineKey answer: the key file, base64
  words('authorization'), // Authorization, Proxy-Authorization
  words('cookie'), // Cookie, Set-Cookie
  words('session', 'id'),
];
// …or when its last word is one of these short ones ("compat" is no PAT): after anything but a
// letter or digit, or capitalized after one (zitadelPat, ZITADELPat)…
const SHORT = ['pat', 'pwd', 'pw'];
const SHORT_WORD = [
  `(?:^|[^A-Za-z0-9])(?:${SHORT.map(anyCase).join('|')})`,
  `[A-Za-z0-9](?:${SHORT.map((w) => `${w[0].toUpperCase()}(?:${w.slice(1)}|${w.slice(1).toUpperCase()})`).join('|')})`,
];
// …or it is "code" in a query string or form body (code=…, the authorization code; in JSON and in
// "rpc error: code = Unauthenticated" it is a status)…
const FORM_CODE = '(?:^|[^A-Za-z0-9_.-])code(?==[^ \\t])';
// …or a private member of a JWK, quoted ("d", "p", "q": with "n" and "e" they are the key).
const JWK_PRIVATE = '"(?:dp|dq|qi|d|p|q|k)(?=\\\\*")';
// No look-behinds (they made the scan ten times slower): a match may include the character before
// the key; only where it ends (the separator) is used.
const SECRET_FIELD = new RegExp(`(?:(?:${SECRET_ENDINGS.join('|')})[sS]?|${[...SHORT_WORD, FORM_CODE, JWK_PRIVATE].join('|')})(?![A-Za-z0-9])(?:\\\\*["'])?[ \\t]*[:=]`, 'g');
// The scheme of an authorization value stays readable: "Authorization: Bearer [redacted]".
const SCHEME = /^(?:Bearer|DPoP|Basic|Negotiate|Digest|Token)[ \t]+/i;
const SCHEME_INITIALS = new Set([...'bdnt'].map((c) => c.charCodeAt(0)));

function redactFields(text: string): string {
  let out = '';
  let copied = 0;
  SECRET_FIELD.lastIndex = 0;
  // test(), not exec(): no match object per field (a text can hold hundreds of thousands).
  while (SECRET_FIELD.test(text)) {
    const separator = SECRET_FIELD.lastIndex - 1;
    const value = valueAfter(text, separator + 1, text.charCodeAt(separator) === 0x3d, keyEndsWithCookie(text, separator));
    if (!value) continue;
    out += text.slice(copied, value.start) + REDACTED;
    copied = value.end;
    SECRET_FIELD.lastIndex = value.end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Whether the key before a separator (blanks, quotes and backslashes skipped) ends with "cookie". */
function keyEndsWithCookie(text: string, separator: number): boolean {
  let end = separator;
  while (end > 0 && (isBlank(text.charCodeAt(end - 1)) || text.charCodeAt(end - 1) === 0x22 || text.charCodeAt(end - 1) === 0x27 || text.charCodeAt(end - 1) === 0x5c)) end--;
  return end >= 6 && text.slice(end - 6, end).toLowerCase() === 'cookie';
}

/**
 * The part of the value after a separator to replace. Quoted values end at their closing quote
 * (at the same level of escaping); bare ones at what ends a value in their notation. `undefined`
 * for no value, an object or an array of objects (their own fields are looked at), a JSON literal
 * or a marker. An array of anything else is replaced from its first element through its last.
 */
function valueAfter(text: string, from: number, equals: boolean, cookie: boolean): { start: number; end: number } | undefined {
  let start = skipBlanks(text, from);
  if (start >= text.length) return undefined;
  const first = text.charCodeAt(start);
  let end: number;
  if (first === 0x5b /* [ */) return markerEnd(text, start) >= 0 ? undefined : arrayElements(text, start + 1);
  const quoted = quotedValue(text, start);
  if (quoted) {
    start = quoted.start;
    end = quoted.end;
  } else {
    if (first === 0x7b /* { */) return undefined;
    end = bareValueEnd(text, start, equals, cookie);
    if (!equals && end - start <= 5 && /^(?:null|true|false)$/.test(text.slice(start, end))) return undefined;
  }
  const scheme = SCHEME_INITIALS.has(text.charCodeAt(start) | 0x20) ? SCHEME.exec(text.slice(start, Math.min(end, start + 20))) : null;
  if (scheme) start += scheme[0].length;
  if (start >= end || markerEnd(text, start) >= 0) return undefined;
  return { start, end };
}

/** The inside of a string opened by a quote after any number of backslashes, or `undefined`. */
function quotedValue(text: string, from: number): { start: number; end: number; after: number } | undefined {
  let level = 0;
  while (text.charCodeAt(from + level) === 0x5c) level++;
  const quote = text.charCodeAt(from + level);
  if (quote !== 0x22 && quote !== 0x27) return undefined;
  const start = from + level + 1;
  const end = closingQuote(text, start, quote, level);
  // after: past the closing quote, or where an unterminated string stops (a line break)
  return { start, end, after: text.charCodeAt(end + level) === quote ? end + level + 1 : end };
}

/** Where a bare value ends; backslashes it starts with are part of it (`password: \S3cret`). */
function bareValueEnd(text: string, from: number, equals: boolean, cookie: boolean): number {
  let end = from;
  while (text.charCodeAt(end) === 0x5c) end++;
  while (end < text.length && !endsBareValue(text.charCodeAt(end), equals, cookie)) end++;
  return end;
}

/**
 * From the first element of an array to the end of its last one (quoted ones through their
 * closing quote, so a "]" inside one does not end the array), or `undefined` for an empty array
 * or one of objects (their own fields are looked at). Markers inside are whole elements.
 */
function arrayElements(text: string, from: number): { start: number; end: number } | undefined {
  const start = skipBlanks(text, from);
  const first = text.charCodeAt(start);
  if (Number.isNaN(first) || first === 0x5d /* ] */ || first === 0x7b /* { */) return undefined;
  let end = start;
  for (let at = start; at < text.length; ) {
    const quoted = quotedValue(text, at);
    const marker = markerEnd(text, at);
    end = quoted ? quoted.after : marker >= 0 ? marker : bareElementEnd(text, at);
    at = skipBlanks(text, end);
    if (text.charCodeAt(at) !== 0x2c /* , */) break;
    at = skipBlanks(text, at + 1);
  }
  return end > start && markerEnd(text, start) !== end ? { start, end } : undefined; // not redacted already
}

/** A number, literal or unquoted word in an array ends at a comma, the bracket or the line. */
function bareElementEnd(text: string, from: number): number {
  let end = from;
  for (let c = text.charCodeAt(end); end < text.length && c !== 0x2c && c !== 0x5d && c !== 0x0a && c !== 0x0d; c = text.charCodeAt(++end));
  return end;
}

// The markers this module writes: a value that starts with one was redacted already.
const MARKER = /\[(?:redacted|private key redacted|token(?: [0-9a-f]{8})?)\]/y;

/** Where a marker that starts at `at` ends, or -1. */
function markerEnd(text: string, at: number): number {
  MARKER.lastIndex = at;
  return MARKER.test(text) ? MARKER.lastIndex : -1;
}

function skipBlanks(text: string, from: number): number {
  let at = from;
  while (at < text.length && isBlank(text.charCodeAt(at))) at++;
  return at;
}

/**
 * Where a string opened by `quote` after `level` backslashes closes: at a quote preceded by
 * r backslashes with r ≡ level (mod 2·level + 2), which tells \" (one level of escaping) from
 * \\\" (a quote inside it), and so on. Without one: the end of the line.
 */
function closingQuote(text: string, from: number, quote: number, level: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return i;
    if (c !== quote) continue;
    if (quote === 0x27) return i;
    let r = 0;
    while (i - 1 - r >= from && text.charCodeAt(i - 1 - r) === 0x5c) r++;
    if (r >= level && r % (2 * level + 2) === level) return i - level;
  }
  return text.length;
}

function endsBareValue(c: number, equals: boolean, cookie: boolean): boolean {
  if (c === 0x0a || c === 0x0d || c === 0x22 || c === 0x27 || c === 0x5c || c === 0x3c || c === 0x3e) return true; // line break " ' \ < >
  if (cookie) return false; // "Cookie: a=b; c=d": the whole header
  if (equals) return c === 0x26 /* & */ || c === 0x20 || c === 0x09; // query strings, form bodies, KEY=value
  return c === 0x2c /* , */ || c === 0x7d /* } */ || c === 0x5d; /* ] */ // key: value, up to the end of the line
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

// --- Credentials after an authorization scheme, anywhere ---------------------------------------

// token68 (RFC 9110 §11.2), "=" padding only at its end. Not a challenge's parameters (`Bearer
// realm="x"`, `Bearer error="invalid_token"`); and "basic" and "negotiate" are words too: only
// their capitalized scheme spelling counts.
const SCHEME_CREDENTIAL = new RegExp(
  `(?<![A-Za-z0-9_])(${anyCase('bearer')}|${anyCase('dpop')}|Basic|Negotiate)([ \\t]+)(?![A-Za-z0-9._~+/-]+=+["A-Za-z0-9_.-])[A-Za-z0-9._~+/-]+=*`,
  'g',
);

function redactSchemeCredentials(text: string): string {
  return text.replace(SCHEME_CREDENTIAL, `$1$2${REDACTED}`);
}

// --- Passwords in URLs ------------------------------------------------------------------------

/** `scheme://user:password@host` → `scheme://user:[redacted]@host`. */
function redactUrlPasswords(text: string): string {
  let out = '';
  let copied = 0;
  for (let at = text.indexOf('://'); at >= 0; at = text.indexOf('://', at + 3)) {
    const start = at + 3;
    let end = start;
    let lastAt = -1;
    let colon = -1;
    for (; end < text.length; end++) {
      const c = text.charCodeAt(end);
      if (c === 0x2f || c === 0x3f || c === 0x23 || c <= 0x20 || c === 0x22 || c === 0x27 || c === 0x3c || c === 0x3e || c === 0x5c) break; // / ? # space " ' < > \
      if (c === 0x40 /* @ */) lastAt = end;
      else if (c === 0x3a && colon < 0 && lastAt < 0) colon = end;
    }
    if (lastAt < 0 || colon < 0 || colon > lastAt || colon + 1 === lastAt) continue;
    out += text.slice(copied, colon + 1) + REDACTED;
    copied = lastAt;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
