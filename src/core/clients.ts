// The network clients, bundled on their own (dist/clients.js) and loaded on first use: activation
// loads only decoding, the tree, the hover and the commands. See src/vscode/clients.ts.
export * as oidc from './oidc/index';
export * as zitadelApi from './zitadel/api/index';
// Verifying a token (jose, discovery), Copy as curl and metadata files (the ZITADEL client's rules).
export * as verify from './verify/index';
export * as curl from './curl/index';
export * as metadataFiles from './zitadel/metadataFile';
/** This bundle has its own copy of @vscode/l10n: the extension configures it on load (src/vscode/clients.ts). */
export { config as configureL10n } from '@vscode/l10n';
