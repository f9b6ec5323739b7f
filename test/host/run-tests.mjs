#!/usr/bin/env node
// Runs the mocha suite in out/test/extension/ INSIDE a real VS Code: the VS Code server from
// code-server (Node 24), its web workbench in Debian's Chromium driven by playwright-core.
// Build first: `node scripts/build.mjs --tests`.
//
//   node test/host/run-tests.mjs [--extension-development-path <dir>] [--extension-tests-path <file>]
//                                [--workspace <dir>] [--timeout-ms <n>] [--restricted] [--web] [--verbose]
//
// --web runs the extension as VS Code for the web does: in the workbench's web worker extension
// host, from its `browser` entry (dist/web/extension.js), with the tests of out/test/web/index.js.
// The user setting remote.extensionKind {"<publisher>.<name>": ["web"]} makes the workbench run the
// extension under development there; the tests find the bridge's address in the workspace file
// .token-inspector-test.json (a web worker has no environment variables). One run, no reload.
//
// The workspace folder is a temporary copy of --workspace, else of test/fixtures/workspace if it
// exists, else an empty temporary folder.
//
// The suite runs three times in one window: the untagged tests, then (after a window reload) the
// tests tagged @after-reload, then (after a second reload) those tagged @after-second-reload.
// With --restricted it runs once, only the tests tagged @restricted, with workspace trust on and
// the folder (default test/fixtures/untrusted-workspace) not trusted: VS Code's Restricted Mode. The hard timeout (default 8 minutes, or
// TOKEN_INSPECTOR_TEST_TIMEOUT_MS) counts from the start of the VS Code server, not the setup.
//
// A demo OpenID provider (demo/issuer, JWT access tokens) and the ZITADEL API contract server
// (test/support/zitadelApi) run next to it on 127.0.0.1: the tests find them in
// TOKEN_INSPECTOR_DEMO_ISSUER / _CLIENT_ID / _USERNAME / _PASSWORD / _API / _OTHER_USER / _ORG /
// _OTHER_ORG_USER / _OTHER_ORG, and
// the user settings have "Demo issuer" and "Demo issuer (no API audience)" entries in
// tokenInspector.profiles (see demo-issuer.mjs).
//
// Exit code: what the workbench passes to codeAutomationExit (0 when the tests module's run()
// resolved), or 1 on a hard timeout / harness error. Screenshots go to <repo>/test-results/.
// TOKEN_INSPECTOR_TEST_VERBOSE=1 (or --verbose) also prints the unfiltered workbench log.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, parseArgs } from 'node:util';
import { ensureHost } from './setup.mjs';
import { startVSCodeServer } from './server.mjs';
import { startBridge } from './bridge-server.mjs';
import { launchChromium } from './browser.mjs';
import { startHostDemoIssuer } from './demo-issuer.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: opt } = parseArgs({
  options: {
    'extension-development-path': { type: 'string', default: repo },
    'extension-tests-path': { type: 'string' },
    workspace: { type: 'string' },
    'timeout-ms': { type: 'string', default: process.env.TOKEN_INSPECTOR_TEST_TIMEOUT_MS ?? String(8 * 60_000) },
    restricted: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: !!process.env.TOKEN_INSPECTOR_TEST_VERBOSE },
    web: { type: 'boolean', default: false },
  },
});
/** Reloads after the first run: the @after-reload and @after-second-reload phases (none in Restricted Mode or on the web). */
const RELOADS = opt.restricted || opt.web ? 0 : 2;
const extensionDevelopmentPath = resolve(opt['extension-development-path']);
const extensionTestsPath = resolve(opt['extension-tests-path'] ?? join(repo, 'out', 'test', opt.web ? 'web' : 'extension', 'index.js'));
const timeoutMs = Number(opt['timeout-ms']);
const resultsDir = join(repo, 'test-results');

