// "Copy as curl": the guide's four ways to get a user's metadata as commands for a POSIX shell,
// built from the same requests the extension sends (zitadel/api/requests.ts: same paths, query,
// headers and JSON bodies, byte for byte). The token is "$ACCESS_TOKEN" / "$ID_TOKEN" unless the
// user chose to copy the real one. Endpoints come from discovery or the profile.
import * as l10n from '@vscode/l10n';
import { isLoopbackHttp } from '../oidc/urls';
import { validationError } from '../zitadel/api/errors';
import { normalizeBaseUrl } from '../zitadel/api/http';
import { getUserMetadataRequests, listMyMetadataRequest, listUserMetadataRequests, removeUserMetadataRequests, setUserMetadataRequests } from '../zitadel/api/requests';
import type { RouteRequest } from '../zitadel/api/routes';
import type { MetadataFilter, MetadataInput, UserApiVersion } from '../zitadel/api/types';
import { checkFilter, checkKey, checkKeys, checkUserId, DEFAULT_PAGE_SIZE, encodeInputs } from '../zitadel/api/validate';
import { METADATA_CLAIM } from '../zitadel/claims';
import { commandLines, shellQuote, withVariable } from './shell';

export type TokenVariable = 'ACCESS_TOKEN' | 'ID_TOKEN';

/** The token as a shell variable the user sets, or (after they agreed) written into the command. */
export type TokenRef = { kind: 'variable' } | { kind: 'value'; token: string };

export interface ShellCommand {
  /** The command, for a POSIX shell (sh, bash, zsh). */
  text: string;
  /** The variable it reads the token from, unless the token is written into it. */
  variable?: TokenVariable;
}

/** Calls on another user's metadata, as the client makes them. */
export type UserMetadataCall =
  | { kind: 'list'; filter?: MetadataFilter }
  | { kind: 'get'; key: string }
  | { kind: 'set'; entries: readonly MetadataInput[] }
  | { kind: 'remove'; keys: readonly string[] };

/** 1. The userinfo endpoint (from discovery), with the access token. */
export function userinfoCommand(endpoint: string, token: TokenRef): ShellCommand {
  return curl('GET', checkedUrl(endpoint, 'userinfo'), [], undefined, token, 'ACCESS_TOKEN');
}

/**
 * 2. The ID token's payload with jq, metadata values decoded. JWTs use base64url, which jq's
 * @base64d does not read: the guide's `split(".") | .[1] | @base64d` fails on most tokens, so
 * "-" and "_" are mapped first. `printf` rather than `<<<`, which POSIX sh lacks.
 */
export function idTokenJqCommand(token: TokenRef): ShellCommand {
  const program = [
    'def b64url: gsub("-"; "+") | gsub("_"; "/") | @base64d;',
    'split(".")[1] | b64url | fromjson',
    `| if has(${JSON.stringify(METADATA_CLAIM)}) then .[${JSON.stringify(METADATA_CLAIM)}] |= map_values(b64url) else . end`,
  ].join(' ');
  const input = token.kind === 'variable' ? withVariable('', 'ID_TOKEN') : shellQuote(checkedToken(token.token));
  return { text: `printf '%s' ${input} | jq -R ${shellQuote(program)}`, ...(token.kind === 'variable' ? { variable: 'ID_TOKEN' as const } : {}) };
}

/** 3. The auth API's search over the signed-in user's metadata, with the key filter in use (the first page, as the client asks it). */
export function myMetadataCommand(apiBaseUrl: string, filter: MetadataFilter, token: TokenRef): ShellCommand {
  const request = listMyMetadataRequest(0, DEFAULT_PAGE_SIZE, checkFilter(filter));
  return zitadelCurl(apiBaseUrl, request, [], token);
}

/** 4. Another user's metadata through the user service v2, or management v1 (with x-zitadel-orgid) where the instance lacks v2. */
export function userMetadataCommand(apiBaseUrl: string, userId: string, call: UserMetadataCall, options: { api: UserApiVersion; orgId?: string }, token: TokenRef): ShellCommand {
  checkUserId(userId);
  let requests;
  switch (call.kind) {
    case 'list':
      requests = listUserMetadataRequests(userId, 0, DEFAULT_PAGE_SIZE, checkFilter(call.filter));
      break;
    case 'get':
      requests = getUserMetadataRequests(userId, checkKey(call.key));
      break;
    case 'set':
      requests = setUserMetadataRequests(userId, encodeInputs(call.entries));
      break;
    case 'remove':
      requests = removeUserMetadataRequests(userId, checkKeys(call.keys));
      break;
  }
  const headers: [string, string][] = options.api === 'v1' && options.orgId ? [['x-zitadel-orgid', options.orgId]] : [];
  return zitadelCurl(apiBaseUrl, requests[options.api], headers, token);
}

function zitadelCurl(apiBaseUrl: string, request: RouteRequest, headers: [string, string][], token: TokenRef): ShellCommand {
  const base = normalizeBaseUrl(apiBaseUrl);
  checkedUrl(base, 'api');
  const url = `${base}${request.path}`;
  return curl(request.method, url, headers, request.body === undefined ? undefined : JSON.stringify(request.body), token, 'ACCESS_TOKEN');
}

/** A curl command with the headers the client sends: Accept, Authorization, Content-Type with a body, and any others. */
function curl(method: string, url: string, headers: [string, string][], body: string | undefined, token: TokenRef, variable: TokenVariable): ShellCommand {
  const lines: string[][] = [['curl', '--request', method], ['--url', shellQuote(url)], ['--header', shellQuote('Accept: application/json')]];
  lines.push(['--header', token.kind === 'variable' ? withVariable('Authorization: Bearer ', variable) : shellQuote(`Authorization: Bearer ${checkedToken(token.token)}`)]);
  if (body !== undefined) lines.push(['--header', shellQuote('Content-Type: application/json')]);
  for (const [name, value] of headers) lines.push(['--header', shellQuote(`${name}: ${value}`)]);
  if (body !== undefined) lines.push(['--data-raw', shellQuote(body)]);
  return { text: commandLines(lines), ...(token.kind === 'variable' ? { variable } : {}) };
}

/** https, or http on a loopback host: curl would as happily read file:// or send the token in the clear. */
function checkedUrl(url: string, what: 'userinfo' | 'api'): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Only the userinfo endpoint gets here: normalizeBaseUrl has read the API URL already.
    throw validationError(l10n.t('The userinfo endpoint {0} is not a URL.', JSON.stringify(url)));
  }
  if (parsed.protocol !== 'https:' && !isLoopbackHttp(parsed)) {
    throw validationError(
      what === 'userinfo'
        ? l10n.t('The userinfo endpoint {0} is neither https nor on this computer: no command sends the token there.', parsed.origin)
        : l10n.t('The API URL {0} is neither https nor on this computer: no command sends the token there.', parsed.origin),
    );
  }
  return parsed.href;
}

function checkedToken(token: string): string {
  if (token === '' || /[\0\r\n]/.test(token)) throw validationError(l10n.t('The token is empty or has line breaks or NUL characters: it cannot be written into a command.'));
  return token;
}
