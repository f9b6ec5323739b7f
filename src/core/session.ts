// What is kept for a signed-in profile (one SecretStorage entry each): the tokens, the ID
// token checklist and the userinfo answer. Everything here is secret or personal, so it lives
// in SecretStorage only.
import * as l10n from '@vscode/l10n';
import { inspectClaims, inspectToken, type ClaimsView, type TokenInspection } from './inspect';
import { TokenError } from './jwt/errors';
import type { IdTokenCheckResult } from './oidc/idTokenChecks';
import { readStoredTokenSet, type StoredTokenSet } from './oidc/tokenSet';
import { METADATA_CLAIM } from './zitadel/claims';
import { METADATA_SCOPE } from './zitadel/scopes';

export interface Session {
  tokens: StoredTokenSet;
  /** The scopes asked for at sign-in (the provider may grant fewer). */
  requestedScopes: string[];
  idTokenChecks?: IdTokenCheckResult;
  userinfo?: Record<string, unknown>;
  /** Why userinfo could not be fetched, for the user. */
  userinfoError?: string;
}

/**
 * A session with its tokens decoded, once: what the tree, hover, inspector and authentication
 * provider read (a clock tick re-renders from this without decoding anything).
 */
export interface DecodedSession {
  readonly session: Session;
  readonly id?: TokenInspection;
  /** The access token when it is a JWT; an opaque one is simply absent. */
  readonly access?: TokenInspection;
  readonly userinfo?: ClaimsView;
}

/** Decodes a session's tokens and userinfo. `inspect` is the decoder (the benchmark counts its calls). */
export function decodeSession(session: Session, inspect: (token: string) => TokenInspection = inspectToken): DecodedSession {
  const decode = (token: string | undefined) => {
    if (!token) return undefined;
    try {
      return inspect(token);
    } catch (e) {
      if (e instanceof TokenError) return undefined;
      throw e;
    }
  };
  return {
    session,
    id: decode(session.tokens.id_token),
    access: decode(session.tokens.access_token),
    ...(session.userinfo ? { userinfo: inspectClaims(session.userinfo) } : {}),
  };
}

export function serialiseSession(session: Session): string {
  return JSON.stringify(session);
}

/** Reads a stored session back; `undefined` when it is not one (then it is treated as signed out). */
export function parseSession(text: string | undefined): Session | undefined {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const v = value as Partial<Session> | null;
  if (!v || typeof v !== 'object' || !v.tokens || !Array.isArray(v.requestedScopes)) return undefined;
  const tokens = readStoredTokenSet(v.tokens);
  if (!tokens) return undefined;
  return {
    tokens,
    requestedScopes: v.requestedScopes.filter((s): s is string => typeof s === 'string'),
    ...(v.idTokenChecks && Array.isArray(v.idTokenChecks.checks) ? { idTokenChecks: v.idTokenChecks } : {}),
    ...(v.userinfo && typeof v.userinfo === 'object' && !Array.isArray(v.userinfo) ? { userinfo: v.userinfo } : {}),
    ...(typeof v.userinfoError === 'string' ? { userinfoError: v.userinfoError } : {}),
  };
}

export { METADATA_SCOPE };

/**
 * Why a session shows no ZITADEL metadata, or `undefined` when it has some. ZITADEL sends no
 * claim (and no error) both when the scope was not requested and when the user has none.
 */
export function missingMetadataReason(session: Session, idTokenPayload: Record<string, unknown> | undefined): { scopeMissing: boolean; message: string } | undefined {
  if (idTokenPayload?.[METADATA_CLAIM] !== undefined || session.userinfo?.[METADATA_CLAIM] !== undefined) return undefined;
  if (!session.requestedScopes.includes(METADATA_SCOPE)) {
    return {
      scopeMissing: true,
      message: l10n.t('No metadata: the scope "{0}" was not requested. Add it to the profile and sign in again.', METADATA_SCOPE),
    };
  }
  return {
    scopeMissing: false,
    message: l10n.t('No metadata: the scope was requested, so the user most likely has no metadata (ZITADEL then leaves the claim out).'),
  };
}
