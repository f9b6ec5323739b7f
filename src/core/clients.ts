// The network clients, bundled on their own (dist/clients.js) and loaded on first use: activation
// loads only decoding, the tree, the hover and the commands. See src/vscode/clients.ts.
export * as oidc from './oidc/index';
export * as zitadelApi from './zitadel/api/index';
