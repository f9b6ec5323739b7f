// The walkthrough's steps complete on what really happened (package.json: `completionEvents`
// `onContext:tokenInspector.walkthrough.*`), not on a button press: a token was decoded, an
// issuer added, a sign-in that asked for the metadata scope, the auth API's metadata listed
// beside the token's, another user's metadata written. VS Code remembers a completed step.
//
// Each event sets its key for a moment only: VS Code's walkthrough service ticks a step when the
// key turns true while it watches, but a key that is already true when it starts watching (it
// starts lazily, when a walkthrough is first shown) is taken as seen and never ticks that step
// in the session. A short pulse leaves the next real event free to tick it.
import * as vscode from 'vscode';
import { METADATA_SCOPE } from '../../core/zitadel/scopes';
import type { ProfileSettings } from '../state/profileSettings';
import type { SessionManager } from '../state/sessions';
import type { DecodedTokenStore } from '../state/tokenStore';
import type { ZitadelApiState } from '../state/zitadelApi';

/** How long a step's key stays true after its event: enough for the workbench to see the change. */
const PULSE_MS = 250;

export type WalkthroughStep = 'tokenDecoded' | 'issuerAdded' | 'signedInWithMetadata' | 'metadataCompared' | 'userMetadataChanged';

/** The context key a step's completion event waits for. */
export function walkthroughContextKey(step: WalkthroughStep): string {
  return `tokenInspector.walkthrough.${step}`;
}

export class WalkthroughProgress implements vscode.Disposable {
  private readonly pulses = new Map<WalkthroughStep, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly profiles: ProfileSettings,
    private readonly sessions: SessionManager,
    store: DecodedTokenStore,
    api: ZitadelApiState,
  ) {
    let profileCount = profiles.list().length;
    const signedIn = new Set<string>();
    this.disposables = [
      store.onDidAdd(() => this.complete('tokenDecoded')),
      profiles.onDidChange(() => {
        const count = this.profiles.list().length;
        if (count > profileCount) this.complete('issuerAdded');
        profileCount = count;
      }),
      sessions.onDidChange(async (name) => {
        const profile = this.profiles.find(name);
        const session = profile && (await this.sessions.decoded(profile))?.session;
        if (session && !signedIn.has(name) && session.requestedScopes.includes(METADATA_SCOPE)) this.complete('signedInWithMetadata');
        if (session) signedIn.add(name);
        else signedIn.delete(name);
      }),
      api.onDidChange(() => {
        if (this.profiles.list().some((p) => api.get(p.name).myMetadata?.entries)) this.complete('metadataCompared');
      }),
      api.onDidWriteUserMetadata(() => this.complete('userMetadataChanged')),
    ];
  }

  private complete(step: WalkthroughStep): void {
    clearTimeout(this.pulses.get(step));
    void vscode.commands.executeCommand('setContext', walkthroughContextKey(step), true);
    this.pulses.set(step, setTimeout(() => void vscode.commands.executeCommand('setContext', walkthroughContextKey(step), false), PULSE_MS));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    for (const timer of this.pulses.values()) clearTimeout(timer);
  }
}
