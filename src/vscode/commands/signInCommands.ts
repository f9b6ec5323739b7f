// Sign-in commands: sign in (browser or device code), refresh, sign out, add the metadata scope.
// Failures go to the one reporter with the way out that fits the cause.
import * as vscode from 'vscode';
import { OidcError } from '../../core/oidc/errors';
import { normaliseScopes, type Profile } from '../../core/profiles';
import { METADATA_SCOPE } from '../../core/zitadel/scopes';
import type { ProfileSettings } from '../state/profileSettings';
import type { SessionManager } from '../state/sessions';
import type { Log } from '../ui/log';
import { flash, progressText, showInfo, showWarning, statusText } from '../ui/notify';
import { report } from '../ui/report';
import { pickProfile } from './pickProfile';

/** The ways on after a failed or stuck sign-in; their button labels are localized when shown. */
type FollowUp = 'fixed-port' | 'device-code' | 'try-again' | 'credentials' | 'settings';

function followUpLabel(id: FollowUp): string {
  switch (id) {
    case 'fixed-port':
      return vscode.l10n.t('Use a Fixed Port…');
    case 'device-code':
      return vscode.l10n.t('Use a Device Code Instead');
    case 'try-again':
      return vscode.l10n.t('Try Again');
    case 'credentials':
      return vscode.l10n.t('Set Client Credentials…');
    case 'settings':
      return vscode.l10n.t('Open Settings');
  }
}

