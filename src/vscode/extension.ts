// Entry point. Activation only wires things up: tokens are read from SecretStorage when
// the tree first asks for them, and nothing is decoded until a command or hover needs it.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { desktopOnlyReason } from './clients';
import { registerCompareCommands } from './commands/compareCommands';
import { registerCurlCommands } from './commands/curlCommands';
import { registerDesktopOnlyCommands } from './commands/desktopOnly';
import { registerIssuerCommands } from './commands/issuerCommands';
import { registerMetadataFileCommands } from './commands/metadataFileCommands';
import { registerMyMetadataCommands } from './commands/myMetadataCommands';
import { registerSignInCommands } from './commands/signInCommands';
import { registerTokenCommands } from './commands/tokenCommands';
import { registerUserMetadataCommands } from './commands/userMetadataCommands';
import { registerVerifyCommands } from './commands/verifyCommands';
import { ProfileSettings } from './state/profileSettings';
import { SessionManager } from './state/sessions';
import { DecodedTokenStore } from './state/tokenStore';
import { dropPersistedUserApiChoices, UserApiChoice } from './state/userApiChoice';
import { VerificationState } from './state/verifications';
import { ZitadelApiState } from './state/zitadelApi';
import { redactingLog } from './ui/log';
import { AUTH_PROVIDER_ID, TokenInspectorAuthProvider } from './views/authProvider';
import { JwtHoverProvider } from './views/jwtHover';
import { ExpiryStatusBar } from './views/statusBar';
import { registerInspectorSerializer } from './views/inspectorSerializer';
import { RestrictedModeNotice } from './views/restrictedMode';
import { DecodedTokensTree, SessionsTree } from './views/tokenTree';
import { WalkthroughProgress } from './views/walkthrough';

/** Set by the bundle's first and last lines (see scripts/build.mjs); absent when unbundled. */
declare const __tokenInspectorLoadStart: number | undefined;
declare const __tokenInspectorLoadEnd: number | undefined;

export interface TokenInspectorApi {
  /**
   * What activation cost, in milliseconds, for `npm run bench`: evaluating the bundle plus
   * running activate() (VS Code's own "code loading" and "activate call" times; the host's
   * work in between is not ours).
   */
  activationTimeMs: number;
}

export function activate(context: vscode.ExtensionContext): TokenInspectorApi {
  const start = performance.now();
  // The core and webview localize through @vscode/l10n: give it VS Code's bundle for the display language.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const codeLoadingMs = typeof __tokenInspectorLoadStart === 'number' && typeof __tokenInspectorLoadEnd === 'number' ? __tokenInspectorLoadEnd - __tokenInspectorLoadStart : 0;
  const channel = vscode.window.createOutputChannel('Token Inspector', { log: true });
  const log = redactingLog(channel);
  const store = new DecodedTokenStore(context.secrets, log);
  const profiles = new ProfileSettings(context.secrets, log);
  const sessions = new SessionManager(context.secrets, profiles, log);
  const api = new ZitadelApiState();
  const verifications = new VerificationState(context.globalState);
  const sessionsTree = new SessionsTree(profiles, sessions, api);
  const decodedTree = new DecodedTokensTree(store, verifications);
  const authProvider = new TokenInspectorAuthProvider(profiles, sessions);
  const metadata = { profiles, sessions, api, userApis: new UserApiChoice(), secrets: context.secrets, log };

  const webReason = desktopOnlyReason();
  context.subscriptions.push(
    channel,
    store,
    profiles,
    sessions,
    sessionsTree,
    decodedTree,
    new RestrictedModeNotice(sessionsTree.view, profiles),
    new WalkthroughProgress(profiles, sessions, store, api),
    registerInspectorSerializer(context.extensionUri, { store, profiles, sessions, api }, log),
    authProvider,
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, 'Token Inspector', authProvider, { supportsMultipleAccounts: true }),
    new ExpiryStatusBar(profiles, sessions),
    // Local and remote files, unsaved ones, and virtual workspaces (e.g. GitHub Repositories).
    vscode.languages.registerHoverProvider([{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }, { scheme: 'vscode-vfs' }], new JwtHoverProvider()),
    api,
    verifications,
    ...registerTokenCommands({ extensionUri: context.extensionUri, store, profiles, sessions, api, decodedTree, log }),
    ...registerVerifyCommands({ extensionUri: context.extensionUri, store, sessions, profiles, verifications, log }),
    ...registerCompareCommands({ extensionUri: context.extensionUri, store, sessions, profiles, log }),
    // VS Code for the web cannot sign in or call ZITADEL (clients.web.ts): those commands explain instead.
    ...(webReason !== undefined
      ? registerDesktopOnlyCommands(webReason)
      : [
          ...registerIssuerCommands({ profiles, sessions, log }),
          ...registerSignInCommands({ profiles, sessions, log }),
          ...registerMyMetadataCommands(metadata),
          ...registerUserMetadataCommands(metadata),
          ...registerCurlCommands(metadata),
          ...registerMetadataFileCommands(metadata),
        ]),
  );
  // Menus and the welcome text hide sign-in in VS Code for the web, and say why.
  void vscode.commands.executeCommand('setContext', 'tokenInspector.web', webReason !== undefined);
  void dropPersistedUserApiChoices(context.globalState);
  const activateCallMs = performance.now() - start;
  const activationTimeMs = codeLoadingMs + activateCallMs;
  log.info(`Activated in ${activationTimeMs.toFixed(1)} ms (code loading ${codeLoadingMs.toFixed(1)} ms, activate ${activateCallMs.toFixed(1)} ms)`);
  return { activationTimeMs };
}

export function deactivate(): void {}
