#!/usr/bin/env node
// The packaged extension, as a user gets it: `npm run package` builds the .vsix, the VS Code
// server's own CLI installs it (`--install-extension`) into a FRESH server (new data and
// extensions folders, nothing loaded "for development"), and a token is decoded through the
// workbench's UI there: command palette, input box, inspector.
//
//   node test/host/run-vsix-test.mjs [--keep-vsix] [--verbose]
//
// Ends with the line `N passed, N failed` (the form scripts/test.mjs counts); exit code 1 when a
// check failed. Screenshots: test-results/vsix-*.png. Leaves the development build in dist/
// (packaging builds the production one first).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findWebviewFrame } from './bridge-server.mjs';
import { launchChromium } from './browser.mjs';
import { installExtension, startVSCodeServer } from './server.mjs';
import { ensureHost } from './setup.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: opt } = parseArgs({ options: { 'keep-vsix': { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false } } });
const resultsDir = join(repo, 'test-results');
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`.toLowerCase();
/** The packed .vsix stays under this (zip size); a bigger one means something ships that should not. */
const VSIX_BUDGET_BYTES = 400 * 1024;

const log = (msg) => console.log(`[vsix] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs a command; resolves with its output, rejects with it on a non-zero exit. */
function run(command, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    child.stdout.on('data', (d) => { output += d; if (opt.verbose) process.stdout.write(d); });
    child.stderr.on('data', (d) => { output += d; if (opt.verbose) process.stderr.write(d); });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolvePromise(output) : reject(new Error(`${command} ${args.join(' ')} exited ${code ?? signal}:\n${output.slice(-4000)}`))));
  });
}

