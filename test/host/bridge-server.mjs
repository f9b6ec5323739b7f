// The TEST BRIDGE: a tiny HTTP server on 127.0.0.1 that gives the mocha tests running inside
// the VS Code extension host the powers of Playwright (screenshots, the webview's DOM, clicks
// and keys in the workbench). run-tests.mjs starts it and passes its address to the VS Code
// server as TOKEN_INSPECTOR_TEST_BRIDGE; the extension host inherits that variable and
// test/extension/bridge.ts is the typed client.
//
// Every endpoint is `POST /<name>` with a JSON body and answers JSON: 200 with the result, or
// 500 with { error }. Endpoints:
//   /screenshot     {name, fullPage?=true}                  -> {path}   (<repo>/test-results/<name>.png)
//   /readme-screenshot {name, selector, tolerance?=0.002, height?, cropToRows?} -> {path, changed, difference}
//                   one part of the workbench (at most `height` px tall, or down to its last list row)
//                   into media/screenshots/<name>.png (the README's pictures), replaced only when more
//                   than `tolerance` of its pixels changed; a copy goes to test-results/
//   /frames         {}                                      -> [{url, name, parentUrl, depth}]
//   /webview-dom    {titleContains?, timeoutMs?}            -> {html, text, scripts, title, url, details}
//                   (scripts: <script> elements of the page itself, without the one VS Code injects)
//   /eval-in-webview {expression, titleContains?, timeoutMs?} -> result of the expression (awaited)
//   /page-eval      {expression}                            -> result of the expression on the workbench page
//   /click          {selector, frame?='workbench'|'webview', titleContains?, timeoutMs?} -> {}
//   /resize-part    {selector, width}  drags the vertical sash at the part's right edge -> {width}
//   /press          {keys}  (page.keyboard.press, e.g. "Control+Shift+P"; an array presses in turn) -> {}
//   /type           {text}  (page.keyboard.type)           -> {}
//   /wait-for       {selector, frame?, titleContains?, timeoutMs?=10000, state?='visible'} -> {}
//   /popups         {}                                      -> [{url, requestedUrls, opened, closed}] pages
//                   opened by window.open (vscode.env.openExternal opens a new page in this host);
//                   `url` is where the page is now (chrome-error://chromewebdata/ if the address did
//                   not answer), `requestedUrls` every address its main frame asked for, in order
//   /close-popups   {}                                      -> {closed}
//   /cookies        {}                                      -> [{name, domain, path}] the browser's cookies
//                   (no values). Cookies ignore the port: the demo issuer's and the workbench's
//                   share the host 127.0.0.1.
//   /clear-cookies  {names?}                                -> {cleared} removes the browser's cookies (only
//                   those named, if names is given), e.g. the demo issuer's session after a popup
//                   login, so that the next sign-in shows the login page again
//   Acting IN a popup (e.g. a provider's login page opened by vscode.env.openExternal): each picks
//   the most recently opened popup that is still open, or with urlContains the most recent one
//   whose current URL contains that text, waiting up to timeoutMs (default 15000) for it to
//   appear; the same time budget then covers the action (Playwright's auto-waiting).
//   /popup-fill     {selector, value, urlContains?, timeoutMs?}  -> {url}  (page.fill)
//   /popup-click    {selector, urlContains?, timeoutMs?}         -> {url}  (page.click)
//   /popup-wait-for {selector?, urlContains?, timeoutMs?, state?='visible'} -> {url}
//                   (without selector: only waits for a popup, e.g. one that reached a callback URL)
//   /popup-text     {urlContains?, timeoutMs?}                   -> {url, title, text} (body's innerText,
//                   once the page's document has loaded)
//   /hover          {selector, frame?, titleContains?, timeoutMs?} -> {} moves the mouse over the element
//                   (tree rows show their tooltip after a moment)
//   /canary         {}                                      -> {url, hits: [{method, url}]} a server that
//                   records every request it gets: hostile content points images and links at it,
//                   so a hit means something fetched remote content (requests from the browser or
//                   from the extension host alike)
//   The ZITADEL API contract server the harness runs (test/support/zitadelApi), for the metadata tests:
//   /zitadel-api    {v2?, v2MissingAs?, since?=0}  -> {requests: [{method, url, body, status, rpc, orgId}] from
//                   index `since` on, count}; v2 true/false turns the user service v2 routes on or off
//                   (an upgraded or an older instance)
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the README's screenshots live (kept current by the host tests, see 'readme-screenshot'). */
const screenshotsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'media', 'screenshots');

