// The issuer's discovery document, checked. Apart from discover() (the client, with its
// authentication) so that verifying a token with its issuer's keys needs nothing Node-only.
// HTTPS only, except plain http on a loopback host (a local test issuer): tokens must never
// travel unencrypted over a network.
import * as l10n from '@vscode/l10n';
import * as oidc from 'openid-client';
import { OidcError, networkProblem, oauthErrorOf } from './errors';
import type { ProviderClock } from './providerClock';
import { isLoopbackHttp, parseIssuerUrl } from './urls';

/**
 * The issuer's discovery document: openid-client checks that it names exactly this issuer; a
 * plain-http loopback issuer must not send us elsewhere over http.
 */
export async function discoverMetadata(issuerUrl: string, options: { timeoutSeconds?: number; clock?: ProviderClock } = {}): Promise<oidc.ServerMetadata> {
  const url = parseIssuerUrl(issuerUrl);
  const insecure = isLoopbackHttp(url);
  let discovered: oidc.Configuration;
  try {
    // openid-client's discovery wants a client id; only the server metadata is used from it.
    discovered = await oidc.discovery(url, 'token-inspector', undefined, oidc.None(), {
      execute: insecure ? [oidc.allowInsecureRequests] : [],
      timeout: options.timeoutSeconds ?? 30,
      ...(options.clock ? { [oidc.customFetch]: options.clock.fetch() } : {}),
    });
  } catch (err) {
    throw discoveryError(err, url);
  }
  const metadata = discovered.serverMetadata();
  if (insecure) assertEndpointsStayLocal(metadata, url);
  return metadata;
}

/** With a plain-http loopback issuer allowed, make sure its metadata does not send us elsewhere over http. */
function assertEndpointsStayLocal(metadata: oidc.ServerMetadata, issuer: URL) {
  for (const [key, value] of Object.entries(metadata)) {
    if (!(key.endsWith('_endpoint') || key === 'jwks_uri') || typeof value !== 'string') continue;
    let endpoint: URL;
    try {
      endpoint = new URL(value);
    } catch {
      continue; // openid-client rejects it when used
    }
    if (endpoint.protocol !== 'https:' && !isLoopbackHttp(endpoint)) {
      throw new OidcError('insecure-issuer', l10n.t("The local issuer {0} advertises {1} {2}, which is neither https nor loopback. Fix the issuer's configuration.", issuer.origin, key, endpoint.origin));
    }
  }
}

function discoveryError(err: unknown, url: URL): OidcError {
  const where = `${url.href.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const net = networkProblem(err);
  if (net) return new OidcError('network', l10n.t('Cannot reach the issuer at {0}: {1}. Check the issuer URL and that the server is running and reachable.', url.origin, net), { cause: err });
  const code = (err as { code?: string }).code;
  const cause = (err as { cause?: unknown }).cause;
  switch (code) {
    case 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED': {
      const found = (cause as { body?: { issuer?: unknown } } | undefined)?.body?.issuer;
      return new OidcError('issuer-mismatch', l10n.t('The discovery document at {0} names the issuer "{1}", not "{2}". Enter exactly the issuer it names (mind a trailing slash or path) if you trust it.', where, String(found), url.href), { cause: err });
    }
    case 'OAUTH_RESPONSE_IS_NOT_JSON':
    case 'OAUTH_PARSE_ERROR':
      return new OidcError('discovery-failed', l10n.t('{0} did not return JSON, so {1} does not look like an OpenID Connect issuer. Check the issuer URL (for ZITADEL: https://<instance-domain>, without /oauth/v2 or other paths).', where, url.origin), { cause: err });
    case 'OAUTH_RESPONSE_IS_NOT_CONFORM': {
      const status = (cause as { status?: unknown } | undefined)?.status;
      const answer = typeof status === 'number' ? `HTTP ${status}` : l10n.t('an HTTP error');
      return new OidcError('discovery-failed', l10n.t('{0} answered {1} instead of the discovery document. Check the issuer URL.', where, answer), { cause: err, status: typeof status === 'number' ? status : undefined });
    }
    case 'OAUTH_INVALID_RESPONSE':
      return new OidcError('discovery-failed', l10n.t('The discovery document at {0} is invalid ({1}).', where, `${(err as Error).message}${cause instanceof Error ? `: ${cause.message}` : ''}`), { cause: err });
    default: {
      const oauth = oauthErrorOf(err);
      const message = oauth ? oauth.error : err instanceof Error ? err.message : String(err);
      return new OidcError('discovery-failed', l10n.t('Discovery at {0} failed: {1}.', where, message), { cause: err });
    }
  }
}
