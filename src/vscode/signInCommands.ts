// Commands around issuers and sign-in: add an issuer, sign in (browser or device code),
// refresh, sign out, add the metadata scope. Messages say what went wrong and what to do.
import * as vscode from 'vscode';
import { OidcError } from '../core/oidc/errors';
import type { ClientAuthSetting } from '../core/oidc/clientAuth';
import { issuerProblem, normaliseIssuer, normaliseScopes, SCOPE_PRESETS, type Profile } from '../core/profiles';
import { METADATA_SCOPE } from '../core/session';
import type { ViewNode } from '../core/view/treeModel';
import { describeThrown, type Log } from './log';
import { flash, progressText, showError, showInfo, showWarning, statusText } from './notify';
import type { ProfileSettings } from './profileSettings';
import type { SessionManager } from './sessions';

const USE_FIXED_PORT = 'Use a Fixed Port…';
const USE_DEVICE_CODE = 'Use a Device Code Instead';
const SET_CREDENTIALS = 'Set Client Credentials…';
const OPEN_SETTINGS = 'Open Settings';
/** When to offer the ways out of a browser sign-in that seems stuck. */
const OFFER_AFTER_MS = 30_000;

export interface SignInContext {
  profiles: ProfileSettings;
  sessions: SessionManager;
  log: Log;
}

