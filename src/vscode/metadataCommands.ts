// ZITADEL metadata commands: the signed-in user's metadata through the auth API, and other
// users' metadata through the user service v2 / management v1. Results are kept in memory for
// the tree; which of the two an instance serves is remembered for this window (userApiChoice.ts).
import * as vscode from 'vscode';
import type { Profile } from '../core/profiles';
import { normaliseScopes } from '../core/profiles';
import type { ViewNode } from '../core/view/treeModel';
import type { UserApiVersion } from '../core/zitadel/api/index';
import type { ProfileApiState } from '../core/view/sessionTree';
import { describeThrown, type Log } from './log';
import { confirm, flash, progressText, showError, showInfo, showWarning, statusText } from './notify';
import type { ProfileSettings } from './profileSettings';
import type { SessionManager } from './sessions';
import { dropPersistedUserApiChoices, UserApiChoice } from './userApiChoice';
import { askOrganization, ENTER_ORGANIZATION, offerAfterUnknownUser, userIsUnknown } from './userLookup';

/** Loaded on first use, like the OIDC client: activation stays light. */
const zitadelApi = () => import('../core/zitadel/api/index');
type ApiClient = InstanceType<Awaited<ReturnType<typeof zitadelApi>>['ZitadelApiClient']>;


export class ZitadelApiState {
  private readonly state = new Map<string, ProfileApiState>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  get(profile: string): ProfileApiState {
    return this.state.get(profile) ?? {};
  }

  update(profile: string, patch: ProfileApiState): void {
    this.state.set(profile, { ...this.get(profile), ...patch });
    this.changed.fire();
  }

