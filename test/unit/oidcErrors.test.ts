// How OIDC failures are put into words: network problems (from real sockets on loopback where
// one can be made to fail that way), the provider's OAuth errors, cancellation, and the rest.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import * as l10n from '@vscode/l10n';
import { discover } from '../../src/core/oidc/discovery';
import { OidcError, isAbort, networkProblem, wrapError } from '../../src/core/oidc/errors';
import { CA_CERTIFICATE, CA_PRIVATE_KEY } from '../fixtures/certificates';
import { rejection } from '../support/oidcAssertions';

async function listen<S extends Server | NetServer>(server: S): Promise<{ port: number; close(): Promise<void> }> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s: import('node:net').Socket) => sockets.add(s));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** fetch()'s failure as undici reports it: TypeError('fetch failed') with the socket error as cause. */
const fetchFailed = (code?: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(`socket: ${code}`), code ? { code } : {}) });

const reachHint = 'Check the issuer URL and that the server is running and reachable.';

describe('oidc errors: network problems in words', () => {
  it('says the issuer did not answer in time when discovery times out', async () => {
    const silent = await listen(createHttpServer(() => undefined));
    try {
      const err = await rejection(discover(`http://127.0.0.1:${silent.port}`, { clientId: 'cli' }, { timeoutSeconds: 0.2 }));
      assert.equal(err.code, 'network');
      assert.equal(err.message, `Cannot reach the issuer at http://127.0.0.1:${silent.port}: the server did not answer in time. ${reachHint}`);
      assert.equal((err.cause as { code?: string }).code, 'OAUTH_TIMEOUT');
    } finally {
      await silent.close();
    }
  });

  it("names the TLS error of an https issuer whose certificate is not trusted", async () => {
    const selfSigned = await listen(createHttpsServer({ cert: CA_CERTIFICATE, key: CA_PRIVATE_KEY }, (_req, res) => res.end('{}')));
    try {
      const err = await rejection(discover(`https://127.0.0.1:${selfSigned.port}`, { clientId: 'cli' }));
      assert.equal(err.code, 'network');
      assert.equal(err.message, `Cannot reach the issuer at https://127.0.0.1:${selfSigned.port}: its TLS certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT). ${reachHint}`);
    } finally {
      await selfSigned.close();
    }
  });

  it('says only that the request failed when the server does not speak HTTP', async () => {
    const ssh = await listen(createNetServer((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n')));
    try {
      const err = await rejection(discover(`http://127.0.0.1:${ssh.port}`, { clientId: 'cli' }));
      assert.equal(err.code, 'network');
      assert.equal(err.message, `Cannot reach the issuer at http://127.0.0.1:${ssh.port}: the request failed. ${reachHint}`);
    } finally {
      await ssh.close();
    }
  });

  it('words each socket error fetch reports, and nothing else as a network problem', () => {
    const words: [string, string][] = [
      ['ECONNREFUSED', 'connection refused: nothing is listening there'],
      ['ENOTFOUND', 'the host name could not be resolved'],
      ['EAI_AGAIN', 'the host name could not be resolved'],
      ['ECONNRESET', 'the connection was reset'],
      ['UND_ERR_SOCKET', 'the connection was reset'],
      ['ETIMEDOUT', 'the server did not answer in time'],
      ['UND_ERR_CONNECT_TIMEOUT', 'the server did not answer in time'],
      ['OAUTH_TIMEOUT', 'the server did not answer in time'],
      ['CERT_HAS_EXPIRED', 'its TLS certificate is not trusted (CERT_HAS_EXPIRED)'],
      ['SELF_SIGNED_CERT_IN_CHAIN', 'its TLS certificate is not trusted (SELF_SIGNED_CERT_IN_CHAIN)'],
      ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'its TLS certificate is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE)'],
      ['ERR_TLS_CERT_ALTNAME_INVALID', 'its TLS certificate is not trusted (ERR_TLS_CERT_ALTNAME_INVALID)'],
      ['HPE_INVALID_CONSTANT', 'the request failed'],
    ];
    for (const [code, text] of words) {
      assert.equal(networkProblem(fetchFailed(code)), text, `${code} as fetch's cause`);
      assert.equal(networkProblem(Object.assign(new Error('x'), { code })), code === 'HPE_INVALID_CONSTANT' ? undefined : text, `${code} on the error itself`);
    }
    assert.equal(networkProblem(fetchFailed()), 'the request failed');
    assert.equal(networkProblem(new TypeError('Invalid URL')), undefined, 'a TypeError that is not a failed fetch');
    assert.equal(networkProblem(new Error('fetch failed')), undefined, 'only the TypeError fetch throws');
    assert.equal(networkProblem(Object.assign(new Error('x'), { code: 'OAUTH_INVALID_RESPONSE' })), undefined);
    assert.equal(networkProblem(undefined), undefined);
  });
});

describe('oidc errors: wrapping a failed step', () => {
  const what = 'Refreshing the tokens failed';
  const hint = 'Sign in again if this persists.';

  it("keeps an OidcError as it is", () => {
    const ours = new OidcError('clock-skew', 'already explained');
    assert.equal(wrapError(ours, 'refresh-failed', what, hint), ours);
  });

  it("quotes the provider's OAuth error with the step and the hint, keeping error, description and status", () => {
    const answer = Object.assign(new Error('server responded with an error in the response body'), { error: 'temporarily_unavailable', error_description: 'try later', status: 503 });
    const err = wrapError(answer, 'refresh-failed', what, hint);
    assert.equal(err.code, 'refresh-failed');
    assert.equal(err.message, `${what}: the provider answered temporarily_unavailable: try later. ${hint}`);
    assert.deepEqual([err.error, err.errorDescription, err.status, err.cause], ['temporarily_unavailable', 'try later', 503, answer]);
    const bare = wrapError({ error: 'access_denied' }, 'userinfo-failed', 'Fetching userinfo failed', 'Refresh the tokens or sign in again.');
    assert.equal(bare.message, 'Fetching userinfo failed: the provider answered access_denied. Refresh the tokens or sign in again.');
    assert.deepEqual([bare.error, bare.errorDescription, bare.status], ['access_denied', undefined, undefined]);
  });

  it('calls a network failure a network problem, whatever the step', () => {
    const cause = fetchFailed('ECONNRESET');
    const err = wrapError(cause, 'refresh-failed', what, hint);
    assert.equal(err.code, 'network');
    assert.equal(err.message, `${what}: the connection was reset. Check your network connection and that the issuer is up, then try again.`);
    assert.equal(err.cause, cause);
  });

  it('calls an aborted step canceled: a DOM AbortError or openid-client\'s OAUTH_ABORT', () => {
    for (const abort of [new DOMException('This operation was aborted', 'AbortError'), Object.assign(new Error('operation aborted'), { code: 'OAUTH_ABORT' })]) {
      const err = wrapError(abort, 'device-flow-failed', 'Device sign-in failed', 'Start it again.');
      assert.equal(err.code, 'cancelled');
      assert.equal(err.message, 'Device sign-in failed: canceled.');
      assert.equal(err.cause, abort);
    }
  });

  it('otherwise gives the step, the reason and the hint, under the code of the step', () => {
    const cause = new Error('unexpected JWT claim value encountered');
    const err = wrapError(cause, 'revocation-failed', 'Revoking the token failed', 'Retrying will not help if the provider keeps refusing.');
    assert.equal(err.code, 'revocation-failed');
    assert.equal(err.message, 'Revoking the token failed: unexpected JWT claim value encountered. Retrying will not help if the provider keeps refusing.');
    assert.equal(err.cause, cause);
    assert.equal(wrapError('a thrown string', 'refresh-failed', what, hint).message, `${what}: a thrown string. ${hint}`);
  });

  it("finds the translation of 'step: reason' under its translator comment in the shipped bundle", () => {
    const english = JSON.parse(readFileSync('l10n/bundle.l10n.json', 'utf8')) as Record<string, unknown>;
    const key = '{0}: {1}./What failed, then the reason';
    assert.ok(key in english, 'the bundle keys the message by message and comment');
    l10n.config({ contents: { [key]: '{0} — {1}.' } });
    try {
      assert.equal(wrapError(new Error('boom'), 'refresh-failed', what, hint).message, `${what} — boom. ${hint}`);
    } finally {
      l10n.config({ contents: {} });
    }
  });

  it('recognises an abort by its name or by openid-client\'s code, and nothing else', () => {
    assert.equal(isAbort(Object.assign(new Error('x'), { name: 'AbortError' })), true);
    assert.equal(isAbort(Object.assign(new Error('x'), { code: 'OAUTH_ABORT' })), true);
    assert.equal(isAbort(Object.assign(new Error('x'), { name: 'TimeoutError', code: 'OAUTH_TIMEOUT' })), false);
    assert.equal(isAbort(new Error('AbortError')), false);
    assert.equal(isAbort(undefined), false);
  });
});
