// Turning what users paste or point at into a compact token string.

/** Input above this size is refused before any work is done (1 MB of text). */
export const MAX_INPUT_LENGTH = 1024 * 1024;

/**
 * Strips what commonly surrounds a pasted token: whitespace, matching quotes, an
 * `Authorization:` / `Bearer ` / `DPoP ` prefix, and whitespace or line breaks inside it
 * (tokens copied from logs or wrapped JSON). Index scans, linear however many layers there are
 * (regular expressions re-run per layer were quadratic on a long run of quotes).
 */
export function normaliseTokenText(input: string): string {
  let start = 0;
  let end = input.length;
  for (;;) {
    while (start < end && isWhitespace(input.charCodeAt(start))) start++;
    while (end > start && isWhitespace(input.charCodeAt(end - 1))) end--;
    const first = input.charCodeAt(start);
    if (end - start >= 2 && QUOTE_CODES.includes(first) && input.charCodeAt(end - 1) === first) {
      start++;
      end--;
      continue;
    }
    const afterPrefix = endOfAuthPrefix(input, start, end);
    if (afterPrefix === start) break;
    start = afterPrefix;
  }
  return withoutWhitespace(input, start, end);
}

/**
 * text.slice(start, end) without whitespace. Copied code unit by code unit: a regular-expression
 * replace costs 50 ms on a token with a space after every character (500k matches).
 */
function withoutWhitespace(text: string, start: number, end: number): string {
  let first = start;
  while (first < end && !isWhitespace(text.charCodeAt(first))) first++;
  if (first === end) return text.slice(start, end);
  const kept = new Uint16Array(end - start);
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!isWhitespace(c)) kept[n++] = c;
  }
  let out = '';
  // apply, not spread: spreading a typed array costs four times as much.
  for (let i = 0; i < n; i += 8192) out += String.fromCharCode.apply(null, kept.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
  return out;
}

const QUOTE_CODES = [0x22, 0x27, 0x60]; // " ' `

/** Where `[authorization :] bearer|dpop` followed by whitespace (or the end) ends; `start` if it is not there. */
function endOfAuthPrefix(text: string, start: number, end: number): number {
  let i = start;
  if (startsWithWord(text, i, end, 'authorization')) {
    let j = skipWhitespace(text, i + 13, end);
    if (text.charCodeAt(j) === 0x3a /* : */ && j < end) {
      j = skipWhitespace(text, j + 1, end);
      i = j;
    }
  }
  for (const scheme of ['bearer', 'dpop']) {
    if (!startsWithWord(text, i, end, scheme)) continue;
    const after = i + scheme.length;
    if (after === end || isWhitespace(text.charCodeAt(after))) return after;
  }
  return start;
}

/** `word` (lower-case ASCII letters) at `at`, in any letter case. */
function startsWithWord(text: string, at: number, end: number, word: string): boolean {
  if (end - at < word.length) return false;
  for (let k = 0; k < word.length; k++) {
    if ((text.charCodeAt(at + k) | 0x20) !== word.charCodeAt(k)) return false;
  }
  return true;
}

function skipWhitespace(text: string, at: number, end: number): number {
  while (at < end && isWhitespace(text.charCodeAt(at))) at++;
  return at;
}

/** The characters `\s` and String.prototype.trim treat as whitespace. */
function isWhitespace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

// A compact JWS/JWT (3 parts, signature may be empty) or JWE (5 parts). The header of
// every JWT is a JSON object, so its base64url always starts with `eyJ` ("{\"").
// No backtracking blow-up: segments and dots are disjoint character sets, and the look-behind
// makes a match start only where a run of segment characters and dots starts, so each run is
// tried once.
const SEGMENT = '[A-Za-z0-9_-]';
const JWT_PATTERN = `eyJ${SEGMENT}*\\.${SEGMENT}*\\.${SEGMENT}*(?:\\.${SEGMENT}*\\.${SEGMENT}*)?`;
// In text, only with a non-empty payload segment: "eyJ…..x" is not worth offering.
const JWT_IN_TEXT = new RegExp(`(?<![A-Za-z0-9_.-])eyJ${SEGMENT}*\\.${SEGMENT}+\\.${SEGMENT}*(?:\\.${SEGMENT}*\\.${SEGMENT}*)?(?![A-Za-z0-9_-])`, 'g');
const JWT_WHOLE = new RegExp(`^${JWT_PATTERN}$`);

/** True when the text (after normalization) has the shape of a compact JWT or JWE. */
export function looksLikeJwt(input: string): boolean {
  if (input.length > MAX_INPUT_LENGTH) return false;
  const text = normaliseTokenText(input);
  return JWT_WHOLE.test(text) && text.length >= 16;
}

export interface TextRange {
  start: number;
  end: number;
}

/** Every JWT-shaped run in a text, in order. */
export function findJwts(text: string): (TextRange & { token: string })[] {
  const found: (TextRange & { token: string })[] = [];
  for (const match of text.matchAll(JWT_IN_TEXT)) found.push({ start: match.index, end: match.index + match[0].length, token: match[0] });
  return found;
}

/** The text with every JWT-shaped run that findJwts would find replaced. */
export function replaceJwts(text: string, replacement: (token: string) => string): string {
  return text.replace(JWT_IN_TEXT, replacement);
}

/**
 * The JWT that covers `offset` in `text` (cursor at either edge counts), if any. Only the run
 * of token characters around the offset is looked at: a hover over a 1 MB line with thousands
 * of tokens costs one scan of that run, not a search of the whole line.
 */
export function findJwtAt(text: string, offset: number): (TextRange & { token: string }) | undefined {
  if (!(offset >= 0 && offset <= text.length)) return undefined;
  const at = offset;
  let start = at;
  while (start > 0 && isTokenCharacter(text.charCodeAt(start - 1))) start--;
  let end = at;
  while (end < text.length && isTokenCharacter(text.charCodeAt(end))) end++;
  // A match starts only where a run starts (see JWT_IN_TEXT), so the run alone decides.
  const match = findJwts(text.slice(start, end))[0];
  if (!match || at > start + match.end) return undefined;
  return { start: start + match.start, end: start + match.end, token: match.token };
}

/** Base64url characters and the dot. */
function isTokenCharacter(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x5f || code === 0x2e
  );
}
