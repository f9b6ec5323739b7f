// The OIDC and ZITADEL API clients (openid-client, jose and our clients: most of the code) come
// from a second bundle, dist/clients.js, loaded the first time a command needs them. The build
// turns this import into a require of that file (scripts/build.mjs); unbundled (tests), it is the
// module itself. VS Code for the web gets clients.web.ts instead (scripts/build.mjs).
import * as vscode from 'vscode';
import type * as Clients from '../core/clients';

let loading: Promise<typeof Clients> | undefined;

export function clients(): Promise<typeof Clients> {
  loading ??= import('../core/clients').then((loaded) => {
    // Its messages in the display language, like the activation bundle's (src/vscode/extension.ts).
    if (vscode.l10n.bundle) loaded.configureL10n({ contents: vscode.l10n.bundle });
    return loaded;
  });
  return loading;
}

export const oidcClient = async () => (await clients()).oidc;
export const zitadelApiClient = async () => (await clients()).zitadelApi;
export const verifyClient = async () => (await clients()).verify;
export const curlClient = async () => (await clients()).curl;
export const metadataFilesClient = async () => (await clients()).metadataFiles;

/** Why signing in and ZITADEL's APIs do not work here (VS Code for the web), else undefined. */
export const desktopOnlyReason = (): string | undefined => undefined;
