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
      const profile = await pickProfile(ctx.profiles, arg, vscode.l10n.t('Set Client Credentials'));
      if (profile) await setClientCredentials(ctx, profile);
    }),
  ];
}

/** The methods as picks: the label is the setting's value (not translated), the detail says what it does. */
const methodPicks = (): { label: ClientAuthSetting; detail: string }[] => [
  { label: 'auto', detail: vscode.l10n.t('From the credentials below and the methods the provider lists in its discovery document') },
  { label: 'none', detail: vscode.l10n.t('Public client (native app, PKCE): no secret, no key. ZITADEL: Native app, auth method PKCE') },
  { label: 'client_secret_basic', detail: vscode.l10n.t('Client secret in the Authorization header (form-encoded first, RFC 6749 §2.3.1)') },
  { label: 'client_secret_post', detail: vscode.l10n.t('Client secret in the request body; for providers that do not decode client_secret_basic') },
  { label: 'private_key_jwt', detail: vscode.l10n.t("A signed assertion with your private key: a PEM, or ZITADEL's key JSON file (recommended by ZITADEL for confidential apps)") },
];

/** The method, and the secret or key it needs (into SecretStorage, never settings). */
async function setClientCredentials({ profiles, sessions, log }: IssuerContext, profile: Profile): Promise<void> {
  const title = vscode.l10n.t('Token Inspector: client credentials of {0}', profile.name);
  const current = profile.authMethod ?? 'auto';
  const method = await vscode.window.showQuickPick(
    methodPicks().map((p) => ({ ...p, description: p.label === current ? vscode.l10n.t({ message: 'current', comment: ['The client authentication method the profile uses now'] }) : undefined })),
    { title: statusText(title), placeHolder: vscode.l10n.t('How the client authenticates at the provider') },
  );
  if (!method) return;
  let secret: string | undefined;
  let key: string | undefined;
  if (method.label === 'client_secret_basic' || method.label === 'client_secret_post' || method.label === 'auto') {
    const entered = await vscode.window.showInputBox({
      title: statusText(title),
      prompt: method.label === 'auto' ? vscode.l10n.t('Client secret (leave empty for none; for a private key choose private_key_jwt)') : vscode.l10n.t("Client secret (kept in VS Code's secret storage)"),
      password: true,
      ignoreFocusOut: true,
    });
    if (entered === undefined) return;
    secret = entered.trim() || undefined;
  }
  if (method.label === 'private_key_jwt') {
    const files = await vscode.window.showOpenDialog({
      title: statusText(vscode.l10n.t('{0}: private key (PEM or ZITADEL key JSON)', title)),
      canSelectMany: false,
      filters: { [vscode.l10n.t('Key files')]: ['json', 'pem', 'key'], [vscode.l10n.t('All files')]: ['*'] },
    });
    if (!files?.[0]) return;
    key = new TextDecoder().decode(await vscode.workspace.fs.readFile(files[0]));
    try {
      const parsed = await (await oidcClient()).parseClientKey(key);
      if (parsed.clientId && parsed.clientId !== profile.clientId) {
        void showError(vscode.l10n.t('This key file belongs to client "{0}", not to the client "{1}" of {2}. Choose that app\'s key.', parsed.clientId, profile.clientId, profile.name));
        return;
      }
    } catch (e) {
      await report(e, { what: vscode.l10n.t('Reading the key for {0}', profile.name), log });
      return;
    }
  }
  await profiles.setClientSecret(profile, method.label === 'none' || method.label === 'private_key_jwt' ? undefined : secret);
  await profiles.setClientKey(profile, method.label === 'private_key_jwt' ? key : undefined);
  await profiles.save({ ...profile, authMethod: method.label === 'auto' ? undefined : method.label });
  sessions.forgetClients();
  flash('key', vscode.l10n.t('{0}: client authentication {1}', profile.name, method.label), 4000);
}

/** An example issuer URL, the same in every language. */
const EXAMPLE_ISSUER = 'https://my-instance.zitadel.cloud';

/** The "Add Issuer…" wizard: issuer (discovery checked at once), client ID, scopes. */
async function addIssuer({ profiles, sessions, log }: IssuerContext): Promise<void> {
  const step = (n: number) => vscode.l10n.t('Token Inspector: Add Issuer ({0}/{1})', n, 3);
  const issuerInput = await vscode.window.showInputBox({
    title: step(1),
    prompt: vscode.l10n.t('The issuer URL of your OpenID provider (for ZITADEL: your instance, e.g. https://my-instance.zitadel.cloud)'),
    placeHolder: EXAMPLE_ISSUER,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? issuerProblem(normaliseIssuer(v)) : undefined),
  });
  if (!issuerInput) return;
  const issuer = normaliseIssuer(issuerInput);
  const clientId = await vscode.window.showInputBox({
    title: step(2),
    prompt: vscode.l10n.t('The client ID of a native app with PKCE (auth method none) and redirect URI http://127.0.0.1/callback'),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter the client ID.')),
  });
  if (!clientId) return;
  const clientSecret = await vscode.window.showInputBox({
    title: step(2),
    prompt: vscode.l10n.t("Client secret, only for a confidential app. Leave empty for a native app with PKCE (recommended). It is kept in VS Code's secret storage, never in settings."),
    password: true,
    ignoreFocusOut: true,
  });
  if (clientSecret === undefined) return;
  const draft: Profile = { name: new URL(issuer).host, issuer, clientId: clientId.trim(), scopes: ['openid'] };
  // Discovery below authenticates nothing, but the cached client must know whether it is public.
  await profiles.setClientSecret(draft, clientSecret.trim() || undefined);
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: progressText(vscode.l10n.t('Checking {0}…', issuer)) }, () => sessions.client(draft));
  } catch (e) {
    await report(e, { what: vscode.l10n.t('Checking {0}', issuer), log });
    return;
  }
  const picks = await vscode.window.showQuickPick(
    [
      ...SCOPE_PRESETS.map((p) => ({ label: p.scope, detail: p.detail, picked: p.picked, other: false })),
      { label: vscode.l10n.t('Other scopes…'), detail: vscode.l10n.t('Type more scopes, separated by spaces'), picked: false, other: true },
    ],
    { title: step(3), placeHolder: vscode.l10n.t('Scopes to request'), canPickMany: true, ignoreFocusOut: true },
  );
  if (!picks) return;
  let scopes = picks.filter((p) => !p.other).map((p) => p.label);
  if (picks.some((p) => p.other)) {
    const more = await vscode.window.showInputBox({ title: step(3), prompt: vscode.l10n.t('More scopes, separated by spaces'), ignoreFocusOut: true });
    if (more) scopes = [...scopes, more];
  }
  const existing = profiles.list().map((p) => p.name);
  let name = draft.name;
  for (let i = 2; existing.includes(name); i++) name = `${draft.name} (${i})`;
  const profile = { ...draft, name, scopes: normaliseScopes(scopes) };
  await profiles.save(profile);
  const choice = await showInfo(vscode.l10n.t('Added {0}. Sign in now?', name), vscode.l10n.t('Sign In'));
  if (choice) await vscode.commands.executeCommand('tokenInspector.signIn', name);
}
