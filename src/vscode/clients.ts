// The OIDC and ZITADEL API clients (openid-client, jose and our clients: most of the code) come
// from a second bundle, dist/clients.js, loaded the first time a command needs them. The build
// turns this import into a require of that file (scripts/build.mjs); unbundled (tests), it is the
// module itself.
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
