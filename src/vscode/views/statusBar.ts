// A status bar item with the live expiry countdown of the signed-in access token that
// expires first. Ticks only while some session has an expiry.
import * as vscode from 'vscode';
import type { Profile } from '../../core/profiles';
import type { Session } from '../../core/session';
import { expiryCountdown, secondsLeft } from '../../core/view/sessionTree';
import { statusText } from '../ui/notify';
import type { ProfileSettings } from '../state/profileSettings';
import type { SessionManager } from '../state/sessions';

export class ExpiryStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tokenInspector.expiry', vscode.StatusBarAlignment.Right, 100);
  private timer: ReturnType<typeof setInterval> | undefined;
  private active: { profile: Profile; session: Session } | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly profiles: ProfileSettings,
    private readonly sessions: SessionManager,
  ) {
    this.item.name = vscode.l10n.t('Token Inspector: access token expiry');
    this.item.command = 'tokenInspector.sessions.focus';
    this.disposables = [this.item, profiles.onDidChange(() => void this.update()), sessions.onDidChange(() => void this.update())];
    void this.update();
  }

  private async update(): Promise<void> {
    const signedIn: { profile: Profile; session: Session }[] = [];
    for (const profile of this.profiles.list()) {
      const session = await this.sessions.get(profile);
      if (session) signedIn.push({ profile, session });
    }
    this.active = signedIn
      .filter((s) => s.session.tokens.expires_at !== undefined)
      .sort((a, b) => a.session.tokens.expires_at! - b.session.tokens.expires_at!)[0] ?? signedIn[0];
    clearInterval(this.timer);
    this.timer = undefined;
    if (!this.active) {
      this.item.hide();
      return;
    }
    this.render();
    this.item.show();
    if (this.active.session.tokens.expires_at !== undefined) this.timer = setInterval(() => this.render(), 1000);
  }

  private render(): void {
    if (!this.active) return;
    const { profile, session } = this.active;
    const now = Date.now();
    const left = expiryCountdown(session, now);
    const expired = (secondsLeft(session, now) ?? 1) <= 0;
    const name = statusText(profile.name, 40);
    this.item.text = `$(key) ${name}${left ? ` ${left}` : ''}`;
    this.item.tooltip = expired
      ? vscode.l10n.t('The access token of {0} has expired. Refresh or sign in again.', name)
      : left
        ? vscode.l10n.t('Access token of {0}: expires in {1}. Click to show it.', name, left)
        : vscode.l10n.t('Access token of {0}. Click to show it.', name);
    this.item.backgroundColor = expired ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
