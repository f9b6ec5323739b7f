import * as l10n from '@vscode/l10n';
import { InspectorError } from '../errors';

/** Why a sign-in step failed. One code per distinct cause, so the UI can react (retry, fall back to device flow, ...). */
export type OidcErrorCode =
  | 'invalid-issuer-url'
  | 'insecure-issuer'
  | 'network'
  | 'discovery-failed'
  | 'issuer-mismatch'
  | 'unsupported'
  | 'port-in-use'
  | 'port-unavailable'
  | 'timeout'
  | 'cancelled'
  | 'provider-error'
  | 'state-mismatch'
  | 'invalid-callback'
  | 'token-exchange-failed'
  | 'refresh-failed'
  | 'userinfo-failed'
  | 'subject-mismatch'
  | 'revocation-failed'
  | 'device-flow-failed'
  | 'expired'
  | 'clock-skew'
  | 'client-auth-failed'
  | 'redirect-uri-refused'
  | 'unexpected-algorithm'
  | 'invalid-client-key';

/**
 * The only error the OIDC layer throws on purpose. `message` is written for the user: what was
 * wrong and what to do. `error` / `errorDescription` carry the provider's OAuth error verbatim
 * (show them as text, never as HTML).
 */
export class OidcError extends InspectorError<OidcErrorCode> {
  static override readonly domain = 'oidc';
  readonly domain = 'oidc';
  readonly error?: string;
  readonly errorDescription?: string;
  readonly status?: number;

  constructor(
    code: OidcErrorCode,
    message: string,
    details: { error?: string; errorDescription?: string; status?: number; cause?: unknown } = {},
  ) {
    super(code, message, { cause: details.cause });
    this.name = 'OidcError';
    this.error = details.error;
    this.errorDescription = details.errorDescription;
    this.status = details.status;
  }
}

/** What went wrong at the network level, in words, or undefined if `err` is not a network failure. */
export function networkProblem(err: unknown): string | undefined {
  // fetch() fails with TypeError('fetch failed') whose cause carries the socket error code;
  // openid-client turns its own AbortSignal.timeout into code OAUTH_TIMEOUT.
  const code = errorCode(err) ?? errorCode((err as { cause?: unknown } | undefined)?.cause);
  switch (code) {
    case 'ECONNREFUSED':
      return l10n.t('connection refused: nothing is listening there');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return l10n.t('the host name could not be resolved');
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return l10n.t('the connection was reset');
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'OAUTH_TIMEOUT':
      return l10n.t('the server did not answer in time');
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return l10n.t('its TLS certificate is not trusted ({0})', code);
    default:
      return err instanceof TypeError && err.message === 'fetch failed' ? l10n.t('the request failed') : undefined;
  }
}

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The provider's OAuth error (`error`, `error_description`) from an openid-client error, if any. */
export function oauthErrorOf(err: unknown): { error: string; errorDescription?: string; status?: number } | undefined {
  const e = err as { error?: unknown; error_description?: unknown; status?: unknown } | undefined;
  if (!e || typeof e.error !== 'string') return undefined;
  return {
    error: e.error,
    errorDescription: typeof e.error_description === 'string' ? e.error_description : undefined,
    status: typeof e.status === 'number' ? e.status : undefined,
  };
}

/** "invalid_grant: code expired" or just "invalid_grant". */
export function describeOAuthError(o: { error: string; errorDescription?: string }): string {
  return o.errorDescription ? `${o.error}: ${o.errorDescription}` : o.error;
}

/**
 * Converts whatever a step threw into an OidcError with `code` and a message starting with `what`
 * ("Refreshing the tokens failed"); `what` and `hint` are localized by the caller.
 */
export function wrapError(err: unknown, code: OidcErrorCode, what: string, hint: string): OidcError {
  if (err instanceof OidcError) return err;
  const oauth = oauthErrorOf(err);
  if (oauth) return new OidcError(code, `${l10n.t('{0}: the provider answered {1}.', what, describeOAuthError(oauth))} ${hint}`, { ...oauth, cause: err });
  const net = networkProblem(err);
  if (net) return new OidcError('network', l10n.t('{0}: {1}. Check your network connection and that the issuer is up, then try again.', what, net), { cause: err });
  if (isAbort(err)) return new OidcError('cancelled', l10n.t('{0}: canceled.', what), { cause: err });
  const message = err instanceof Error ? err.message : String(err);
  return new OidcError(code, `${l10n.t({ message: '{0}: {1}.', args: [what, message], comment: ['What failed, then the reason'] })} ${hint}`, { cause: err });
}

export function isAbort(err: unknown): boolean {
  const name = (err as { name?: unknown } | undefined)?.name;
  return name === 'AbortError' || errorCode(err) === 'OAUTH_ABORT';
}
