// Issuer profiles: what a user configures to sign in (issuer, client, scopes). Read from the
// `tokenInspector.profiles` setting, so every entry is checked and explained, never trusted.
// Client secrets are not part of a profile: they live in SecretStorage only.
import * as l10n from '@vscode/l10n';
import { parseIssuerUrl } from './oidc/urls';
import { OidcError } from './oidc/errors';
import { AUDIENCE_SCOPE, METADATA_SCOPE, PROJECTS_ROLES_SCOPE, RESOURCE_OWNER_SCOPE } from './zitadel/scopes';
import { CLIENT_AUTH_METHODS, type ClientAuthSetting } from './oidc/authMethods';

export interface Profile {
  /** Unique, shown in the tree; defaults to the issuer's host. */
  name: string;
  issuer: string;
  clientId: string;
  scopes: string[];
  /** A fixed loopback port for the redirect URI; undefined = an ephemeral one per sign-in. */
  redirectPort?: number;
  /** Where ZITADEL's APIs are, when not at the issuer URL (e.g. behind another host). */
  apiBaseUrl?: string;
  /** Client authentication; undefined = `auto` (from the credentials and the provider's discovery). */
  authMethod?: ClientAuthSetting;
}

export const AUTH_METHOD_SETTINGS: readonly ClientAuthSetting[] = ['auto', ...CLIENT_AUTH_METHODS];

/** Scopes offered when adding an issuer (ZITADEL's from its documentation). */
export const SCOPE_PRESETS: readonly { readonly scope: string; readonly detail: string; readonly picked: boolean }[] = [
  // `detail` is localized when read: the bundle is configured after this module loads.
  {
    scope: 'openid profile email',
    get detail() {
      return l10n.t('Standard OpenID Connect claims');
    },
    picked: true,
  },
  {
    scope: 'offline_access',
    get detail() {
      return l10n.t('A refresh token, to refresh without signing in again');
    },
    picked: false,
  },
  {
    scope: METADATA_SCOPE,
    get detail() {
      return l10n.t("ZITADEL: the user's metadata in the token and userinfo");
    },
    picked: false,
  },
  {
    scope: AUDIENCE_SCOPE,
    get detail() {
      return l10n.t("ZITADEL: the API's audience, needed to call ZITADEL's APIs with the token");
    },
    picked: false,
  },
  {
    scope: PROJECTS_ROLES_SCOPE,
    get detail() {
      return l10n.t('ZITADEL: roles of the projects in the audience');
    },
    picked: false,
  },
  {
    scope: RESOURCE_OWNER_SCOPE,
    get detail() {
      return l10n.t("ZITADEL: the user's organization (ID, name, primary domain)");
    },
    picked: false,
  },
];

/** Splits scope text on whitespace, keeps order, drops duplicates; `openid` always first. */
export function normaliseScopes(scopes: string | readonly string[]): string[] {
  const all = (typeof scopes === 'string' ? [scopes] : scopes).flatMap((s) => s.split(/\s+/)).filter(Boolean);
  return ['openid', ...new Set(all.filter((s) => s !== 'openid'))];
}

/** Why an issuer URL cannot be used (https, or http on loopback only), or `undefined`. */
export function issuerProblem(issuer: string): string | undefined {
  try {
    parseIssuerUrl(issuer);
    return undefined;
  } catch (e) {
    if (e instanceof OidcError) return e.message;
    throw e;
  }
}

/** The issuer as OpenID discovery expects to compare it: no trailing slash. */
export function normaliseIssuer(issuer: string): string {
  return issuer.trim().replace(/\/+$/, '');
}

export interface ProfilesResult {
  profiles: Profile[];
  /** One message per entry that was skipped, saying which entry and why. */
  problems: string[];
}

/** Reads the `tokenInspector.profiles` setting value. */
export function readProfiles(setting: unknown): ProfilesResult {
  if (setting === undefined || setting === null) return { profiles: [], problems: [] };
  if (!Array.isArray(setting)) return { profiles: [], problems: [l10n.t('tokenInspector.profiles must be an array of profiles; it was ignored.')] };
  const profiles: Profile[] = [];
  const problems: string[] = [];
  setting.forEach((entry: unknown, index) => {
    const where = `tokenInspector.profiles[${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(l10n.t('{0} is not an object; it was skipped.', where));
      return;
    }
    const e = entry as Record<string, unknown>;
    if (typeof e.issuer !== 'string' || !e.issuer.trim()) return void problems.push(l10n.t('{0} has no "issuer"; it was skipped.', where));
    const issuer = normaliseIssuer(e.issuer);
    const bad = issuerProblem(issuer);
    if (bad) return void problems.push(`${where}: ${bad}`);
    if (typeof e.clientId !== 'string' || !e.clientId.trim()) return void problems.push(l10n.t('{0} has no "clientId"; it was skipped.', where));
    if (e.scopes !== undefined && typeof e.scopes !== 'string' && !(Array.isArray(e.scopes) && e.scopes.every((s) => typeof s === 'string'))) {
      return void problems.push(l10n.t('{0}: "scopes" must be a string or an array of strings; it was skipped.', where));
    }
    const port = e.redirectPort;
    if (port !== undefined && !(Number.isInteger(port) && (port as number) >= 1024 && (port as number) <= 65535)) {
      return void problems.push(l10n.t('{0}: "redirectPort" must be a whole number from 1024 to 65535 (or left out for a free port); it was skipped.', where));
    }
    const authMethod = e.authMethod;
    if (authMethod !== undefined && !AUTH_METHOD_SETTINGS.includes(authMethod as ClientAuthSetting)) {
      return void problems.push(l10n.t('{0}: "authMethod" must be one of {1} (or left out for auto); it was skipped.', where, AUTH_METHOD_SETTINGS.join(', ')));
    }
    let apiBaseUrl: string | undefined;
    if (e.apiBaseUrl !== undefined) {
      const apiProblem = typeof e.apiBaseUrl === 'string' ? issuerProblem(normaliseIssuer(e.apiBaseUrl)) : l10n.t('"apiBaseUrl" must be a URL string.');
      if (apiProblem) return void problems.push(`${where}: apiBaseUrl: ${apiProblem}`);
      apiBaseUrl = normaliseIssuer(e.apiBaseUrl as string);
    }
    const name = typeof e.name === 'string' && e.name.trim() ? e.name.trim() : new URL(issuer).host;
    if (profiles.some((p) => p.name === name)) return void problems.push(l10n.t('{0}: another profile is already named "{1}"; give each a unique "name". It was skipped.', where, name));
    profiles.push({
      name,
      issuer,
      clientId: e.clientId.trim(),
      scopes: normaliseScopes((e.scopes as string | string[] | undefined) ?? 'openid profile email'),
      ...(port === undefined ? {} : { redirectPort: port as number }),
      ...(apiBaseUrl === undefined ? {} : { apiBaseUrl }),
      ...(authMethod === undefined || authMethod === 'auto' ? {} : { authMethod: authMethod as ClientAuthSetting }),
    });
  });
  return { profiles, problems };
}
