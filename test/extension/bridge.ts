// Client of the TEST BRIDGE (test/host/bridge-server.mjs): gives tests in the extension host
// Playwright powers over the workbench page that hosts them. Available only when the tests run
// under test/host/run-tests.mjs, which sets TOKEN_INSPECTOR_TEST_BRIDGE; check `bridge.available`
// (e.g. `if (!bridge.available) this.skip();`) in tests that need it.
//
//   import { bridge } from './bridge';
//   const { path } = await bridge.screenshot('sidebar-dark');
//   const dom = await bridge.webviewDom({ titleContains: 'Token Inspector' });

export interface FrameInfo {
  url: string;
  name: string;
  parentUrl: string | null;
  depth: number;
}

export interface WebviewDom {
  /** outerHTML of the content frame's documentElement. */
  html: string;
  /** innerText of its body. */
  text: string;
  /** Number of the page's own <script> elements (VS Code's injected `#_vscodeApiScript`, which defines acquireVsCodeApi, is not counted). */
  scripts: number;
  title: string;
  url: string;
  details: {
    frameName: string;
    hostFrameUrl?: string;
    /** content of the <meta http-equiv="Content-Security-Policy">, if any. */
    csp: string | null;
    /** VS Code sets vscode-dark / vscode-light / vscode-high-contrast on the webview body. */
    bodyClass: string;
    /** Whether VS Code's injected acquireVsCodeApi script is present (it always is in a webview). */
    vscodeApiScript: boolean;
    /** The page's own scripts: src attribute, whether it carries a nonce, the start of its inline text. */
    scriptList: { src: string | null; nonce: boolean; inline: string }[];
    candidates: { title: string; url: string; hasApp: boolean }[];
  };
}

export interface WebviewQuery {
  /** Pick the webview whose document.title contains this (default: the one with #app, else the first). */
  titleContains?: string;
  /** How long to wait for the webview to appear (default 10 s). */
  timeoutMs?: number;
}

export type FrameTarget = 'workbench' | 'webview';

export interface Popup {
  /** Where the page is now (chrome-error://chromewebdata/ when the address did not answer). */
  url: string;
  /** Every address the page's main frame navigated to, in order (the first is what was opened). */
  requestedUrls: string[];
  opened: string;
  closed: boolean;
}

export interface PopupQuery {
  /** Act on the most recent open popup whose current URL contains this (default: the most recent open popup). */
  urlContains?: string;
  /** How long to wait for such a popup, and then for the element (one budget; default 15 s). */
  timeoutMs?: number;
}

export interface PopupText {
  /** Where the popup is now. */
  url: string;
  title: string;
  /** innerText of its body. */
  text: string;
}

// In VS Code for the web's worker there is no process: the web tests call useBridge() with the
// address the harness wrote into the workspace (test/web/harness.ts).
let base = typeof process === 'undefined' ? undefined : process.env.TOKEN_INSPECTOR_TEST_BRIDGE;

export function useBridge(url: string): void {
  base = url;
}

