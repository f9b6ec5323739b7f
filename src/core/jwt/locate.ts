// Turning what users paste or point at into a compact token string.

/** Input above this size is refused before any work is done (1 MB of text). */
export const MAX_INPUT_LENGTH = 1024 * 1024;

const QUOTES = /^(["'`])([\s\S]*)\1$/;
const AUTH_PREFIX = /^(?:authorization\s*:\s*)?bearer(?:\s+|$)/i;

/**
 * Strips what commonly surrounds a pasted token: whitespace, matching quotes, an
 * `Authorization:` / `Bearer ` prefix, and whitespace or line breaks inside it
 * (tokens copied from logs or wrapped JSON).
 */
export function normaliseTokenText(input: string): string {
  let text = input.trim();
  for (let changed = true; changed; ) {
    const before = text;
    text = text.replace(QUOTES, '$2').trim().replace(AUTH_PREFIX, '').trim();
    changed = text !== before;
  }
  return text.replace(/\s+/g, '');
}

// A compact JWS/JWT (3 parts, signature may be empty) or JWE (5 parts). The header of
// every JWT is a JSON object, so its base64url always starts with `eyJ` ("{\"").
const SEGMENT = '[A-Za-z0-9_-]';
const JWT_PATTERN = `eyJ${SEGMENT}*\\.${SEGMENT}*\\.${SEGMENT}*(?:\\.${SEGMENT}*\\.${SEGMENT}*)?`;
const JWT_IN_TEXT = new RegExp(`(?<![A-Za-z0-9_.-])${JWT_PATTERN}(?![A-Za-z0-9_-])`, 'g');
const JWT_WHOLE = new RegExp(`^${JWT_PATTERN}$`);

/** True when the text (after normalisation) has the shape of a compact JWT or JWE. */
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
  for (const match of text.matchAll(JWT_IN_TEXT)) {
    // Needs a non-empty payload segment to be worth offering.
    if (match[0].split('.')[1].length === 0) continue;
    found.push({ start: match.index, end: match.index + match[0].length, token: match[0] });
  }
  return found;
}

/** The JWT that covers `offset` in `text` (cursor at either edge counts), if any. */
export function findJwtAt(text: string, offset: number): (TextRange & { token: string }) | undefined {
  return findJwts(text).find((r) => offset >= r.start && offset <= r.end);
}