/**
 * The share of pixels that differ between two PNGs (1 when their sizes differ), decoded by the
 * browser itself (an offscreen canvas in the workbench page: no image library needed here).
 */
function pixelDifference(page, a, b) {
  return page.evaluate(async ([a64, b64]) => {
    const decode = async (b64) => {
      // An <img> with a data: URL (the workbench's CSP allows data: images, not data: fetches).
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      return ctx.getImageData(0, 0, img.naturalWidth, img.naturalHeight);
    };
    const [x, y] = await Promise.all([decode(a64), decode(b64)]);
    if (x.width !== y.width || x.height !== y.height) return 1;
    let differing = 0;
    for (let i = 0; i < x.data.length; i += 4) {
      if (Math.abs(x.data[i] - y.data[i]) + Math.abs(x.data[i + 1] - y.data[i + 1]) + Math.abs(x.data[i + 2] - y.data[i + 2]) > 24) differing++;
    }
    return differing / (x.width * x.height);
  }, [a.toString('base64'), b.toString('base64')]);
}

/**
 * VS Code webviews are nested iframes: the workbench holds an outer frame
 * (.../webview/browser/pre/index.html) that holds the inner content frame (fake.html, id
 * "active-frame") whose document is the extension's HTML. This returns the content frames:
 * frames below a webview host frame whose body has content. A frame whose document.title
 * contains `titleContains` wins; otherwise the first one (prefer one with an #app element).
 * Waits (up to timeoutMs) until such a frame exists and its document has finished loading.
 */
