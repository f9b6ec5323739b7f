// Commands that set up an issuer: the "Add Issuer…" wizard (discovery checked at once) and the
// client credentials of a profile (auth method, and a secret or private key in SecretStorage).
import * as vscode from 'vscode';
import type { ClientAuthSetting } from '../../core/oidc/clientAuth';
import { issuerProblem, normaliseIssuer, normaliseScopes, SCOPE_PRESETS, type Profile } from '../../core/profiles';
import type { ProfileSettings } from '../state/profileSettings';
import type { SessionManager } from '../state/sessions';
import type { Log } from '../ui/log';
import { flash, progressText, showError, showInfo, statusText } from '../ui/notify';
import { report } from '../ui/report';
import { oidcClient } from '../clients';
import { pickProfile } from './pickProfile';

export interface IssuerContext {
  profiles: ProfileSettings;
  sessions: SessionManager;
  log: Log;
}

export function registerIssuerCommands(ctx: IssuerContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tokenInspector.addIssuer', () => addIssuer(ctx)),
    vscode.commands.registerCommand('tokenInspector.setClientCredentials', async (arg?: unknown) => {
      const profile = await pickProfile(ctx.profiles, arg, 'Set Client Credentials');
      if (profile) await setClientCredentials(ctx, profile);
    }),
  ];
}

const METHOD_PICKS: { label: ClientAuthSetting; detail: string }[] = [
  { label: 'auto', detail: 'From the credentials below and the methods the provider lists in its discovery document' },
  { label: 'none', detail: 'Public client (native app, PKCE): no secret, no key. ZITADEL: Native app, auth method PKCE' },
  { label: 'client_secret_basic', detail: 'Client secret in the Authorization header (form-encoded first, RFC 6749 §2.3.1)' },
  { label: 'client_secret_post', detail: 'Client secret in the request body; for providers that do not decode client_secret_basic' },
  { label: 'private_key_jwt', detail: "A signed assertion with your private key: a PEM, or ZITADEL's key JSON file (recommended by ZITADEL for confidential apps)" },
];

/** The method, and the secret or key it needs (into SecretStorage, never settings). */
async function setClientCredentials({ profiles, sessions, log }: IssuerContext, profile: Profile): Promise<void> {
  const title = `Token Inspector: client credentials of ${profile.name}`;
  const current = profile.authMethod ?? 'auto';
  const method = await vscode.window.showQuickPick(
    METHOD_PICKS.map((p) => ({ ...p, description: p.label === current ? 'current' : undefined })),
    { title: statusText(title), placeHolder: 'How the client authenticates at the provider' },
  );
  if (!method) return;
  let secret: string | undefined;
  let key: string | undefined;
  if (method.label === 'client_secret_basic' || method.label === 'client_secret_post' || method.label === 'auto') {
    const entered = await vscode.window.showInputBox({ title: statusText(title), prompt: method.label === 'auto' ? 'Client secret (leave empty for none; for a private key choose private_key_jwt)' : 'Client secret (kept in VS Code\'s secret storage)', password: true, ignoreFocusOut: true });
    if (entered === undefined) return;
    secret = entered.trim() || undefined;
  }
  if (method.label === 'private_key_jwt') {
    const files = await vscode.window.showOpenDialog({ title: statusText(`${title}: private key (PEM or ZITADEL key JSON)`), canSelectMany: false, filters: { 'Key files': ['json', 'pem', 'key'], 'All files': ['*'] } });
    if (!files?.[0]) return;
    key = new TextDecoder().decode(await vscode.workspace.fs.readFile(files[0]));
    try {
      const parsed = await (await oidcClient()).parseClientKey(key);
      if (parsed.clientId && parsed.clientId !== profile.clientId) {
        void showError(`This key file belongs to client "${parsed.clientId}", not ${profile.name}'s client "${profile.clientId}". Choose that app's key.`);
        return;
      }
    } catch (e) {
      await report(e, { what: `Reading the key for ${profile.name}`, log });
      return;
    }
  }
  await profiles.setClientSecret(profile, method.label === 'none' || method.label === 'private_key_jwt' ? undefined : secret);
  await profiles.setClientKey(profile, method.label === 'private_key_jwt' ? key : undefined);
  await profiles.save({ ...profile, authMethod: method.label === 'auto' ? undefined : method.label });
  sessions.forgetClients();
  flash('key', `${profile.name}: client authentication ${method.label}`, 4000);
}

/** The "Add Issuer…" wizard: issuer (discovery checked at once), client id, scopes. */
async function addIssuer({ profiles, sessions, log }: IssuerContext): Promise<void> {
  const title = 'Token Inspector: Add Issuer';
  const issuerInput = await vscode.window.showInputBox({
    title: `${title} (1/3)`,
    prompt: 'The issuer URL of your OpenID provider (for ZITADEL: your instance, e.g. https://my-instance.zitadel.cloud)',
    placeHolder: 'https://my-instance.zitadel.cloud',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? issuerProblem(normaliseIssuer(v)) : undefined),
  });
  if (!issuerInput) return;
  const issuer = normaliseIssuer(issuerInput);
  const clientId = await vscode.window.showInputBox({
    title: `${title} (2/3)`,
    prompt: 'The client ID of a native app with PKCE (auth method none) and redirect URI http://127.0.0.1/callback',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Enter the client ID.'),
  });
  if (!clientId) return;
  const clientSecret = await vscode.window.showInputBox({
    title: `${title} (2/3)`,
    prompt: 'Client secret, only for a confidential app. Leave empty for a native app with PKCE (recommended). It is kept in VS Code\'s secret storage, never in settings.',
    password: true,
    ignoreFocusOut: true,
  });
  if (clientSecret === undefined) return;
  const draft: Profile = { name: new URL(issuer).host, issuer, clientId: clientId.trim(), scopes: ['openid'] };
  // Discovery below authenticates nothing, but the cached client must know whether it is public.
  await profiles.setClientSecret(draft, clientSecret.trim() || undefined);
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: progressText(`Checking ${issuer}…`) }, () => sessions.client(draft));
  } catch (e) {
    await report(e, { what: `Checking ${issuer}`, log });
    return;
  }
  const picks = await vscode.window.showQuickPick(
    [
      ...SCOPE_PRESETS.map((p) => ({ label: p.scope, detail: p.detail, picked: p.picked })),
      { label: 'Other scopes…', detail: 'Type more scopes, separated by spaces', picked: false },
    ],
    { title: `${title} (3/3)`, placeHolder: 'Scopes to request', canPickMany: true, ignoreFocusOut: true },
  );
  if (!picks) return;
  let scopes = picks.filter((p) => p.label !== 'Other scopes…').map((p) => p.label);
  if (picks.some((p) => p.label === 'Other scopes…')) {
    const more = await vscode.window.showInputBox({ title, prompt: 'More scopes, separated by spaces', ignoreFocusOut: true });
    if (more) scopes = [...scopes, more];
  }
  const existing = profiles.list().map((p) => p.name);
  let name = draft.name;
  for (let i = 2; existing.includes(name); i++) name = `${draft.name} (${i})`;
  const profile = { ...draft, name, scopes: normaliseScopes(scopes) };
  await profiles.save(profile);
  const choice = await showInfo(`Added ${name}. Sign in now?`, 'Sign In');
  if (choice) await vscode.commands.executeCommand('tokenInspector.signIn', name);
}
