// The walkthrough's steps complete on what really happened (package.json: `completionEvents`
// `onContext:tokenInspector.walkthrough.*`), not on a button press: a token was decoded, an
// issuer added, a sign-in asked for the metadata scope, the auth API's metadata listed beside
// the token's, another user's metadata written. VS Code remembers a completed step itself.
import * as vscode from 'vscode';
import { METADATA_SCOPE } from '../../core/zitadel/scopes';
import type { ProfileSettings } from '../state/profileSettings';
import type { SessionManager } from '../state/sessions';
import type { DecodedTokenStore } from '../state/tokenStore';
import type { ZitadelApiState } from '../state/zitadelApi';

export type WalkthroughStep = 'tokenDecoded' | 'issuerAdded' | 'signedInWithMetadata' | 'metadataCompared' | 'userMetadataChanged';

/** The context key a step's completion event waits for. */
export function walkthroughContextKey(step: WalkthroughStep): string {
  return `tokenInspector.walkthrough.${step}`;
}

export class WalkthroughProgress implements vscode.Disposable {
  private readonly done = new Set<WalkthroughStep>();
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly store: DecodedTokenStore,
    private readonly profiles: ProfileSettings,
    private readonly sessions: SessionManager,
    api: ZitadelApiState,
  ) {
    // Only change events: nothing is read from SecretStorage at activation for this.
    this.disposables = [
      store.onDidChange(async () => {
        if ((await this.store.list()).length > 0) this.complete('tokenDecoded');
      }),
      profiles.onDidChange(() => this.checkProfiles()),
      sessions.onDidChange(async (name) => {
        const profile = this.profiles.find(name);
        const decoded = profile && (await this.sessions.decoded(profile));
        if (decoded?.session.requestedScopes.includes(METADATA_SCOPE)) this.complete('signedInWithMetadata');
      }),
      api.onDidChange(() => {
        if (this.profiles.list().some((p) => api.get(p.name).myMetadata?.entries)) this.complete('metadataCompared');
      }),
      api.onDidWriteUserMetadata(() => this.complete('userMetadataChanged')),
    ];
    this.checkProfiles();
  }

  private checkProfiles(): void {
    if (this.profiles.list().length > 0) this.complete('issuerAdded');
  }

  private complete(step: WalkthroughStep): void {
    if (this.done.has(step)) return;
    this.done.add(step);
    void vscode.commands.executeCommand('setContext', walkthroughContextKey(step), true);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