/** @param {import('playwright-core').Page} page @param {{ titleContains?: string, timeoutMs?: number }} [query] */
export async function findWebviewFrame(page, { titleContains, timeoutMs = 10_000 } = {}) {
  const until = Date.now() + timeoutMs;
  let candidates = [];
  for (;;) {
    candidates = [];
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const parent = frame.parentFrame();
      // The webview host frame itself (pre/index.html) only holds iframes; its child is the content.
      if (!parent || parent === page.mainFrame()) continue;
      if (!/\/webview\/browser\/pre\//.test(parent.url())) continue;
      try {
        const info = await frame.evaluate(() => ({
          readyState: document.readyState,
          title: document.title,
          hasApp: !!document.querySelector('#app'),
          bodyLength: document.body ? document.body.innerHTML.trim().length : 0,
        }));
        // Only a fully loaded document: while the parser waits for a <script src> the DOM is partial
        // and the page's scripts have not run yet.
        if (info.bodyLength > 0 && info.readyState === 'complete') candidates.push({ frame, ...info });
      } catch { /* frame detached or navigating */ }
    }
    const pick = titleContains
      ? candidates.find((c) => c.title.includes(titleContains))
      : candidates.find((c) => c.hasApp) ?? candidates[0];
    if (pick) return { frame: pick.frame, candidates };
    if (Date.now() > until) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const seen = candidates.map((c) => `"${c.title}" ${c.frame.url()}`).join('; ') || 'none';
  throw new Error(`no webview content frame${titleContains ? ` with title containing "${titleContains}"` : ''} within ${timeoutMs} ms (content frames seen: ${seen})`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The most recent open popup (whose current URL contains `urlContains`, if given), waiting up to
 * `timeoutMs` for one. Returns it with the deadline, so the action after it shares the budget.
 */
/** @param {{ page: import('playwright-core').Page }[]} popups @param {{ urlContains?: string, timeoutMs?: number }} [query] */
async function findPopup(popups, { urlContains, timeoutMs = 15_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (let i = popups.length - 1; i >= 0; i--) {
      const p = popups[i].page;
      if (!p.isClosed() && (urlContains === undefined || p.url().includes(urlContains))) return { page: p, deadline };
    }
    if (Date.now() >= deadline) break;
    await sleep(100);
  }
  const seen = popups.map((p) => `${p.page.isClosed() ? '(closed) ' : ''}${p.page.url()}`).join('; ') || 'none';
  throw new Error(`no open popup${urlContains === undefined ? '' : ` whose URL contains "${urlContains}"`} within ${timeoutMs} ms (popups: ${seen})`);
}

const remaining = (deadline) => Math.max(1, deadline - Date.now());

async function frameFor(page, body) {
  if (body.frame === 'webview') return (await findWebviewFrame(page, body)).frame;
  return page.mainFrame();
}

/**
 * @param {{ page: import('playwright-core').Page, resultsDir: string, phase?: () => number, zitadelApi?: () => any }} o
 * @returns {Promise<{ url: string, popups: object[], close: () => Promise<void> }>}
 */
export async function startBridge({ page, resultsDir, phase = () => 1, zitadelApi = () => undefined }) {
  const canary = await startCanary();
  /** Pages opened by the workbench (window.open, e.g. vscode.env.openExternal). */
  const popups = [];
  // Main-frame navigation requests per page, watched at context level: a popup's first request
  // (and its redirects) can happen before the 'page' event, and then Playwright cannot even tell
  // its frame yet; such requests are given to the next popup that appears.
  const navigations = new Map();
  const orphans = [];
  const urlsOf = (p) => { if (!navigations.has(p)) navigations.set(p, []); return navigations.get(p); };
  const context = page.context();
  context.on('request', (r) => {
    if (!r.isNavigationRequest()) return;
    let p;
    try {
      const f = r.frame();
      if (f !== f.page().mainFrame()) return;
      p = f.page();
    } catch {
      orphans.push(r.url());
      return;
    }
    if (p !== page) urlsOf(p).push(r.url());
  });
  context.on('page', (p) => {
    const urls = urlsOf(p);
    urls.unshift(...orphans.splice(0));
    popups.push({ page: p, opened: new Date().toISOString(), requestedUrls: urls });
  });

  const handlers = {
    async 'zitadel-api'({ v2, v2MissingAs, since = 0 }) {
      const server = zitadelApi();
      if (!server) throw new Error('no ZITADEL API contract server in this harness');
      if (typeof v2 === 'boolean') server.setV2(v2, v2MissingAs);
      // No authorization header: tests need none of the tokens.
      const requests = server.requests.slice(since).map(({ method, url, body, status, rpc, headers }) => ({ method, url, body, status, rpc, orgId: headers['x-zitadel-orgid'] }));
      return { requests, count: server.requests.length };
    },
    /** Which run of the suite this is: 1, then 2 after the harness reloaded the window. */
    async phase() {
      return { phase: phase() };
    },
    async screenshot({ name, fullPage = true }) {
      if (!name || /[/\\]/.test(name)) throw new Error('screenshot: give a plain file name (no slashes)');
      mkdirSync(resultsDir, { recursive: true });
      const path = join(resultsDir, `${name}.png`);
      await page.screenshot({ path, fullPage });
      return { path };
    },
    /**
     * A screenshot for the README (media/screenshots/<name>.png) of one part of the workbench
     * (`selector`, e.g. '.part.sidebar'), also saved in test-results/. The committed file is
     * replaced only when the picture really changed (size, or over `tolerance` of its pixels), so
     * a clock that moved on ("in 59 min" → "in 58 min") does not rewrite it on every run.
     */
    async 'readme-screenshot'({ name, selector, tolerance = 0.002, height, cropToRows = false }) {
      if (!name || /[/\\]/.test(name)) throw new Error('readme-screenshot: give a plain file name (no slashes)');
      const element = await page.waitForSelector(selector, { state: 'visible', timeout: 10_000 });
      const box = await element.boundingBox();
      // cropToRows: down to the last list row drawn in it (no empty view area below).
      const rowsEnd = cropToRows ? await element.evaluate((el) => Math.max(0, ...Array.from(el.querySelectorAll('.monaco-list-row')).map((r) => r.getBoundingClientRect().bottom))) : 0;
      const bottom = Math.min(box.y + box.height, height ? box.y + height : Infinity, rowsEnd ? rowsEnd + 12 : Infinity);
      const png = await page.screenshot({ clip: { x: box.x, y: box.y, width: box.width, height: bottom - box.y } });
      mkdirSync(resultsDir, { recursive: true });
      writeFileSync(join(resultsDir, `readme-${name}.png`), png);
      const path = join(screenshotsDir, `${name}.png`);
      const before = existsSync(path) ? readFileSync(path) : undefined;
      const difference = before ? await pixelDifference(page, before, png) : 1;
      const changed = difference > tolerance;
      if (changed) {
        mkdirSync(screenshotsDir, { recursive: true });
        writeFileSync(path, png);
      }
      return { path, changed, difference };
    },
    async frames() {
      return page.frames().map((f) => ({
        url: f.url(),
        name: f.name(),
        parentUrl: f.parentFrame()?.url() ?? null,
        depth: (() => { let d = 0; for (let p = f.parentFrame(); p; p = p.parentFrame()) d++; return d; })(),
      }));
    },
    async 'webview-dom'(body) {
      const { frame, candidates } = await findWebviewFrame(page, body);
      const dom = await frame.evaluate(() => ({
        html: document.documentElement.outerHTML,
        text: document.body ? document.body.innerText : '',
        // VS Code injects one script of its own (id _vscodeApiScript: acquireVsCodeApi) into every
        // webview document; count only the page's own scripts.
        scripts: document.querySelectorAll('script:not(#_vscodeApiScript)').length,
        vscodeApiScript: !!document.getElementById('_vscodeApiScript'),
        scriptList: Array.from(document.querySelectorAll('script:not(#_vscodeApiScript)'), (el) => ({
          src: el.getAttribute('src'),
          nonce: !!(/** @type {HTMLElement} */ (el).nonce || el.getAttribute('nonce')),
          inline: el.textContent.trim().slice(0, 80),
        })),
        title: document.title,
        csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null,
        bodyClass: document.body?.className ?? '',
      }));
      return {
        html: dom.html,
        text: dom.text,
        scripts: dom.scripts,
        title: dom.title,
        url: frame.url(),
        details: {
          frameName: frame.name(),
          hostFrameUrl: frame.parentFrame()?.url(),
          csp: dom.csp,
          bodyClass: dom.bodyClass, // VS Code puts vscode-dark / vscode-light / vscode-high-contrast here
          vscodeApiScript: dom.vscodeApiScript,
          scriptList: dom.scriptList,
          candidates: candidates.map((c) => ({ title: c.title, url: c.frame.url(), hasApp: c.hasApp })),
        },
      };
    },
    async 'eval-in-webview'(body) {
      const { frame } = await findWebviewFrame(page, body);
      return frame.evaluate(body.expression);
    },
    async 'page-eval'({ expression }) {
      return page.evaluate(expression);
    },
    async click(body) {
      const frame = await frameFor(page, body);
      await frame.click(body.selector, { timeout: body.timeoutMs ?? 10_000 });
      return {};
    },
    /**
     * Drags the vertical sash on the right edge of a workbench part (e.g. '.part.sidebar') until
     * the part is `width` px wide: the only exact way to size it (the workbench's
     * increase/decreaseViewWidth commands step from wherever the last layout left it).
     */
    async 'resize-part'({ selector, width }) {
      const box = await (await page.waitForSelector(selector, { state: 'visible', timeout: 10_000 })).boundingBox();
      const edge = box.x + box.width;
      const sash = await page.evaluate((x) => {
        const found = Array.from(document.querySelectorAll('.monaco-sash.vertical')).map((el) => el.getBoundingClientRect()).find((r) => r.width > 0 && Math.abs(r.left + r.width / 2 - x) <= 4);
        return found && { x: found.left + found.width / 2, y: found.top + found.height / 2 };
      }, edge);
      if (!sash) throw new Error(`resize-part: no vertical sash at the right edge of ${selector} (x=${edge})`);
      await page.mouse.move(sash.x, sash.y);
      await page.mouse.down();
      await page.mouse.move(box.x + width, sash.y, { steps: 8 });
      await page.mouse.up();
      const now = await (await page.waitForSelector(selector)).boundingBox();
      return { width: Math.round(now.width) };
    },
    async press({ keys }) {
      for (const k of Array.isArray(keys) ? keys : [keys]) await page.keyboard.press(k);
      return {};
    },
    async type({ text }) {
      await page.keyboard.type(text);
      return {};
    },
    async 'wait-for'(body) {
      const frame = await frameFor(page, body);
      await frame.waitForSelector(body.selector, { timeout: body.timeoutMs ?? 10_000, state: body.state ?? 'visible' });
      return {};
    },
    async popups() {
      return popups.map((p) => ({ url: p.page.url(), requestedUrls: p.requestedUrls.filter((u, i, a) => u !== a[i - 1]), opened: p.opened, closed: p.page.isClosed() }));
    },
    async cookies() {
      return (await context.cookies()).map(({ name, domain, path }) => ({ name, domain, path }));
    },
    /** @param {{ names?: string[] }} [body] */
    async 'clear-cookies'({ names } = {}) {
      const before = await context.cookies();
      const doomed = Array.isArray(names) ? before.filter((c) => names.includes(c.name)) : before;
      if (Array.isArray(names)) for (const name of new Set(doomed.map((c) => c.name))) await context.clearCookies({ name });
      else await context.clearCookies();
      return { cleared: doomed.length };
    },
    async 'popup-fill'(body) {
      if (typeof body.selector !== 'string' || typeof body.value !== 'string') throw new Error('popup-fill: give selector and value (strings)');
      const { page: p, deadline } = await findPopup(popups, body);
      await p.fill(body.selector, body.value, { timeout: remaining(deadline) });
      return { url: p.url() };
    },
    async 'popup-click'(body) {
      if (typeof body.selector !== 'string') throw new Error('popup-click: give a selector');
      const { page: p, deadline } = await findPopup(popups, body);
      await p.click(body.selector, { timeout: remaining(deadline) });
      return { url: p.url() };
    },
    async 'popup-wait-for'(body) {
      const { page: p, deadline } = await findPopup(popups, body);
      if (body.selector) await p.waitForSelector(body.selector, { timeout: remaining(deadline), state: body.state ?? 'visible' });
      return { url: p.url() };
    },
    async 'popup-text'(body) {
      const { page: p, deadline } = await findPopup(popups, body);
      // The page may be between two documents (a redirect chain): retry until one has loaded.
      for (;;) {
        try {
          await p.waitForLoadState('domcontentloaded', { timeout: remaining(deadline) });
          const { title, text } = await p.evaluate(() => ({ title: document.title, text: document.body ? document.body.innerText : '' }));
          return { url: p.url(), title, text };
        } catch (e) {
          if (Date.now() >= deadline || p.isClosed()) throw e;
          await sleep(100);
        }
      }
    },
    async hover(body) {
      const frame = await frameFor(page, body);
      await frame.hover(body.selector, { timeout: body.timeoutMs ?? 10_000 });
      return {};
    },
    async canary() {
      return { url: canary.url, hits: canary.hits };
    },
    async 'close-popups'() {
      let closed = 0;
      for (const p of popups) if (!p.page.isClosed()) { await p.page.close(); closed++; }
      return { closed };
    },
  };

  // The web worker extension host (VS Code for the web) calls from the workbench's origin: CORS.
  const cors = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type' };
  const server = createServer(async (req, res) => {
    const name = (req.url ?? '/').replace(/^\//, '').split('?')[0];
    const reply = (status, value) => {
      res.writeHead(status, { 'content-type': 'application/json', ...cors });
      res.end(JSON.stringify(value ?? null));
    };
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    const handler = Object.hasOwn(handlers, name) ? handlers[name] : undefined;
    if (req.method !== 'POST' || !handler) return reply(404, { error: `unknown endpoint ${req.method} /${name}` });
    try {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const body = raw ? JSON.parse(raw) : {};
      reply(200, await handler(body));
    } catch (e) {
      reply(500, { error: e?.message ?? String(e) });
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const url = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
  return {
    url,
    popups,
    close: async () => {
      await canary.close();
      await new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); });
    },
  };
}

/** A loopback server that answers 404 to everything and remembers what was asked. */
async function startCanary() {
  const hits = [];
  const server = createServer((req, res) => {
    hits.push({ method: req.method, url: req.url });
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('canary');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  return {
    url: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`,
    hits,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}
