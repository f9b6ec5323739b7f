// Judges an answer: returns the JSON object of a success, or throws a ZitadelApiError that says
// what happened and what to do. The HTTP status alone is not trusted: some ZITADEL versions answer
// HTTP 500 for an expired token, and proxies answer HTML with any status. ZITADEL's gateway puts a
// gRPC status in the body of every error, v1 and v2 alike: {"code":5,"message":"… (ID)","details":
// [{"id":"ID",…}]}. Its texts are the server's: quoted, never trusted as markup.
import * as l10n from '@vscode/l10n';
import { AUDIENCE_SCOPE } from '../scopes';
import { bodyForLog, ZitadelApiError, type Permission, type ZitadelApiErrorDetails } from './errors';
import { GRPC_CODES, isGrpcCodeName } from './grpc';
import type { HttpAnswer } from './http';
import type { UserApiVersion } from './types';

export { AUDIENCE_SCOPE };

/** The gRPC status of an error body. */
export interface ErrorStatus {
  /** gRPC status name, snake case. */
  grpcCode: string;
  message: string;
  /** ZITADEL's error id, e.g. "QUERY-Dfbg2"; absent on the gateway's own routing and parsing errors. */
  zitadelId?: string;
}

export function readErrorStatus(json: unknown): ErrorStatus | undefined {
  if (!isObject(json)) return undefined;
  const { code, message } = json;
  let grpcCode: string;
  if (typeof code === 'number' && Number.isInteger(code) && code >= 0 && code < GRPC_CODES.length) grpcCode = GRPC_CODES[code];
  else if (isGrpcCodeName(code)) grpcCode = code; // Connect's names, from a proxy speaking Connect
  else return undefined;
  const text = typeof message === 'string' ? message : '';
  // "rpc error: code = Unauthenticated desc = ..." wrapped in code 2 (unknown) by some versions.
  const wrapped = /rpc error: code = (\w+)/.exec(text)?.[1];
  if (wrapped && (grpcCode === 'unknown' || grpcCode === 'internal')) {
    const name = wrapped.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase().replace(/^cancelled$/, 'canceled');
    if (isGrpcCodeName(name)) grpcCode = name;
  }
  return { grpcCode, message: text, zitadelId: zitadelIdOf(json, text) };
}

function zitadelIdOf(json: Record<string, unknown>, message: string): string | undefined {
  if (Array.isArray(json.details)) {
    for (const d of json.details) {
      if (isObject(d) && typeof d.id === 'string' && d.id) return d.id; // zitadel.v1.ErrorDetail
    }
  }
  // ZITADEL messages end with their id: "invalid audience (APP-Zxfako)".
  return /\(([A-Za-z]+-[A-Za-z0-9]+)\)\s*$/.exec(message)?.[1];
}

// ZITADEL's ids for "does not exist" (internal/command, internal/query). A missing user comes as
// not_found from queries but as failed_precondition (HTTP 400) from commands.
const USER_NOT_FOUND_IDS = ['COMMAND-uXHNj', 'QUERY-Dfbg2'];
const KEY_NOT_FOUND_IDS = ['QUERY-Rgh32', 'META-ncnw3', 'META-2nnds'];
/** A bulk call that reached ZITADEL without entries: its keys were lost on the way. */
const EMPTY_LIST_ID = 'META-9mm2d';

