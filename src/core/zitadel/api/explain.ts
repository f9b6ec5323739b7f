// Judges an answer: returns the JSON object of a success, or throws a ZitadelApiError that says
// what happened and what to do. The HTTP status alone is not trusted: some ZITADEL versions answer
// HTTP 500 for an expired token, proxies answer HTML with any status, and v1 (gRPC-JSON) and v2
// (Connect) put the real status in the body.
import { bodyForLog, ZitadelApiError, type Permission, type ZitadelApiErrorDetails } from './errors';
import { GRPC_CODES, isGrpcCodeName } from './grpc';
import type { HttpAnswer } from './http';

export const AUDIENCE_SCOPE = 'urn:zitadel:iam:org:project:id:zitadel:aud';


/** The status a v1 (`code`: number) or v2 Connect (`code`: string) error body carries. */
export interface ErrorStatus {
  /** gRPC status name, snake case. */
  grpcCode: string;
  message: string;
  zitadelId?: string;
  /** Connect (v2) rather than gRPC-JSON (v1). */
  connect: boolean;
}

export function readErrorStatus(json: unknown): ErrorStatus | undefined {
  if (!isObject(json)) return undefined;
  const { code, message } = json;
  let grpcCode: string;
  let connect: boolean;
  if (typeof code === 'number' && Number.isInteger(code) && code >= 0 && code < GRPC_CODES.length) {
    grpcCode = GRPC_CODES[code];
    connect = false;
  } else if (isGrpcCodeName(code)) {
    grpcCode = code;
    connect = true;
  } else {
    return undefined;
  }
  const text = typeof message === 'string' ? message : '';
  // "rpc error: code = Unauthenticated desc = ..." wrapped in code 2 (unknown) by some versions.
  const wrapped = /rpc error: code = (\w+)/.exec(text)?.[1];
  if (wrapped && (grpcCode === 'unknown' || grpcCode === 'internal')) {
    const name = wrapped.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase().replace(/^cancelled$/, 'canceled');
    if (isGrpcCodeName(name)) grpcCode = name;
  }
  return { grpcCode, message: text, zitadelId: zitadelIdOf(json, text), connect };
}

function zitadelIdOf(json: Record<string, unknown>, message: string): string | undefined {
  if (Array.isArray(json.details)) {
    for (const d of json.details) {
      if (!isObject(d)) continue;
      if (typeof d.id === 'string' && d.id) return d.id; // v1 zitadel.v1.ErrorDetail
      if (isObject(d.debug) && typeof d.debug.id === 'string' && d.debug.id) return d.debug.id; // Connect debug
    }
  }
  // ZITADEL messages end with their id: "invalid audience (APP-Zxfako)".
  return /\(([A-Za-z]+-[A-Za-z0-9]+)\)\s*$/.exec(message)?.[1];
}

export interface CallContext {
  /** "Listing the metadata of user 123", used as the start of messages. */
  what: string;
  /** The permission the call needs (management and user service calls). */
  permission?: Permission;
  /** What a not_found means when the message does not say: list/set calls 'user', get/remove 'key'. */
  notFound: 'user' | 'key';
  userId?: string;
  keys?: string[];
  orgId?: string;
}

/** The JSON object of a successful answer, or throws. */
export function judge(answer: HttpAnswer, context: CallContext): Record<string, unknown> {
  const ok = answer.status >= 200 && answer.status < 300;
  if (answer.json === undefined) throw notJson(answer, context);
  const status = readErrorStatus(answer.json);
  if (ok && isObject(answer.json) && !(status && status.grpcCode !== 'ok' && Object.keys(answer.json).every((k) => k === 'code' || k === 'message' || k === 'details'))) {
    return answer.json;
  }
  throw explainFailure(answer, status, context);
}

function notJson(answer: HttpAnswer, context: CallContext): ZitadelApiError {
  const shown = redactedText(answer.text).slice(0, 200);
  const type = answer.contentType ? answer.contentType.split(';')[0].trim() : 'no content type';
  const body = answer.text.length === 0 ? 'an empty body' : `${type}, not JSON: "${shown}"${answer.text.length > 200 ? '…' : ''}`;
  return new ZitadelApiError(
    'not-json',
    `${context.what} failed: ZITADEL answered HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''} with ${body}. A proxy or an older ZITADEL may be answering; check the instance URL.`,
    base(answer),
  );
}

