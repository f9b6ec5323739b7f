// JWT access tokens, shaped like ZITADEL's (token type JWT): aud lists the client, the demo project
// and every project named by a `urn:zitadel:iam:org:project:id:{id}:aud` scope; the custom claims
// (metadata, roles, resource owner) ride along, profile and email do not.
//
// oidc-provider only issues JWT access tokens for resource servers (resource indicators), and
// such tokens are refused at userinfo ("token audience prevents accessing the userinfo
// endpoint"), unlike ZITADEL's. So the demo keeps oidc-provider's opaque token record (stored
// under its jti, as usual) and hands out a signed JWT as the token value instead; lookups by
// value (userinfo, revocation) map the JWT back to its jti.
import { decodeJwt, SignJWT } from 'jose';
import type { Provider } from 'oidc-provider';
import { accessTokenClaims, DEMO_PROJECT_ID, ZITADEL_API_PROJECT_ID } from './account';
import { AUD_SCOPE } from './authorizationRequest';
import type { SigningKey } from './keys';

/** The access token audience for a client and the scopes of its grant. */
export function accessTokenAudience(clientId: string, scopes: Iterable<string>): string[] {
  const aud = [clientId, DEMO_PROJECT_ID];
  for (const scope of scopes) {
    const id = AUD_SCOPE.exec(scope)?.[1];
    if (id) aud.push(id === 'zitadel' ? ZITADEL_API_PROJECT_ID : id);
  }
  return [...new Set(aud)];
}

function jtiOf(value: string): string {
  if (value.split('.').length !== 3) return value;
  try {
    const { jti } = decodeJwt(value);
    return typeof jti === 'string' ? jti : value;
  } catch {
    return value;
  }
}

/** Makes `provider` hand out JWT access tokens signed with `key()`. */
export function useJwtAccessTokens(provider: Provider, key: () => SigningKey): void {
  const AccessToken = provider.AccessToken;
  const opaqueValueAndPayload = AccessToken.prototype.getValueAndPayload;
  AccessToken.prototype.getValueAndPayload = async function () {
    const { payload } = await opaqueValueAndPayload.call(this);
    const grant = this.grantId ? await provider.Grant.find(this.grantId) : undefined;
    const grantScopes = new Set((grant?.getOIDCScope() ?? '').split(' ').filter(Boolean));
    const tokenScopes = new Set((this.scope ?? '').split(' ').filter(Boolean));
    const { kid, privateKey } = key();
    const value = await new SignJWT({
      ...accessTokenClaims(tokenScopes),
      client_id: this.clientId,
      scope: this.scope,
    })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(provider.issuer)
      .setSubject(this.accountId ?? this.clientId)
      .setAudience(accessTokenAudience(this.clientId, grantScopes))
      .setJti(this.jti)
      .setIssuedAt(Number(payload.iat))
      .setNotBefore(Number(payload.iat))
      .setExpirationTime(Number(payload.exp))
      .sign(privateKey);
    return { value, payload };
  };
  const find = AccessToken.find;
  AccessToken.find = function (value: string, options?: Record<string, unknown>) {
    return find.call(this, jtiOf(value), options);
  };
}
