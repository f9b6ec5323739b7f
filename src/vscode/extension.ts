// Entry point. Activation only wires things up: tokens are read from SecretStorage when
// the tree first asks for them, and nothing is decoded until a command or hover needs it.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { JwtHoverProvider } from './jwtHover';
import { DecodedTokenStore } from './tokenStore';
import { TokenTreeProvider } from './tokenTree';

/** Set by the bundle's first line (see scripts/build.mjs); absent when loaded unbundled. */
declare const __tokenInspectorLoadStart: number | undefined;

export interface TokenInspectorApi {
  /** Milliseconds from loading the bundle to the end of activate(), for `npm run bench`. */
  activationTimeMs: number;
}

export function activate(context: vscode.ExtensionContext): TokenInspectorApi {
  const start = typeof __tokenInspectorLoadStart === 'number' ? __tokenInspectorLoadStart : performance.now();
  const log = vscode.window.createOutputChannel('Token Inspector', { log: true });
  const store = new DecodedTokenStore(context.secrets, log);
  const tree = new TokenTreeProvider(store);
  const treeView = vscode.window.createTreeView('tokenInspector.tokens', { treeDataProvider: tree, showCollapseAll: true });
  tree.attach(treeView);

  context.subscriptions.push(
    log,
    store,
    tree,
    treeView,
    vscode.languages.registerHoverProvider([{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }], new JwtHoverProvider()),
    ...registerCommands({ extensionUri: context.extensionUri, store, tree, treeView, log }),
  );
  const activationTimeMs = performance.now() - start;
  log.info(`Activated in ${activationTimeMs.toFixed(1)} ms`);
  return { activationTimeMs };
}

export function deactivate(): void {}
