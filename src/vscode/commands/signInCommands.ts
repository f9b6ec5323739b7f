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

  const profileFrom = (arg: unknown, purpose: string) => pickProfile(profiles, arg, purpose);

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
      await vscode.commands.executeCommand('tokenInspector.sessions.focus');
    } catch (e) {
      const offered = offer;
      clearTimeout(offer);
      offer = undefined;
      // Cancelled because the user chose a way out above: that follows on its own.
      if (!(offered && abort.signal.aborted && e instanceof OidcError && e.code === 'cancelled')) await reportSignInError(e, profile);
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

  function reportSignInError(error: unknown, profile: Profile): Promise<void> {
    const labels = error instanceof OidcError ? actionsFor(error.code) : [];
    return report(error, { what: `Signing in to ${profile.name}`, actions: labels.map((label) => ({ label, run: () => followUp(label, profile) })), log });
  }

  return [
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
        await reportSignInError(e, profile);
      }
    }),

    register('refreshTokens', async (arg?: unknown) => {
      const profile = await profileFrom(arg, 'Refresh Tokens');
      if (!profile) return;
      try {
        await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: statusText(`Refreshing ${profile.name}`) }, () => sessions.refresh(profile));
        flash('pass', `Refreshed ${profile.name}`, 3000);
      } catch (e) {
        await report(e, { what: `Refreshing ${profile.name}`, actions: [{ label: 'Sign In Again', run: () => signIn(profile) }], log });
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

    register('addMetadataScope', async (arg?: unknown) => {
      const profile = await profileFrom(arg, 'Request ZITADEL Metadata');
      if (!profile) return;
      await profiles.save({ ...profile, scopes: normaliseScopes([...profile.scopes, METADATA_SCOPE]) });
      const choice = await showInfo(`Added "${METADATA_SCOPE}" to ${profile.name}. Sign in again to get the metadata.`, 'Sign In');
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

