// The demo OpenID provider (demo/issuer, oidc-provider on 127.0.0.1) next to the VS Code host:
// run-tests.mjs (extension tests) and scripts/start.mjs (`npm start`) start one and hand it to
// the VS Code server as environment variables and as a ready profile in the user settings.
//
//   const demo = await startHostDemoIssuer();
//   startVSCodeServer({ env: { ...demo.env }, extraSettings: demo.settings });
//   await demo.stop();
//
// It runs IN this process (bundled on the fly from demo/issuer/index.ts with esbuild into a
// short-lived out/host/demo-issuer-<pid>.mjs; oidc-provider and jose stay in node_modules), so it
// needs no build step of its own and cannot outlive the harness: no child process to orphan.
import * as esbuild from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The scopes of the ready profile: everything the demo issuer knows for a ZITADEL-shaped token. */
export const DEMO_PROFILE_SCOPES = 'openid profile email offline_access urn:zitadel:iam:user:metadata urn:zitadel:iam:org:projects:roles urn:zitadel:iam:user:resourceowner';
export const DEMO_PROFILE_NAME = 'Demo issuer';

/**
 * @param {{ accessTokenFormat?: 'opaque' | 'jwt' }} [o]
 * @returns {Promise<{
 *   issuer: string, clientId: string, user: { username: string, password: string, sub: string },
 *   env: Record<string, string>, settings: Record<string, unknown>, stop: () => Promise<void>,
 * }>}
 */
export async function startHostDemoIssuer({ accessTokenFormat = 'opaque' } = {}) {
  const outfile = join(repo, 'out', 'host', `demo-issuer-${process.pid}.mjs`);
  mkdirSync(dirname(outfile), { recursive: true });
  await esbuild.build({
    entryPoints: [join(repo, 'demo', 'issuer', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  // oidc-provider warns once, at import, that Node 20 is not its supported runtime (it works; see
  // demo/issuer/README.md). Keep that line out of the harness's and npm start's output.
  const warn = console.warn;
  console.warn = (...args) => { if (!String(args[0]).includes('oidc-provider WARNING: Unsupported runtime')) warn(...args); };
  let mod;
  try {
    mod = await import(pathToFileURL(outfile).href);
  } finally {
    console.warn = warn;
    rmSync(outfile, { force: true });
  }
  const demo = await mod.startDemoIssuer({ port: 0, host: '127.0.0.1', accessTokenFormat });
  return {
    issuer: demo.issuer,
    clientId: demo.clientId,
    user: demo.user,
    /** For the VS Code server (the extension host inherits them). */
    env: {
      TOKEN_INSPECTOR_DEMO_ISSUER: demo.issuer,
      TOKEN_INSPECTOR_DEMO_CLIENT_ID: demo.clientId,
      TOKEN_INSPECTOR_DEMO_USERNAME: demo.user.username,
      TOKEN_INSPECTOR_DEMO_PASSWORD: demo.user.password,
    },
    /** User settings: a ready profile for the demo issuer. */
    settings: {
      'tokenInspector.profiles': [{ name: DEMO_PROFILE_NAME, issuer: demo.issuer, clientId: demo.clientId, scopes: DEMO_PROFILE_SCOPES }],
    },
    stop: () => demo.stop(),
  };
}
