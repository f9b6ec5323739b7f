// The network clients, bundled on their own (dist/clients.js) and loaded on first use: activation
// loads only decoding, the tree, the hover and the commands. See src/vscode/clients.ts.
export * as oidc from './oidc/index';
export * as zitadelApi from './zitadel/api/index';
/** This bundle has its own copy of @vscode/l10n: the extension configures it on load (src/vscode/clients.ts). */
export { config as configureL10n } from '@vscode/l10n';
