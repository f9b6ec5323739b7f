// Issuer URLs: which may be used without TLS (only loopback ones: a local test issuer, the
// callback), and vetting what the user typed. No openid-client here: profiles use it at start-up.
import * as l10n from '@vscode/l10n';
import { OidcError } from './errors';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/** Parses and vets the issuer URL the user typed. */
export function parseIssuerUrl(issuerUrl: string): URL {
  let url: URL;
  try {
    url = new URL(issuerUrl.trim());
  } catch {
    throw new OidcError('invalid-issuer-url', l10n.t('"{0}" is not a URL. Enter the issuer, e.g. {1}.', issuerUrl, 'https://my-instance.zitadel.cloud'));
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new OidcError('invalid-issuer-url', l10n.t('The issuer URL must not contain credentials, a query or a fragment: {0}', `${url.origin}${url.pathname}`));
  }
  if (url.protocol !== 'https:' && !isLoopbackHttp(url)) {
    throw new OidcError('insecure-issuer', l10n.t('The issuer must use https:// (plain http is allowed only for 127.0.0.1, localhost or [::1]); got {0}.', `${url.protocol}//${url.host}`));
  }
  if (url.pathname.includes('/.well-known/')) {
    throw new OidcError('invalid-issuer-url', l10n.t('Enter the issuer itself, without /.well-known/openid-configuration: discovery is found from it.'));
  }
  return url;
}
