// Command handlers: translate between VS Code UI and the core decoder/store.
import * as vscode from 'vscode';
import { inspectToken, type TokenInspection } from '../../core/inspect';
import { jsonForMessage } from '../../core/json';
import { TokenError } from '../../core/jwt/errors';
import { findJwtAt, looksLikeJwt } from '../../core/jwt/locate';
import { MAX_LABEL_LENGTH } from '../../core/tokenList';
import { tokenLabel, tokenName, type ViewNode } from '../../core/view/treeModel';
import { inspectorContent } from '../views/inspectorContent';
import { InspectorPanel } from '../views/inspectorPanel';
import type { Log } from '../ui/log';
import { confirm, flash, progressText, showInfo, showWarning } from '../ui/notify';
import { report } from '../ui/report';
import type { ZitadelApiState } from '../state/zitadelApi';
import type { DecodedTokensTree } from '../views/tokenTree';
import { pickToken } from './pickToken';
import type { TokenSources } from '../state/tokenSources';

export interface CommandContext extends TokenSources {
  extensionUri: vscode.Uri;
  api: ZitadelApiState;
  decodedTree: DecodedTokensTree;
  log: Log;
}

/** What the F2 and Delete keybindings pass: act on the token selected in Decoded Tokens. */
interface FromSelection {
  fromSelection: true;
}

export function registerTokenCommands(ctx: CommandContext): vscode.Disposable[] {
  const { store, log } = ctx;

  /** Decodes, keeps the token in the tree and, for interactive use, shows it. */
  async function decodeAndKeep(text: string, show: boolean): Promise<TokenInspection> {
    const inspection = inspectToken(text);
    await store.add(inspection);
    log.info(`Decoded token ${inspection.fingerprint} (alg ${jsonForMessage(inspection.header.alg)}, ${inspection.warnings.length} warnings)`);
    if (show) await showToken(inspection);
    return inspection;
  }

  async function showToken(inspection: TokenInspection): Promise<void> {
    const inspector = vscode.workspace.getConfiguration('tokenInspector').get<boolean>('openInspectorAfterDecode', true);
    const entry = await store.find(inspection.fingerprint);
    if (inspector) InspectorPanel.show(ctx.extensionUri, inspection, tokenName(inspection, entry?.label), log);
    // After the inspector: revealing an open panel first would cancel the tree's expansion.
    const node = await ctx.decodedTree.rootFor(inspection.fingerprint);
    if (node) await ctx.decodedTree.view.reveal(node, { select: true, focus: false, expand: true });
  }

  /** Interactive decode: a clear message instead of a thrown error. */
  async function decodeInteractively(text: string): Promise<void> {
    try {
      await decodeAndKeep(text, true);
    } catch (e) {
      await reportDecodeError(e, log);
    }
  }

  /** The node a command acts on: the one clicked, or for F2 and Delete the selected decoded token. */
  function nodeOf(arg: ViewNode | FromSelection | undefined): ViewNode | undefined {
    return arg && 'fromSelection' in arg ? ctx.decodedTree.selectedToken() : arg;
  }

  async function tokenForNode(node: ViewNode | undefined): Promise<TokenInspection | undefined> {
    return (await pickToken(ctx, node, vscode.l10n.t('Token Inspector'), vscode.l10n.t('Choose a token')))?.inspection;
  }

  /** `copied` and `gone` are the localized sentences for what is copied. */
  async function copy(text: string | undefined, copied: string, gone: string): Promise<void> {
    if (text === undefined) {
      void showWarning(gone);
      return;
    }
    await vscode.env.clipboard.writeText(text);
    flash('check', copied, 2000);
  }

  const register = (id: string, handler: (...args: any[]) => unknown) => vscode.commands.registerCommand(`tokenInspector.${id}`, handler);

  return [
    register('decodeJwt', async (text?: unknown) => {
      if (text !== undefined) {
        // Programmatic contract: decode the argument, keep it, return plain JSON; reject with
        // the same message a user would see.
        if (typeof text !== 'string') throw new Error(`tokenInspector.decodeJwt expects the token as a string, got ${typeof text}.`);
        try {
          return await decodeAndKeep(text, false);
        } catch (e) {
          throw e instanceof TokenError ? new Error(e.message) : e;
        }
      }
      const value = await prefill();
      const input = await vscode.window.showInputBox({
        title: vscode.l10n.t('Token Inspector: Decode JWT'),
        prompt: vscode.l10n.t('Paste a JWT. A leading "Bearer ", quotes and line breaks are fine.'),
        placeHolder: TOKEN_START,
        value,
        ignoreFocusOut: true,
        validateInput: validateTokenInput,
      });
      if (input !== undefined) await decodeInteractively(input);
      return undefined;
    }),

    register('decodeAtCursor', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void showWarning(vscode.l10n.t('Open a file and put the cursor on a JWT (or select one) first.'));
        return;
      }
      const { selection, document } = editor;
      let text: string | undefined;
      if (!selection.isEmpty) text = document.getText(selection);
      else text = findJwtAt(document.lineAt(selection.active.line).text, selection.active.character)?.token;
      if (!text) {
        void showWarning(vscode.l10n.t('No JWT at the cursor: put the cursor on a token (it starts with "eyJ") or select the token text.'));
        return;
      }
      await decodeInteractively(text);
    }),

    register('inspectText', async (text?: unknown) => {
      if (typeof text === 'string') await decodeInteractively(text);
    }),

    register('openInspector', async (node?: ViewNode) => {
      const inspection = await tokenForNode(node);
      const content = inspection && (await inspectorContent(inspection.fingerprint, ctx));
      if (content) InspectorPanel.show(ctx.extensionUri, content.inspection, content.label, log, content.extras);
    }),

    register('copyValue', (node: ViewNode) => copy(node.copyValue, vscode.l10n.t('Copied value'), vscode.l10n.t('Nothing to copy: the value is no longer in the list.'))),
    register('copyClaimJson', (node: ViewNode) => copy(node.copyJson, vscode.l10n.t('Copied claim as JSON'), vscode.l10n.t('Nothing to copy: the claim is no longer in the list.'))),
    register('copyToken', async (node?: ViewNode) => copy((await tokenForNode(node))?.token, vscode.l10n.t('Copied token'), vscode.l10n.t('Nothing to copy: the token is no longer in the list.'))),

    register('removeToken', async (arg?: ViewNode | FromSelection) => {
      const node = nodeOf(arg);
      if (!node && arg) return; // Delete with nothing selected
      const inspection = await tokenForNode(node);
      const removed = inspection && (await store.remove(inspection.fingerprint));
      if (!removed) return;
      InspectorPanel.forget(removed.inspection.fingerprint);
      log.info(`Removed token ${removed.inspection.fingerprint}`);
      // No question first (Delete is quick to press), but the token is one click away from coming back.
      const undo = vscode.l10n.t('Undo');
      void showInfo(vscode.l10n.t('Removed {0} from the decoded tokens.', tokenName(removed.inspection, removed.label)), undo).then(async (choice) => {
        if (choice !== undo) return;
        await store.restore(removed);
        log.info(`Restored token ${removed.inspection.fingerprint}`);
      });
    }),

    // Scripted use: a second argument, the new label ('' removes it), skips the question.
    register('renameToken', async (arg?: ViewNode | FromSelection, scripted?: string) => {
      const node = nodeOf(arg);
      if (!node && arg) return; // F2 with nothing selected
      const inspection = await tokenForNode(node);
      const entry = inspection && (await store.find(inspection.fingerprint));
      if (!entry) return;
      const label =
        scripted ??
        (await vscode.window.showInputBox({
          title: vscode.l10n.t('Rename Decoded Token'),
          prompt: progressText(vscode.l10n.t('A name for this token in the Decoded Tokens view (it is stored with the token, in VS Code\'s secret storage). Leave empty to show its subject again ({0}).', tokenLabel(entry.inspection))),
          value: entry.label ?? '',
          valueSelection: [0, (entry.label ?? '').length],
          validateInput: (v) => (v.trim().length > MAX_LABEL_LENGTH ? progressText(vscode.l10n.t('A label has at most {0} characters.', MAX_LABEL_LENGTH)) : undefined),
        }));
      if (label === undefined) return;
      await store.rename(entry.inspection.fingerprint, label);
      const renamed = await store.find(entry.inspection.fingerprint);
      InspectorPanel.retitle(entry.inspection.fingerprint, tokenName(entry.inspection, renamed?.label));
      log.info(`Renamed token ${entry.inspection.fingerprint}`);
    }),

    // `{ confirm: false }` skips the question, for scripted use.
    register('clearTokens', async (options?: { confirm?: boolean }) => {
      const count = (await store.list()).length;
      if (count === 0) {
        if (options?.confirm !== false) void showInfo(vscode.l10n.t('There are no decoded tokens to clear.'));
        return;
      }
      const confirmed =
        options?.confirm === false ||
        (await confirm(
          count === 1 ? vscode.l10n.t('Remove the decoded token from Token Inspector?') : vscode.l10n.t('Remove all {0} decoded tokens from Token Inspector?', count),
          vscode.l10n.t("They are deleted from VS Code's secret storage. The tokens themselves stay valid at their issuer."),
          vscode.l10n.t('Clear All'),
        ));
      if (!confirmed) return;
      for (const e of await store.list()) InspectorPanel.forget(e.inspection.fingerprint);
      await store.clear();
      log.info(`Cleared ${count} decoded tokens`);
    }),
  ];
}