// codeAutomationLog receives both the workbench's own log and the extension host's console
// (mocha's reporter, console.log in tests) with no mark telling them apart, so the filters are
// narrow: known offline noise at warn/error level, and the workbench's start-up chatter.
/** warn / error lines expected offline (no marketplace, no GitHub, no telemetry hosts) that say nothing about our tests. */
const NOISE = [
  /^\[Service Worker\]/, // code-server's own service worker is not served by the bare VS Code server (404)
  /open-vsx\.org|marketplace\.visualstudio\.com|vscode-cdn\.net|update\.code\.visualstudio\.com/i,
  /^getaddrinfo (ENOTFOUND|EAI_AGAIN)/,
  /github.*authentication|authentication.*github/i,
  /telemetry/i,
];
/** info lines: the workbench's start-up chatter. */
const CHATTER = [
  /^(Resolving connection token|Resolved connection token|Creating a socket \(renderer-|Updating additional builtin extensions cache)/,
  /^\[(reconnection-grace-time|AgentHost:[^\]]*|AccountPolicyGate|lifecycle)\]/,
];

function log(msg) { console.log(`[run-tests] ${msg}`); }

if (!existsSync(extensionTestsPath)) {
  console.error(`[run-tests] ${extensionTestsPath} does not exist. Build the tests first: node scripts/build.mjs --tests`);
  process.exit(1);
}

const t0 = Date.now();
let exitCode = 1;
let server, browser, bridge, workspace, page, demoIssuer;
const cleanups = [];
let cleaningUp = false;
async function cleanup() {
  if (cleaningUp) return;
  cleaningUp = true;
  await bridge?.close().catch(() => {});
  await browser?.close().catch(() => {});
  await server?.stop().catch(() => {});
  await demoIssuer?.stop().catch(() => {});
  for (const c of cleanups) { try { c(); } catch { /* best effort */ } }
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => { log(`${sig}: stopping`); await cleanup(); process.exit(130); });
}
for (const ev of ['uncaughtException', 'unhandledRejection']) {
  process.on(ev, async (e) => { console.error(`[run-tests] harness error (${ev}): ${e?.stack ?? e}`); await cleanup(); process.exit(1); });
}

