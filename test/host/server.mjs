// Starts the real VS Code server (code-server's lib/vscode/out/server-main.js) under Node 24.
// Used by run-tests.mjs (extension tests) and scripts/start.mjs (`npm start`).
//
//   const server = await startVSCodeServer({ extensionDevelopmentPath, env, port });
//   page.goto(server.workbenchUrl('/some/folder', [['extensionDevelopmentPath', '/abs/dir']]));
//   await server.stop();
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request } from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureHost } from './setup.mjs';

/**
 * User settings written into the fresh server data dir. This VS Code (code-server's build)
 * reads the web client's user settings from <server-data-dir>/data/User/settings.json.
 */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'github.gitAuthentication': false,
  'window.commandCenter': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.colorTheme': 'Default Dark Modern',
};

/** A free TCP port on 127.0.0.1 (or the given one if it is free). */
export function freePort(preferred = 0) {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', (e) => (preferred ? freePort(0).then(resolve, reject) : reject(e)));
    srv.listen(preferred, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/** Every descendant pid of `pid` (Linux /proc). */
function descendants(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid; field 2 (comm) may contain spaces, so split after ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch { /* process went away */ }
  }
  const out = [];
  const stack = [pid];
  while (stack.length) {
    for (const c of children.get(stack.pop()) ?? []) { out.push(c); stack.push(c); }
  }
  return out;
}

function alive(pid) {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** SIGTERM the process, its process group and all descendants; SIGKILL whatever is left after a grace period. */
export async function killTree(pid, graceMs = 3000) {
  const pids = [pid, ...descendants(pid)];
  const signal = (sig) => {
    try { process.kill(-pid, sig); } catch { /* no such group */ }
    for (const p of pids) { try { process.kill(p, sig); } catch { /* gone */ } }
  };
  signal('SIGTERM');
  const until = Date.now() + graceMs;
  while (Date.now() < until && pids.some(alive)) await new Promise((r) => setTimeout(r, 100));
  if (pids.some(alive)) signal('SIGKILL');
}

/** GET /<port>/<rest> -> 302 http://127.0.0.1:<port>/<rest> (see directLoopback below). */
async function startLoopbackRedirector() {
  const server = createHttpServer((req, res) => {
    const m = /^\/(\d{1,5})(\/.*)?$/.exec(req.url ?? '');
    if (!m) { res.writeHead(404).end('expected /<port>/<path>'); return; }
    res.writeHead(302, { location: `http://127.0.0.1:${m[1]}${m[2] ?? '/'}` }).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  return {
    url: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/**
 * The browser talks to this proxy, which forwards everything (HTTP and WebSocket upgrades)
 * to the VS Code server, except `POST …/mint-key`. The web workbench seals SecretStorage
 * in the browser's localStorage with a key it combines with one from that endpoint; code-server's
 * own wrapper serves it and this bare server does not (405), in which case the workbench keeps
 * secrets in memory only and a window reload loses them. The key is random per server start.
 */
async function startFrontProxy(port, targetPort, landing) {
  const serverKey = randomBytes(32);
  const server = createHttpServer((req, res) => {
    if (req.method === 'POST' && /\/mint-key$/.test((req.url ?? '').split('?')[0])) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(serverKey);
      return;
    }
    const location = req.method === 'GET' ? landing?.(req.url ?? '/') : undefined;
    if (location) {
      res.writeHead(302, { location, 'cache-control': 'no-store' }).end();
      return;
    }
    const upstream = request({ host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => { if (!res.headersSent) res.writeHead(502); res.end(); });
    req.pipe(upstream);
  });
  // Upgraded (WebSocket) sockets leave the HTTP server's bookkeeping: track them so close()
  // can end them instead of waiting for them forever.
  const tunnels = new Set();
  server.on('upgrade', (req, socket, head) => {
    const upstream = connect(targetPort, '127.0.0.1', () => {
      const headers = Object.entries(req.headers).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${k}: ${x}`));
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
      if (head?.length) upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    const close = () => { upstream.destroy(); socket.destroy(); tunnels.delete(close); };
    tunnels.add(close);
    upstream.on('error', close);
    socket.on('error', close);
    upstream.on('close', close);
    socket.on('close', close);
  });
  await new Promise((resolve, reject) => { server.once('error', reject); server.listen(port, '127.0.0.1', () => resolve(undefined)); });
  return {
    close: () => new Promise((resolve) => {
      for (const close of [...tunnels]) close();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * Where a bare workbench address goes instead: `GET /` (with or without `folder`, `workspace` or
 * `ew`) that carries no `payload` is sent to the same address plus `payload` (and `folder`, when
 * it names no folder, workspace or empty window). So the one address `npm start` prints, the
 * workbench's own "Open Folder" navigations and a bookmark all keep the extension loaded.
 * Returns undefined for everything else (served as it is).
 * @param {string} requestUrl the request's path and query
 * @param {{ folder?: string, payload: string }} landing folder: a vscode-remote URI; payload: the JSON text
 */
export function landingLocation(requestUrl, landing) {
  const url = new URL(requestUrl, 'http://x');
  if (url.pathname !== '/' || url.searchParams.has('payload')) return undefined;
  const params = new URLSearchParams(url.search);
  if (landing.folder && !['folder', 'workspace', 'ew'].some((k) => params.has(k))) params.set('folder', landing.folder);
  params.set('payload', landing.payload);
  return `/?${params}`;
}

/**
 * Installs a packaged extension (.vsix) into an extensions folder with the server's own CLI
 * (`--install-extension`), as `code --install-extension` does on a desktop.
 * @returns {Promise<string>} the CLI's output
 */
export async function installExtension(vsix, { extensionsDir, serverDataDir }) {
  const host = await ensureHost({ quiet: true });
  const args = [host.serverMain, '--accept-server-license-terms', '--extensions-dir', extensionsDir, '--server-data-dir', serverDataDir, '--install-extension', vsix, '--force'];
  const child = spawn(host.node, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const code = await new Promise((resolve) => child.on('exit', (c, sig) => resolve(c ?? sig)));
  if (code !== 0 || !/successfully installed/i.test(output)) throw new Error(`installing ${vsix} failed (exit ${code}):\n${output}`);
  return output.trim();
}

/**
 * @param {object} o
 * @param {string} [o.extensionDevelopmentPath] only used as a default for workbenchUrl's payload
 * @param {Record<string,string>} [o.env] extra environment variables for the server; the
 *   extension host inherits them (checked by test/extension/smoke.test.ts)
 * @param {number} [o.port] fixed port; 0 / undefined = a free one
 * @param {string[]} [o.trustedDomains] link protection: domains that vscode.env.openExternal may open
 *   without the "Do you want to open the external website?" prompt ('*' = all). localhost and
 *   127.0.0.1 are always trusted. While an extensionTestsPath is in the page's payload the
 *   workbench refuses to show any dialog, so in tests an untrusted openExternal rejects
 *   ("DialogService: refused to show dialog in tests") instead of prompting.
 * @param {boolean} [o.directLoopback=true] how the workbench rewrites loopback addresses
 *   (http://localhost:<p>/x, http://127.0.0.1:<p>/x) for vscode.env.openExternal and asExternalUri.
 *   Built in, it points them at <server>/proxy/<p>/x, a route of code-server's own wrapper that
 *   this bare VS Code server does not serve (404). With directLoopback a tiny redirector on
 *   127.0.0.1 (VSCODE_PROXY_URI=http://127.0.0.1:<r>/{{port}}/) answers 302 to
 *   http://127.0.0.1:<p>/x, so the browser ends up at the real loopback address. The original
 *   host name is not kept (the template only carries the port): localhost becomes 127.0.0.1.
 * @param {Record<string, unknown>} [o.extraSettings] more user settings, written over QUIET_SETTINGS
 *   (e.g. the demo issuer's profile in `tokenInspector.profiles`, see demo-issuer.mjs)
 * @param {(line: string) => void} [o.onLog] receives the server's output lines (default: discarded)
 * @param {string} [o.extensionsDir] where the server looks for installed extensions (default: a
 *   fresh folder in its data dir); see installExtension
 * @param {{ folder?: string, payloadPairs?: [string, string][] }} [o.landing] makes the bare address
 *   (`http://127.0.0.1:<port>/`) open this folder with this payload (see landingLocation); the
 *   payload defaults to workbenchUrl's. `npm start` prints only that address.
 * @param {boolean} [o.workspaceTrust=false] workspace trust on (else off, as on a trusted machine):
 *   folders open in Restricted Mode, without the startup question (no dialogs in tests)
 */
export async function startVSCodeServer({ extensionDevelopmentPath, env = {}, port, trustedDomains = [], directLoopback = true, extraSettings = {}, onLog, extensionsDir, landing, workspaceTrust = false } = {}) {
  const host = await ensureHost({ quiet: true });
  port = port || (await freePort());
  // The browser uses `port` (the front proxy); the VS Code server listens on another one.
  const serverPort = await freePort();
  const tmp = mkdtempSync(join(tmpdir(), 'token-inspector-vscode-'));
  const serverDataDir = join(tmp, 'server-data');
  const logsPath = join(tmp, 'logs');
  mkdirSync(join(serverDataDir, 'data', 'User'), { recursive: true });
  mkdirSync(logsPath, { recursive: true });
  const trust = workspaceTrust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {};
  writeFileSync(join(serverDataDir, 'data', 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...trust, ...extraSettings }, null, 2) + '\n');

  // Inherited VSCODE_* variables (e.g. when started from a VS Code terminal) would confuse
  // the server; npm_* ones are just noise.
  const baseEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(VSCODE_|ELECTRON_|npm_)/i.test(k)) baseEnv[k] = v;
  }
  const redirector = directLoopback ? await startLoopbackRedirector() : null;
  const args = [
    host.serverMain,
    '--host', '127.0.0.1',
    '--port', String(serverPort),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--server-data-dir', serverDataDir,
    '--logsPath', logsPath,
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--enable-smoke-test-driver',
    '--enable-proposed-api',
    '--disable-telemetry',
    ...(extensionsDir ? ['--extensions-dir', extensionsDir] : []),
    ...trustedDomains.flatMap((d) => ['--link-protection-trusted-domains', d]),
  ];
  const child = spawn(host.node, args, {
    // TOKEN_INSPECTOR_HOST_STATE_DIR: where the server keeps settings, state and logs, so tests
    // can check that no secret ends up in any of its files.
    env: { ...baseEnv, ...(redirector ? { VSCODE_PROXY_URI: `${redirector.url}/{{port}}/` } : {}), TOKEN_INSPECTOR_HOST_STATE_DIR: tmp, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so stop() can kill the whole tree
  });

  // Watchdog: if this Node process dies without calling stop() (crash, kill -9), a detached shell
  // notices within a second and takes the server's process group and temp dir down with it.
  const watchdog = spawn('sh', ['-c',
    'while kill -0 "$0" 2>/dev/null && kill -0 "$1" 2>/dev/null; do sleep 1; done; ' +
    'kill -TERM "-$1" 2>/dev/null; sleep 3; kill -KILL "-$1" 2>/dev/null; rm -rf "$2"',
    String(process.pid), String(child.pid), tmp], { detached: true, stdio: 'ignore' });
  watchdog.unref();

  const output = [];
  let ready;
  const readyPromise = new Promise((resolve, reject) => {
    ready = { resolve, reject };
  });
  const onData = (buf) => {
    for (const line of buf.toString().split(/\r?\n/)) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > 200) output.shift();
      onLog?.(line);
      if (line.includes('Web UI available at')) ready.resolve();
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  /** Resolves with the exit code (or signal name) when the server process ends, for whatever reason. */
  const exited = new Promise((resolve) => child.on('exit', (code, sig) => resolve(code ?? sig)));
  child.on('exit', (code, sig) => ready.reject(new Error(`VS Code server exited early (${code ?? sig}):\n${output.join('\n')}`)));
  child.on('error', (e) => ready.reject(e));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try { process.kill(watchdog.pid, 'SIGKILL'); } catch { /* already gone */ }
    await killTree(child.pid);
    await redirector?.close();
    await proxy?.close();
    rmSync(tmp, { recursive: true, force: true });
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  /** vscode-remote URI of a path on this machine, as the workbench wants for folders and payload paths. */
  const remoteUri = (absPath) => `vscode-remote://127.0.0.1:${port}${absPath.split('/').map(encodeURIComponent).join('/')}`;
  /** The payload as the workbench reads it (see workbenchUrl). */
  const payloadJson = (payloadPairs) => {
    const pairs = payloadPairs ?? [
      ...(extensionDevelopmentPath ? [['extensionDevelopmentPath', extensionDevelopmentPath]] : []),
      ['skipWelcome', 'true'],
    ];
    const payload = pairs.map(([k, v]) =>
      [k, /^extension(Development|Tests)Path$/.test(k) && v.startsWith('/') ? remoteUri(v) : v]);
    return payload.length ? JSON.stringify(payload) : undefined;
  };
  /**
   * The workbench address. `folder`: absolute path of the folder to open (optional).
   * `payloadPairs`: [[key, value], ...]; values of extensionDevelopmentPath / extensionTestsPath
   * given as absolute paths are turned into vscode-remote URIs. Defaults to loading
   * `extensionDevelopmentPath` (if given to startVSCodeServer) and skipping the welcome page.
   */
  const workbenchUrl = (folder, payloadPairs) => {
    const params = new URLSearchParams();
    if (folder) params.set('folder', remoteUri(folder));
    const payload = payloadJson(payloadPairs);
    if (payload) params.set('payload', payload);
    return `${baseUrl}/?${params}`;
  };
  const landingPayload = landing && payloadJson(landing.payloadPairs);
  const landingFolder = landing?.folder && remoteUri(landing.folder);
  const redirectLanding = landing && ((requestUrl) => landingLocation(requestUrl, { folder: landingFolder, payload: landingPayload ?? '[]' }));

  const timer = setTimeout(() => ready.reject(new Error(`VS Code server did not print "Web UI available at" within 60 s:\n${output.join('\n')}`)), 60_000);
  let proxy;
  try {
    await readyPromise;
    proxy = await startFrontProxy(port, serverPort, redirectLanding);
  } catch (e) {
    await stop();
    throw e;
  } finally {
    clearTimeout(timer);
  }

  return { port, baseUrl, workbenchUrl, remoteUri, stop, exited, pid: child.pid, logsPath, serverDataDir, output };
}
