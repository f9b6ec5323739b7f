// What the ZITADEL metadata commands share: a client per call (the sign-in token, or for other
// users a personal access token), which user API each instance serves, and the fixes offered
// when a call fails.
import * as vscode from 'vscode';
import type { Profile } from '../../core/profiles';
import { normaliseScopes } from '../../core/profiles';
import type { ZitadelApiClient } from '../../core/zitadel/api/index';
import { AUDIENCE_SCOPE } from '../../core/zitadel/scopes';
import type { ProfileSettings } from '../state/profileSettings';
import type { SessionManager } from '../state/sessions';
import type { UserApiChoice } from '../state/userApiChoice';
import type { ZitadelApiState } from '../state/zitadelApi';
import type { Log } from '../ui/log';
import { zitadelApiClient } from '../clients';
import { report, type ReportAction } from '../ui/report';
import { enterOrganizationLabel } from './userLookup';

/** Loaded on first use, like the OIDC client: activation stays light. */
export const zitadelApi = zitadelApiClient;

export interface MetadataContext {
  profiles: ProfileSettings;
  sessions: SessionManager;
  api: ZitadelApiState;
  userApis: UserApiChoice;
  secrets: vscode.SecretStorage;
  log: Log;
}

/** The ZITADEL instance a profile's API calls go to. */
export function instanceOf(profile: Profile): string {
  return profile.apiBaseUrl ?? profile.issuer;
}

/** Where a profile's personal access token is kept (SecretStorage). */
export function patKey(profile: Profile): string {
  return `tokenInspector.pat.${profile.issuer}`;
}

/** A client with the profile's access token, or with its personal access token for other users. */
export async function apiClient(ctx: MetadataContext, profile: Profile, purpose: 'me' | 'users', orgId?: string): Promise<ZitadelApiClient> {
  const pat = purpose === 'users' ? await ctx.secrets.get(patKey(profile)) : undefined;
  const token = pat ?? (await ctx.sessions.get(profile))?.tokens.access_token;
  const { ZitadelApiClient } = await zitadelApi();
  const instance = instanceOf(profile);
  return new ZitadelApiClient({
    baseUrl: instance,
    token: token ?? '',
    orgId,
    userApi: ctx.userApis.get(instance),
    onUserApiDecided: (version) => {
      ctx.userApis.set(instance, version);
      ctx.log.info(`${instance} serves other users' metadata through ${version === 'v2' ? 'the user service v2' : 'the management API v1 (no user service v2 there)'}`);
    },
  });
}

/**
 * Reports a failed call with the fixes that apply: the API audience scope (APP-Zxfako), a token
 * refresh, and (management v1, which looks in one organization) the user's organization.
 */
export async function reportApiFailure(ctx: MetadataContext, error: unknown, profile: Profile, what: string, enterOrganization?: () => Promise<void>): Promise<void> {
  const { ZitadelApiError } = await zitadelApi();
  const actions: ReportAction[] = [];
  if (error instanceof ZitadelApiError) {
    if (error.code === 'invalid-audience') {
      actions.push({
        label: vscode.l10n.t('Add Scope and Sign In Again'),
        run: async () => {
          await ctx.profiles.save({ ...profile, scopes: normaliseScopes([...profile.scopes, AUDIENCE_SCOPE]) });
          await vscode.commands.executeCommand('tokenInspector.signIn', profile.name);
        },
      });
    } else if (error.refreshable) {
      actions.push({ label: vscode.l10n.t('Refresh Tokens'), run: () => vscode.commands.executeCommand('tokenInspector.refreshTokens', profile.name) });
    } else if (error.code === 'not-found' && error.notFound === 'user' && enterOrganization && ctx.userApis.get(instanceOf(profile)) === 'v1') {
      actions.push({ label: enterOrganizationLabel(), run: enterOrganization });
    }
  }
  await report(error, { what, actions, log: ctx.log });
}
