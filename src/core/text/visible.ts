// Untrusted text made honest for display: characters that are invisible, reorder text (bidi
// controls, the "Trojan Source" trick), break lines or hide data (Unicode tag characters) are
// shown as visible markers, and long text is clipped. Linear time; never throws (lone
// surrogates included). No Node or VS Code APIs: the webview bundles this too.

// C0 controls, DEL and C1 controls; soft hyphen, combining grapheme joiner, Arabic letter mark,
// Hangul and Khmer fillers, Mongolian vowel separator; zero-width space/joiners, LRM/RLM,
// line/paragraph separators, bidi embeddings, overrides and isolates, invisible operators;
// BOM; interlinear annotations; tag characters; lone surrogates. A zero-width joiner inside an
// emoji sequence (👩‍💻) is left alone.
const HIDDEN =
  /[\0-\x1F\x7F-\x9F\xAD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B\u200C\u200E\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\u{E0000}-\u{E007F}\p{Cs}]|(?<![\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F])\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

// The same, taking CRLF as one line break.
const HIDDEN_WITH_CRLF = new RegExp(`\\r\\n|${HIDDEN.source}`, 'gu');

export interface VisibleOptions {
  /** Keep line breaks and tabs as they are (multi-line blocks: code blocks, pretty JSON). */
  keepLayout?: boolean;
}

/**
 * Replaces hidden and control characters with visible markers: ↵ for a line break (CRLF, LF or
 * CR), ⇥ for a tab, ⟨U+202E⟩ for anything else (a bidi override). These glyphs are in the common
 * UI fonts (the Control Pictures block, ␊, is not).
 */
export function visible(text: string, options: VisibleOptions = {}): string {
  return text.replace(options.keepLayout ? HIDDEN : HIDDEN_WITH_CRLF, (c) => {
    if (options.keepLayout && (c === '\n' || c === '\t' || c === '\r')) return c === '\r' ? '' : c;
    if (c === '\r\n' || c === '\n' || c === '\r') return '↵';
    if (c === '\t') return '⇥';
    return `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`;
  });
}

/** True when the text holds a character that `visible` would replace. */
export function hasHidden(text: string): boolean {
  HIDDEN.lastIndex = 0;
  const found = HIDDEN.test(text);
  HIDDEN.lastIndex = 0;
  return found;
}

/** At most `max` UTF-16 units (never half a surrogate pair), with "…" when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** The default length of one untrusted value inside a sentence. */
export const INLINE_LIMIT = 200;

/**
 * One untrusted value for a single-line place (a tree label or description, a value inside a
 * message): clipped, then every hidden character and line break made visible.
 */
export function inline(text: string, max = INLINE_LIMIT): string {
  return visible(clip(text, max));
}