/** How long the clipboard may take: in a browser, reading it can wait on a permission the user never gives. */
const CLIPBOARD_WAIT_MS = 1000;
/** How every JWT starts (`{"alg":`), as the input box's placeholder: not a sentence. */
const TOKEN_START = 'eyJhbGciOi…';

/** The selection, else the clipboard, when it looks like a JWT. */
async function prefill(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
  if (looksLikeJwt(selected)) return selected.trim();
  const clipboard = await Promise.race([
    Promise.resolve(vscode.env.clipboard.readText()).catch(() => ''),
    new Promise<string>((resolve) => setTimeout(() => resolve(''), CLIPBOARD_WAIT_MS)),
  ]);
  return looksLikeJwt(clipboard) ? clipboard.trim() : undefined;
}

// Validation messages can render links, like notifications: progressText keeps them inert.
function validateTokenInput(text: string): vscode.InputBoxValidationMessage | undefined {
  if (!text.trim()) return undefined;
  try {
    const { warnings } = inspectToken(text);
    return warnings.length > 0 ? { message: progressText(warnings[0]), severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
  } catch (e) {
    const message = e instanceof TokenError ? e.message : vscode.l10n.t('Token Inspector could not check this text; try Decode to see the details.');
    return { message: progressText(message), severity: vscode.InputBoxValidationSeverity.Error };
  }
}

/** The reason in the user's words; what could be decoded is one click away. */
function reportDecodeError(error: unknown, log: Log): Promise<void> {
  const partial = error instanceof TokenError ? error.partial : undefined;
  const showParts = {
    label: vscode.l10n.t('Show Decoded Parts'),
    run: async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(partial, null, 2) });
      await vscode.window.showTextDocument(doc, { preview: true });
    },
  };
  return report(error, { actions: partial ? [showParts] : [], log });
}
