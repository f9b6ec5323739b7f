// What the ZITADEL APIs returned per profile in this window (my metadata, other users'), for the
// tree and the inspector. In memory only: it is re-fetched on demand.
import * as vscode from 'vscode';
import type { ProfileApiState } from '../../core/view/sessionTree';

export class ZitadelApiState implements vscode.Disposable {
  private readonly state = new Map<string, ProfileApiState>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly written = new vscode.EventEmitter<void>();
  /** Fires after another user's metadata was set or removed through the API. */
  readonly onDidWriteUserMetadata = this.written.event;

  get(profile: string): ProfileApiState {
    return this.state.get(profile) ?? {};
  }

  update(profile: string, patch: ProfileApiState): void {
    this.state.set(profile, { ...this.get(profile), ...patch });
    this.changed.fire();
  }

  userMetadataWritten(): void {
    this.written.fire();
  }

  dispose(): void {
    this.changed.dispose();
    this.written.dispose();
  }
}