try {
  await ensureHost();

  // Hard timeout, whatever the harness is waiting for at that moment.
  setTimeout(async () => {
    log(`TIMEOUT: the tests did not finish within ${Math.round(timeoutMs / 1000)} s (codeAutomationExit was never called).`);
    const shot = join(resultsDir, 'timeout.png');
    if (await page?.screenshot({ path: shot }).then(() => true, () => false)) log(`screenshot of the workbench at the timeout: ${shot}`);
    await cleanup();
    process.exit(1);
  }, timeoutMs);

  // The workspace the tests see: a temporary copy of --workspace or test/fixtures/workspace, else an empty folder.
  workspace = mkdtempSync(join(tmpdir(), 'token-inspector-ws-'));
  cleanups.push(() => rmSync(workspace, { recursive: true, force: true }));
  const fixture = opt.workspace ? resolve(opt.workspace) : join(repo, 'test', 'fixtures', opt.restricted ? 'untrusted-workspace' : 'workspace');
  if (existsSync(fixture)) cpSync(fixture, workspace, { recursive: true });
  else if (opt.workspace) throw new Error(`--workspace ${fixture} does not exist`);
  mkdirSync(resultsDir, { recursive: true });

  // Browser and page first: the bridge needs the page, and the server needs the bridge's address.
  browser = await launchChromium();
  // Tall enough that the side bar shows a signed-in session (ID token expanded), both demo
  // profiles and a decoded token with its rows: tests read only the rows the tree renders.
  const context = await browser.newContext({ viewport: { width: 1400, height: 1200 } });
  page = await context.newPage();
  let phase = 1;
  bridge = await startBridge({ page, resultsDir, phase: () => phase, zitadelApi: () => demoIssuer?.api.server });

  // The demo OpenID provider and the ZITADEL API contract server on loopback: their addresses and
  // the demo users reach the tests as TOKEN_INSPECTOR_DEMO_* variables, and the user settings hold
  // the ready "Demo issuer" and "Demo issuer (no API audience)" profiles.
  demoIssuer = await startHostDemoIssuer();
  log(`demo issuer on ${demoIssuer.issuer}, ZITADEL API contract server on ${demoIssuer.api.url}`);

  const env = { TOKEN_INSPECTOR_TEST_BRIDGE: bridge.url, TOKEN_INSPECTOR_TEST_RESULTS: resultsDir, ...(opt.restricted ? { TOKEN_INSPECTOR_TEST_RESTRICTED: '1' } : {}), ...demoIssuer.env };
  let extraSettings = demoIssuer.settings;
  if (opt.web) {
    const manifest = JSON.parse(readFileSync(join(extensionDevelopmentPath, 'package.json'), 'utf8'));
    extraSettings = { ...extraSettings, 'remote.extensionKind': { [`${manifest.publisher}.${manifest.name}`]: ['web'] } };
    writeFileSync(join(workspace, '.token-inspector-test.json'), JSON.stringify(env, null, 2));
  }
  server = await startVSCodeServer({
    extensionDevelopmentPath,
    env,
    extraSettings,
    workspaceTrust: opt.restricted,
    // Tests may call vscode.env.openExternal on any address: no link-protection prompt (the
    // workbench refuses every dialog while it runs tests, so openExternal would reject). The
    // opened page shows up in the bridge's /popups.
    trustedDomains: ['*'],
    onLog: opt.verbose ? (l) => console.log(`[server] ${l}`) : undefined,
  });
  log(`VS Code server on ${server.baseUrl} (extension: ${extensionDevelopmentPath}, bridge: ${bridge.url})`);

  let finish;
  let finished = new Promise((r) => { finish = r; });
  // Both must exist before the workbench loads: it looks for them on window.
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // `args` are the console call's arguments, format string first (mocha's reporter uses '%d passing (%s)').
    const text = Array.isArray(args) ? format(...args) : String(args);
    if (opt.verbose) return console.log(`[log ${type}] ${text}`);
    if ((type === 'info' ? CHATTER : NOISE).some((re) => re.test(text))) return;
    for (const line of text.split('\n')) console.log(line);
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish(Number.isInteger(code) ? code : 1));
  page.on('crash', () => { log('the workbench page crashed'); finish(1); });
  page.on('pageerror', (e) => opt.verbose && console.log(`[page error] ${e.message}`));
  if (opt.verbose) page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));

  const url = server.workbenchUrl(workspace, [
    ['extensionDevelopmentPath', extensionDevelopmentPath],
    ['extensionTestsPath', extensionTestsPath],
    ['skipWelcome', 'true'],
  ]);
  log(`opening the workbench; tests: ${extensionTestsPath}${opt.web ? ' (web worker extension host)' : ''}`);
  await page.goto(url);

  exitCode = await finished;
  log(`tests finished with exit code ${exitCode} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  // Then reload the window (same browser profile, so the same sealed SecretStorage; see
  // startFrontProxy in server.mjs) and run the suite again: the tests module then runs only the
  // tests of that phase (see test/extension/index.ts), in a fresh extension host.
  const tags = ['@after-reload', '@after-second-reload'];
  while (exitCode === 0 && phase <= RELOADS) {
    phase++;
    finished = new Promise((r) => { finish = r; });
    log(`reloading the window for the ${tags[phase - 2]} tests`);
    await page.reload();
    exitCode = await finished;
    log(`${tags[phase - 2]} tests finished with exit code ${exitCode} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
} catch (e) {
  console.error(`[run-tests] harness error: ${e?.stack ?? e}`);
  exitCode = 1;
} finally {
  // Cleanup must not keep CI waiting: give it 20 s, then exit with the tests' result anyway.
  setTimeout(() => { log('cleanup took over 20 s; exiting anyway'); process.exit(exitCode); }, 20_000).unref();
  await cleanup();
}
process.exit(exitCode);
