// One HTTP exchange with ZITADEL: bearer token, JSON body, timeout and cancellation. Answers come
// back unjudged (status, text, parsed JSON when it is JSON); explain.ts judges them.
import * as l10n from '@vscode/l10n';
import { networkProblem } from '../../oidc/errors';
import { bodyForLog, ZitadelApiError } from './errors';
import type { HttpMethod } from './types';
import { parseStructuredJson } from '../../json';

export interface Connection {
  baseUrl: string;
  token: string;
  timeoutMs: number;
  fetch: typeof fetch;
}

export interface HttpRequest {
  method: HttpMethod;
  /** Path (and query) below the instance URL, already percent-encoded, e.g. /auth/v1/users/me/metadata/_search */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** For messages: "Listing your metadata". */
  what: string;
}

export interface HttpAnswer {
  status: number;
  statusText: string;
  contentType: string;
  text: string;
  /** The parsed body; `undefined` when the body is not JSON. */
  json: unknown;
  endpoint: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** The instance URL without a trailing slash; the issuer URL is the instance URL in ZITADEL. */
export function normalizeBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ZitadelApiError('validation', l10n.t('"{0}" is not a URL. Use the instance URL, e.g. {1}.', baseUrl, 'https://my-instance.zitadel.cloud'));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ZitadelApiError('validation', l10n.t('"{0}" is not an http(s) URL. Use the instance URL, e.g. {1}.', baseUrl, 'https://my-instance.zitadel.cloud'));
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export async function send(connection: Connection, request: HttpRequest): Promise<HttpAnswer> {
  // For messages and logs: the path without its query (which may hold many keys).
  const endpoint = `${request.method} ${request.path.split('?')[0]}`;
  const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${connection.token}`, ...request.headers };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const timeout = AbortSignal.timeout(connection.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  try {
    const response = await connection.fetch(`${connection.baseUrl}${request.path}`, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal,
      redirect: 'manual',
    });
    const text = await response.text();
    return { status: response.status, statusText: response.statusText, contentType: response.headers.get('content-type') ?? '', text, json: parseStructuredJson(text), endpoint };
  } catch (err) {
    if (timeout.aborted && !request.signal?.aborted) {
      throw new ZitadelApiError('timeout', l10n.t('{0} failed: ZITADEL did not answer within {1} ({2}). Check the instance URL and your network, then try again.', request.what, seconds(connection.timeoutMs), endpoint), { endpoint, cause: err });
    }
    if (request.signal?.aborted) throw new ZitadelApiError('cancelled', l10n.t('{0}: canceled.', request.what), { endpoint, cause: err });
    const problem = networkProblem(err) ?? (err instanceof Error ? err.message : String(err));
    throw new ZitadelApiError('network', l10n.t('{0} failed: could not reach ZITADEL at {1}: {2}. Check the instance URL and your network connection.', request.what, new URL(connection.baseUrl).origin, problem), {
      endpoint,
      cause: err,
      body: bodyForLog(String((err as { cause?: unknown })?.cause ?? err)),
    });
  }
}

function seconds(ms: number): string {
  return l10n.t('{0} s', ms % 1000 === 0 ? ms / 1000 : (ms / 1000).toFixed(1));
}