export function registerSignInCommands(ctx: SignInContext): vscode.Disposable[] {
  const { profiles, sessions, log } = ctx;
  const register = (id: string, handler: (...args: any[]) => unknown) => vscode.commands.registerCommand(`tokenInspector.${id}`, handler);

  /** The profile a command is about: given by name or tree node, else picked. */
  async function profileFrom(arg: unknown, purpose: string): Promise<Profile | undefined> {
    const name = typeof arg === 'string' ? arg : isProfileNode(arg) ? arg.label : undefined;
    const all = profiles.list();
    if (name !== undefined) {
      const found = all.find((p) => p.name === name);
      if (!found) void showError(`Token Inspector: there is no issuer profile named "${name}". Check tokenInspector.profiles in your settings.`);
      return found;
    }
    if (all.length === 0) {
      const choice = await showInfo('No issuer is set up yet.', 'Add Issuer…');
      if (choice) await vscode.commands.executeCommand('tokenInspector.addIssuer');
      return undefined;
    }
    if (all.length === 1) return all[0];
    const picked = await vscode.window.showQuickPick(
      all.map((p) => ({ label: statusText(p.name), description: statusText(p.issuer), detail: statusText(`client ${p.clientId} · ${p.scopes.join(' ')}`, 300), profile: p })),
      { title: `Token Inspector: ${purpose}`, placeHolder: 'Choose an issuer profile' },
    );
    return picked?.profile;
  }

  async function signIn(profile: Profile): Promise<void> {
    const timeoutSeconds = vscode.workspace.getConfiguration('tokenInspector').get<number>('signIn.timeoutSeconds', 300);
    const abort = new AbortController();
    // While the browser sign-in waits: the way out when the provider shows an error page there
    // (typically a redirect URI it refuses because it compares loopback ports).
    let offer: ReturnType<typeof setTimeout> | undefined;
    const offerWayOut = () => {
      offer = setTimeout(() => {
        void showInfo(`Still waiting for the sign-in to ${profile.name}. If the browser shows an error about the redirect URI, the provider compares the loopback port: use a fixed port, or a device code instead.`, USE_FIXED_PORT, USE_DEVICE_CODE)
          .then((choice) => {
            if (!choice || abort.signal.aborted || offer === undefined) return;
            abort.abort();
            void followUp(choice, profile);
          });
      }, OFFER_AFTER_MS);
    };
    try {
      const session = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: progressText(`Signing in to ${profile.name}: finish in your browser…`), cancellable: true },
        (_progress, token) => {
          token.onCancellationRequested(() => abort.abort());
          return sessions.signIn(profile, {
            signal: abort.signal,
            timeoutMs: timeoutSeconds * 1000,
            // As a string: a vscode.Uri would decode the query's percent-escapes on the way.
            openBrowser: async (url) => {
              const opened = await vscode.env.openExternal(url.href as unknown as vscode.Uri);
              if (opened) offerWayOut();
              return opened;
            },
            externalRedirectUri: (local) => reachableRedirectUri(local, log),
          });
        },
      );
      clearTimeout(offer);
      offer = undefined;
      const failed = session.idTokenChecks?.checks.filter((c) => c.status === 'fail') ?? [];
      if (failed.length > 0) {
        void showWarning(`Signed in to ${profile.name}, but the ID token failed ${failed.length} check(s): ${failed.map((c) => `${c.label}: ${c.detail}`).join('; ')}`);
      } else {
        flash('pass', `Signed in to ${profile.name}`, 4000);
      }
      await vscode.commands.executeCommand('tokenInspector.tokens.focus');
    } catch (e) {
      const offered = offer;
      clearTimeout(offer);
      offer = undefined;
      // Cancelled because the user chose a way out above: that follows on its own.
      if (!(offered && abort.signal.aborted && e instanceof OidcError && e.code === 'cancelled')) await reportSignInError(e, profile, log);
    }
  }

  /** "Use a Fixed Port…": pick the port, save it in the profile, say what to register, sign in again. */
  async function useFixedPort(profile: Profile): Promise<void> {
    const suggestion = profile.redirectPort ?? 49152 + Math.floor(Math.random() * 16000);
    const text = await vscode.window.showInputBox({
      title: statusText(`Token Inspector: a fixed redirect port for ${profile.name}`),
      prompt: 'Loopback port for http://127.0.0.1:<port>/callback (1024–65535). Register exactly that redirect URI at the provider.',
      value: String(suggestion),
      ignoreFocusOut: true,
      validateInput: (v) => (/^\d+$/.test(v.trim()) && Number(v) >= 1024 && Number(v) <= 65535 ? undefined : 'A whole number from 1024 to 65535.'),
    });
    if (!text) return;
    const port = Number(text.trim());
    await profiles.save({ ...profile, redirectPort: port });
    const choice = await showInfo(`${profile.name} now signs in through http://127.0.0.1:${port}/callback (setting redirectPort). Register exactly this redirect URI for the app at the provider, then sign in.`, 'Sign In');
    if (choice) await vscode.commands.executeCommand('tokenInspector.signIn', profile.name);
  }

  async function followUp(choice: string, profile: Profile): Promise<void> {
    if (choice === USE_FIXED_PORT) await useFixedPort(profile);
    else if (choice === USE_DEVICE_CODE) await vscode.commands.executeCommand('tokenInspector.signInWithDeviceCode', profile.name);
    else if (choice === 'Try Again') await vscode.commands.executeCommand('tokenInspector.signIn', profile.name);
    else if (choice === SET_CREDENTIALS) await vscode.commands.executeCommand('tokenInspector.setClientCredentials', profile.name);
    else if (choice === OPEN_SETTINGS) await vscode.commands.executeCommand('workbench.action.openSettings', 'tokenInspector.clockSkewSeconds');
  }

  async function reportSignInError(error: unknown, profile: Profile, log: Log): Promise<void> {
    if (!(error instanceof OidcError)) {
      log.error(`Sign-in to ${profile.name} failed unexpectedly: ${describeThrown(error)}`);
      void showError(`Signing in to ${profile.name} failed: ${(error as Error)?.message ?? String(error)}`);
      return;
    }
    log.warn(`Sign-in to ${profile.name} failed (${error.code}): ${error.message}`);
    if (error.code === 'cancelled') return;
    const choice = await showError(`Signing in to ${profile.name} failed: ${error.message}`, ...actionsFor(error.code));
    if (choice) await followUp(choice, profile);
  }

  return [
    register('addIssuer', () => addIssuer(ctx)),

    register('signIn', async (arg?: unknown) => {
      const profile = await profileFrom(arg, 'Sign In');
      if (profile) await signIn(profile);
    }),

    register('signInWithDeviceCode', async (arg?: unknown) => {
      const profile = await profileFrom(arg, 'Sign In with a Device Code');
      if (!profile) return;
      try {
        const { authorization, finish } = await sessions.startDeviceSignIn(profile);
        const target = authorization.verificationUriComplete ?? authorization.verificationUri;
        void showInfo(`Sign in to ${profile.name} at ${authorization.verificationUri} with the code ${authorization.userCode}.`, 'Copy Code and Open Browser')
          .then(async (choice) => {
            if (!choice) return;
            await vscode.env.clipboard.writeText(authorization.userCode);
            await vscode.env.openExternal(target as unknown as vscode.Uri); // a string keeps the query exact
          });
        await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: progressText(`Waiting for the device sign-in to ${profile.name} (code ${authorization.userCode})…`), cancellable: true },
          (_p, token) => {
            const abort = new AbortController();
            token.onCancellationRequested(() => abort.abort());
            return finish(abort.signal);
          },
        );
        flash('pass', `Signed in to ${profile.name}`, 4000);
      } catch (e) {
        await reportSignInError(e, profile, log);
      }
    }),

    register('refreshTokens', async (arg?: unknown) => {
      const profile = await profileFrom(arg, 'Refresh Tokens');
      if (!profile) return;
      try {
        await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: statusText(`Refreshing ${profile.name}`) }, () => sessions.refresh(profile));
        flash('pass', `Refreshed ${profile.name}`, 3000);
      } catch (e) {
        log.warn(`Refreshing ${profile.name} failed: ${describeThrown(e)}`);
        const message = e instanceof Error ? e.message : String(e);
        const choice = await showError(`Refreshing ${profile.name} failed: ${message}`, 'Sign In Again');
        if (choice) await signIn(profile);
      }
    }),

    register('signOut', async (arg?: unknown) => {
      const profile = await profileFrom(arg, 'Sign Out');
      if (!profile) return;
      const endSession = vscode.workspace.getConfiguration('tokenInspector').get<boolean>('signOut.endProviderSession', false);
      const result = await vscode.window.withProgress(
        // Revoking alone is quick (status bar); ending the provider session waits for the browser.
        endSession
          ? { location: vscode.ProgressLocation.Notification, title: progressText(`Signing out of ${profile.name}: finish at the provider in your browser…`), cancellable: true }
          : { location: vscode.ProgressLocation.Window, title: statusText(`Signing out of ${profile.name}`) },
        (_progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return sessions.signOut(profile, endSession ? { signal: abort.signal, openBrowser: async (url) => vscode.env.openExternal(url.href as unknown as vscode.Uri) } : undefined);
        },
      );
      if (result.problem) {
        const until = result.accessTokenExpiresAt ? ` The access token stays valid at the provider until ${new Date(result.accessTokenExpiresAt * 1000).toISOString()} (${relative(result.accessTokenExpiresAt)}); a refresh token until the provider expires it.` : '';
        void showWarning(`Signed out of ${profile.name} here: the tokens were removed from this computer. Revoking them at the provider failed: ${result.problem}${until}`);
      } else {
        flash('sign-out', `Signed out of ${profile.name}${result.revoked ? '; tokens revoked' : ''}`, 4000);
      }
      if (typeof result.providerSession === 'string') void showWarning(`The session at ${profile.issuer} was not ended: ${result.providerSession}`);
    }),

    register('setClientCredentials', async (arg?: unknown) => {
      const profile = await profileFrom(arg, 'Set Client Credentials');
      if (profile) await setClientCredentials(ctx, profile);
    }),

    register('addMetadataScope', async (arg?: unknown) => {
      const profile = await profileFrom(arg, 'Request ZITADEL Metadata');
      if (!profile) return;
      await profiles.save({ ...profile, scopes: normaliseScopes([...profile.scopes, METADATA_SCOPE]) });
      const choice = await showInfo(`Added "${METADATA_SCOPE}" to ${profile.name}. Sign in again to get the metadata.`, 'Sign In');
      if (choice) await vscode.commands.executeCommand('tokenInspector.signIn', profile.name);
    }),
  ];
}

