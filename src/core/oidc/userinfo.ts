// The userinfo call. Its `sub` must equal the ID token's (OIDC Core §5.3.2): otherwise the
// answer may be about someone else (token substitution) and must not be shown as "you". The
// answer is untrusted JSON: made plain (bounded nesting, no overflowed numbers) before anyone
// stores or shows it.
import * as l10n from '@vscode/l10n';
import * as oidc from 'openid-client';
import { jsonForMessage, toPlainJson } from '../json';
import type { OidcClient } from './discovery';
import { OidcError, wrapError } from './errors';

export async function fetchUserInfo(client: OidcClient, accessToken: string, expectedSub: string): Promise<oidc.UserInfoResponse> {
  if (!client.metadata.userinfo_endpoint) {
    throw new OidcError('unsupported', l10n.t('{0} advertises no userinfo endpoint; the ID token claims are all there is.', client.issuer));
  }
  try {
    return toPlainJson(await oidc.fetchUserInfo(client.config, accessToken, expectedSub)) as oidc.UserInfoResponse;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED') {
      const got = ((err as { cause?: { cause?: { body?: { sub?: unknown } } } }).cause?.cause?.body?.sub) ?? l10n.t('another subject');
      throw new OidcError('subject-mismatch', l10n.t('Userinfo describes {0}, but the ID token is about "{1}". The answer was discarded; sign in again.', jsonForMessage(got).slice(0, 200), expectedSub), { cause: err });
    }
    if (code === 'OAUTH_WWW_AUTHENTICATE_CHALLENGE') {
      const challenge = (err as { cause?: { parameters?: { error?: string; error_description?: string } }[] }).cause?.[0]?.parameters;
      const reason = challenge?.error ? `${challenge.error}${challenge.error_description ? `: ${challenge.error_description}` : ''}` : `HTTP ${(err as { status?: number }).status ?? 401}`;
      throw new OidcError('userinfo-failed', l10n.t('The provider rejected the access token at userinfo ({0}). It may have expired or been revoked; refresh or sign in again.', reason), { error: challenge?.error, errorDescription: challenge?.error_description, status: (err as { status?: number }).status, cause: err });
    }
    if (code === 'OAUTH_INVALID_RESPONSE') {
      // openid-client says only "invalid response encountered"; its cause names what was wrong.
      const detail = (err as { cause?: { message?: unknown } }).cause?.message;
      const what = typeof detail === 'string' ? detail.replace(/^"response" body /, '').slice(0, 200) : l10n.t('it does not follow OpenID Connect');
      throw new OidcError('userinfo-failed', l10n.t("The provider's userinfo answer is not valid ({0}), so it is not shown. The ID token's claims are unaffected; report this to the provider's operator.", what), { cause: err });
    }
    throw wrapError(err, 'userinfo-failed', l10n.t('Fetching userinfo failed'), l10n.t('Refresh the tokens or sign in again.'));
  }
}
