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

const showFirst = () => vscode.l10n.t('Use "Show User Metadata…" first, then set keys from the user in the tree.');

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
      const entries = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: statusText(vscode.l10n.t('Metadata of user {0}', userId)) }, async () => {
        const client = await apiClient(ctx, profile, 'users', orgId);
        const listed = await client.listUserMetadata(userId);
        notFound = listed.length === 0 && (await userIsUnknown(client, userId, log));
        userApi = client.userApi;
        return listed;
      });
      api.update(profile.name, { users: [{ userId, orgId, entries, api: userApi, notFound }, ...others()] });
    } catch (e) {
      api.update(profile.name, { users: [{ userId, orgId, error: (e as Error).message, api: userApis.get(instanceOf(profile)) }, ...others()] });
      await reportApiFailure(ctx, e, profile, vscode.l10n.t('Listing the metadata of user {0}', userId), () => enterOrganization(profile, ref));
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
      void showInfo(vscode.l10n.t('{0} still has no user service v2 for metadata (its ZITADEL answers "Not Found" there): using the management API v1.', profile.name));
    }
  }

  /** Writes through the API (logging `done`, English), then lists the user again so the tree shows what ZITADEL now has. `what` is localized. */
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
      const userId = await vscode.window.showInputBox({
        title: vscode.l10n.t('Show User Metadata ({0}/{1})', 1, 2),
        prompt: vscode.l10n.t('The user ID'),
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter the user ID.')),
      });
      if (!userId) return;
      const orgId = await vscode.window.showInputBox({
        title: vscode.l10n.t('Show User Metadata ({0}/{1})', 2, 2),
        prompt: vscode.l10n.t('Organization ID (sent as x-zitadel-orgid; leave empty for your own organization)'),
        ignoreFocusOut: true,
      });
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
      if (!t) return void showInfo(showFirst());
      const { MAX_KEY_CHARACTERS } = await zitadelApi();
      const key = scripted?.key ?? await vscode.window.showInputBox({
        title: statusText(vscode.l10n.t('Set Metadata of {0} ({1}/{2})', t.ref.userId, 1, 2)),
        prompt: vscode.l10n.t({ message: 'Key', comment: ['A metadata key'] }),
        value: t.ref.key,
        ignoreFocusOut: true,
        validateInput: (v) => (!v.trim() ? vscode.l10n.t('Enter a key.') : v.length > MAX_KEY_CHARACTERS ? vscode.l10n.t('Keys have at most {0} characters.', MAX_KEY_CHARACTERS) : undefined),
      });
      if (!key) return;
      const value = scripted?.value ?? await vscode.window.showInputBox({
        title: statusText(vscode.l10n.t('Set Metadata of {0} ({1}/{2})', t.ref.userId, 2, 2)),
        prompt: vscode.l10n.t('Value: text, or JSON (it is stored as entered and encoded for you)'),
        ignoreFocusOut: true,
      });
      if (value === undefined) return;
      await write(t.profile, t.ref, vscode.l10n.t('Setting "{0}" of user {1}', key.trim(), t.ref.userId), `Set metadata key "${key.trim()}" of user ${t.ref.userId}`, (client) => client.setUserMetadata(t.ref.userId, [{ key: key.trim(), value }]));
    }),

    // Several keys at once: a JSON object of key → value (strings stored as text, anything else
    // as JSON). Scripted use: a second argument `{ entries }` skips the question.
    register('setUserMetadataBulk', async (node?: ViewNode, scripted?: { entries: Record<string, unknown> }) => {
      const t = target(node);
      if (!t) return void showInfo(showFirst());
      let entries = scripted?.entries;
      if (!entries) {
        const text = await vscode.window.showInputBox({
          title: statusText(vscode.l10n.t('Set Several Keys of {0}', t.ref.userId)),
          prompt: vscode.l10n.t('A JSON object of keys and values, e.g. {0}', '{"department": "Finance", "limits": {"daily": 10}}'),
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
      await write(t.profile, t.ref, vscode.l10n.t('Setting {0} keys of user {1}', inputs.length, t.ref.userId), `Set ${inputs.length} metadata keys of user ${t.ref.userId}`, (client) => client.setUserMetadata(t.ref.userId, inputs));
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
          { title: statusText(vscode.l10n.t('Remove Metadata Keys of {0}', ref.userId)), canPickMany: true, placeHolder: vscode.l10n.t('Keys to remove') },
        );
        keys = picked?.map((p) => p.key);
      }
      if (!keys?.length) return;
      const removing = keys;
      const one = removing.length === 1;
      const question = one
        ? vscode.l10n.t('Remove the metadata key "{0}" from user {1}?', removing[0], ref.userId)
        : vscode.l10n.t('Remove {0} metadata keys ({1}) from user {2}?', removing.length, removing.join(', '), ref.userId);
      const confirmed =
        options?.confirm === false ||
        (await confirm(question, vscode.l10n.t('This changes the user at {0}. It cannot be undone here.', profile.issuer), vscode.l10n.t({ message: 'Remove', comment: ['Button: remove the metadata keys'] })));
      if (!confirmed) return;
      const done = `Removed ${one ? `metadata key "${removing[0]}"` : `${removing.length} metadata keys`} of user ${ref.userId}`;
      const what = one
        ? vscode.l10n.t('Removing the metadata key "{0}" of user {1}', removing[0], ref.userId)
        : vscode.l10n.t('Removing {0} metadata keys ({1}) of user {2}', removing.length, removing.join(', '), ref.userId);
      await write(profile, ref, what, done, (client) => client.removeUserMetadata(ref.userId, removing));
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
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return vscode.l10n.t('Enter a JSON object: {0}', '{"key": "value", …}');
    if (Object.keys(value).length === 0) return vscode.l10n.t('The object has no keys.');
    return undefined;
  } catch (e) {
    return vscode.l10n.t('Not JSON: {0}', (e as Error).message);
  }
}