function isProfileNode(arg: unknown): arg is ViewNode {
  return typeof arg === 'object' && arg !== null && (arg as ViewNode).kind === 'profile';
}

/**
 * The redirect URI as the browser can reach it. On a remote host asExternalUri forwards the
 * port (keeping the path, as loopback redirects must); a proxy URL with another path or host
 * would not match what the provider allows, so then the local URI is used as it is.
 */
async function reachableRedirectUri(local: string, log: Log): Promise<string> {
  const external = await vscode.env.asExternalUri(vscode.Uri.parse(local));
  const url = new URL(external.toString(true));
  if (url.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(url.hostname) && url.pathname === '/callback') return url.toString();
  log.info(`The forwarded callback address (${url.origin}${url.pathname}) is not a loopback /callback; using ${local}. If the browser cannot reach it, use "Sign In with a Device Code".`);
  return local;
}

/** What to offer after a failed sign-in, by cause. */
function actionsFor(code: OidcError['code']): string[] {
  switch (code) {
    case 'redirect-uri-refused':
      return [USE_FIXED_PORT, USE_DEVICE_CODE];
    case 'timeout':
      return ['Try Again', USE_DEVICE_CODE, USE_FIXED_PORT];
    case 'client-auth-failed':
    case 'invalid-client-key':
      return [SET_CREDENTIALS, 'Try Again'];
    case 'clock-skew':
      return [OPEN_SETTINGS, 'Try Again'];
    default:
      return ['Try Again'];
  }
}

