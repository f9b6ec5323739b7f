// Links made from untrusted values (a `picture` or `website` claim): only http(s), and only
// when what the user reads is the real target. No DOM or Node APIs.
import { hasHidden } from './visible';

const MAX_LINK_LENGTH = 2048;

export interface VettedLink {
  /** The address the link opens. */
  href: string;
  /** What to show as the link's text: the parsed address itself (an IDN host as punycode). */
  text: string;
}

/**
 * The link to offer for a value, or `undefined` when it must stay plain text: not http(s);
 * user info before the host (`https://bank.example@evil.example`); whitespace, backslashes,
 * control, bidi or invisible characters anywhere; too long to read.
 */
export function vetLink(value: string): VettedLink | undefined {
  if (value.length > MAX_LINK_LENGTH || /[\s\\]/.test(value) || hasHidden(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return undefined;
  return { href: url.href, text: url.href };
}