/** Whether an error says that the user or a metadata key does not exist, whatever its code. */
export function missingThing(status: ErrorStatus): 'user' | 'key' | undefined {
  if (status.zitadelId && USER_NOT_FOUND_IDS.includes(status.zitadelId)) return 'user';
  if (status.zitadelId && KEY_NOT_FOUND_IDS.includes(status.zitadelId)) return 'key';
  // Texts, translated or as their i18n keys (an instance without translations answers those).
  if (/Errors\.User\.NotFound|\buser could not be found\b/i.test(status.message)) return 'user';
  if (/Errors\.Metadata\.(NotFound|KeyNotExisting)|\bmetadata not found\b|\bkeys do not exist\b/i.test(status.message)) return 'key';
  return undefined;
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
  /** Management v1: the organization sent as x-zitadel-orgid (none: the caller's own). */
  orgId?: string;
  /** Which API answered (user calls). */
  api?: UserApiVersion;
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
  const type = answer.contentType ? answer.contentType.split(';')[0].trim() : l10n.t('no content type');
  const body = answer.text.length === 0 ? l10n.t('an empty body') : l10n.t('{0}, not JSON: {1}', type, `"${shown}"${answer.text.length > 200 ? '…' : ''}`);
  const http = `HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
  return new ZitadelApiError(
    'not-json',
    l10n.t('{0} failed: ZITADEL answered {1} with {2}. A proxy or an older ZITADEL may be answering; check the instance URL.', context.what, http, body),
    base(answer),
  );
}

function explainFailure(answer: HttpAnswer, status: ErrorStatus | undefined, context: CallContext): ZitadelApiError {
  const details: ZitadelApiErrorDetails = { ...base(answer), grpcCode: status?.grpcCode, zitadelId: status?.zitadelId, serverMessage: status?.message };
  const said = status?.message ? ` ${l10n.t('ZITADEL said: "{0}".', clip(status.message))}` : '';
  const { what } = context;

  if (status?.zitadelId === 'APP-Zxfako' || status?.message.includes('APP-Zxfako')) {
    return new ZitadelApiError(
      'invalid-audience',
      l10n.t("{0} failed: the access token's audience does not include the ZITADEL API (APP-Zxfako). Add the scope {1} to this profile's scopes and sign in again. Personal access tokens skip this check.", what, AUDIENCE_SCOPE),
      details,
    );
  }
  const oauth = oauthError(answer.json);
  if (status?.grpcCode === 'unauthenticated' || (!status && answer.status === 401)) {
    const reason = clip(status?.message ?? oauth ?? `HTTP ${answer.status}`);
    return new ZitadelApiError('unauthenticated', l10n.t('{0} failed: ZITADEL did not accept the token; it may have expired ("{1}"). Refresh the tokens, or sign in again.', what, reason), {
      ...details,
      refreshable: true,
    });
  }
  if (status?.grpcCode === 'permission_denied' || (!status && answer.status === 403)) {
    const permission = context.permission;
    const needs = !permission
      ? ''
      : ` ${
          context.orgId
            ? l10n.t('It needs the permission {0} in organization {1}: ask an administrator for a role that grants it, or use a token of a user who has it.', permission, context.orgId)
            : l10n.t('It needs the permission {0}: ask an administrator for a role that grants it, or use a token of a user who has it.', permission)
        }`;
    return new ZitadelApiError('permission-denied', `${l10n.t('{0} was denied: the signed-in user or token lacks the permission.', what)}${needs}${said}`, { ...details, permission });
  }
  if (!status) {
    return new ZitadelApiError('unexpected-response', l10n.t('{0} failed: ZITADEL answered HTTP {1} with JSON that is not a ZITADEL error: {2}', what, answer.status, redactedText(answer.text).slice(0, 200)), details);
  }
  const missing = missingThing(status);
  if (missing === 'user') return userNotFound(context, details, said);
  if (missing === 'key' || (status.grpcCode === 'not_found' && status.zitadelId)) {
    const kind = missing ?? context.notFound;
    if (kind === 'user') return userNotFound(context, details, said);
    const keys = describeKeys(context.keys);
    const message = context.userId ? l10n.t('{0} failed: user {1} has no metadata {2}.', what, context.userId, keys) : l10n.t('{0} failed: you have no metadata {1}.', what, keys);
    return new ZitadelApiError('not-found', `${message}${said}`, { ...details, notFound: 'key' });
  }
  if ((status.grpcCode === 'not_found' || status.grpcCode === 'unimplemented') && !status.zitadelId) {
    return new ZitadelApiError(
      'no-route',
      l10n.t(
        "{0} failed: the server has no such route ({1}). Check that the profile's API URL is the ZITADEL instance; an older ZITADEL may not offer this call.",
        what,
        `${answer.endpoint}: HTTP ${answer.status} "${clip(status.message)}"`,
      ),
      details,
    );
  }
  if (status.zitadelId === EMPTY_LIST_ID) {
    return new ZitadelApiError(
      'invalid-argument',
      `${l10n.t('{0} failed: ZITADEL received no metadata keys ({1}), so something between you and ZITADEL dropped them from the request. Check proxies in front of the instance; if there are none, report this with the log entry.', what, EMPTY_LIST_ID)}${said}`,
      details,
    );
  }
  if (['invalid_argument', 'failed_precondition', 'out_of_range', 'already_exists'].includes(status.grpcCode)) {
    return new ZitadelApiError('invalid-argument', `${l10n.t('{0} failed: ZITADEL refused the request.', what)}${said}`, details);
  }
  const failed = l10n.t({ message: '{0} failed: ZITADEL answered {1}.', args: [what, `HTTP ${answer.status} (${status.grpcCode})`], comment: ['{1} is an HTTP status and a gRPC code'] });
  return new ZitadelApiError('server-error', `${failed}${said} ${l10n.t("Try again later; if it persists, check the instance's logs.")}`, details);
}

/** The user does not exist, or is not in the organization management v1 looked in. */
function userNotFound(context: CallContext, details: ZitadelApiErrorDetails, said: string): ZitadelApiError {
  const { what, userId, orgId } = context;
  let message: string;
  if (context.api === 'v1') {
    // Management v1 is only asked about other users (your own go through the auth API): a user ID is always given.
    const notFound = orgId
      ? l10n.t('{0} failed: user {1} was not found in organization {2}.', what, userId!, orgId)
      : l10n.t('{0} failed: user {1} was not found in your own organization.', what, userId!);
    message = `${notFound} ${l10n.t("The management API v1 only sees the users of one organization: check the user ID, and give the organization ID of the user's organization.")}`;
  } else {
    message = userId ? l10n.t('{0} failed: user {1} was not found. Check the user ID.', what, userId) : l10n.t('{0} failed: your user was not found. Check the user ID.', what);
  }
  return new ZitadelApiError('not-found', `${message}${said}`, { ...details, notFound: 'user' });
}

/** Server text inside a message: at most 300 characters. */
function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function describeKeys(keys: string[] | undefined): string {
  if (!keys || keys.length === 0) return l10n.t({ message: 'key', comment: ['As in "you have no metadata key"'] });
  if (keys.length === 1) return l10n.t('key "{0}"', keys[0]);
  const shown = keys.slice(0, 3).map((k) => `"${k}"`).join(', ');
  return keys.length > 3 ? l10n.t('keys {0} and {1} more (or not all of them)', shown, keys.length - 3) : l10n.t('keys {0} (or not all of them)', shown);
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
  return new ZitadelApiError('unexpected-response', l10n.t("{0} failed: ZITADEL's answer is not the documented shape ({1}).", context.what, problem), base(answer));
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
