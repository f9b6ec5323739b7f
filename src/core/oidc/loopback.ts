// One-shot loopback receiver for the authorization response (RFC 8252 §7.3, RFC 9700 §4.1).
// It lives for one sign-in: the first GET on the callback path that carries the expected
// `state` settles it; then it only serves the success page briefly and closes.
//
// Requests with a missing or wrong `state` get a 400 and are otherwise IGNORED: they do not
// settle the sign-in. Anything on the machine (or a web page via the browser) can reach a
// loopback port; without the state such a request cannot inject a code, and letting it abort
// the sign-in would hand every local process a way to cancel the user's sign-in. The timeout
// bounds the wait. A provider error or an `iss` mismatch WITH the right state does settle it.
import * as l10n from '@vscode/l10n';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { OidcError, describeOAuthError } from './errors';
import { redirect, resultPage, textPage, type Page, type PageNames } from './pages';

export interface LoopbackOptions {
  /** 0 (default) = an ephemeral port chosen by the OS; a fixed port only if the provider demands it. */
  port?: number;
  /** Callback path, default `/callback`. */
  path?: string;
  /** The `state` sent in this attempt's authorization request. */
  expectedState: string;
  /** Set when the provider advertises `authorization_response_iss_parameter_supported` (RFC 9207). */
  expectedIssuer?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Plain text shown on the success page (escaped). */
  successPage?: string;
  /** The success page's title; default "Signed in at the provider". */
  successTitle?: string;
  /** The profile and issuer named on the success and error pages (escaped). */
  names?: PageNames;
  /** How long the success page stays reachable after the code arrived; default 10 s. */
  donePageGraceMs?: number;
  /** Default true. False for the return from RP-initiated logout, which brings only `state`. */
  expectCode?: boolean;
}

export interface LoopbackReceiver {
  /** `http://127.0.0.1:<port>/callback`: the redirect URI to register in the authorization request. */
  redirectUri: string;
  port: number;
  /** The callback URL (redirect URI plus the provider's query) once the right response arrived. */
  result: Promise<URL>;
  /** Resolves once the listener is gone and every connection has ended. */
  closed: Promise<void>;
  /** Stops waiting (rejects `result` with `cancelled` if still pending) and closes. Idempotent. */
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const DONE_PATH = '/done';

/** Constant-time equality; hashing first gives equal-length buffers whatever the input lengths. */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}

