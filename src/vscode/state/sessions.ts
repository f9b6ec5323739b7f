// Signed-in sessions, one per profile: sign-in, refresh (also automatically shortly before the
// access token expires), sign-out, and their storage in SecretStorage only. Each session is kept
// decoded (DecodedSession), decoded once per change: the tree, hover, inspector and
// authentication provider read that. UI-free apart from VS Code's secret storage and events.
import * as vscode from 'vscode';
import type { TokenInspection } from '../../core/inspect';
import type { DeviceAuthorization } from '../../core/oidc/device';
import type { OidcClient } from '../../core/oidc/discovery';
import type { LoopbackSignInOptions } from '../../core/oidc/signIn';
import type { StoredTokenSet } from '../../core/oidc/tokenSet';
import type { Profile } from '../../core/profiles';
import { decodeSession, parseSession, serialiseSession, type DecodedSession, type Session } from '../../core/session';
import { describeThrown, type Log } from '../ui/log';
import { oidcClient } from '../clients';
import { report } from '../ui/report';
import type { ProfileSettings } from './profileSettings';

const KEY_PREFIX = 'tokenInspector.session.';

/** The OIDC client (openid-client and friends), loaded on first use: activation stays light. */
const oidc = oidcClient;
/** Refresh this long before the access token expires. */
const REFRESH_AHEAD_MS = 60_000;

/** Allowed clock difference for exp/nbf/iat checks, from the settings. */
function clockSkewSeconds(): number {
  return vscode.workspace.getConfiguration('tokenInspector').get<number>('clockSkewSeconds', 60);
}

export type BrowserHooks = Pick<LoopbackSignInOptions, 'openBrowser' | 'externalRedirectUri' | 'signal' | 'timeoutMs'>;

/** What signing out did: revoked at the provider, why not, when the tokens expire anyway, the provider session. */
export interface SignOutResult {
  revoked: boolean;
  problem?: string;
  /** Seconds since 1970 when the access token expires (it stays usable until then when revocation failed). */
  accessTokenExpiresAt?: number;
  /** True when the provider session was ended, a message when that failed, undefined when not asked. */
  providerSession?: true | string;
}