async function call<T>(endpoint: string, body: object = {}): Promise<T> {
  if (!base) throw new Error('test bridge not available (TOKEN_INSPECTOR_TEST_BRIDGE is not set; run the tests with test/host/run-tests.mjs)');
  const res = await fetch(`${base}/${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const value = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(`bridge /${endpoint}: ${value?.error ?? res.status}`);
  return value;
}

/** A request the ZITADEL API contract server received. */
export interface ZitadelApiRequest {
  method: string;
  /** Path and query as sent (percent-encoded). */
  url: string;
  body: string;
  status?: number;
  /** The RPC ZITADEL's gateway routes it to. */
  rpc?: string;
  /** Its x-zitadel-orgid header. */
  orgId?: string;
}

export const bridge = {
  /** True when the tests run under the harness that provides the bridge. */
  get available() {
    return !!base;
  },
  /** 1 for the first run of the suite, 2 for the run after the harness reloaded the window. */
  phase: async () => (base ? (await call<{ phase: number }>('phase')).phase : 1),
  /**
   * The ZITADEL API contract server of the harness: the requests it received from index `since` on
   * (and how many in all), after turning its user service v2 routes on or off when `v2` is given.
   */
  zitadelApi: (options: { v2?: boolean; v2MissingAs?: 'json' | 'text'; since?: number } = {}) => call<{ requests: ZitadelApiRequest[]; count: number }>('zitadel-api', options),
  /** Full-page screenshot of the workbench into <repo>/test-results/<name>.png. */
  screenshot: (name: string, opts: { fullPage?: boolean } = {}) => call<{ path: string }>('screenshot', { name, ...opts }),
  /**
   * A screenshot of one part of the workbench (a Playwright selector, e.g. '.part.sidebar') for the
   * README: media/screenshots/<name>.png, replaced only when the picture really changed. `height`
   * crops it; `cropToRows` ends it below the last list row drawn.
   */
  readmeScreenshot: (name: string, selector: string, opts: { tolerance?: number; height?: number; cropToRows?: boolean } = {}) =>
    call<{ path: string; changed: boolean; difference: number }>('readme-screenshot', { name, selector, ...opts }),
  /** Sizes a workbench part (e.g. '.part.sidebar') by dragging the sash on its right edge; resolves with its new width. */
  resizePart: (selector: string, width: number) => call<{ width: number }>('resize-part', { selector, width }),
  /** All frames of the workbench page (the main page, webview host frames, webview content frames). */
  frames: () => call<FrameInfo[]>('frames'),
  /** The DOM of a webview's content frame (waits for it to appear). */
  webviewDom: (query: WebviewQuery = {}) => call<WebviewDom>('webview-dom', query),
  /** Evaluates a JS expression (string) in a webview's content frame; promises are awaited; the result must be JSON. */
  evalInWebview: <T = unknown>(expression: string, query: WebviewQuery = {}) =>
    call<T>('eval-in-webview', { expression, ...query }),
  /** Evaluates a JS expression (string) on the workbench page. */
  pageEval: <T = unknown>(expression: string) => call<T>('page-eval', { expression }),
  /** Clicks the first element matching a Playwright selector in the workbench or in a webview. */
  click: (selector: string, opts: { frame?: FrameTarget; timeoutMs?: number } & WebviewQuery = {}) =>
    call<object>('click', { selector, ...opts }),
  /** page.keyboard.press, e.g. 'Control+Shift+P', or several in turn. */
  press: (keys: string | string[]) => call<object>('press', { keys }),
  /** page.keyboard.type. */
  type: (text: string) => call<object>('type', { text }),
  /** Waits for a selector in the workbench or in a webview. */
  waitFor: (selector: string, opts: { frame?: FrameTarget; timeoutMs?: number; state?: 'attached' | 'detached' | 'visible' | 'hidden' } & WebviewQuery = {}) =>
    call<object>('wait-for', { selector, ...opts }),
  /** Pages opened by the workbench with window.open (vscode.env.openExternal does that in this host). */
  popups: () => call<Popup[]>('popups'),
  /** Closes those pages. */
  closePopups: () => call<{ closed: number }>('close-popups'),
  /** The browser's cookies (names, domains and paths; no values). Cookies ignore ports: everything on 127.0.0.1 shares them. */
  cookies: () => call<{ name: string; domain: string; path: string }[]>('cookies'),
  /**
   * Removes the browser's cookies (only those named, if `names` is given). The browser keeps the
   * demo issuer's session for the whole run; clear it to make the next sign-in show the login page.
   */
  clearCookies: (names?: string[]) => call<{ cleared: number }>('clear-cookies', names ? { names } : {}),
  /** Fills an input in a popup (Playwright selector, e.g. 'input[name=username]'); waits for the popup and the element. */
  popupFill: (selector: string, value: string, query: PopupQuery = {}) => call<{ url: string }>('popup-fill', { selector, value, ...query }),
  /** Clicks an element in a popup; waits for the popup and the element. */
  popupClick: (selector: string, query: PopupQuery = {}) => call<{ url: string }>('popup-click', { selector, ...query }),
  /**
   * Waits for a popup (with `urlContains`: one whose URL contains it) and, if given, for a selector in it.
   * Resolves with the popup's URL at that moment.
   */
  popupWaitFor: (selector?: string, query: PopupQuery & { state?: 'attached' | 'detached' | 'visible' | 'hidden' } = {}) =>
    call<{ url: string }>('popup-wait-for', { selector, ...query }),
  /** Moves the mouse over an element (tree rows then show their tooltip). */
  hover: (selector: string, opts: { frame?: FrameTarget; timeoutMs?: number } & WebviewQuery = {}) => call<object>('hover', { selector, ...opts }),
  /** The canary server: its address, and every request it has had (hostile content points at it). */
  canary: () => call<{ url: string; hits: { method: string; url: string }[] }>('canary'),
  /** The text (body innerText) and title of a popup, once its document has loaded. */
  popupText: (query: PopupQuery = {}) => call<PopupText>('popup-text', query),
};
