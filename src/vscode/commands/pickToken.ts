// Which token a command is about: the one of a tree node (decoded, or a signed-in session's ID or
// access token), else picked from every token the user has.
import * as vscode from 'vscode';
import type { TokenInspection } from '../../core/inspect';
import { tokenLabel, type ViewNode } from '../../core/view/treeModel';
import type { TokenSources } from '../state/tokenSources';
import { showInfo, statusText } from '../ui/notify';

export interface TokenChoice {
  inspection: TokenInspection;
  /** How the tree names it: "Demo issuer · ID token", or the subject of a decoded token. */
  label: string;
  /** When it was decoded (decoded tokens). */
  addedAt?: number;
}

/** The token of a tree node, decoded or a session's. */
export async function tokenOfNode(sources: TokenSources, node: ViewNode): Promise<TokenChoice | undefined> {
  return (await everyToken(sources)).find((t) => t.inspection.fingerprint === node.fingerprint);
}

/** The decoded tokens (latest first), then each signed-in profile's ID and access token. */
export async function everyToken({ store, sessions, profiles }: TokenSources): Promise<TokenChoice[]> {
  const decoded: TokenChoice[] = (await store.list()).map((e) => ({ inspection: e.inspection, label: tokenLabel(e.inspection), addedAt: e.addedAt }));
  const signedIn: TokenChoice[] = [];
  for (const profile of profiles.list()) {
    const session = await sessions.decoded(profile);
    if (session?.id) signedIn.push({ inspection: session.id, label: vscode.l10n.t('{0} · ID token', profile.name) });
    if (session?.access) signedIn.push({ inspection: session.access, label: vscode.l10n.t('{0} · access token', profile.name) });
  }
  return [...decoded, ...signedIn];
}

/** The node's token, else one the user picks; undefined (after saying why) when there is none. */
export async function pickToken(sources: TokenSources, node: ViewNode | undefined, title: string, placeHolder = vscode.l10n.t('Choose a token'), exclude?: string): Promise<TokenChoice | undefined> {
  if (node?.fingerprint) return tokenOfNode(sources, node);
  const tokens = (await everyToken(sources)).filter((t) => t.inspection.fingerprint !== exclude);
  if (tokens.length === 0) return noToken(exclude !== undefined);
  const picked = await vscode.window.showQuickPick(tokens.map(pickItem), { title, placeHolder });
  return picked?.token;
}

/**
 * Two different tokens picked in two steps of one quick pick. It stays open between the steps:
 * two quick picks in a row let focus return to the editor or webview in between, which closes the
 * second before the user sees it. Undefined (after saying why) when canceled or fewer than two.
 */
export async function pickTwoTokens(sources: TokenSources, title: string, placeHolders: { first: string; second: (first: TokenChoice) => string }): Promise<[TokenChoice, TokenChoice] | undefined> {
  const tokens = await everyToken(sources);
  if (tokens.length < 2) return noToken(tokens.length === 1);
  const quickPick = vscode.window.createQuickPick<TokenItem>();
  Object.assign(quickPick, { title, totalSteps: 2, step: 1, placeholder: placeHolders.first, items: tokens.map(pickItem) });
  let first: TokenChoice | undefined;
  try {
    return await new Promise<[TokenChoice, TokenChoice] | undefined>((resolve) => {
      quickPick.onDidHide(() => resolve(undefined));
      quickPick.onDidAccept(() => {
        const token = quickPick.selectedItems[0]?.token;
        if (!token) return;
        if (first) return resolve([first, token]);
        first = token;
        Object.assign(quickPick, { step: 2, value: '', placeholder: placeHolders.second(token), items: tokens.filter((t) => t.inspection.fingerprint !== token.inspection.fingerprint).map(pickItem) });
      });
      quickPick.show();
    });
  } finally {
    quickPick.dispose();
  }
}

interface TokenItem extends vscode.QuickPickItem {
  token: TokenChoice;
}

function pickItem(t: TokenChoice): TokenItem {
  return {
    label: statusText(t.label),
    description: statusText(typeof t.inspection.payload.iss === 'string' ? t.inspection.payload.iss : ''),
    detail: t.addedAt === undefined ? vscode.l10n.t('signed in · fingerprint {0}', t.inspection.fingerprint) : vscode.l10n.t('decoded {0} · fingerprint {1}', new Date(t.addedAt).toLocaleString(), t.inspection.fingerprint),
    token: t,
  };
}

/** Says there is no (other) token to choose and offers to decode one. */
async function noToken(other: boolean): Promise<undefined> {
  const decode = vscode.l10n.t('Decode JWT…');
  if ((await showInfo(other ? vscode.l10n.t('There is no other token to choose: decode one or sign in first.') : vscode.l10n.t('No decoded tokens yet.'), decode)) === decode) {
    await vscode.commands.executeCommand('tokenInspector.decodeJwt');
  }
  return undefined;
}
