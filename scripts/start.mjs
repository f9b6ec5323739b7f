#!/usr/bin/env node
// `npm start`: builds the extension, then runs it in a real VS Code (the VS Code server from the
// npm package code-server, under Node 24) that you open in your browser. No browser is started
// here. Ctrl+C (or SIGTERM) stops everything.
//
//   node scripts/start.mjs [--no-build] [--verbose] [--extension-development-path <dir>]
//
//   TOKEN_INSPECTOR_PORT=9000 npm start     fixed port (fails if taken); default 8765, or a free
//                                           port when 8765 is taken
//
// The workspace shown is a temporary copy of test/fixtures/demo-workspace (if it exists), so
// edits made in the browser are thrown away when the server stops. A demo OpenID provider
// (demo/issuer) runs on 127.0.0.1 beside it, with a ready "Demo issuer" profile in the user
// settings, so Sign In works without an account (credentials printed below the address), and so
// does a fake of ZITADEL's metadata APIs (test/support/zitadelApi) that the profile points at
// (apiBaseUrl), with the demo user's metadata and another user to look at.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureHost } from '../test/host/setup.mjs';
import { freePort, startVSCodeServer } from '../test/host/server.mjs';
import { DEMO_NO_AUD_PROFILE_NAME, DEMO_PROFILE_NAME, startHostDemoIssuer } from '../test/host/demo-issuer.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opt } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    'extension-development-path': { type: 'string', default: repo },
  },
});
const extensionDevelopmentPath = resolve(opt['extension-development-path']);
const log = (msg) => console.log(`[start] ${msg}`);

// 1. Build the extension.
if (!opt['no-build']) {
  log('building the extension (node scripts/build.mjs) ...');
  const r = spawnSync(process.execPath, [join(repo, 'scripts', 'build.mjs')], { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[start] build failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
}

// 2. The VS Code host (first run: several minutes; then instant).
await ensureHost();

// 3. The port.
let port;
if (process.env.TOKEN_INSPECTOR_PORT) {
  port = Number(process.env.TOKEN_INSPECTOR_PORT);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    console.error(`[start] TOKEN_INSPECTOR_PORT=${process.env.TOKEN_INSPECTOR_PORT} is not a port number.`);
    process.exit(1);
  }
  if ((await freePort(port)) !== port) {
    console.error(`[start] port ${port} (TOKEN_INSPECTOR_PORT) is already in use.`);
    process.exit(1);
  }
} else {
  port = await freePort(8765);
  if (port !== 8765) log(`port 8765 is in use; using ${port} instead`);
}

// 4. The workspace: a temporary copy of the demo workspace.
const workspace = mkdtempSync(join(tmpdir(), 'token-inspector-demo-'));
const demo = join(repo, 'test', 'fixtures', 'demo-workspace');
if (existsSync(demo)) cpSync(demo, workspace, { recursive: true });

let server, demoIssuer;
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  log('stopping ...');
  await server?.stop().catch(() => {});
  await demoIssuer?.stop().catch(() => {});
  rmSync(workspace, { recursive: true, force: true });
  log('stopped.');
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
process.on('SIGHUP', () => stop(0));
for (const ev of ['uncaughtException', 'unhandledRejection']) {
  process.on(ev, (e) => { console.error(`[start] unexpected error: ${e?.stack ?? e}`); stop(1); });
}

try {
  demoIssuer = await startHostDemoIssuer();
} catch (e) {
  console.error(`[start] the demo issuer / ZITADEL API demo did not start: ${e.message}`);
  await stop(1);
}

try {
  server = await startVSCodeServer({
    extensionDevelopmentPath,
    port,
    env: demoIssuer.env,
    extraSettings: demoIssuer.settings,
    onLog: opt.verbose ? (l) => console.log(`[server] ${l}`) : undefined,
    // The plain address opens the demo workspace with the extension loaded "for development" (the
    // server ignores --extensionDevelopmentPath on its command line; the workbench honors a
    // `payload` in the URL, which the server adds to the bare address by a redirect). Loaded for
    // development, a rebuild takes effect on "Developer: Reload Window".
    landing: {
      folder: workspace,
      payloadPairs: [['extensionDevelopmentPath', extensionDevelopmentPath], ['skipWelcome', 'true']],
    },
  });
} catch (e) {
  console.error(`[start] the VS Code server did not start: ${e.message}`);
  await stop(1);
}

console.log(`
  Token Inspector is running in VS Code ${existsSync(demo) ? `with ${demo} (a temporary copy)` : '(empty workspace)'}.

  Open this address in a browser on this machine:

    ${server.baseUrl}/

  Sign-in demo: a demo OpenID provider runs at ${demoIssuer.issuer}
  (profile "${DEMO_PROFILE_NAME}" in the user settings; client id ${demoIssuer.clientId}).
    user      ${demoIssuer.user.username}
    password  ${demoIssuer.user.password}
  Open the Token Inspector view and click Sign In (or run "Token Inspector: Sign In");
  the provider's login page opens in a new browser tab.

  ZITADEL API demo: a fake of ZITADEL's metadata APIs runs at ${demoIssuer.api.url}
  (the profile's apiBaseUrl; the demo user may read and change users' metadata).
    "Token Inspector: Show User Metadata…"  try user id ${demoIssuer.api.otherUserId} (org ${demoIssuer.api.orgId})
  Profile "${DEMO_NO_AUD_PROFILE_NAME}" signs in without the API audience scope:
  its API calls fail with ZITADEL's APP-Zxfako error, which offers the one-click fix.

  After a rebuild (npm run build, or npm run watch), run "Developer: Reload Window" in VS Code.
  Press Ctrl+C here to stop the server.
`);

const code = await server.exited;
if (!stopping) {
  console.error(`[start] the VS Code server exited unexpectedly (${code}).`);
  await stop(1);
}
