// The ID token checklist after sign-in (OpenID Connect Core §3.1.3.7): the JWT checklist with
// the issuer's discovered keys, the client id as audience, and the ID token's own rules.
import { checkJwt, type JwtCheckResult } from './jwtChecks';
import type { JwksSource } from './jwks';

export { ALLOWED_ALGORITHMS } from './signature';
export { checkLabel, computeAtHash, type Check, type CheckId } from './jwtChecks';

export type IdTokenCheckResult = JwtCheckResult;

export interface IdTokenCheckOptions {
  /** The issuer exactly as discovered. */
  issuer: string;
  clientId: string;
  jwks: JwksSource;
  /** The nonce sent in the authorization request. Omit to skip (e.g. device flow). */
  nonce?: string;
  /** Access token issued with the ID token, for `at_hash`. */
  accessToken?: string;
  clockSkewSeconds?: number;
  /** Appended to a failed exp/nbf/iat check: what the provider's clock says and what to do. */
  clockNote?: string;
  /** Milliseconds since 1970; for tests. */
  now?: number;
}

export function checkIdToken(token: string, options: IdTokenCheckOptions): Promise<IdTokenCheckResult> {
  const { issuer, clientId, jwks, nonce, ...rest } = options;
  return checkJwt(token, { ...rest, keys: jwks.keys(), issuer, audience: clientId, idToken: { nonce } });
}