  clear(profile: string): void {
    this.state.delete(profile);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export interface MetadataContext {
  profiles: ProfileSettings;
  sessions: SessionManager;
  api: ZitadelApiState;
  secrets: vscode.SecretStorage;
  globalState: vscode.Memento;
  log: Log;
}

interface UserRef {
  profile: string;
  userId: string;
  orgId?: string;
  key?: string;
}

export function registerMetadataCommands(ctx: MetadataContext): vscode.Disposable[] {
  const { profiles, sessions, api, log } = ctx;
  const register = (id: string, handler: (...args: any[]) => unknown) => vscode.commands.registerCommand(`tokenInspector.${id}`, handler);
  const userApis = new UserApiChoice();
  void dropPersistedUserApiChoices(ctx.globalState);
  const instanceOf = (profile: Profile) => profile.apiBaseUrl ?? profile.issuer;

  /** A signed-in profile from a name, a tree node or a pick. */
  async function signedInProfile(arg: unknown): Promise<Profile | undefined> {
    const name = typeof arg === 'string' ? arg : (arg as ViewNode | undefined)?.kind === 'profile' ? (arg as ViewNode).label : (arg as UserRef | undefined)?.profile;
    const candidates = [];
    for (const p of profiles.list()) if ((name === undefined || p.name === name) && (await sessions.get(p))) candidates.push(p);
    if (candidates.length === 0) {
      const choice = await showWarning(name ? `Sign in to ${name} first.` : 'Sign in to a ZITADEL profile first.', 'Sign In');
      if (choice) await vscode.commands.executeCommand('tokenInspector.signIn', name);
      return undefined;
    }
    if (candidates.length === 1) return candidates[0];
    return (await vscode.window.showQuickPick(candidates.map((p) => ({ label: statusText(p.name), description: statusText(p.issuer), profile: p })), { placeHolder: 'Which signed-in profile?' }))?.profile;
  }

  /** A client with the profile's access token, or with its personal access token for other users. */
  async function client(profile: Profile, purpose: 'me' | 'users', orgId?: string): Promise<ApiClient> {
    const pat = purpose === 'users' ? await ctx.secrets.get(patKey(profile)) : undefined;
    const token = pat ?? (await sessions.get(profile))?.tokens.access_token;
    const { ZitadelApiClient } = await zitadelApi();
    const instance = instanceOf(profile);
    return new ZitadelApiClient({
      baseUrl: instance,
      token: token ?? '',
      orgId,
      userApi: userApis.get(instance),
      onUserApiDecided: (version) => {
        userApis.set(instance, version);
        log.info(`${instance} serves other users' metadata through ${version === 'v2' ? 'the user service v2' : 'the management API v1 (no user service v2 there)'}`);
      },
    });
  }

  /** Explains an API failure; the audience error gets its one-click fix. */
  async function report(error: unknown, profile: Profile, what: string, user?: UserRef): Promise<void> {
    const { ZitadelApiError, AUDIENCE_SCOPE } = await zitadelApi();
    if (!(error instanceof ZitadelApiError)) {
      log.error(`${what} failed: ${describeThrown(error)}`);
      void showError(`${what} failed: ${(error as Error)?.message ?? String(error)}`);
      return;
    }
    log.warn(`${what} failed (${error.code}${error.endpoint ? `, ${error.endpoint}` : ''}): ${error.message}${error.body ? `\n${error.body}` : ''}`);
    if (error.code === 'cancelled') return;
    if (error.code === 'invalid-audience') {
      const fix = 'Add Scope and Sign In Again';
      const choice = await showError(`${what} failed: ${error.message}`, fix);
      if (choice === fix) {
        await profiles.save({ ...profile, scopes: normaliseScopes([...profile.scopes, AUDIENCE_SCOPE]) });
        await vscode.commands.executeCommand('tokenInspector.signIn', profile.name);
      }
      return;
    }
    if (error.refreshable) {
      const choice = await showError(`${what} failed: ${error.message}`, 'Refresh Tokens');
      if (choice) await vscode.commands.executeCommand('tokenInspector.refreshTokens', profile.name);
      return;
    }
    // Management v1 looks in one organization: the user may be in another.
    if (error.code === 'not-found' && error.notFound === 'user' && user && userApis.get(instanceOf(profile)) === 'v1') {
      const choice = await showError(`${what} failed: ${error.message}`, ENTER_ORGANIZATION);
      if (choice) await enterOrganization(profile, user);
      return;
    }
    void showError(`${what} failed: ${error.message}`);
  }

  /**
   * Lists a user's metadata into the tree. An empty list is checked with a user lookup, since both
   * APIs list an unknown user (and management v1 a user of another organization) as empty.
   * `replaces`: the node of the same user this one supersedes (another organization tried).
   */
  async function listUser(profile: Profile, userId: string, orgId: string | undefined, replaces?: UserRef): Promise<void> {
    const same = (u: { userId: string; orgId?: string }, ref: { userId: string; orgId?: string }) => u.userId === ref.userId && u.orgId === ref.orgId;
    const others = () => (api.get(profile.name).users ?? []).filter((u) => !same(u, { userId, orgId }) && !(replaces && same(u, replaces)));
    let userApi: UserApiVersion | undefined;
    let notFound = false;
    try {
      const entries = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: statusText(`Metadata of user ${userId}`) }, async () => {
        const c = await client(profile, 'users', orgId);
        const listed = await c.listUserMetadata(userId);
        notFound = listed.length === 0 && (await userIsUnknown(c, userId, log));
        userApi = c.userApi;
        return listed;
      });
      api.update(profile.name, { users: [{ userId, orgId, entries, api: userApi, notFound }, ...others()] });
    } catch (e) {
      api.update(profile.name, { users: [{ userId, orgId, error: (e as Error).message, api: userApis.get(instanceOf(profile)) }, ...others()] });
      await report(e, profile, `Listing the metadata of user ${userId}`, { profile: profile.name, userId, orgId });
      return;
    }
    if (!notFound) return;
    const next = await offerAfterUnknownUser(profile.name, userId, orgId, userApi);
    const ref = { profile: profile.name, userId, orgId };
    if (next === 'enter-org') await enterOrganization(profile, ref);
    else if (next === 'retry-v2') await retryWithV2(profile, ref);
    else if (next === 'enter-user') await vscode.commands.executeCommand('tokenInspector.showUserMetadata', profile.name);
  }

