// Untrusted text in VS Code's plain-text places that still interpret some syntax:
// - notification messages, progress notifications and input-box validation messages turn
//   `[label](https://…|command:…|file:…)` into links (a `command:` link runs the command);
// - quick-pick items and the status bar render `$(name)` as an icon.
// Our own sentences contain neither, so neutralizing a whole composed message is safe.
import { clip, visible } from './visible';

/** A notification-style message: no link can form, hidden characters visible, clipped. */
export function messageText(text: string, max = 2000): string {
  return noLinks(visible(clip(text, max)));
}

/**
 * Breaks VS Code's link syntax: a link needs `](` right after its label, so a space goes in
 * between. (VS Code's parser has no escape character; this is visible and harmless.)
 */
export function noLinks(text: string): string {
  return text.replaceAll('](', '] (');
}

/** Text for places that render `$(icon)` (quick picks, status bar): shown literally instead. */
export function noIcons(text: string): string {
  return text.replaceAll('$(', '\\$(');
}
