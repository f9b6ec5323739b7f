// Commands around issuers and sign-in: add an issuer, sign in (browser or device code),
// refresh, sign out, add the metadata scope. Messages say what went wrong and what to do.
import * as vscode from 'vscode';
import { OidcError } from '../core/oidc/errors';
import { issuerProblem, normaliseIssuer, normaliseScopes, SCOPE_PRESETS, type Profile } from '../core/profiles';
import { METADATA_SCOPE } from '../core/session';
import type { ViewNode } from '../core/view/treeModel';
import { describeThrown, type Log } from './log';
import { flash, progressText, showError, showInfo, showWarning, statusText } from './notify';
import type { ProfileSettings } from './profileSettings';
import type { SessionManager } from './sessions';

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
    try {
      const session = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: progressText(`Signing in to ${profile.name}: finish in your browser…`), cancellable: true },
        (_progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return sessions.signIn(profile, {
            signal: abort.signal,
            timeoutMs: timeoutSeconds * 1000,
            // As a string: a vscode.Uri would decode the query's percent-escapes on the way.
            openBrowser: async (url) => vscode.env.openExternal(url.href as unknown as vscode.Uri),
            externalRedirectUri: (local) => reachableRedirectUri(local, log),
          });
        },
      );
      const failed = session.idTokenChecks?.checks.filter((c) => c.status === 'fail') ?? [];
      if (failed.length > 0) {
        void showWarning(`Signed in to ${profile.name}, but the ID token failed ${failed.length} check(s): ${failed.map((c) => `${c.label}: ${c.detail}`).join('; ')}`);
      } else {
        flash('pass', `Signed in to ${profile.name}`, 4000);
      }
      await vscode.commands.executeCommand('tokenInspector.tokens.focus');
    } catch (e) {
      await reportSignInError(e, profile, log);
    }
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
      const { revoked, problem } = await sessions.signOut(profile);
      if (problem) void showWarning(`Signed out of ${profile.name} here, but revoking the tokens at the issuer failed: ${problem}`);
      else flash('sign-out', `Signed out of ${profile.name}${revoked ? '; tokens revoked' : ''}`, 4000);
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

async function reportSignInError(error: unknown, profile: Profile, log: Log): Promise<void> {
  if (!(error instanceof OidcError)) {
    log.error(`Sign-in to ${profile.name} failed unexpectedly: ${describeThrown(error)}`);
    void showError(`Signing in to ${profile.name} failed: ${(error as Error)?.message ?? String(error)}`);
    return;
  }
  log.warn(`Sign-in to ${profile.name} failed (${error.code}): ${error.message}`);
  if (error.code === 'cancelled') return;
  const actions = error.code === 'timeout' ? ['Try Again', 'Use a Device Code'] : ['Try Again'];
  const choice = await showError(`Signing in to ${profile.name} failed: ${error.message}`, ...actions);
  if (choice === 'Try Again') await vscode.commands.executeCommand('tokenInspector.signIn', profile.name);
  if (choice === 'Use a Device Code') await vscode.commands.executeCommand('tokenInspector.signInWithDeviceCode', profile.name);
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