export async function startLoopbackReceiver(options: LoopbackOptions): Promise<LoopbackReceiver> {
  const path = options.path ?? '/callback';
  const requestedPort = options.port ?? 0;
  if (!path.startsWith('/') || path === DONE_PATH) throw new TypeError(`invalid callback path ${path}`);
  if (!options.expectedState) throw new TypeError('expectedState must not be empty');
  if (options.signal?.aborted) throw cancelled();

  // waiting → succeeded (serving /done until grace ends) or failed → closed
  let phase: 'waiting' | 'succeeded' | 'failed' | 'closed' = 'waiting';
  let graceTimer: NodeJS.Timeout | undefined;
  let resolveResult!: (url: URL) => void;
  let rejectResult!: (err: OidcError) => void;
  const result = new Promise<URL>((resolve, reject) => {
    resolveResult = resolve;
    rejectResult = reject;
  });
  // The caller may not be awaiting yet when a timeout fires; it still sees the rejection later.
  result.catch(() => undefined);

  const server = createServer((req, res) => handle(req, res));
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(new OidcError('port-in-use', l10n.t("Port {0} on {1} is already in use by another program, so the sign-in cannot receive the provider's answer. Close that program or use another port (0 lets the system pick a free one).", requestedPort, HOST), { cause: err }));
      } else {
        reject(new OidcError('port-unavailable', l10n.t('Cannot listen on {0} for the sign-in callback ({1}). Use another port (0 lets the system pick a free one).', `${HOST}:${requestedPort}`, err.code ?? err.message), { cause: err }));
      }
    });
    // exclusive: never share the port with another process in a cluster.
    server.listen({ port: requestedPort, host: HOST, exclusive: true }, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const redirectUri = `http://${HOST}:${port}${path}`;

  const timer = setTimeout(() => fail(new OidcError('timeout', l10n.t('No answer from the sign-in page within {0} s. The browser may not have opened, or the sign-in was left unfinished. Start the sign-in again.', Math.round(options.timeoutMs / 1000)))), options.timeoutMs);
  const onAbort = () => fail(cancelled());
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort(); // aborted while we were binding the port

  function stopWaiting() {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }

  /** Rejects the sign-in and closes now (no page left to serve). */
  function fail(err: OidcError) {
    if (phase !== 'waiting') return;
    stopWaiting();
    phase = 'failed';
    rejectResult(err);
    shutdown(true);
  }

  /** Stops listening at once. `now`: also drop open sockets (nothing left to answer on them). */
  function shutdown(now = false) {
    if (phase === 'closed') return;
    phase = 'closed';
    clearTimeout(graceTimer);
    server.close();
    server.closeIdleConnections();
    // A browser may hold a keep-alive socket open; do not let it keep the receiver alive.
    if (now) server.closeAllConnections();
    else setTimeout(() => server.closeAllConnections(), 1000).unref();
  }

  function send(res: ServerResponse, page: Page, then?: () => void) {
    // Once settled, ask the browser not to reuse the connection, so closing is quick and clean.
    const headers = phase === 'waiting' ? page.headers : { ...page.headers, Connection: 'close' };
    res.writeHead(page.status, headers);
    res.end(page.body, then);
  }

  function handle(req: IncomingMessage, res: ServerResponse) {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
    } catch {
      return send(res, textPage(400, 'Bad request.'));
    }

    if (url.pathname === DONE_PATH && req.method === 'GET' && phase === 'succeeded') {
      const lead = options.successPage ?? l10n.t("VS Code received the identity provider's answer and completes the sign-in: it exchanges the code for tokens and checks the ID token. The result shows in VS Code.");
      return send(res, resultPage({ status: 200, tone: 'success', title: options.successTitle ?? l10n.t('Signed in at the provider'), lead, names: options.names }), () => shutdown());
    }
    if (url.pathname !== path) return send(res, textPage(404, 'Not found.'));
    if (req.method !== 'GET') return send(res, textPage(405, 'Method not allowed.', { Allow: 'GET' }));
    if (phase !== 'waiting') {
      return send(res, resultPage({ status: 410, tone: 'notice', title: l10n.t('This sign-in has already finished'), lead: l10n.t('This address no longer accepts answers. Return to VS Code and start a new sign-in if needed.'), closeHint: false }));
    }

    const params = url.searchParams;
    const states = params.getAll('state');
    if (states.length !== 1 || !safeEqual(states[0], options.expectedState)) {
      // Not named here: whoever sent this request need not learn the profile or issuer.
      return send(res, resultPage({ status: 400, tone: 'notice', title: l10n.t('Not the sign-in VS Code is waiting for'), lead: l10n.t('This sign-in answer does not belong to the sign-in VS Code is waiting for (its "state" is missing or wrong), so it was ignored. Finish the sign-in in the browser tab VS Code opened, or start a new sign-in from VS Code.'), closeHint: false }));
    }

    if (options.expectedIssuer !== undefined) {
      const issuers = params.getAll('iss');
      if (issuers.length !== 1 || issuers[0] !== options.expectedIssuer) {
        const started = String(options.expectedIssuer);
        const message =
          issuers.length === 0
            ? l10n.t('The sign-in answer came with no "iss" parameter, but the sign-in was started at "{0}". This can be a mix-up attack (RFC 9207), so the sign-in was stopped. Check the issuer URL and start again.', started)
            : l10n.t('The sign-in answer came with issuer "{0}", but the sign-in was started at "{1}". This can be a mix-up attack (RFC 9207), so the sign-in was stopped. Check the issuer URL and start again.', issuers.join('", "'), started);
        return settleWithError(res, new OidcError('issuer-mismatch', message));
      }
    }

    const error = params.get('error');
    if (error !== null) {
      const errorDescription = params.get('error_description') ?? undefined;
      const described = describeOAuthError({ error, errorDescription });
      return settleWithError(res, new OidcError('provider-error', l10n.t("The identity provider refused the sign-in: {0}. Try again, or check the client's settings at the provider.", described), { error, errorDescription }));
    }

    const codes = params.getAll('code');
    if (options.expectCode !== false && (codes.length !== 1 || codes[0] === '')) {
      return settleWithError(res, new OidcError('invalid-callback', l10n.t('The sign-in answer carried the right state but no single authorization code. Start the sign-in again; if this repeats, the provider is misconfigured.')));
    }

    // Success: hand the URL over, and move the code out of the address bar via a redirect.
    stopWaiting();
    phase = 'succeeded';
    const callback = new URL(redirectUri);
    callback.search = url.search;
    resolveResult(callback);
    graceTimer = setTimeout(() => shutdown(), options.donePageGraceMs ?? 10_000);
    return send(res, redirect(DONE_PATH));
  }

  function settleWithError(res: ServerResponse, err: OidcError) {
    stopWaiting();
    phase = 'failed';
    rejectResult(err);
    const details = err.error ? `error: ${err.error}${err.errorDescription ? `\nerror_description: ${err.errorDescription}` : ''}` : undefined;
    const page = resultPage({ status: 400, tone: 'error', title: options.expectCode === false ? l10n.t('Sign-out failed') : l10n.t('Sign-in failed'), lead: err.message, names: options.names, details });
    send(res, page, () => shutdown());
  }

  return {
    redirectUri,
    port,
    result,
    closed,
    close() {
      fail(new OidcError('cancelled', l10n.t('The sign-in was closed before it finished.')));
      shutdown(true);
      return closed;
    },
  };
}

function cancelled() {
  return new OidcError('cancelled', l10n.t('Sign-in canceled.'));
}
