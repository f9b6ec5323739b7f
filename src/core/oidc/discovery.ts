// Discovery: the issuer's metadata and the openid-client Configuration every later call uses.
// HTTPS only, except plain http on a loopback host (a local test issuer): tokens must never
// travel unencrypted over a network.
import * as l10n from '@vscode/l10n';
import * as oidc from 'openid-client';
import { OidcError, networkProblem, oauthErrorOf } from './errors';
import { clientAuthFor, resolveClientAuth, type ClientAuthMethod, type ClientAuthSetting, type ClientCredentials, type ClientPrivateKey } from './clientAuth';
import { JwksSource } from './jwks';
import { ProviderClock } from './providerClock';
import { isLoopbackHttp, parseIssuerUrl } from './urls';

export interface ClientSettings {
  clientId: string;
  /** Only for confidential clients. Public (native) clients have none, and send none. */
  clientSecret?: string;
  /** For private_key_jwt (parseClientKey: a PEM or ZITADEL's key file). */
  privateKey?: ClientPrivateKey;
  /** Default `auto`: from the credentials and the provider's token_endpoint_auth_methods_supported. */
  authMethod?: ClientAuthSetting;
  /** Allowed clock difference for openid-client's own ID token checks (its `clockTolerance`); default 60. */
  clockSkewSeconds?: number;
}

export interface OidcClient {
  config: oidc.Configuration;
  /** The issuer exactly as discovered (the `iss` every token must carry). */
  issuer: string;
  clientId: string;
  isPublic: boolean;
  metadata: oidc.ServerMetadata;
  /** How the client authenticates at the token and device endpoints. */
  authMethod: ClientAuthMethod;
  /** Whether `authMethod` was chosen by `auto`. */
  authMethodAuto: boolean;
  /** The credentials there are (for naming alternatives in errors). */
  credentials: ClientCredentials;
  /** At the revocation endpoint, when the provider lists other methods there. */
  revocation: { config: oidc.Configuration; authMethod: ClientAuthMethod };
  clockSkewSeconds: number;
  /** The provider's clock as its answers tell it. */
  clock: ProviderClock;
}

export async function discover(issuerUrl: string, client: ClientSettings, options: { timeoutSeconds?: number } = {}): Promise<OidcClient> {
  const url = parseIssuerUrl(issuerUrl);
  const insecure = isLoopbackHttp(url);
  const clock = new ProviderClock();
  const timeout = options.timeoutSeconds ?? 30;
  let discovered: oidc.Configuration;
  try {
    discovered = await oidc.discovery(url, client.clientId, undefined, oidc.None(), {
      execute: insecure ? [oidc.allowInsecureRequests] : [],
      timeout,
      [oidc.customFetch]: clock.fetch(),
    });
  } catch (err) {
    throw discoveryError(err, url);
  }
  const metadata = discovered.serverMetadata();
  if (insecure) assertEndpointsStayLocal(metadata, url);

  const credentials: ClientCredentials = { clientSecret: client.clientSecret, privateKey: client.privateKey };
  const setting = client.authMethod ?? 'auto';
  const skew = client.clockSkewSeconds ?? 60;
  const configure = (method: ClientAuthMethod) => {
    // id_token_signed_response_alg is left to the provider's default; our own checks do the allowlist.
    // The skew setting also reaches openid-client's own ID token checks (its default is 30 s).
    const clientMetadata: Partial<oidc.ClientMetadata> = { [oidc.clockTolerance]: skew, ...(client.clientSecret ? { client_secret: client.clientSecret } : {}) };
    const config = new oidc.Configuration(metadata, client.clientId, clientMetadata, clientAuthFor(method, client.clientId, credentials));
    if (insecure) oidc.allowInsecureRequests(config);
    config.timeout = timeout;
    config[oidc.customFetch] = clock.fetch();
    return config;
  };
  const authMethod = resolveClientAuth(setting, client.clientId, credentials, metadata.token_endpoint_auth_methods_supported);
  const config = configure(authMethod);
  // RFC 8414: revocation_endpoint_auth_methods_supported may differ from the token endpoint's.
  const revocationMethod = setting === 'auto' ? resolveClientAuth('auto', client.clientId, credentials, metadata.revocation_endpoint_auth_methods_supported) : authMethod;
  return {
    config,
    issuer: metadata.issuer,
    clientId: client.clientId,
    isPublic: authMethod === 'none',
    metadata,
    authMethod,
    authMethodAuto: setting === 'auto',
    credentials,
    revocation: { config: revocationMethod === authMethod ? config : configure(revocationMethod), authMethod: revocationMethod },
    clockSkewSeconds: skew,
    clock,
  };
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

const jwksSources = new WeakMap<OidcClient, JwksSource>();

/** The issuer's key set for our own ID token checks, shared per client so rotation refetches are shared too. */
export function jwksSourceFor(client: OidcClient): JwksSource {
  if (!client.metadata.jwks_uri) throw new OidcError('unsupported', l10n.t('{0} advertises no jwks_uri, so ID token signatures cannot be checked.', client.issuer));
  let source = jwksSources.get(client);
  if (!source) jwksSources.set(client, (source = new JwksSource(client.metadata.jwks_uri)));
  return source;
}
