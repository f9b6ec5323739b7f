// Discovery: the issuer's metadata and the openid-client Configuration every later call uses.
// HTTPS only, except plain http on a loopback host (a local test issuer): tokens must never
// travel unencrypted over a network.
import * as l10n from '@vscode/l10n';
import * as oidc from 'openid-client';
import { OidcError } from './errors';
import { clientAuthFor, resolveClientAuth, type ClientAuthMethod, type ClientAuthSetting, type ClientCredentials, type ClientPrivateKey } from './clientAuth';
import { JwksSource } from './jwks';
import { discoverMetadata } from './metadata';
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
    // No client_secret here: clientAuthFor passes it to the authentication method itself.
    const clientMetadata: Partial<oidc.ClientMetadata> = { [oidc.clockTolerance]: skew };
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

const jwksSources = new WeakMap<OidcClient, JwksSource>();

/** The issuer's key set for our own ID token checks, shared per client so rotation refetches are shared too. */
export function jwksSourceFor(client: OidcClient): JwksSource {
  if (!client.metadata.jwks_uri) throw new OidcError('unsupported', l10n.t('{0} advertises no jwks_uri, so ID token signatures cannot be checked.', client.issuer));
  let source = jwksSources.get(client);
  if (!source) jwksSources.set(client, (source = new JwksSource(client.metadata.jwks_uri)));
  return source;
}