function relative(epochSeconds: number): string {
  const minutes = Math.round((epochSeconds * 1000 - Date.now()) / 60_000);
  return minutes <= 0 ? 'already expired' : minutes < 120 ? `in ${minutes} min` : `in ${Math.round(minutes / 60)} h`;
}

const METHOD_PICKS: { label: ClientAuthSetting; detail: string }[] = [
  { label: 'auto', detail: 'From the credentials below and the methods the provider lists in its discovery document' },
  { label: 'none', detail: 'Public client (native app, PKCE): no secret, no key. ZITADEL: Native app, auth method PKCE' },
  { label: 'client_secret_basic', detail: 'Client secret in the Authorization header (form-encoded first, RFC 6749 §2.3.1)' },
  { label: 'client_secret_post', detail: 'Client secret in the request body; for providers that do not decode client_secret_basic' },
  { label: 'private_key_jwt', detail: "A signed assertion with your private key: a PEM, or ZITADEL's key JSON file (recommended by ZITADEL for confidential apps)" },
];

/** The method, and the secret or key it needs (into SecretStorage, never settings). */
async function setClientCredentials({ profiles, sessions }: SignInContext, profile: Profile): Promise<void> {
  const title = `Token Inspector: client credentials of ${profile.name}`;
  const current = profile.authMethod ?? 'auto';
  const method = await vscode.window.showQuickPick(
    METHOD_PICKS.map((p) => ({ ...p, description: p.label === current ? 'current' : undefined })),
    { title: statusText(title), placeHolder: 'How the client authenticates at the provider' },
  );
  if (!method) return;
  let secret: string | undefined;
  let key: string | undefined;
  if (method.label === 'client_secret_basic' || method.label === 'client_secret_post' || method.label === 'auto') {
    const entered = await vscode.window.showInputBox({ title: statusText(title), prompt: method.label === 'auto' ? 'Client secret (leave empty for none; for a private key choose private_key_jwt)' : 'Client secret (kept in VS Code\'s secret storage)', password: true, ignoreFocusOut: true });
    if (entered === undefined) return;
    secret = entered.trim() || undefined;
  }
  if (method.label === 'private_key_jwt') {
    const files = await vscode.window.showOpenDialog({ title: statusText(`${title}: private key (PEM or ZITADEL key JSON)`), canSelectMany: false, filters: { 'Key files': ['json', 'pem', 'key'], 'All files': ['*'] } });
    if (!files?.[0]) return;
    key = new TextDecoder().decode(await vscode.workspace.fs.readFile(files[0]));
    try {
      const parsed = await (await import('../core/oidc/index')).parseClientKey(key);
      if (parsed.clientId && parsed.clientId !== profile.clientId) {
        void showError(`This key file belongs to client "${parsed.clientId}", not ${profile.name}'s client "${profile.clientId}". Choose that app's key.`);
        return;
      }
    } catch (e) {
      void showError(`Token Inspector cannot use this key: ${(e as Error).message}`);
      return;
    }
  }
  await profiles.setClientSecret(profile, method.label === 'none' || method.label === 'private_key_jwt' ? undefined : secret);
  await profiles.setClientKey(profile, method.label === 'private_key_jwt' ? key : undefined);
  await profiles.save({ ...profile, authMethod: method.label === 'auto' ? undefined : method.label });
  sessions.forgetClients();
  flash('key', `${profile.name}: client authentication ${method.label}`, 4000);
}

