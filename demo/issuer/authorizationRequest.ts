// Bends incoming authorization requests (GET) towards ZITADEL's behavior before oidc-provider
// sees them. (`offline_access` without `prompt=consent` is NOT waived: oidc-provider drops it, as
// OIDC Core §11 allows and stock providers do, so a client that forgets consent gets no refresh
// token here either.)
// - `urn:zitadel:iam:org:project:id:{id}:aud` scopes, unknown to oidc-provider and so dropped from
//   the request, are carried in the extra parameter `x_zitadel_aud` to the interaction, which
//   records them in the grant (see interactions.ts, accessTokens.ts).
export const AUD_SCOPE = /^urn:zitadel:iam:org:project:id:([^:\s]+):aud$/;
export const AUD_PARAM = 'x_zitadel_aud';

/** The rewritten request URL (path and query), or the same one. */
export function rewriteAuthorizationRequest(url: string, authorizationPath: string): string {
  const parsed = new URL(url, 'http://localhost');
  if (parsed.pathname !== authorizationPath) return url;
  const params = parsed.searchParams;
  const scopes = (params.get('scope') ?? '').split(' ').filter(Boolean);
  params.delete(AUD_PARAM);
  const aud = scopes.filter((s) => AUD_SCOPE.test(s));
  if (aud.length) params.set(AUD_PARAM, aud.join(' '));
  return `${parsed.pathname}?${params}`;
}