function explainFailure(answer: HttpAnswer, status: ErrorStatus | undefined, context: CallContext): ZitadelApiError {
  const details: ZitadelApiErrorDetails = { ...base(answer), grpcCode: status?.grpcCode, zitadelId: status?.zitadelId, serverMessage: status?.message };
  const said = status?.message ? ` ZITADEL said: "${status.message}".` : '';
  const { what } = context;

  if (status?.zitadelId === 'APP-Zxfako' || status?.message.includes('APP-Zxfako')) {
    return new ZitadelApiError(
      'invalid-audience',
      `${what} failed: the access token's audience does not include the ZITADEL API (APP-Zxfako). Add the scope ${AUDIENCE_SCOPE} to this profile's scopes and sign in again. Personal access tokens skip this check.`,
      details,
    );
  }
  const oauth = oauthError(answer.json);
  if (status?.grpcCode === 'unauthenticated' || (!status && answer.status === 401)) {
    const reason = status?.message ?? oauth ?? `HTTP ${answer.status}`;
    return new ZitadelApiError('unauthenticated', `${what} failed: ZITADEL did not accept the token; it may have expired ("${reason}"). Refresh the tokens, or sign in again.`, {
      ...details,
      refreshable: true,
    });
  }
  if (status?.grpcCode === 'permission_denied' || (!status && answer.status === 403)) {
    const permission = context.permission;
    const needs = permission ? ` It needs the permission ${permission}${context.orgId ? ` in organization ${context.orgId}` : ''}: ask an administrator for a role that grants it, or use a token of a user who has it.` : '';
    return new ZitadelApiError('permission-denied', `${what} was denied: the signed-in user or token lacks the permission.${needs}${said}`, { ...details, permission });
  }
  if (status?.grpcCode === 'not_found') {
    const kind = /metadata/i.test(status.message) ? 'key' : /user/i.test(status.message) ? 'user' : context.notFound;
    const message =
      kind === 'user'
        ? `${what} failed: user ${context.userId ?? '(you)'} was not found${context.orgId ? ` in organization ${context.orgId}` : ''}. Check the user id${context.orgId ? ' and the organization id' : ''}.`
        : `${what} failed: ${context.userId ? `user ${context.userId}` : 'you'} ${context.userId ? 'has' : 'have'} no metadata ${describeKeys(context.keys)}.`;
    return new ZitadelApiError('not-found', `${message}${said}`, { ...details, notFound: kind });
  }
  if (status && ['invalid_argument', 'failed_precondition', 'out_of_range', 'already_exists'].includes(status.grpcCode)) {
    return new ZitadelApiError('invalid-argument', `${what} failed: ZITADEL refused the request.${said}`, details);
  }
  if (!status) {
    return new ZitadelApiError('unexpected-response', `${what} failed: ZITADEL answered HTTP ${answer.status} with JSON that is not a ZITADEL error: ${redactedText(answer.text).slice(0, 200)}`, details);
  }
  return new ZitadelApiError('server-error', `${what} failed: ZITADEL answered HTTP ${answer.status} (${status.grpcCode}).${said} Try again later; if it persists, check the instance's logs.`, details);
}

function describeKeys(keys: string[] | undefined): string {
  if (!keys || keys.length === 0) return 'key';
  return keys.length === 1 ? `key "${keys[0]}"` : `keys ${keys.map((k) => `"${k}"`).join(', ')} (or not all of them)`;
}

function oauthError(json: unknown): string | undefined {
  if (!isObject(json) || typeof json.error !== 'string') return undefined;
  return typeof json.error_description === 'string' ? `${json.error}: ${json.error_description}` : json.error;
}

function base(answer: HttpAnswer): ZitadelApiErrorDetails {
  return { status: answer.status, endpoint: answer.endpoint, body: bodyForLog(answer.text) };
}

function redactedText(text: string): string {
  return bodyForLog(text);
}

/** An answer of the documented shape was expected; `problem` says what was off. */
export function unexpected(answer: HttpAnswer, context: CallContext, problem: string): ZitadelApiError {
  return new ZitadelApiError('unexpected-response', `${context.what} failed: ZITADEL's answer is not the documented shape (${problem}).`, base(answer));
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