/** Every file below `dir`, as paths relative to it with forward slashes. */
function filesBelow(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

/** What may ship: the bundles, the inspector's codicons, media except sources and README screenshots, the manifest and docs. */
const ALLOWED = [
  /^(package\.json|readme\.md|changelog\.md|license\.txt|\.vsixmanifest)$/i,
  /^dist\/(web\/)?[\w-]+\.js$/, // the Node and clients bundles, the webview's, the web worker's
  /^dist\/codicons\/codicon\.(css|ttf)$/,
  /^media\/[\w-]+\.(css|svg|png)$/,
  /^media\/walkthrough\/[\w-]+\.(md|png|svg)$/,
  // The translations: the manifest's strings and the code's (English; other languages beside them).
  /^package\.nls(\.[\w-]+)?\.json$/,
  /^l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
];
const FORBIDDEN = [/^media\/icon\.svg$/, /^media\/screenshots\//, /\.map$/, /\.ts$/];

/** Files package.json points at (icon, view container icons, walkthrough media). */
function referencedFiles() {
  const refs = [manifest.icon];
  for (const container of Object.values(manifest.contributes?.viewsContainers ?? {}).flat()) refs.push(container.icon);
  for (const view of Object.values(manifest.contributes?.views ?? {}).flat()) if (view.icon) refs.push(view.icon);
  for (const walkthrough of manifest.contributes?.walkthroughs ?? []) {
    for (const step of walkthrough.steps) {
      const media = step.media ?? {};
      for (const value of [media.markdown, media.svg, ...(typeof media.image === 'string' ? [media.image] : Object.values(media.image ?? {}))]) if (value) refs.push(value);
    }
  }
  return refs.filter(Boolean).map((p) => p.replace(/^\.\//, ''));
}

/** A JWT with a random (unchecked) signature. */
function makeJwt(payload) {
  const part = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT', kid: 'vsix' })}.${part(payload)}.${randomBytes(256).toString('base64url')}`;
}

const results = [];
let page;
async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (e) {
    results.push({ name, ok: false });
    await page?.screenshot({ path: join(resultsDir, `vsix-failed-${results.length}.png`) }).catch(() => {});
    const notes = await page?.evaluate(() => Array.from(document.querySelectorAll('.notification-list-item-message')).map((n) => n.textContent)).catch(() => []);
    if (notes?.length) console.log(`      notifications: ${notes.join(' | ')}`);
    console.log(`  ✗ ${name}\n      ${String(e?.stack ?? e).split('\n').join('\n      ')}`);
  }
}
const passed = (name) => results.find((r) => r.name === name)?.ok;

const t0 = Date.now();
const work = mkdtempSync(join(tmpdir(), 'token-inspector-vsix-'));
const vsix = join(work, `${manifest.name}-${manifest.version}.vsix`);
const extensionsDir = join(work, 'extensions');
const serverDataDir = join(work, 'install-data');
const workspace = join(work, 'workspace');
mkdirSync(extensionsDir);
mkdirSync(workspace);
mkdirSync(resultsDir, { recursive: true });
let server, browser;
const cleanup = async () => {
  await browser?.close().catch(() => {});
  await server?.stop().catch(() => {});
  if (!opt['keep-vsix']) rmSync(work, { recursive: true, force: true });
};
process.on('SIGINT', async () => { await cleanup(); process.exit(130); });
process.on('SIGTERM', async () => { await cleanup(); process.exit(143); });

console.log('\npackaged extension (.vsix) in a fresh VS Code server');
await ensureHost({ quiet: true });

const PACKAGE = 'npm run package builds a .vsix within its size budget';
await check(PACKAGE, async () => {
  try {
    await run('npm', ['run', 'package', '--', '--out', vsix]);
  } finally {
    // Packaging left the production bundles in dist/: put the development build back.
    await run(process.execPath, ['scripts/build.mjs']);
  }
  const { size } = statSync(vsix);
  log(`${vsix}: ${(size / 1024).toFixed(1)} KB (budget ${VSIX_BUDGET_BYTES / 1024} KB)`);
  if (size > VSIX_BUDGET_BYTES) throw new Error(`the .vsix is ${(size / 1024).toFixed(1)} KB, over its ${VSIX_BUDGET_BYTES / 1024} KB budget: check .vscodeignore`);
});

const INSTALL = 'installs into a fresh VS Code server with --install-extension';
let installed;
if (passed(PACKAGE)) await check(INSTALL, async () => {
  const output = await installExtension(vsix, { extensionsDir, serverDataDir });
  log(output.split('\n').filter((l) => /install/i.test(l)).join(' | '));
  const folder = readdirSync(extensionsDir).find((d) => d.toLowerCase().startsWith(`${EXTENSION_ID}-`));
  if (!folder) throw new Error(`no ${EXTENSION_ID}-* folder in ${extensionsDir}: ${readdirSync(extensionsDir).join(', ')}`);
  installed = join(extensionsDir, folder);
});

if (passed(INSTALL)) await check('ships only what runs: bundles, codicons, media, manifest and docs', async () => {
  const files = filesBelow(installed);
  const unexpected = files.filter((f) => FORBIDDEN.some((re) => re.test(f)) || !ALLOWED.some((re) => re.test(f)));
  if (unexpected.length) throw new Error(`files that should not ship: ${unexpected.join(', ')}`);
  const bundles = [...readdirSync(join(repo, 'dist')).filter((f) => f.endsWith('.js')).map((f) => `dist/${f}`), 'dist/web/extension.js'];
  const missing = [...bundles, 'dist/codicons/codicon.css', 'dist/codicons/codicon.ttf', 'package.nls.json', 'l10n/bundle.l10n.json', ...referencedFiles()].filter((f) => !files.includes(f));
  if (missing.length) throw new Error(`missing from the .vsix: ${missing.join(', ')}`);
  const bytes = files.reduce((sum, f) => sum + statSync(join(installed, f)).size, 0);
  log(`${files.length} files, ${(bytes / 1024).toFixed(1)} KB unpacked`);
});

const OPENS = 'the bare server address opens VS Code with the installed extension';
if (passed(INSTALL)) await check(OPENS, async () => {
  // No extensionDevelopmentPath anywhere: the workbench loads what the extensions folder holds.
  server = await startVSCodeServer({ extensionsDir, landing: { folder: workspace, payloadPairs: [['skipWelcome', 'true']] }, onLog: opt.verbose ? (l) => console.log(`[server] ${l}`) : undefined });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  // As a user who allowed the page to read the clipboard (Decode JWT… prefills from it).
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
  page = await context.newPage();
  if (opt.verbose) page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
  await page.goto(`${server.baseUrl}/`);
  if (!page.url().includes('folder=')) throw new Error(`the bare address did not lead to the workspace: ${page.url()}`);
  await page.waitForSelector('.activitybar .action-item a[aria-label^="Token Inspector"]', { timeout: 60_000 });
  const title = await page.title();
  if (/Extension Development Host/.test(title)) throw new Error(`loaded for development, not installed: "${title}"`);
});

const DECODES = 'decodes a pasted token there: command palette, input box, inspector';
const sub = `vsix-user-${randomBytes(4).toString('hex')}`;
if (passed(OPENS)) await check(DECODES, async () => {
  const now = Math.floor(Date.now() / 1000);
  const token = makeJwt({ iss: 'https://vsix.example.zitadel.cloud', sub, aud: 'vsix-client', iat: now, exp: now + 3600, 'urn:zitadel:iam:user:metadata': { department: Buffer.from('Finance').toString('base64url') } });
  await page.click('.part.editor'); // focus the workbench (nothing has focus after loading)
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible' });
  await page.keyboard.type('Token Inspector: Decode JWT');
  await page.click('.quick-input-list .monaco-list-row[aria-label*="Decode JWT…"]', { timeout: 15_000 });
  const tokenInput = '.quick-input-widget .quick-input-box input[placeholder^="eyJ"]';
  await page.waitForSelector(tokenInput, { state: 'visible', timeout: 15_000 });
  await page.fill(tokenInput, token);
  await sleep(300); // the input box validates as you type
  await page.keyboard.press('Enter');
  const deadline = Date.now() + 30_000;
  let text = '';
  let sheets = 0;
  let frame;
  for (;;) {
    try {
      ({ frame } = await findWebviewFrame(page, { titleContains: 'Token Inspector', timeoutMs: 2000 }));
      ({ text, sheets } = await frame.evaluate(() => ({ text: document.body.innerText, sheets: document.styleSheets.length })));
      if (text.includes(sub) && text.includes('Finance')) break;
    } catch { /* not there yet */ }
    if (Date.now() > deadline) throw new Error(`the inspector did not show the token's sub and decoded metadata; it showed: ${text.slice(0, 500) || '(nothing)'}`);
    await sleep(500);
  }
  if (sheets < 2) throw new Error(`the inspector loaded ${sheets} stylesheet(s), expected the codicons and inspector.css`);
  // The shipped subset font loads, and every icon shown has a glyph rule (unit test codicons.test.ts: the font has the glyphs).
  const icons = await frame.evaluate(async () => {
    const font = (await document.fonts.load('16px codicon')).find((f) => f.family.replace(/"/g, '') === 'codicon');
    const shown = Array.from(document.querySelectorAll('#app .codicon'));
    const blank = shown.filter((e) => !/^"\S"$/u.test(getComputedStyle(e, '::before').content)).map((e) => e.className);
    return { font: font?.status, shown: shown.length, blank };
  });
  if (icons.font !== 'loaded' || icons.shown < 5 || icons.blank.length) throw new Error(`the inspector's codicons: ${JSON.stringify(icons)}`);
  log(`${icons.shown} codicons shown, font ${icons.font}`);
  await sleep(500);
  await page.screenshot({ path: join(resultsDir, 'vsix-inspector.png') });
});

if (passed(OPENS)) await check('the Extensions view shows the icon, categories and README', async () => {
  await page.click('.activitybar .action-item a[aria-label^="Extensions"]');
  const item = `.extensions-viewlet .monaco-list-row[aria-label*="Token Inspector"]`;
  await page.waitForSelector(item, { timeout: 20_000 });
  await page.click(item);
  const editor = '.extension-editor';
  await page.waitForSelector(`${editor} .name`, { timeout: 20_000 });
  const { name, icon } = await page.evaluate((sel) => {
    const root = document.querySelector(sel);
    const img = root?.querySelector('.icon-container img.icon');
    return { name: root?.querySelector('.name')?.textContent ?? '', icon: img ? { src: img.getAttribute('src'), width: img.naturalWidth } : null };
  }, editor);
  if (!name.includes(manifest.displayName)) throw new Error(`the details page is not Token Inspector's: "${name}"`);
  if (!icon?.width) throw new Error(`the extension's icon did not load: ${JSON.stringify(icon)}`);
  await sleep(2000); // the README renders in a webview
  await page.screenshot({ path: join(resultsDir, 'vsix-extension-details.png') });
});

await cleanup();
const failed = results.filter((r) => !r.ok).length;
log(`finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
