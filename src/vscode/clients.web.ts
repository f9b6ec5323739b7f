// VS Code for the web (vscode.dev, github.dev): the extension runs in a browser web worker. It
// decodes, verifies and compares tokens as on the desktop, but cannot sign in (there is no
// loopback server to receive the browser's redirect) or call ZITADEL's APIs (browsers refuse
// them without CORS, and there is no secret storage for client secrets). scripts/build.mjs puts
// this module in place of clients.ts in the web bundle; the types below keep the two alike.
import * as vscode from 'vscode';
import * as verify from '../core/verify/index';
import { OidcError } from '../core/oidc/errors';
import type * as desktop from './clients';

export const desktopOnlyReason: typeof desktop.desktopOnlyReason = () =>
  vscode.l10n.t("Signing in and ZITADEL's APIs need VS Code desktop or a remote window (SSH, WSL, a dev container or Codespaces): in VS Code for the web nothing can receive the sign-in or reach ZITADEL for you. Decoding, verifying and comparing tokens work here.");

function needsDesktop(): never {
  throw new OidcError('unsupported', desktopOnlyReason()!);
}

export const oidcClient: typeof desktop.oidcClient = async () => needsDesktop();
export const zitadelApiClient: typeof desktop.zitadelApiClient = async () => needsDesktop();
export const curlClient: typeof desktop.curlClient = async () => needsDesktop();
export const metadataFilesClient: typeof desktop.metadataFilesClient = async () => needsDesktop();
export const verifyClient: typeof desktop.verifyClient = async () => verify;
