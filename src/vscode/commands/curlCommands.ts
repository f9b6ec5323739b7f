// "Copy as curl": the guide's four ways to get a user's metadata as a command for a terminal
// (userinfo; the ID token with jq; the auth API search with the filter in use; another user's
// metadata through the user service v2 or management v1), the token as $ACCESS_TOKEN / $ID_TOKEN.
// Copying with the real token in it asks first.
import * as vscode from 'vscode';
import type { Profile } from '../../core/profiles';
import type { ViewNode } from '../../core/view/treeModel';
import type { ShellCommand, TokenRef, UserMetadataCall } from '../../core/curl/index';
import { curlClient } from '../clients';
import { confirm, flash, showWarning, statusText } from '../ui/notify';
import { report } from '../ui/report';
import { pickSignedInProfile } from './pickProfile';
import { instanceOf, patKey, type MetadataContext } from './zitadelClients';

type Way = 'userinfo' | 'idToken' | 'myMetadata' | 'userMetadata';

/** Scripted use (tests, other extensions): which way, and whether to write the real token in. */
interface CurlOptions {
  way?: Way;
  token?: 'variable' | 'value';
}

/** What each way sends, as code (not translated). */
const REQUEST_SHAPES = { userinfo: 'GET userinfo_endpoint', idToken: 'printf … | jq', myMetadata: 'POST /auth/v1/users/me/metadata/_search' } as const;

export function registerCurlCommands(ctx: MetadataContext): vscode.Disposable[] {
  const { profiles, sessions, api, userApis, log } = ctx;

  async function build(profile: Profile, way: Way, node: ViewNode | undefined, token: TokenRef): Promise<ShellCommand | undefined> {
    const curl = await curlClient();
    switch (way) {
      case 'userinfo': {
        const endpoint = (await sessions.client(profile)).metadata.userinfo_endpoint;
        if (!endpoint) throw new Error(vscode.l10n.t('{0} has no userinfo endpoint in its discovery document.', profile.issuer));
        return curl.userinfoCommand(endpoint, token);
      }
      case 'idToken':
        return curl.idTokenJqCommand(token);
      case 'myMetadata': {
        const shown = api.get(profile.name).myMetadata;
        return curl.myMetadataCommand(instanceOf(profile), shown?.filter ? { key: shown.filter, method: shown.filterMethod } : {}, token);
      }
      case 'userMetadata': {
        const ref = node?.userRef;
        if (!ref) return undefined;
        const call: UserMetadataCall = ref.key !== undefined ? { kind: 'get', key: ref.key } : { kind: 'list' };
        return curl.userMetadataCommand(instanceOf(profile), ref.userId, call, { api: userApis.get(instanceOf(profile)) ?? 'v2', orgId: ref.orgId }, token);
      }
    }
  }

  /** The real token for a way, after the user agreed to have it in the command. */
  async function realToken(profile: Profile, way: Way): Promise<string | undefined> {
    const session = await sessions.get(profile);
    if (way === 'idToken') return session?.tokens.id_token;
    const pat = way === 'userMetadata' ? await ctx.secrets.get(patKey(profile)) : undefined;
    return pat ?? session?.tokens.access_token;
  }

  async function pickWay(node: ViewNode | undefined): Promise<Way | undefined> {
    const items: (vscode.QuickPickItem & { way: Way })[] = [
      { way: 'userinfo', label: vscode.l10n.t('Userinfo'), description: REQUEST_SHAPES.userinfo, detail: vscode.l10n.t('The user\'s claims, metadata included with the metadata scope') },
      { way: 'idToken', label: vscode.l10n.t('ID token with jq'), description: REQUEST_SHAPES.idToken, detail: vscode.l10n.t('The ID token\'s claims, metadata values decoded') },
      { way: 'myMetadata', label: vscode.l10n.t('My metadata (auth API)'), description: REQUEST_SHAPES.myMetadata, detail: vscode.l10n.t('With the key filter of the last listing; needs the ZITADEL API audience') },
    ];
    if (node?.userRef) {
      items.push({
        way: 'userMetadata',
        label: node.userRef.key === undefined ? vscode.l10n.t('Metadata of user {0}', node.userRef.userId) : vscode.l10n.t('Key "{0}" of user {1}', node.userRef.key, node.userRef.userId),
        description: vscode.l10n.t('user service v2 or management v1'),
        detail: vscode.l10n.t('As Token Inspector calls it on this instance'),
      });
    }
    const preferred: Way | undefined = node?.userRef ? 'userMetadata' : node?.contextValue?.includes('myMetadata') ? 'myMetadata' : undefined;
    const ordered = preferred ? [...items.filter((i) => i.way === preferred), ...items.filter((i) => i.way !== preferred)] : items;
    return (await vscode.window.showQuickPick(ordered.map((i) => ({ ...i, label: statusText(i.label) })), { title: vscode.l10n.t('Copy as curl'), placeHolder: vscode.l10n.t('Which request?') }))?.way;
  }

  return [
    vscode.commands.registerCommand('tokenInspector.copyAsCurl', async (node?: ViewNode, scripted?: CurlOptions): Promise<string | undefined> => {
      const profile = await pickSignedInProfile(profiles, sessions, node?.userRef?.profile ?? node?.profile ?? node);
      if (!profile) return undefined;
      const way = scripted?.way ?? (await pickWay(node));
      if (!way) return undefined;
      const variable = way === 'idToken' ? '$ID_TOKEN' : '$ACCESS_TOKEN';
      let tokenMode = scripted?.token;
      if (!tokenMode) {
        const modes = [
          { label: vscode.l10n.t('With {0}', variable), detail: vscode.l10n.t('Set the variable in your shell first; the command holds no secret'), mode: 'variable' as const },
          { label: vscode.l10n.t('With the token itself'), detail: vscode.l10n.t('Ready to run; anyone who sees the command can use the token until it expires'), mode: 'value' as const },
        ];
        tokenMode = (await vscode.window.showQuickPick(modes, { title: vscode.l10n.t('Copy as curl'), placeHolder: vscode.l10n.t('How should the command get the token?') }))?.mode;
        if (!tokenMode) return undefined;
      }
      try {
        let token: TokenRef = { kind: 'variable' };
        if (tokenMode === 'value') {
          const value = await realToken(profile, way);
          if (!value) {
            void showWarning(vscode.l10n.t('{0} has no such token: sign in again.', profile.name));
            return undefined;
          }
          const agreed =
            scripted?.token === 'value' ||
            (await confirm(
              vscode.l10n.t('Copy the command with your token in it?'),
              vscode.l10n.t('Anyone who sees the command (a chat, a ticket, your shell history) can use the token until it expires. With {0} instead, the command holds no secret.', variable),
              vscode.l10n.t('Copy with Token'),
            ));
          if (!agreed) {
            log.info(`Copy as curl: the token was not put in the ${way} command (not agreed)`);
            return undefined;
          }
          token = { kind: 'value', token: value };
        }
        const command = await build(profile, way, node, token);
        if (!command) return undefined;
        await vscode.env.clipboard.writeText(command.text);
        flash('terminal', command.variable ? vscode.l10n.t('Copied the curl command: set {0} first', command.variable) : vscode.l10n.t('Copied the curl command (it holds the token)'), 5000);
        log.info(`Copied a ${way} command for ${profile.name} (${command.variable ? `token as $${command.variable}` : 'with the token'})`);
        return command.text;
      } catch (e) {
        await report(e, { what: vscode.l10n.t('Copying the curl command'), log });
        return undefined;
      }
    }),
  ];
}
