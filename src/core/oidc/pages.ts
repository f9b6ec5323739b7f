// The pages the loopback receiver shows in the user's browser after a sign-in or sign-out.
// Everything that came from outside (the request, the provider's error text, the profile name
// and issuer from the settings) goes through htmlText/htmlBlock; a CSP without scripts backs
// that up. The one stylesheet is inline and allowed by its hash; light and dark follow the
// browser's `prefers-color-scheme`.
import * as l10n from '@vscode/l10n';
import { createHash } from 'node:crypto';
import { htmlBlock, htmlText } from '../text';

export interface Page {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Who the page is about, as the user configured it (untrusted: settings can come from a workspace). */
export interface PageNames {
  profile?: string;
  issuer?: string;
}

export type PageTone = 'success' | 'error' | 'notice';

export interface ResultPage {
  status: number;
  tone: PageTone;
  title: string;
  /** The sentence under the title; may quote untrusted values (escaped here). */
  lead: string;
  names?: PageNames;
  /** Raw detail shown as preformatted text (the provider's error and description). */
  details?: string;
  /** Default true: ends with "You can close this tab and return to VS Code." */
  closeHint?: boolean;
}

const STYLE = [
  ':root{color-scheme:light dark;--bg:#f5f6f8;--fg:#1f2328;--muted:#59636e;--card:#fff;--line:#d1d9e0;--well:#f0f2f5;--ok:#1a7f37;--bad:#cf222e;--note:#9a6700}',
  '@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--card:#161b22;--line:#30363d;--well:#0d1117;--ok:#3fb950;--bad:#f85149;--note:#d29922}}',
  '*{box-sizing:border-box}',
  'body{margin:0;min-height:100vh;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:1.25rem;padding:2rem 1rem;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Ubuntu,sans-serif}',
  'main{width:100%;max-width:36rem;background:var(--card);border:1px solid var(--line);border-top:4px solid var(--tone);border-radius:10px;padding:1.75rem 2rem 1.25rem;box-shadow:0 2px 10px #0000001a}',
  '.success{--tone:var(--ok)}.error{--tone:var(--bad)}.notice{--tone:var(--note)}',
  'header{display:flex;align-items:center;gap:.75rem}',
  'svg{flex:none;width:2.25rem;height:2.25rem;fill:none;stroke:var(--tone);stroke-width:2.2;stroke-linecap:round;stroke-linejoin:round}',
  'h1{margin:0;font-size:1.45rem;font-weight:600}',
  'p{margin:.9rem 0 0;overflow-wrap:anywhere}',
  'dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:1.1rem 0 0;padding:.8rem 1rem;background:var(--well);border:1px solid var(--line);border-radius:6px}',
  'dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}',
  'code,pre{font:.9em/1.5 ui-monospace,SFMono-Regular,"Cascadia Mono",Menlo,Consolas,monospace}',
  'pre{margin:1rem 0 0;padding:.8rem 1rem;background:var(--well);border:1px solid var(--line);border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere}',
  '.close{margin-top:1.4rem;padding-top:1rem;border-top:1px solid var(--line);color:var(--muted)}',
  'footer{color:var(--muted);font-size:.85rem}',
].join('');
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** No scripts, no remote anything, no framing; only our own inline style by hash. */
export const PAGE_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** Headers every answer carries: nothing cached, no referrer leaking the callback query. */
const COMMON_HEADERS = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

// Inline SVG is part of the document, not a fetched image: `default-src 'none'` allows it.
const ICONS: Record<PageTone, string> = {
  success: '<circle cx="12" cy="12" r="10"/><path d="M7.5 12.5l3 3 6-6.5"/>',
  error: '<circle cx="12" cy="12" r="10"/><path d="M8.5 8.5l7 7M15.5 8.5l-7 7"/>',
  notice: '<circle cx="12" cy="12" r="10"/><path d="M12 7.5v5.5M12 16.5v.01"/>',
};

export function resultPage(page: ResultPage): Page {
  const names = [
    page.names?.profile !== undefined ? `<dt>${htmlText(l10n.t('Profile'))}</dt><dd>${htmlText(page.names.profile, 200)}</dd>` : '',
    page.names?.issuer !== undefined ? `<dt>${htmlText(l10n.t('Issuer'))}</dt><dd><code>${htmlText(page.names.issuer, 300)}</code></dd>` : '',
  ].join('');
  const body =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="color-scheme" content="light dark"><meta name="referrer" content="no-referrer">` +
    `<title>${htmlText(page.title, 200)} · Token Inspector</title><style>${STYLE}</style></head>` +
    `<body><main class="${page.tone}">` +
    `<header><svg viewBox="0 0 24 24" aria-hidden="true">${ICONS[page.tone]}</svg><h1>${htmlText(page.title, 200)}</h1></header>` +
    `<p>${htmlText(page.lead, 2000)}</p>` +
    (names ? `<dl>${names}</dl>` : '') +
    (page.details ? `<pre>${htmlBlock(page.details, 4000)}</pre>` : '') +
    (page.closeHint === false ? '' : `<p class="close">${htmlText(l10n.t('You can close this tab and return to VS Code.'))}</p>`) +
    `</main><footer>${htmlText(l10n.t('Token Inspector for VS Code'))}</footer></body></html>`;
  return {
    status: page.status,
    headers: { ...COMMON_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': PAGE_CSP },
    body,
  };
}

export function textPage(status: number, text: string, extraHeaders: Record<string, string> = {}): Page {
  return { status, headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extraHeaders }, body: `${text}\n` };
}

export function redirect(location: string): Page {
  return { status: 303, headers: { ...COMMON_HEADERS, Location: location, 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Signed in. Continue at ' + location + '\n' };
}
