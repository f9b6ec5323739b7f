// Untrusted text inside Markdown (hovers, tree tooltips). Everything untrusted is escaped, so
// no link, image, HTML, emphasis, table cell or autolink can form from it. Linear time.
import { clip, visible } from './visible';

// Every ASCII punctuation character can be backslash-escaped in CommonMark. `$` becomes an
// entity instead: VS Code renders `$(icon)` in the HTML *after* Markdown, where `\$` would
// already be a plain `$` again.
const PUNCTUATION = /[!-/:-@[-`{-~]/g;

/** Untrusted text as Markdown inline text: escaped, one line, clipped. */
export function mdText(text: string, max = 500): string {
  return visible(clip(text, max)).replace(PUNCTUATION, (c) => (c === '$' ? '&#36;' : `\\${c}`));
}

/**
 * Untrusted text as an inline code span, whose fence is longer than any run of backticks in it
 * (so a backtick cannot end it early). Not for Markdown that renders theme icons (`$(…)` inside
 * code would become an icon there): use mdText in hovers.
 */
export function mdCode(text: string, max = 200): string {
  const shown = visible(clip(text, max));
  const fence = '`'.repeat(longestRun(shown, '`') + 1);
  return `${fence} ${shown} ${fence}`;
}

/** Untrusted multi-line text as a fenced code block (same fence rule; line breaks kept). */
export function mdCodeBlock(text: string, max = 2000): string {
  const shown = visible(clip(text, max), { keepLayout: true });
  const fence = '`'.repeat(Math.max(3, longestRun(shown, '`') + 1));
  return `${fence}\n${shown}\n${fence}`;
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    run = text[i] === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}
