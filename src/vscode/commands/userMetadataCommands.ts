// Other users' metadata through ZITADEL's user service v2, or management v1 on instances without
// it: show (into the tree's Users node), set one or several keys, remove keys, and the ways on
// when a user is not found (another organization for v1, asking the instance about v2 again).
import * as vscode from 'vscode';
import type { Profile } from '../../core/profiles';
import type { ViewNode } from '../../core/view/treeModel';
import type { UserApiVersion } from '../../core/zitadel/api/index';
import { confirm, progressText, showInfo, statusText } from '../ui/notify';
import { pickSignedInProfile } from './pickProfile';
import { askOrganization, offerAfterUnknownUser, userIsUnknown } from './userLookup';
import { apiClient, instanceOf, reportApiFailure, zitadelApi, type MetadataContext } from './zitadelClients';

/** A user (and key) of a tree node, as the commands on it receive it. */
type UserRef = NonNullable<ViewNode['userRef']>;

const SHOW_FIRST = 'Use "Show User Metadata…" first, then set keys from the user in the tree.';

export function registerUserMetadataCommands(ctx: MetadataContext): vscode.Disposable[] {
  const { profiles, sessions, api, userApis, log } = ctx;
  const register = (id: string, handler: (...args: any[]) => unknown) => vscode.commands.registerCommand(`tokenInspector.${id}`, handler);

  /** The user a tree node is about, with its profile; undefined for anything else. */
  function target(node: ViewNode | undefined): { ref: UserRef; profile: Profile } | undefined {
    const ref = node?.userRef;
    const profile = ref && profiles.find(ref.profile);
    return ref && profile ? { ref, profile } : undefined;
  }

  /**
   * Lists a user's metadata into the tree. An empty list is checked with a user lookup, since both
   * APIs list an unknown user (and management v1 a user of another organization) as empty.
   * `replaces`: the node of the same user this one supersedes (another organization tried).
   */
  async function listUser(profile: Profile, userId: string, orgId: string | undefined, replaces?: UserRef): Promise<void> {
    const same = (u: { userId: string; orgId?: string }, ref: { userId: string; orgId?: string }) => u.userId === ref.userId && u.orgId === ref.orgId;
    const others = () => (api.get(profile.name).users ?? []).filter((u) => !same(u, { userId, orgId }) && !(replaces && same(u, replaces)));
    const ref = { profile: profile.name, userId, orgId };
    let userApi: UserApiVersion | undefined;
    let notFound = false;
    try {
      const entries = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: statusText(`Metadata of user ${userId}`) }, async () => {
        const client = await apiClient(ctx, profile, 'users', orgId);
        const listed = await client.listUserMetadata(userId);
        notFound = listed.length === 0 && (await userIsUnknown(client, userId, log));
        userApi = client.userApi;
        return listed;
      });
      api.update(profile.name, { users: [{ userId, orgId, entries, api: userApi, notFound }, ...others()] });
    } catch (e) {
      api.update(profile.name, { users: [{ userId, orgId, error: (e as Error).message, api: userApis.get(instanceOf(profile)) }, ...others()] });
      await reportApiFailure(ctx, e, profile, `Listing the metadata of user ${userId}`, () => enterOrganization(profile, ref));
      return;
    }
    if (!notFound) return;
    const next = await offerAfterUnknownUser(profile.name, userId, orgId, userApi);
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

  /** Writes through the API (logging `done`), then lists the user again so the tree shows what ZITADEL now has. */
  async function write(profile: Profile, ref: UserRef, what: string, done: string, change: (client: Awaited<ReturnType<typeof apiClient>>) => Promise<unknown>): Promise<void> {
    try {
      await change(await apiClient(ctx, profile, 'users', ref.orgId));
      log.info(done);
      api.userMetadataWritten();
      await listUser(profile, ref.userId, ref.orgId);
    } catch (e) {
      await reportApiFailure(ctx, e, profile, what, () => enterOrganization(profile, ref));
    }
  }

  return [
    // Scripted use: a second argument `{ userId, orgId? }` skips the questions.
    register('showUserMetadata', async (arg?: unknown, scripted?: { userId: string; orgId?: string }) => {
      const profile = await pickSignedInProfile(profiles, sessions, arg);
      if (!profile) return;
      if (scripted) return listUser(profile, scripted.userId, scripted.orgId);
      const userId = await vscode.window.showInputBox({ title: 'Show User Metadata (1/2)', prompt: 'The user id', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Enter the user id.') });
      if (!userId) return;
      const orgId = await vscode.window.showInputBox({ title: 'Show User Metadata (2/2)', prompt: 'Organization id (sent as x-zitadel-orgid; leave empty for your own organization)', ignoreFocusOut: true });
      if (orgId === undefined) return;
      await listUser(profile, userId.trim(), orgId.trim() || undefined);
      await vscode.commands.executeCommand('tokenInspector.sessions.focus');
    }),

    register('refreshUserMetadata', async (node?: ViewNode) => {
      const t = target(node);
      if (t) await listUser(t.profile, t.ref.userId, t.ref.orgId);
    }),

    // Scripted use: a second argument `{ key, value }` skips the questions.
    register('setUserMetadata', async (node?: ViewNode, scripted?: { key: string; value: string }) => {
      const t = target(node);
      if (!t) return void showInfo(SHOW_FIRST);
      const { MAX_KEY_CHARACTERS } = await zitadelApi();
      const key = scripted?.key ?? await vscode.window.showInputBox({
        title: statusText(`Set Metadata of ${t.ref.userId} (1/2)`),
        prompt: 'Key',
        value: t.ref.key,
        ignoreFocusOut: true,
        validateInput: (v) => (!v.trim() ? 'Enter a key.' : v.length > MAX_KEY_CHARACTERS ? `Keys have at most ${MAX_KEY_CHARACTERS} characters.` : undefined),
      });
      if (!key) return;
      const value = scripted?.value ?? await vscode.window.showInputBox({ title: statusText(`Set Metadata of ${t.ref.userId} (2/2)`), prompt: 'Value: text, or JSON (it is stored as entered and encoded for you)', ignoreFocusOut: true });
      if (value === undefined) return;
      await write(t.profile, t.ref, `Setting "${key.trim()}" of user ${t.ref.userId}`, `Set metadata key "${key.trim()}" of user ${t.ref.userId}`, (client) => client.setUserMetadata(t.ref.userId, [{ key: key.trim(), value }]));
    }),

    // Several keys at once: a JSON object of key → value (strings stored as text, anything else
    // as JSON). Scripted use: a second argument `{ entries }` skips the question.
    register('setUserMetadataBulk', async (node?: ViewNode, scripted?: { entries: Record<string, unknown> }) => {
      const t = target(node);
      if (!t) return void showInfo(SHOW_FIRST);
      let entries = scripted?.entries;
      if (!entries) {
        const text = await vscode.window.showInputBox({
          title: statusText(`Set Several Keys of ${t.ref.userId}`),
          prompt: 'A JSON object of keys and values, e.g. {"department": "Finance", "limits": {"daily": 10}}',
          ignoreFocusOut: true,
          validateInput: (v) => {
            const problem = jsonObjectProblem(v);
            return problem && progressText(problem);
          },
        });
        if (!text) return;
        entries = JSON.parse(text) as Record<string, unknown>;
      }
      const inputs = Object.entries(entries).map(([key, value]) => (typeof value === 'string' ? { key, value } : { key, json: value }));
      await write(t.profile, t.ref, `Setting ${inputs.length} keys of user ${t.ref.userId}`, `Set ${inputs.length} metadata keys of user ${t.ref.userId}`, (client) => client.setUserMetadata(t.ref.userId, inputs));
    }),

    // On a key: that key; on a user: the keys picked. `{ confirm: false }` (and `keys`) for
    // scripted use skip the questions.
    register('removeUserMetadata', async (node?: ViewNode, options?: { confirm?: boolean; keys?: string[] }) => {
      const t = target(node);
      if (!t) return;
      const { ref, profile } = t;
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
      const removing = keys;
      const what = removing.length === 1 ? `the metadata key "${removing[0]}"` : `${removing.length} metadata keys (${removing.join(', ')})`;
      const confirmed = options?.confirm === false || (await confirm(`Remove ${what} from user ${ref.userId}?`, `This changes the user at ${profile.issuer}. It cannot be undone here.`, 'Remove'));
      if (!confirmed) return;
      const done = `Removed ${removing.length === 1 ? `metadata key "${removing[0]}"` : `${removing.length} metadata keys`} of user ${ref.userId}`;
      await write(profile, ref, `Removing ${what} of user ${ref.userId}`, done, (client) => client.removeUserMetadata(ref.userId, removing));
    }),

    // From a user that was not found (management v1 looks in one organization). Scripted use: a
    // second argument `{ orgId }` skips the question.
    register('enterUserOrganization', async (node?: ViewNode, scripted?: { orgId: string }) => {
      const t = target(node);
      if (t) await enterOrganization(t.profile, t.ref, scripted?.orgId);
    }),

    register('retryUserMetadataWithV2', async (node?: ViewNode) => {
      const t = target(node);
      if (t) await retryWithV2(t.profile, t.ref);
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