/** The "Add Issuer…" wizard: issuer (discovery checked at once), client id, scopes. */
async function addIssuer({ profiles, sessions }: SignInContext): Promise<void> {
  const title = 'Token Inspector: Add Issuer';
  const issuerInput = await vscode.window.showInputBox({
    title: `${title} (1/3)`,
    prompt: 'The issuer URL of your OpenID provider (for ZITADEL: your instance, e.g. https://my-instance.zitadel.cloud)',
    placeHolder: 'https://my-instance.zitadel.cloud',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? issuerProblem(normaliseIssuer(v)) : undefined),
  });
  if (!issuerInput) return;
  const issuer = normaliseIssuer(issuerInput);
  const clientId = await vscode.window.showInputBox({
    title: `${title} (2/3)`,
    prompt: 'The client ID of a native app with PKCE (auth method none) and redirect URI http://127.0.0.1/callback',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Enter the client ID.'),
  });
  if (!clientId) return;
  const clientSecret = await vscode.window.showInputBox({
    title: `${title} (2/3)`,
    prompt: 'Client secret, only for a confidential app. Leave empty for a native app with PKCE (recommended). It is kept in VS Code\'s secret storage, never in settings.',
    password: true,
    ignoreFocusOut: true,
  });
  if (clientSecret === undefined) return;
  const draft: Profile = { name: new URL(issuer).host, issuer, clientId: clientId.trim(), scopes: ['openid'] };
  // Discovery below authenticates nothing, but the cached client must know whether it is public.
  await profiles.setClientSecret(draft, clientSecret.trim() || undefined);
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: progressText(`Checking ${issuer}…`) }, () => sessions.client(draft));
  } catch (e) {
    void showError(`Token Inspector could not use ${issuer}: ${(e as Error).message}`);
    return;
  }
  const picks = await vscode.window.showQuickPick(
    [
      ...SCOPE_PRESETS.map((p) => ({ label: p.scope, detail: p.detail, picked: p.picked })),
      { label: 'Other scopes…', detail: 'Type more scopes, separated by spaces', picked: false },
    ],
    { title: `${title} (3/3)`, placeHolder: 'Scopes to request', canPickMany: true, ignoreFocusOut: true },
  );
  if (!picks) return;
  let scopes = picks.filter((p) => p.label !== 'Other scopes…').map((p) => p.label);
  if (picks.some((p) => p.label === 'Other scopes…')) {
    const more = await vscode.window.showInputBox({ title, prompt: 'More scopes, separated by spaces', ignoreFocusOut: true });
    if (more) scopes = [...scopes, more];
  }
  const existing = profiles.list().map((p) => p.name);
  let name = draft.name;
  for (let i = 2; existing.includes(name); i++) name = `${draft.name} (${i})`;
  const profile = { ...draft, name, scopes: normaliseScopes(scopes) };
  await profiles.save(profile);
  const choice = await showInfo(`Added ${name}. Sign in now?`, 'Sign In');
  if (choice) await vscode.commands.executeCommand('tokenInspector.signIn', name);
}
