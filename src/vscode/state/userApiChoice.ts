// Which API serves other users' metadata at each ZITADEL instance (user service v2, or management
// v1 on instances without it), remembered for this window only: a new window, or "Retry with the
// User Service v2", asks the instance again, since it may have been upgraded meanwhile.
import type * as vscode from 'vscode';
import type { UserApiVersion } from '../../core/zitadel/api/index';

export class UserApiChoice {
  readonly #byInstance = new Map<string, UserApiVersion>();

  get(instance: string): UserApiVersion | undefined {
    return this.#byInstance.get(instance);
  }

  set(instance: string, api: UserApiVersion): void {
    this.#byInstance.set(instance, api);
  }

  forget(instance: string): void {
    this.#byInstance.delete(instance);
  }
}

/** Earlier versions kept the choice for good, in `tokenInspector.userApi.<issuer>`; drop those. */
export async function dropPersistedUserApiChoices(globalState: vscode.Memento): Promise<void> {
  await Promise.all(globalState.keys().filter((k) => k.startsWith('tokenInspector.userApi.')).map((k) => globalState.update(k, undefined)));
}
