// After another user's metadata came back empty: does ZITADEL know the user at all? Both APIs list
// an unknown user as having no metadata, and management v1 (instances without the user service
// v2) also a user of another organization, since it looks in one organization at a time. Then
// the user is told so, with a one-click retry that asks for the user's organization.
import * as vscode from 'vscode';
import type { UserApiVersion, ZitadelApiClient } from '../../core/zitadel/api/index';
import type { Log } from '../ui/log';
import { showWarning, statusText } from '../ui/notify';

/** The button that asks for the user's organization (also offered by reportApiFailure). */
export const enterOrganizationLabel = () => vscode.l10n.t('Enter Organization ID…');

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
    const notIn = orgId ? vscode.l10n.t('User {0} is not in organization {1}.', userId, orgId) : vscode.l10n.t('User {0} is not in your own organization.', userId);
    const why = vscode.l10n.t("{0} answers through ZITADEL's management API v1 (it has no user service v2), which sees the users of one organization at a time and lists the others as having no metadata. Enter the organization the user belongs to.", profileName);
    const enterOrg = enterOrganizationLabel();
    const retry = vscode.l10n.t('Retry with the User Service v2');
    const choice = await showWarning(`${notIn} ${why}`, enterOrg, retry);
    return choice === enterOrg ? 'enter-org' : choice === retry ? 'retry-v2' : undefined;
  }
  const enterUser = vscode.l10n.t('Enter Another User ID…');
  const choice = await showWarning(vscode.l10n.t('ZITADEL at {0} does not know user {1}: it has no metadata because there is no such user. Check the user ID.', profileName, userId), enterUser);
  return choice === enterUser ? 'enter-user' : undefined;
}

/** Asks for the organization a user belongs to (sent as x-zitadel-orgid). */
export function askOrganization(userId: string, current: string | undefined): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: statusText(vscode.l10n.t('Organization of user {0}', userId)),
    prompt: vscode.l10n.t("The ID of the user's organization (sent as x-zitadel-orgid; the console shows it on the organization's page)"),
    value: current ?? '',
    ignoreFocusOut: true,
    validateInput: (v) => (!v.trim() ? vscode.l10n.t('Enter the organization ID.') : /[\s/]/.test(v.trim()) ? vscode.l10n.t('Organization IDs have no spaces or slashes; they are usually 18 digits.') : undefined),
  });
}
