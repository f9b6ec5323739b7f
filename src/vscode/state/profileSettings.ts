// Profiles from the `tokenInspector.profiles` setting; client secrets from SecretStorage.
import * as vscode from 'vscode';
import { readProfiles, type Profile } from '../../core/profiles';
import type { Log } from '../ui/log';
import { showWarning } from '../ui/notify';

const SECTION = 'tokenInspector';

export class ProfileSettings implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private reported = '';

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Log,
  ) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.profiles`)) this.changed.fire();
    });
  }

  /** The valid profiles; each invalid entry is reported once, with a way to fix it. */
  list(): Profile[] {
    const { profiles, problems } = readProfiles(vscode.workspace.getConfiguration(SECTION).get('profiles'));
    const text = problems.join('\n');
    if (text && text !== this.reported) {
      for (const p of problems) this.log.warn(p);
      const message = problems.length > 1 ? vscode.l10n.t('Token Inspector: {0} (and {1} more)', problems[0], problems.length - 1) : vscode.l10n.t('Token Inspector: {0}', problems[0]);
      void showWarning(message, vscode.l10n.t('Open Settings')).then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettingsJson', { revealSetting: { key: `${SECTION}.profiles` } });
      });
    }
    this.reported = text;
    return profiles;
  }

  find(name: string): Profile | undefined {
    return this.list().find((p) => p.name === name);
  }

  /** Adds or replaces a profile (by name) in the user settings. */
  async save(profile: Profile): Promise<void> {
    const config = vscode.workspace.getConfiguration(SECTION);
    const current = (config.inspect<unknown[]>('profiles')?.globalValue ?? []).filter(
      (p) => !(typeof p === 'object' && p !== null && (p as { name?: unknown }).name === profile.name),
    );
    const entry = { name: profile.name, issuer: profile.issuer, clientId: profile.clientId, scopes: profile.scopes.join(' '), ...(profile.redirectPort ? { redirectPort: profile.redirectPort } : {}), ...(profile.apiBaseUrl ? { apiBaseUrl: profile.apiBaseUrl } : {}), ...(profile.authMethod ? { authMethod: profile.authMethod } : {}) };
    await config.update('profiles', [...current, entry], vscode.ConfigurationTarget.Global);
  }

  clientSecret(profile: Profile): Thenable<string | undefined> {
    return this.secrets.get(secretKey(profile));
  }

  async setClientSecret(profile: Profile, secret: string | undefined): Promise<void> {
    if (secret) await this.secrets.store(secretKey(profile), secret);
    else await this.secrets.delete(secretKey(profile));
  }

  /** The private key for private_key_jwt (a PEM or ZITADEL's key JSON), as the user gave it. */
  clientKey(profile: Profile): Thenable<string | undefined> {
    return this.secrets.get(keyKey(profile));
  }

  async setClientKey(profile: Profile, key: string | undefined): Promise<void> {
    if (key) await this.secrets.store(keyKey(profile), key);
    else await this.secrets.delete(keyKey(profile));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function secretKey(profile: Profile): string {
  return `tokenInspector.clientSecret.${profile.issuer}#${profile.clientId}`;
}

function keyKey(profile: Profile): string {
  return `tokenInspector.clientKey.${profile.issuer}#${profile.clientId}`;
}
