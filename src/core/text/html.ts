// Untrusted text inside HTML we write ourselves (the pages the loopback receiver shows in the
// user's browser). Escaped for element content and quoted attributes, hidden characters made
// visible, clipped. Linear time.
import { clip, visible } from './visible';

const SPECIAL = /[&<>"']/g;

/** Escapes the five HTML-significant characters as numeric references. */
export function escapeHtml(text: string): string {
  return text.replace(SPECIAL, (c) => `&#${c.charCodeAt(0)};`);
}

/** One untrusted value as HTML text: one line, hidden characters shown, clipped, escaped. */
export function htmlText(text: string, max = 500): string {
  return escapeHtml(visible(clip(text, max)));
}

/** Untrusted multi-line text (for a `<pre>`): line breaks and tabs kept, the rest as htmlText. */
export function htmlBlock(text: string, max = 2000): string {
  return escapeHtml(visible(clip(text, max), { keepLayout: true }));
}