export class SessionManager implements vscode.Disposable {
  private readonly cache = new Map<string, DecodedSession | undefined>();
  /** What this window last wrote per profile: its own writes come back as change events. */
  private readonly written = new Map<string, string | undefined>();
  private readonly clients = new Map<string, Promise<OidcClient>>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the profile name whose session changed. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly profiles: ProfileSettings,
    private readonly log: Log,
  ) {
    // Another window signed in, refreshed or out: forget what we had and tell the views.
    this.subscription = secrets.onDidChange(async (e) => {
      if (!e.key.startsWith(KEY_PREFIX)) return;
      const name = e.key.slice(KEY_PREFIX.length);
      if (this.written.has(name) && (await secrets.get(e.key)) === this.written.get(name)) return;
      this.written.delete(name);
      this.cache.delete(name);
      this.changed.fire(name);
    });
  }

  /** The stored session of a profile, read from SecretStorage once. */
  async get(profile: Profile): Promise<Session | undefined> {
    return (await this.decoded(profile))?.session;
  }

  /** The session with its tokens decoded (once per change). */
  async decoded(profile: Profile): Promise<DecodedSession | undefined> {
    if (!this.cache.has(profile.name)) {
      const session = parseSession(await this.secrets.get(KEY_PREFIX + profile.name));
      this.cache.set(profile.name, session && decodeSession(session));
      if (session) this.scheduleRefresh(profile, session);
    }
    return this.cache.get(profile.name);
  }

  /** A decoded ID or access token of any loaded session, for the inspector and copy commands. */
  findInspection(fingerprint: string): TokenInspection | undefined {
    for (const decoded of this.cache.values()) {
      for (const t of [decoded?.id, decoded?.access]) if (t?.fingerprint === fingerprint) return t;
    }
    return undefined;
  }

  /** The decoded session (and its profile's name) whose ID token this is. */
  sessionOfIdToken(fingerprint: string): { profile: string; decoded: DecodedSession } | undefined {
    for (const [profile, decoded] of this.cache) {
      if (decoded?.id?.fingerprint === fingerprint) return { profile, decoded };
    }
    return undefined;
  }

  /**
   * Discovery for a profile, cached (one JWKS cache per client) per auth method and skew setting;
   * a failure is not cached. Credentials come from SecretStorage.
   */
  client(profile: Profile): Promise<OidcClient> {
    const skew = clockSkewSeconds();
    const key = `${profile.issuer}#${profile.clientId}#${profile.authMethod ?? 'auto'}#${skew}`;
    let client = this.clients.get(key);
    if (!client) {
      client = (async () => {
        const { discover, parseClientKey } = await oidc();
        const keyText = await this.profiles.clientKey(profile);
        return discover(profile.issuer, {
          clientId: profile.clientId,
          clientSecret: await this.profiles.clientSecret(profile),
          privateKey: keyText ? await parseClientKey(keyText) : undefined,
          authMethod: profile.authMethod ?? 'auto',
          clockSkewSeconds: skew,
        });
      })();
      client.catch(() => this.clients.delete(key));
      this.clients.set(key, client);
    }
    return client;
  }

  /** Forgets cached discovery (after the credentials changed). */
  forgetClients(): void {
    this.clients.clear();
  }

  async signIn(profile: Profile, hooks: BrowserHooks): Promise<Session> {
    const client = await this.client(profile);
    const { tokens, idTokenChecks } = await (await oidc()).signInWithLoopback({ client, scopes: profile.scopes, port: profile.redirectPort, profileName: profile.name, ...hooks });
    const session = await this.complete(client, { tokens, requestedScopes: profile.scopes, idTokenChecks });
    await this.save(profile, session);
    this.log.info(`Signed in to ${profile.name} (${profile.issuer}); ID token checks ${idTokenChecks?.ok ? 'passed' : 'FAILED'}`);
    return session;
  }

  /** Starts the device flow; `finish` polls until the user is done and stores the session. */
  async startDeviceSignIn(profile: Profile): Promise<{ authorization: DeviceAuthorization; finish(signal: AbortSignal): Promise<Session> }> {
    const client = await this.client(profile);
    const authorization = await (await oidc()).startDeviceAuthorization(client, profile.scopes);
    return {
      authorization,
      finish: async (signal) => {
        const { tokens } = await authorization.poll({ signal });
        const idTokenChecks = tokens.id_token ? await this.check(client, tokens) : undefined;
        const session = await this.complete(client, { tokens, requestedScopes: profile.scopes, idTokenChecks });
        await this.save(profile, session);
        this.log.info(`Signed in to ${profile.name} with a device code`);
        return session;
      },
    };
  }

  async refresh(profile: Profile): Promise<Session> {
    const current = await this.get(profile);
    if (!current) throw new Error(`${profile.name}: not signed in.`);
    const client = await this.client(profile);
    const { tokens } = await (await oidc()).refresh(client, current.tokens, undefined, current.requestedScopes);
    const idTokenChecks = tokens.id_token && tokens.id_token !== current.tokens.id_token ? await this.check(client, tokens) : current.idTokenChecks;
    const session = await this.complete(client, { ...current, tokens, idTokenChecks });
    await this.save(profile, session);
    this.log.info(`Refreshed the tokens of ${profile.name}`);
    return session;
  }

  /**
   * Revokes what the provider lets us revoke, forgets the session, and with `endSession` also ends
   * the user's session at the provider (RP-initiated logout in the browser).
   */
  async signOut(profile: Profile, endSession?: Pick<BrowserHooks, 'openBrowser' | 'signal'>): Promise<SignOutResult> {
    const session = await this.get(profile);
    this.clearTimer(profile.name);
    const result: SignOutResult = { revoked: false, accessTokenExpiresAt: session?.tokens.expires_at };
    let client: OidcClient | undefined;
    if (session) {
      try {
        client = await this.client(profile);
        const { revoke } = await oidc();
        if (session.tokens.refresh_token) result.revoked = await revoke(client, session.tokens.refresh_token, 'refresh_token');
        result.revoked = (await revoke(client, session.tokens.access_token, 'access_token')) || result.revoked;
      } catch (e) {
        result.problem = (e as Error).message;
        this.log.warn(`Revocation at ${profile.issuer} failed: ${result.problem}`);
      }
    }
    this.cache.set(profile.name, undefined);
    this.written.set(profile.name, undefined);
    await this.secrets.delete(KEY_PREFIX + profile.name);
    this.changed.fire(profile.name);
    this.log.info(`Signed out of ${profile.name}${result.revoked ? ' (tokens revoked)' : ''}`);
    if (session && endSession && client) {
      try {
        const ended = await (await oidc()).endProviderSession({ client, idTokenHint: session.tokens.id_token, port: profile.redirectPort, profileName: profile.name, ...endSession });
        result.providerSession = ended ? true : vscode.l10n.t('{0} advertises no end_session_endpoint, so its session cannot be ended from here.', profile.issuer);
      } catch (e) {
        result.providerSession = (e as Error).message;
      }
      this.log.info(`Provider session of ${profile.name}: ${result.providerSession === true ? 'ended' : result.providerSession}`);
    }
    return result;
  }

  private async check(client: OidcClient, tokens: StoredTokenSet) {
    const { checkIdToken, clockAdvice, jwksSourceFor } = await oidc();
    return checkIdToken(tokens.id_token!, { issuer: client.issuer, clientId: client.clientId, jwks: jwksSourceFor(client), accessToken: tokens.access_token, clockSkewSeconds: client.clockSkewSeconds, clockNote: clockAdvice(client) });
  }

  /** Adds userinfo (or why it failed) to a fresh session. */
  private async complete(client: OidcClient, session: Session): Promise<Session> {
    const { userinfo: _old, userinfoError: _oldError, ...rest } = session;
    const sub = session.tokens.id_token ? decodeSession(session).id?.payload.sub : undefined;
    if (typeof sub !== 'string' || !sub) return { ...rest, userinfoError: vscode.l10n.t('No ID token subject to check userinfo against.') };
    try {
      return { ...rest, userinfo: await (await oidc()).fetchUserInfo(client, session.tokens.access_token, sub) };
    } catch (e) {
      this.log.warn(`Userinfo failed: ${describeThrown(e)}`);
      return { ...rest, userinfoError: (e as Error).message };
    }
  }

  private async save(profile: Profile, session: Session): Promise<void> {
    this.cache.set(profile.name, decodeSession(session));
    const text = serialiseSession(session);
    this.written.set(profile.name, text);
    await this.secrets.store(KEY_PREFIX + profile.name, text);
    this.scheduleRefresh(profile, session);
    this.changed.fire(profile.name);
  }

  /** Refreshes shortly before the access token expires, when there is a refresh token. */
  private scheduleRefresh(profile: Profile, session: Session): void {
    this.clearTimer(profile.name);
    if (!session.tokens.refresh_token || session.tokens.expires_at === undefined) return;
    const delay = Math.max(5_000, session.tokens.expires_at * 1000 - REFRESH_AHEAD_MS - Date.now());
    if (delay > 2 ** 31 - 1) return;
    this.timers.set(
      profile.name,
      setTimeout(() => {
        this.refresh(profile).catch((e) =>
          report(e, { what: vscode.l10n.t('Refreshing {0} automatically', profile.name), actions: [{ label: vscode.l10n.t('Sign In Again'), run: () => vscode.commands.executeCommand('tokenInspector.signIn', profile.name) }], log: this.log }),
        );
      }, delay),
    );
  }

  private clearTimer(name: string): void {
    clearTimeout(this.timers.get(name));
    this.timers.delete(name);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.subscription.dispose();
    this.changed.dispose();
  }
}