  /** Asks for the user's organization and lists the user there instead. */
  async function enterOrganization(profile: Profile, ref: UserRef, scripted?: string): Promise<void> {
    const orgId = scripted ?? (await askOrganization(ref.userId, ref.orgId));
    if (!orgId?.trim()) return;
    await listUser(profile, ref.userId, orgId.trim(), ref);
  }

  /** Asks the instance again whether it serves the user service v2, and lists the user through it if so. */
  async function retryWithV2(profile: Profile, ref: UserRef): Promise<void> {
    const instance = instanceOf(profile);
    userApis.forget(instance);
    log.info(`Asking ${instance} again whether it serves the user service v2`);
    await listUser(profile, ref.userId, ref.orgId, ref);
    if (userApis.get(instance) === 'v1') {
      void showInfo(`${profile.name} still has no user service v2 for metadata (its ZITADEL answers "Not Found" there): using the management API v1.`);
    }
  }

  return [
    // Scripted use: a second argument `{ key?, method? }` skips the questions.
    register('listMyMetadata', async (arg?: unknown, scripted?: { key?: string; method?: string }) => {
      const profile = await signedInProfile(arg);
      if (!profile) return;
      const { TEXT_QUERY_METHODS } = await zitadelApi();
      const key = scripted ? (scripted.key ?? '') : await vscode.window.showInputBox({ title: 'List My Metadata', prompt: 'Key filter (leave empty for every key)', ignoreFocusOut: true });
      if (key === undefined) return;
      let method = TEXT_QUERY_METHODS.find((m) => m === scripted?.method);
      if (key && !scripted) {
        const picked = await vscode.window.showQuickPick(
          TEXT_QUERY_METHODS.map((m) => ({ label: m.replace('TEXT_QUERY_METHOD_', '').toLowerCase().replace(/_/g, ' '), description: m, method: m })),
          { title: 'List My Metadata', placeHolder: `How "${key}" is matched` },
        );
        if (!picked) return;
        method = picked.method;
      }
      try {
        const entries = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: progressText(`Listing your metadata at ${profile.name}…`), cancellable: true },
          async (progress, token) => {
            const abort = new AbortController();
            token.onCancellationRequested(() => abort.abort());
            return (await client(profile, 'me')).listMyMetadata({
              key: key || undefined,
              method,
              signal: abort.signal,
              // The tree shows the first rows while the remaining pages load.
              onPage: (page, soFar, total) => {
                progress.report({ message: `${soFar} of ${total}` });
                const shown = api.get(profile.name).myMetadata?.entries;
                api.update(profile.name, { myMetadata: { entries: soFar === page.length ? page : [...(shown ?? []), ...page], filter: key || undefined } });
              },
            });
          },
        );
        api.update(profile.name, { myMetadata: { entries, filter: key || undefined } });
        await vscode.commands.executeCommand('tokenInspector.tokens.focus');
      } catch (e) {
        api.update(profile.name, { myMetadata: { error: (e as Error).message } });
        await report(e, profile, 'Listing your metadata');
      }
    }),

    register('getMyMetadataKey', async (arg?: unknown) => {
      const profile = await signedInProfile(arg);
      if (!profile) return;
      const key = await vscode.window.showInputBox({ title: 'Get My Metadata Key', prompt: 'The metadata key', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Enter a key.') });
      if (!key) return;
      try {
        const entry = await (await client(profile, 'me')).getMyMetadata(key.trim());
        const current = api.get(profile.name).myMetadata?.entries ?? [];
        api.update(profile.name, { myMetadata: { entries: [...current.filter((e) => e.key !== entry.key), entry] } });
        void showInfo(`${entry.key} = ${entry.value}`);
      } catch (e) {
        await report(e, profile, `Getting your metadata key "${key}"`);
      }
    }),

    // Scripted use: a second argument `{ userId, orgId? }` skips the questions.
    register('showUserMetadata', async (arg?: unknown, scripted?: { userId: string; orgId?: string }) => {
      const profile = await signedInProfile(arg);
      if (!profile) return;
      if (scripted) return listUser(profile, scripted.userId, scripted.orgId);
      const userId = await vscode.window.showInputBox({ title: 'Show User Metadata (1/2)', prompt: 'The user id', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Enter the user id.') });
      if (!userId) return;
      const orgId = await vscode.window.showInputBox({ title: 'Show User Metadata (2/2)', prompt: 'Organization id (sent as x-zitadel-orgid; leave empty for your own organization)', ignoreFocusOut: true });
      if (orgId === undefined) return;
      await listUser(profile, userId.trim(), orgId.trim() || undefined);
      await vscode.commands.executeCommand('tokenInspector.tokens.focus');
    }),

    register('refreshUserMetadata', async (node?: ViewNode) => {
      const ref = node?.userRef;
      const profile = ref && profiles.find(ref.profile);
      if (ref && profile) await listUser(profile, ref.userId, ref.orgId);
    }),

    // Scripted use: a second argument `{ key, value }` skips the questions.
    register('setUserMetadata', async (node?: ViewNode, scripted?: { key: string; value: string }) => {
      const ref = node?.userRef;
      const profile = ref && profiles.find(ref.profile);
      if (!ref || !profile) return void showInfo('Use "Show User Metadata…" first, then set keys from the user in the tree.');
      const { MAX_KEY_CHARACTERS } = await zitadelApi();
      const key = scripted?.key ?? await vscode.window.showInputBox({
        title: statusText(`Set Metadata of ${ref.userId} (1/2)`),
        prompt: 'Key',
        value: ref.key,
        ignoreFocusOut: true,
        validateInput: (v) => (!v.trim() ? 'Enter a key.' : v.length > MAX_KEY_CHARACTERS ? `Keys have at most ${MAX_KEY_CHARACTERS} characters.` : undefined),
      });
      if (!key) return;
      const value = scripted?.value ?? await vscode.window.showInputBox({ title: statusText(`Set Metadata of ${ref.userId} (2/2)`), prompt: 'Value: text, or JSON (it is stored as entered and encoded for you)', ignoreFocusOut: true });
      if (value === undefined) return;
      try {
        await (await client(profile, 'users', ref.orgId)).setUserMetadata(ref.userId, [{ key: key.trim(), value }]);
        log.info(`Set metadata key "${key.trim()}" of user ${ref.userId}`);
        await listUser(profile, ref.userId, ref.orgId);
      } catch (e) {
        await report(e, profile, `Setting "${key}" of user ${ref.userId}`, ref);
      }
    }),

    // Several keys at once: a JSON object of key → value (strings stored as text, anything else
    // as JSON). Scripted use: a second argument `{ entries }` skips the question.
    register('setUserMetadataBulk', async (node?: ViewNode, scripted?: { entries: Record<string, unknown> }) => {
      const ref = node?.userRef;
      const profile = ref && profiles.find(ref.profile);
      if (!ref || !profile) return void showInfo('Use "Show User Metadata…" first, then set keys from the user in the tree.');
      let entries = scripted?.entries;
      if (!entries) {
        const text = await vscode.window.showInputBox({
          title: statusText(`Set Several Keys of ${ref.userId}`),
          prompt: 'A JSON object of keys and values, e.g. {"department": "Finance", "limits": {"daily": 10}}',
          ignoreFocusOut: true,
          validateInput: (v) => { const problem = jsonObjectProblem(v); return problem && progressText(problem); },
        });
        if (!text) return;
        entries = JSON.parse(text) as Record<string, unknown>;
      }
      const inputs = Object.entries(entries).map(([key, value]) => (typeof value === 'string' ? { key, value } : { key, json: value }));
      try {
        await (await client(profile, 'users', ref.orgId)).setUserMetadata(ref.userId, inputs);
        log.info(`Set ${inputs.length} metadata keys of user ${ref.userId}`);
        await listUser(profile, ref.userId, ref.orgId);
      } catch (e) {
        await report(e, profile, `Setting ${inputs.length} keys of user ${ref.userId}`, ref);
      }
    }),

    // On a key: that key; on a user: the keys picked. `{ confirm: false }` (and `keys`) for
    // scripted use skip the questions.
    register('removeUserMetadata', async (node?: ViewNode, options?: { confirm?: boolean; keys?: string[] }) => {
      const ref = node?.userRef;
      const profile = ref && profiles.find(ref.profile);
      if (!ref || !profile) return;
      let keys = ref.key ? [ref.key] : options?.keys;
      if (!keys) {
        const known = api.get(profile.name).users?.find((u) => u.userId === ref.userId && u.orgId === ref.orgId)?.entries ?? [];
        const picked = await vscode.window.showQuickPick(
          known.map((e) => ({ label: statusText(e.key), description: statusText(e.value), key: e.key })),
          { title: statusText(`Remove Metadata Keys of ${ref.userId}`), canPickMany: true, placeHolder: 'Keys to remove' },
        );
        keys = picked?.map((p) => p.key);
      }
      if (!keys?.length) return;
      const what = keys.length === 1 ? `the metadata key "${keys[0]}"` : `${keys.length} metadata keys (${keys.join(', ')})`;
      const confirmed = options?.confirm === false || (await confirm(`Remove ${what} from user ${ref.userId}?`, `This changes the user at ${profile.issuer}. It cannot be undone here.`, 'Remove'));
      if (!confirmed) return;
      try {
        await (await client(profile, 'users', ref.orgId)).removeUserMetadata(ref.userId, keys);
        log.info(`Removed ${keys.length === 1 ? `metadata key "${keys[0]}"` : `${keys.length} metadata keys`} of user ${ref.userId}`);
        await listUser(profile, ref.userId, ref.orgId);
      } catch (e) {
        await report(e, profile, `Removing ${what} of user ${ref.userId}`, ref);
      }
    }),

    // From a user that was not found (management v1 looks in one organization). Scripted use: a
    // second argument `{ orgId }` skips the question.
    register('enterUserOrganization', async (node?: ViewNode, scripted?: { orgId: string }) => {
      const ref = node?.userRef;
      const profile = ref && profiles.find(ref.profile);
      if (ref && profile) await enterOrganization(profile, ref, scripted?.orgId);
    }),

    register('retryUserMetadataWithV2', async (node?: ViewNode) => {
      const ref = node?.userRef;
      const profile = ref && profiles.find(ref.profile);
      if (ref && profile) await retryWithV2(profile, ref);
    }),

    register('setPersonalAccessToken', async (arg?: unknown) => {
      const profile = await signedInProfile(arg);
      if (!profile) return;
      const pat = await vscode.window.showInputBox({
        title: `Personal Access Token for ${profile.name}`,
        prompt: "Used for other users' metadata instead of your sign-in token. Kept in VS Code's secret storage. Leave empty to remove it.",
        password: true,
        ignoreFocusOut: true,
      });
      if (pat === undefined) return;
      if (pat.trim()) await ctx.secrets.store(patKey(profile), pat.trim());
      else await ctx.secrets.delete(patKey(profile));
      flash('key', pat.trim() ? `Personal access token saved for ${profile.name}` : `Personal access token removed for ${profile.name}`, 3000);
    }),
  ];
}

/** Why text is not a JSON object of metadata, for the input box; `undefined` when it is. */
function jsonObjectProblem(text: string): string | undefined {
  if (!text.trim()) return undefined;
  try {
    const value = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'Enter a JSON object: {"key": "value", …}';
    if (Object.keys(value).length === 0) return 'The object has no keys.';
    return undefined;
  } catch (e) {
    return `Not JSON: ${(e as Error).message}`;
  }
}

function patKey(profile: Profile): string {
  return `tokenInspector.pat.${profile.issuer}`;
}
