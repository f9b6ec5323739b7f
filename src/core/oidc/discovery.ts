// Discovery: the issuer's metadata and the openid-client Configuration every later call uses.
// HTTPS only, except plain http on a loopback host (a local test issuer): tokens must never
// travel unencrypted over a network.
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
  const clock = new ProviderClock();
  const timeout = options.timeoutSeconds ?? 30;
  const metadata = await discoverMetadata(issuerUrl, { timeoutSeconds: timeout, clock });
  const insecure = isLoopbackHttp(parseIssuerUrl(issuerUrl));

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
      throw new OidcError('insecure-issuer', `The local issuer ${issuer.origin} advertises ${key} ${endpoint.origin}, which is neither https nor loopback. Fix the issuer's configuration.`);
    }
  }
}

function discoveryError(err: unknown, url: URL): OidcError {
  const where = `${url.href.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const net = networkProblem(err);
  if (net) return new OidcError('network', `Cannot reach the issuer at ${url.origin}: ${net}. Check the issuer URL and that the server is running and reachable.`, { cause: err });
  const code = (err as { code?: string }).code;
  const cause = (err as { cause?: unknown }).cause;
  switch (code) {
    case 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED': {
      const found = (cause as { body?: { issuer?: unknown } } | undefined)?.body?.issuer;
      return new OidcError('issuer-mismatch', `The discovery document at ${where} names the issuer "${String(found)}", not "${url.href}". Enter exactly the issuer it names (mind a trailing slash or path) if you trust it.`, { cause: err });
    }
    case 'OAUTH_RESPONSE_IS_NOT_JSON':
    case 'OAUTH_PARSE_ERROR':
      return new OidcError('discovery-failed', `${where} did not return JSON, so ${url.origin} does not look like an OpenID Connect issuer. Check the issuer URL (for ZITADEL: https://<instance-domain>, without /oauth/v2 or other paths).`, { cause: err });
    case 'OAUTH_RESPONSE_IS_NOT_CONFORM': {
      const status = (cause as { status?: unknown } | undefined)?.status;
      return new OidcError('discovery-failed', `${where} answered HTTP ${typeof status === 'number' ? status : 'error'} instead of the discovery document. Check the issuer URL.`, { cause: err, status: typeof status === 'number' ? status : undefined });
    }
    case 'OAUTH_INVALID_RESPONSE':
      return new OidcError('discovery-failed', `The discovery document at ${where} is invalid (${(err as Error).message}${cause instanceof Error ? `: ${cause.message}` : ''}).`, { cause: err });
    default: {
      const oauth = oauthErrorOf(err);
      const message = oauth ? oauth.error : err instanceof Error ? err.message : String(err);
      return new OidcError('discovery-failed', `Discovery at ${where} failed: ${message}.`, { cause: err });
    }
  }
}

const jwksSources = new WeakMap<OidcClient, JwksSource>();

/** The issuer's key set for our own ID token checks, shared per client so rotation refetches are shared too. */
export function jwksSourceFor(client: OidcClient): JwksSource {
  if (!client.metadata.jwks_uri) throw new OidcError('unsupported', `${client.issuer} advertises no jwks_uri, so ID token signatures cannot be checked.`);
  let source = jwksSources.get(client);
  if (!source) jwksSources.set(client, (source = new JwksSource(client.metadata.jwks_uri)));
  return source;
}