/** Shows `show` with buttons for `ids`; resolves with the id chosen. */
async function offerFollowUps(show: (...labels: string[]) => Promise<string | undefined>, ids: FollowUp[]): Promise<FollowUp | undefined> {
  const labels = ids.map(followUpLabel);
  const choice = await show(...labels);
  return choice === undefined ? undefined : ids[labels.indexOf(choice)];
}
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

  /** `purpose`: the command's localized title, for the picker. */
  const profileFrom = (arg: unknown, purpose: string) => pickProfile(profiles, arg, purpose);

  async function signIn(profile: Profile): Promise<void> {
    const timeoutSeconds = vscode.workspace.getConfiguration('tokenInspector').get<number>('signIn.timeoutSeconds', 300);
    const abort = new AbortController();
    // While the browser sign-in waits: the way out when the provider shows an error page there
    // (typically a redirect URI it refuses because it compares loopback ports).
    let offer: ReturnType<typeof setTimeout> | undefined;
    const offerWayOut = () => {
      offer = setTimeout(() => {
        const message = vscode.l10n.t('Still waiting for the sign-in to {0}. If the browser shows an error about the redirect URI, the provider compares the loopback port: use a fixed port, or a device code instead.', profile.name);
        void offerFollowUps((...labels) => showInfo(message, ...labels), ['fixed-port', 'device-code'])
          .then((choice) => {
            if (!choice || abort.signal.aborted || offer === undefined) return;
            abort.abort();
            void followUp(choice, profile);
          });
      }, OFFER_AFTER_MS);
    };
    try {
      const session = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: progressText(vscode.l10n.t('Signing in to {0}: finish in your browser…', profile.name)), cancellable: true },
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
        const which = failed.map((c) => vscode.l10n.t({ message: '{0}: {1}', args: [c.label, c.detail], comment: ['A failed check: its name, then why'] })).join('; ');
        void showWarning(
          failed.length === 1
            ? vscode.l10n.t('Signed in to {0}, but the ID token failed a check: {1}', profile.name, which)
            : vscode.l10n.t('Signed in to {0}, but the ID token failed {1} checks: {2}', profile.name, failed.length, which),
        );
      } else {
        flash('pass', vscode.l10n.t('Signed in to {0}', profile.name), 4000);
      }
      await vscode.commands.executeCommand('tokenInspector.sessions.focus');
    } catch (e) {
      const offered = offer;
      clearTimeout(offer);
      offer = undefined;
      // Canceled because the user chose a way out above: that follows on its own.
      if (!(offered && abort.signal.aborted && e instanceof OidcError && e.code === 'cancelled')) await reportSignInError(e, profile);
    }
  }

  /** "Use a Fixed Port…": pick the port, save it in the profile, say what to register, sign in again. */
  async function useFixedPort(profile: Profile): Promise<void> {
    const suggestion = profile.redirectPort ?? 49152 + Math.floor(Math.random() * 16000);
    const text = await vscode.window.showInputBox({
      title: statusText(vscode.l10n.t('Token Inspector: a fixed redirect port for {0}', profile.name)),
      prompt: vscode.l10n.t('Loopback port for http://127.0.0.1:<port>/callback (1024–65535). Register exactly that redirect URI at the provider.'),
      value: String(suggestion),
      ignoreFocusOut: true,
      validateInput: (v) => (/^\d+$/.test(v.trim()) && Number(v) >= 1024 && Number(v) <= 65535 ? undefined : vscode.l10n.t('A whole number from 1024 to 65535.')),
    });
    if (!text) return;
    const port = Number(text.trim());
    await profiles.save({ ...profile, redirectPort: port });
    const choice = await showInfo(vscode.l10n.t('{0} now signs in through {1} (setting redirectPort). Register exactly this redirect URI for the app at the provider, then sign in.', profile.name, `http://127.0.0.1:${port}/callback`), vscode.l10n.t('Sign In'));
    if (choice) await vscode.commands.executeCommand('tokenInspector.signIn', profile.name);
  }

  async function followUp(choice: FollowUp, profile: Profile): Promise<void> {
    if (choice === 'fixed-port') await useFixedPort(profile);
    else if (choice === 'device-code') await vscode.commands.executeCommand('tokenInspector.signInWithDeviceCode', profile.name);
    else if (choice === 'try-again') await vscode.commands.executeCommand('tokenInspector.signIn', profile.name);
    else if (choice === 'credentials') await vscode.commands.executeCommand('tokenInspector.setClientCredentials', profile.name);
    else if (choice === 'settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'tokenInspector.clockSkewSeconds');
  }

  function reportSignInError(error: unknown, profile: Profile): Promise<void> {
    const ids = error instanceof OidcError ? actionsFor(error.code) : [];
    return report(error, { what: vscode.l10n.t('Signing in to {0}', profile.name), actions: ids.map((id) => ({ label: followUpLabel(id), run: () => followUp(id, profile) })), log });
  }

  return [
    register('signIn', async (arg?: unknown) => {
      const profile = await profileFrom(arg, vscode.l10n.t('Sign In'));
      if (profile) await signIn(profile);
    }),

    register('signInWithDeviceCode', async (arg?: unknown) => {
      const profile = await profileFrom(arg, vscode.l10n.t('Sign In with a Device Code'));
      if (!profile) return;
      try {
        const { authorization, finish } = await sessions.startDeviceSignIn(profile);
        const target = authorization.verificationUriComplete ?? authorization.verificationUri;
        void showInfo(vscode.l10n.t('Sign in to {0} at {1} with the code {2}.', profile.name, authorization.verificationUri, authorization.userCode), vscode.l10n.t('Copy Code and Open Browser'))
          .then(async (choice) => {
            if (!choice) return;
            await vscode.env.clipboard.writeText(authorization.userCode);
            await vscode.env.openExternal(target as unknown as vscode.Uri); // a string keeps the query exact
          });
        await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: progressText(vscode.l10n.t('Waiting for the device sign-in to {0} (code {1})…', profile.name, authorization.userCode)), cancellable: true },
          (_p, token) => {
            const abort = new AbortController();
            token.onCancellationRequested(() => abort.abort());
            return finish(abort.signal);
          },
        );
        flash('pass', vscode.l10n.t('Signed in to {0}', profile.name), 4000);
      } catch (e) {
        await reportSignInError(e, profile);
      }
    }),

    register('refreshTokens', async (arg?: unknown) => {
      const profile = await profileFrom(arg, vscode.l10n.t('Refresh Tokens'));
      if (!profile) return;
      try {
        await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: statusText(vscode.l10n.t('Refreshing {0}', profile.name)) }, () => sessions.refresh(profile));
        flash('pass', vscode.l10n.t('Refreshed {0}', profile.name), 3000);
      } catch (e) {
        await report(e, { what: vscode.l10n.t('Refreshing {0}', profile.name), actions: [{ label: vscode.l10n.t('Sign In Again'), run: () => signIn(profile) }], log });
      }
    }),

    register('signOut', async (arg?: unknown) => {
      const profile = await profileFrom(arg, vscode.l10n.t('Sign Out'));
      if (!profile) return;
      const endSession = vscode.workspace.getConfiguration('tokenInspector').get<boolean>('signOut.endProviderSession', false);
      const result = await vscode.window.withProgress(
        // Revoking alone is quick (status bar); ending the provider session waits for the browser.
        endSession
          ? { location: vscode.ProgressLocation.Notification, title: progressText(vscode.l10n.t('Signing out of {0}: finish at the provider in your browser…', profile.name)), cancellable: true }
          : { location: vscode.ProgressLocation.Window, title: statusText(vscode.l10n.t('Signing out of {0}', profile.name)) },
        (_progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return sessions.signOut(profile, endSession ? { signal: abort.signal, openBrowser: async (url) => vscode.env.openExternal(url.href as unknown as vscode.Uri) } : undefined);
        },
      );
      if (result.problem) {
        const signedOut = vscode.l10n.t('Signed out of {0} here: the tokens were removed from this computer. Revoking them at the provider failed: {1}', profile.name, result.problem);
        const until = result.accessTokenExpiresAt
          ? vscode.l10n.t('The access token stays valid at the provider until {0} ({1}); a refresh token until the provider expires it.', new Date(result.accessTokenExpiresAt * 1000).toISOString(), relative(result.accessTokenExpiresAt))
          : undefined;
        void showWarning(until ? `${signedOut} ${until}` : signedOut);
      } else {
        flash('sign-out', result.revoked ? vscode.l10n.t('Signed out of {0}; tokens revoked', profile.name) : vscode.l10n.t('Signed out of {0}', profile.name), 4000);
      }
      if (typeof result.providerSession === 'string') void showWarning(vscode.l10n.t('The session at {0} was not ended: {1}', profile.issuer, result.providerSession));
    }),

    register('addMetadataScope', async (arg?: unknown) => {
      const profile = await profileFrom(arg, vscode.l10n.t('Request ZITADEL Metadata'));
      if (!profile) return;
      await profiles.save({ ...profile, scopes: normaliseScopes([...profile.scopes, METADATA_SCOPE]) });
      const choice = await showInfo(vscode.l10n.t('Added "{0}" to {1}. Sign in again to get the metadata.', METADATA_SCOPE, profile.name), vscode.l10n.t('Sign In'));
      if (choice) await vscode.commands.executeCommand('tokenInspector.signIn', profile.name);
    }),
  ];
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
function actionsFor(code: OidcError['code']): FollowUp[] {
  switch (code) {
    case 'redirect-uri-refused':
      return ['fixed-port', 'device-code'];
    case 'timeout':
      return ['try-again', 'device-code', 'fixed-port'];
    case 'client-auth-failed':
    case 'invalid-client-key':
      return ['credentials', 'try-again'];
    case 'clock-skew':
      return ['settings', 'try-again'];
    default:
      return ['try-again'];
  }
}

function relative(epochSeconds: number): string {
  const minutes = Math.round((epochSeconds * 1000 - Date.now()) / 60_000);
  return minutes <= 0 ? vscode.l10n.t('already expired') : minutes < 120 ? vscode.l10n.t('in {0} min', minutes) : vscode.l10n.t('in {0} h', Math.round(minutes / 60));
}

