// The demo OpenID provider (demo/issuer, oidc-provider on 127.0.0.1) and, beside it, the ZITADEL
// API contract server (test/support/zitadelApi: ZITADEL's metadata REST APIs) next to the VS Code
// host: run-tests.mjs (extension tests) and scripts/start.mjs (`npm start`) start both and hand
// them to the VS Code server as environment variables and as ready profiles in the user settings.
//
//   const demo = await startHostDemoIssuer();
//   startVSCodeServer({ env: { ...demo.env }, extraSettings: demo.settings });
//   await demo.stop();
//
// Both run IN this process (bundled on the fly, together, from demo/issuer/index.ts and
// test/support/zitadelApi/index.ts with esbuild into a short-lived out/host/demo-issuer-<pid>.mjs;
// oidc-provider and jose stay in node_modules), so they need no build step of their own and cannot
// outlive the harness: no child process to orphan.
//
// The issuer hands out JWT access tokens (ZITADEL's "JWT" token type): the contract server only
// accepts those (it verifies them with the issuer's JWKS, like ZITADEL).
import * as esbuild from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** ZITADEL's scope that puts its API project in the access token's audience (the APIs require it). */
export const API_AUDIENCE_SCOPE = 'urn:zitadel:iam:org:project:id:zitadel:aud';
/** The scopes of the ready profile: everything the demo issuer knows for a ZITADEL-shaped token, API audience included. */
export const DEMO_PROFILE_SCOPES = `openid profile email offline_access urn:zitadel:iam:user:metadata ${API_AUDIENCE_SCOPE} urn:zitadel:iam:org:projects:roles urn:zitadel:iam:user:resourceowner`;
export const DEMO_PROFILE_NAME = 'Demo issuer';
/** The same issuer, client and API, but no API audience scope: the APIs answer APP-Zxfako. */
export const DEMO_NO_AUD_PROFILE_SCOPES = DEMO_PROFILE_SCOPES.split(' ').filter((s) => s !== API_AUDIENCE_SCOPE).join(' ');
export const DEMO_NO_AUD_PROFILE_NAME = 'Demo issuer (no API audience)';

/** Another user of the demo org in the contract server, for "Show User Metadata…". */
export const DEMO_OTHER_USER = {
  id: 'other-user-1',
  metadata: { department: 'Finance', 'cost-center': 'CC-4711', locale: 'de-CH' },
};
/** A user of a second org: the management API v1 sees it only with that org's id (x-zitadel-orgid). */
export const DEMO_OTHER_ORG_USER = {
  id: 'other-org-user-1',
  orgId: '190957560872829185',
  metadata: { region: 'eu-central', 'team/lead': 'Ada' },
};

/**
 * @param {{ accessTokenFormat?: 'opaque' | 'jwt' }} [o] 'jwt' (default): the contract server
 *   accepts the sign-in's access token; 'opaque' (ZITADEL's default token type): it refuses it.
 * @returns {Promise<{
 *   issuer: string, clientId: string, user: { username: string, password: string, sub: string },
 *   api: { url: string, orgId: string, otherUserId: string, server: unknown },
 *   env: Record<string, string>, settings: Record<string, unknown>, stop: () => Promise<void>,
 * }>}
 */
export async function startHostDemoIssuer({ accessTokenFormat = 'jwt' } = {}) {
  const outfile = join(repo, 'out', 'host', `demo-issuer-${process.pid}.mjs`);
  mkdirSync(dirname(outfile), { recursive: true });
  // One bundle for both, so they share one copy of demo/issuer/account.ts (DEMO_USER, DEMO_METADATA).
  await esbuild.build({
    stdin: {
      contents: [
        "export { startDemoIssuer } from './demo/issuer/index';",
        "export { startZitadelApi, DEMO_ORG_ID } from './test/support/zitadelApi/index';",
      ].join('\n'),
      resolveDir: repo,
      sourcefile: 'host-demo-stack.ts',
      loader: 'ts',
    },
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
  let api;
  try {
    api = await mod.startZitadelApi({
      issuer: demo.issuer,
      // The demo user (with its DEMO_METADATA) may read and change any user's metadata in its org
      // with the sign-in's access token: "Show/Set/Remove User Metadata…" work without a PAT.
      demoUserPermissions: ['user.read', 'user.write'],
      users: [
        { id: DEMO_OTHER_USER.id, orgId: mod.DEMO_ORG_ID, permissions: [], metadata: { ...DEMO_OTHER_USER.metadata } },
        { id: DEMO_OTHER_ORG_USER.id, orgId: DEMO_OTHER_ORG_USER.orgId, permissions: [], metadata: { ...DEMO_OTHER_ORG_USER.metadata } },
      ],
    });
  } catch (e) {
    await demo.stop().catch(() => {});
    throw e;
  }
  const profile = { issuer: demo.issuer, clientId: demo.clientId, apiBaseUrl: api.url };
  return {
    issuer: demo.issuer,
    clientId: demo.clientId,
    user: demo.user,
    api: { url: api.url, orgId: mod.DEMO_ORG_ID, otherUserId: DEMO_OTHER_USER.id, server: api },
    /** For the VS Code server (the extension host inherits them). */
    env: {
      TOKEN_INSPECTOR_DEMO_ISSUER: demo.issuer,
      TOKEN_INSPECTOR_DEMO_CLIENT_ID: demo.clientId,
      TOKEN_INSPECTOR_DEMO_USERNAME: demo.user.username,
      TOKEN_INSPECTOR_DEMO_PASSWORD: demo.user.password,
      TOKEN_INSPECTOR_DEMO_API: api.url,
      TOKEN_INSPECTOR_DEMO_OTHER_USER: DEMO_OTHER_USER.id,
      TOKEN_INSPECTOR_DEMO_ORG: mod.DEMO_ORG_ID,
      TOKEN_INSPECTOR_DEMO_OTHER_ORG_USER: DEMO_OTHER_ORG_USER.id,
      TOKEN_INSPECTOR_DEMO_OTHER_ORG: DEMO_OTHER_ORG_USER.orgId,
    },
    /** User settings: ready profiles for the demo issuer, with and without the API audience. */
    settings: {
      'tokenInspector.profiles': [
        { name: DEMO_PROFILE_NAME, ...profile, scopes: DEMO_PROFILE_SCOPES },
        { name: DEMO_NO_AUD_PROFILE_NAME, ...profile, scopes: DEMO_NO_AUD_PROFILE_SCOPES },
      ],
    },
    stop: async () => {
      await Promise.allSettled([api.stop(), demo.stop()]);
    },
  };
}
