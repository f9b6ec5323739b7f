// The one error the ZITADEL API client throws. `message` is written for the user (what went wrong
// and what to do); `body` keeps the server's answer, tokens redacted, for the log.
import { InspectorError } from '../../errors';
import { redactTokens } from '../../redact';

export type ZitadelApiErrorCode =
  /** Refused before sending: bad key, value, user id or base64 (nothing reached the server). */
  | 'validation'
  /** APP-Zxfako: the token's `aud` lacks the ZITADEL API project. */
  | 'invalid-audience'
  /** Token missing, invalid or expired (gRPC 16, HTTP 401, or HTTP 500 "rpc error: code = Unauthenticated"). */
  | 'unauthenticated'
  | 'permission-denied'
  /** Unknown user or unknown key; `notFound` says which. */
  | 'not-found'
  /** The server refused the request's content (gRPC 3/9/11). */
  | 'invalid-argument'
  /** The body is not JSON (HTML from a proxy, plain text from an older ZITADEL, empty). */
  | 'not-json'
  /** ZITADEL's gateway has no route for the call (404 "Not Found" / 405 without an error id): wrong URL or an older ZITADEL. */
  | 'no-route'
  /** JSON, but not the documented shape. */
  | 'unexpected-response'
  | 'server-error'
  | 'timeout'
  | 'network'
  | 'cancelled';

export type Permission = 'user.read' | 'user.write';

export interface ZitadelApiErrorDetails {
  /** HTTP status, when there was an answer. */
  status?: number;
  /** e.g. "POST /auth/v1/users/me/metadata/_search" (path only, no host). */
  endpoint?: string;
  /** gRPC status name: "not_found", "unauthenticated", ... (v1 numbers are mapped to these). */
  grpcCode?: string;
  /** ZITADEL's error id, e.g. "APP-Zxfako". */
  zitadelId?: string;
  /** The server's own message, verbatim. */
  serverMessage?: string;
  /** The raw answer, tokens redacted, at most 10 000 characters. Log it, never render it as HTML. */
  body?: string;
  notFound?: 'user' | 'key';
  /** The permission that was missing (permission-denied). */
  permission?: Permission;
  /** Unauthenticated: refreshing the tokens (or signing in again) may help. */
  refreshable?: boolean;
  cause?: unknown;
}

export class ZitadelApiError extends InspectorError<ZitadelApiErrorCode> {
  static override readonly domain = 'zitadel';
  readonly domain = 'zitadel';
  /** Its messages start with the call that failed ("Listing your metadata failed: …"). */
  override readonly namesOperation = true;
  readonly status?: number;
  readonly endpoint?: string;
  readonly grpcCode?: string;
  readonly zitadelId?: string;
  readonly serverMessage?: string;
  readonly body?: string;
  readonly notFound?: 'user' | 'key';
  readonly permission?: Permission;
  readonly refreshable?: boolean;

  constructor(
    code: ZitadelApiErrorCode,
    message: string,
    details: ZitadelApiErrorDetails = {},
  ) {
    super(code, message, { cause: details.cause });
    this.name = 'ZitadelApiError';
    this.status = details.status;
    this.endpoint = details.endpoint;
    this.grpcCode = details.grpcCode;
    this.zitadelId = details.zitadelId;
    this.serverMessage = details.serverMessage;
    this.body = details.body;
    this.notFound = details.notFound;
    this.permission = details.permission;
    this.refreshable = details.refreshable;
  }

  /** The same error with another message (e.g. one that says what had already happened). */
  withMessage(message: string): ZitadelApiError {
    const { status, endpoint, grpcCode, zitadelId, serverMessage, body, notFound, permission, refreshable } = this;
    return new ZitadelApiError(this.code, message, { status, endpoint, grpcCode, zitadelId, serverMessage, body, notFound, permission, refreshable, cause: this.cause });
  }

  /** Endpoint, status, ZITADEL's error id and the redacted body. */
  override logDetail(): string {
    const parts = [this.endpoint, this.status === undefined ? undefined : `HTTP ${this.status}`, this.zitadelId, this.body === undefined ? undefined : `body: ${this.body}`];
    return parts.filter((p) => p !== undefined).join(' ');
  }
}

const MAX_LOGGED_BODY = 10_000;

/** The body for the log: tokens redacted, bounded. */
export function bodyForLog(text: string): string {
  const redacted = redactTokens(text);
  return redacted.length > MAX_LOGGED_BODY ? `${redacted.slice(0, MAX_LOGGED_BODY)}… (${redacted.length} characters)` : redacted;
}

export function validationError(message: string): ZitadelApiError {
  return new ZitadelApiError('validation', message);
}
