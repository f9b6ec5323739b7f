// "Compare Tokens…": two tokens (decoded ones, or a signed-in profile's ID and access tokens),
// e.g. before and after a refresh or after setting metadata, side by side in the inspector.
import * as vscode from 'vscode';
import { compareTokens, type TokenComparison } from '../../core/compare';
import type { ViewNode } from '../../core/view/treeModel';
import type { Log } from '../ui/log';
import { InspectorPanel } from '../views/inspectorPanel';
import { pickToken, pickTwoTokens, tokenOfNode, type TokenChoice } from './pickToken';
import type { TokenSources } from '../state/tokenSources';

export interface CompareContext extends TokenSources {
  extensionUri: vscode.Uri;
  log: Log;
}

export function registerCompareCommands(ctx: CompareContext): vscode.Disposable[] {
  const title = vscode.l10n.t('Compare Tokens');
  return [
    // From the tree: the clicked token and, with two tokens selected, the other one. Scripted: a
    // second argument `{ fingerprint }` names the other token. Returns the comparison.
    vscode.commands.registerCommand('tokenInspector.compareTokens', async (node?: ViewNode, second?: ViewNode[] | { fingerprint?: string }): Promise<TokenComparison | undefined> => {
      const pair = node?.fingerprint ? await withOther(ctx, node, second, title) : await pickTwoTokens(ctx, title, { first: vscode.l10n.t('Choose the first token'), second: compareWith });
      if (!pair) return undefined;
      const [before, after] = inOrder(...pair);
      const comparison = compareTokens(before.inspection, after.inspection);
      InspectorPanel.compare(ctx.extensionUri, before, after, comparison, ctx.log);
      ctx.log.info(`Compared tokens ${before.inspection.fingerprint} and ${after.inspection.fingerprint}: ${comparison.counts.claims.changed} claims changed, ${comparison.counts.claims.added} added, ${comparison.counts.claims.removed} removed`);
      return comparison;
    }),
  ];
}

/** The clicked token and the other selected (or named) one, else one the user picks. */
async function withOther(ctx: CompareContext, node: ViewNode, second: ViewNode[] | { fingerprint?: string } | undefined, title: string): Promise<[TokenChoice, TokenChoice] | undefined> {
  const first = await tokenOfNode(ctx, node);
  if (!first) return undefined;
  const other = Array.isArray(second) ? second.find((n) => n.fingerprint && n.fingerprint !== first.inspection.fingerprint) : second?.fingerprint ? (second as ViewNode) : undefined;
  const next = other ? await tokenOfNode(ctx, other) : await pickToken(ctx, undefined, title, compareWith(first), first.inspection.fingerprint);
  return next && [first, next];
}

/** The placeholder of the second pick, once the first token is chosen. */
function compareWith(first: TokenChoice): string {
  return vscode.l10n.t('Compare {0} with…', first.label);
}

/** The older token first (by iat), else as chosen. */
function inOrder(a: TokenChoice, b: TokenChoice): [TokenChoice, TokenChoice] {
  const iat = (t: TokenChoice) => (typeof t.inspection.payload.iat === 'number' ? t.inspection.payload.iat : undefined);
  const [ia, ib] = [iat(a), iat(b)];
  return ia !== undefined && ib !== undefined && ib < ia ? [b, a] : [a, b];
}
