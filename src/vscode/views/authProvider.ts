// Lets other extensions ask for a session: vscode.authentication.getSession('token-inspector',
// ['profile:<name>']) returns the access token of that profile (signing in when asked to
// create one). One provider for all profiles: the profile is named in the scopes.
import * as vscode from 'vscode';
import type { Profile } from '../../core/profiles';
import type { DecodedSession } from '../../core/session';
import type { ProfileSettings } from '../state/profileSettings';
import type { SessionManager } from '../state/sessions';

export const AUTH_PROVIDER_ID = 'token-inspector';
const PROFILE_SCOPE = 'profile:';

export class TokenInspectorAuthProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** The sessions last reported, by profile name: VS Code's account list follows added/removed. */
  private readonly known = new Map<string, vscode.AuthenticationSession>();

  constructor(
    private readonly profiles: ProfileSettings,
    private readonly sessions: SessionManager,
  ) {
    this.subscription = sessions.onDidChange((name) => void this.report(name));
  }

  private async report(name: string): Promise<void> {
    const profile = this.profiles.find(name);
    const decoded = profile && (await this.sessions.decoded(profile));
    const before = this.known.get(name);
    const now = profile && decoded ? toAuthSession(profile, decoded) : undefined;
    if (now) this.known.set(name, now);
    else this.known.delete(name);
    if (before && now) this.changed.fire({ added: [], removed: [], changed: [now] });
    else if (now) this.changed.fire({ added: [now], removed: [], changed: [] });
    else if (before) this.changed.fire({ added: [], removed: [before], changed: [] });
  }

  async getSessions(scopes?: readonly string[]): Promise<vscode.AuthenticationSession[]> {
    const wanted = profileNameIn(scopes);
    const result: vscode.AuthenticationSession[] = [];
    for (const profile of this.profiles.list()) {
      if (wanted !== undefined && profile.name !== wanted) continue;
      const decoded = await this.sessions.decoded(profile);
      if (!decoded) continue;
      const auth = toAuthSession(profile, decoded);
      this.known.set(profile.name, auth);
      result.push(auth);
    }
    return result;
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    const name = profileNameIn(scopes);
    await vscode.commands.executeCommand('tokenInspector.signIn', name);
    const profile = name === undefined ? this.profiles.list()[0] : this.profiles.find(name);
    const decoded = profile && (await this.sessions.decoded(profile));
    if (!profile || !decoded) throw new Error(name ? vscode.l10n.t('Token Inspector: not signed in to {0}.', name) : vscode.l10n.t('Token Inspector: not signed in.'));
    return toAuthSession(profile, decoded);
  }

  async removeSession(sessionId: string): Promise<void> {
    const profile = this.profiles.find(sessionId);
    if (profile) await this.sessions.signOut(profile);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function profileNameIn(scopes: readonly string[] | undefined): string | undefined {
  return scopes?.find((s) => s.startsWith(PROFILE_SCOPE))?.slice(PROFILE_SCOPE.length);
}

function toAuthSession(profile: Profile, { session, id }: DecodedSession): vscode.AuthenticationSession {
  const claims = id?.payload ?? {};
  const label = [claims.preferred_username, claims.email, claims.sub].find((v): v is string => typeof v === 'string') ?? profile.name;
  return {
    id: profile.name,
    accessToken: session.tokens.access_token,
    account: { id: typeof claims.sub === 'string' ? claims.sub : profile.name, label },
    scopes: [`${PROFILE_SCOPE}${profile.name}`, ...(session.tokens.scope?.split(' ') ?? profile.scopes)],
  };
}
