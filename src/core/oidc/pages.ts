// The few pages the loopback receiver shows in the user's browser. Everything that came from the
// request (provider error text included) is escaped, and a CSP without scripts backs that up.
import { createHash } from 'node:crypto';

export interface Page {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const STYLE = 'body{font:15px/1.5 system-ui,sans-serif;max-width:40em;margin:4em auto;padding:0 1em}h1{font-size:1.4em}pre{white-space:pre-wrap;word-break:break-word;background:#8882;padding:.5em}';
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** No scripts, no remote anything, no framing; only our own inline style by hash. */
export const PAGE_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** Headers every answer carries: nothing cached, no referrer leaking the callback query. */
const COMMON_HEADERS = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function htmlPage(status: number, title: string, paragraphs: string[], preformatted?: string): Page {
  const body =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>` +
    `<h1>${escapeHtml(title)}</h1>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}` +
    (preformatted ? `<pre>${escapeHtml(preformatted)}</pre>` : '') +
    `</body></html>`;
  return { status, headers: { ...COMMON_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': PAGE_CSP }, body };
}

export function textPage(status: number, text: string, extraHeaders: Record<string, string> = {}): Page {
  return { status, headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extraHeaders }, body: `${text}\n` };
}

export function redirect(location: string): Page {
  return { status: 303, headers: { ...COMMON_HEADERS, Location: location, 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Signed in. Continue at ' + location + '\n' };
}
