// After another user's metadata came back empty: does ZITADEL know the user at all? Both APIs list
// an unknown user as having no metadata, and management v1 (instances without the user service
// v2) also a user of another organization, since it looks in one organization at a time. Then
// the user is told so, with a one-click retry that asks for the user's organization.
import * as vscode from 'vscode';
import type { UserApiVersion, ZitadelApiClient } from '../../core/zitadel/api/index';
import type { Log } from '../ui/log';
import { showWarning, statusText } from '../ui/notify';

export const ENTER_ORGANIZATION = 'Enter Organization ID…';
const RETRY_WITH_V2 = 'Retry with the User Service v2';
const ENTER_USER = 'Enter Another User ID…';

/** True when ZITADEL says it does not know the user (v1: in the organization looked in). Lookup failures say nothing. */
export async function userIsUnknown(client: ZitadelApiClient, userId: string, log: Log): Promise<boolean> {
  try {
    return !(await client.findUser(userId)).found;
  } catch (e) {
    log.warn(`Looking up user ${userId} after an empty metadata list failed: ${(e as Error).message}`);
    return false;
  }
}

/** Says that the user was not found and offers what can help: another organization (v1), the v2 API again, another user id. */
export async function offerAfterUnknownUser(profileName: string, userId: string, orgId: string | undefined, api: UserApiVersion | undefined): Promise<'enter-org' | 'retry-v2' | 'enter-user' | undefined> {
  if (api === 'v1') {
    const where = orgId ? `organization ${orgId}` : 'your own organization';
    const choice = await showWarning(
      `User ${userId} is not in ${where}. ${profileName} answers through ZITADEL's management API v1 (it has no user service v2), which sees the users of one organization at a time and lists the others as having no metadata. Enter the organization the user belongs to.`,
      ENTER_ORGANIZATION,
      RETRY_WITH_V2,
    );
    return choice === ENTER_ORGANIZATION ? 'enter-org' : choice === RETRY_WITH_V2 ? 'retry-v2' : undefined;
  }
  const choice = await showWarning(`ZITADEL at ${profileName} does not know user ${userId}: it has no metadata because there is no such user. Check the user id.`, ENTER_USER);
  return choice === ENTER_USER ? 'enter-user' : undefined;
}

/** Asks for the organization a user belongs to (sent as x-zitadel-orgid). */
export function askOrganization(userId: string, current: string | undefined): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: statusText(`Organization of user ${userId}`),
    prompt: "The id of the user's organization (sent as x-zitadel-orgid; the console shows it on the organization's page)",
    value: current ?? '',
    ignoreFocusOut: true,
    validateInput: (v) => (!v.trim() ? 'Enter the organization id.' : /[\s/]/.test(v.trim()) ? 'Organization ids have no spaces or slashes; they are usually 18 digits.' : undefined),
  });
}
