import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { startLoopbackReceiver, type LoopbackOptions, type LoopbackReceiver } from '../../src/core/oidc/loopback';
import { OidcError } from '../../src/core/oidc/errors';
import { freePort } from '../support/providers/childProvider';
import { connectionOutcome, otherLocalAddresses, portClosed, rejection, settlesWithin } from '../support/oidcAssertions';

const STATE = 'state-0123456789abcdef';


async function get(url: string) {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, headers: response.headers, body: await response.text() };
}


/** Waits for the receiver to close, failing with what did not happen rather than at mocha's timeout. */
const closing = (receiver: LoopbackReceiver) => settlesWithin(receiver.closed, 5000, 'the receiver closing its port');

/** Whether `promise` is still pending after the event loop had a chance to settle it. */
async function pending(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol('pending');
  const winner = await Promise.race([promise.then(() => 'settled', () => 'settled'), new Promise((r) => setTimeout(() => r(marker), 20))]);
  return winner === marker;
}

/** A receiver starter for a suite: each test's receivers are closed after it. */
function receiversClosedAfterEach() {
  const receivers: LoopbackReceiver[] = [];
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });
  return async function start(options: Partial<LoopbackOptions> = {}) {
    const receiver = await startLoopbackReceiver({ expectedState: STATE, timeoutMs: 10_000, path: '/callback', ...options });
    receivers.push(receiver);
    return receiver;
  };
}

describe('oidc loopback receiver', () => {
  const start = receiversClosedAfterEach();

  it('binds 127.0.0.1 on an ephemeral port and accepts the first callback with the right state', async () => {
    const receiver = await start();
    assert.match(receiver.redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    assert.notEqual(receiver.port, 0);

    const answer = await get(`${receiver.redirectUri}?code=the-code&state=${STATE}&iss=x`);
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.get('location'), '/done', 'the code leaves the address bar');
    assert.equal(answer.headers.get('content-type'), 'text/plain; charset=utf-8');
    const url = await receiver.result;
    assert.equal(url.href, `${receiver.redirectUri}?code=the-code&state=${STATE}&iss=x`);

    const done = await get(`http://127.0.0.1:${receiver.port}/done`);
    assert.equal(done.status, 200);
    assert.match(done.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(done.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.match(done.body, /return to VS Code/);
    assert.match(done.body, /VS Code received the identity provider&#39;s answer and completes the sign-in: it exchanges the code for tokens and checks the ID token\. The result shows in VS Code\./);
    await closing(receiver);
    assert.ok(await portClosed(receiver.port));
  });

  it('listens on 127.0.0.1 only: ::1, 127.0.0.2 and every other address of this machine refuse the connection', async () => {
    const receivers = [await start(), await start({ port: await freePort() })];
    const others = otherLocalAddresses();
    assert.ok(others.includes('::1') && others.includes('127.0.0.2'));
    for (const receiver of receivers) {
      assert.equal(await connectionOutcome('127.0.0.1', receiver.port), 'connected');
      for (const address of others) {
        assert.notEqual(await connectionOutcome(address, receiver.port), 'connected', `[${address}]:${receiver.port} accepted a connection: the sign-in callback would be reachable beyond 127.0.0.1`);
      }
    }
  });

  it('shows a custom success text, escaped', async () => {
    const receiver = await start({ successPage: 'Hi <b>there</b>' });
    await get(`${receiver.redirectUri}?code=c&state=${STATE}`);
    const done = await get(`http://127.0.0.1:${receiver.port}/done`);
    assert.match(done.body, /Hi &#60;b&#62;there&#60;\/b&#62;/);
  });

  it('answers a wrong or missing state with 400 and keeps waiting for the real answer', async () => {
    const receiver = await start();
    for (const query of ['code=evil&state=wrong', 'code=evil', `code=evil&state=${STATE}&state=${STATE}`, `code=evil&state=${STATE}x`, 'error=access_denied&state=nope']) {
      const answer = await get(`${receiver.redirectUri}?${query}`);
      assert.equal(answer.status, 400, query);
      assert.match(answer.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(answer.body, /&#34;state&#34; is missing or wrong/);
      assert.ok(await pending(receiver.result), `still waiting after ${query}`);
    }
    assert.equal(await portClosed(receiver.port), false, 'still listening');
    assert.equal((await get(`${receiver.redirectUri}?code=real&state=${STATE}`)).status, 303);
    assert.equal((await receiver.result).searchParams.get('code'), 'real');
    await receiver.close();
    assert.ok(await portClosed(receiver.port));
  });

  it('answers other paths and methods without settling', async () => {
    const receiver = await start();
    assert.equal((await get(`http://127.0.0.1:${receiver.port}/other?code=c&state=${STATE}`)).status, 404);
    assert.equal((await get(`http://127.0.0.1:${receiver.port}/callback/?code=c&state=${STATE}`)).status, 404);
    assert.equal((await get(`http://127.0.0.1:${receiver.port}/done`)).status, 404, 'no success page before success');
    const post = await fetch(`${receiver.redirectUri}?code=c&state=${STATE}`, { method: 'POST' });
    assert.equal(post.status, 405);
    assert.ok(await pending(receiver.result));
    await receiver.close();
    assert.equal((await rejection(receiver.result)).code, 'cancelled');
    assert.ok(await portClosed(receiver.port));
  });

  it('rejects a second callback after the first one (410) and keeps the first code', async () => {
    const receiver = await start();
    await get(`${receiver.redirectUri}?code=first&state=${STATE}`);
    const second = await get(`${receiver.redirectUri}?code=second&state=${STATE}`);
    assert.equal(second.status, 410);
    assert.match(second.body, /already finished/);
    assert.equal((await receiver.result).searchParams.get('code'), 'first');
    await get(`http://127.0.0.1:${receiver.port}/done`);
    await closing(receiver);
    assert.ok(await portClosed(receiver.port));
    // A replay once closed cannot even connect.
    await assert.rejects(fetch(`${receiver.redirectUri}?code=first&state=${STATE}`), (err: Error) => /fetch failed/.test(err.message));
  });

  it('closes after a grace period when the browser never fetches the success page', async () => {
    const receiver = await start({ donePageGraceMs: 50 });
    await get(`${receiver.redirectUri}?code=c&state=${STATE}`);
    await closing(receiver);
    assert.ok(await portClosed(receiver.port));
  });

  it('settles with a provider error shown as escaped text under a strict CSP', async () => {
    const receiver = await start();
    const description = '<script>alert(1)</script> & "quotes"';
    const answer = await get(`${receiver.redirectUri}?error=access_denied&error_description=${encodeURIComponent(description)}&state=${STATE}`);
    assert.equal(answer.status, 400);
    assert.match(answer.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    const csp = answer.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /script-src|unsafe-inline/);
    assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(!answer.body.includes('<script>'), 'no markup from the request');
    assert.ok(answer.body.includes('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;quotes&#34;'));
    assert.ok(answer.body.includes('access_denied'));

    const err = await rejection(receiver.result);
    assert.equal(err.code, 'provider-error');
    assert.equal(err.error, 'access_denied');
    assert.equal(err.errorDescription, description);
    assert.match(err.message, /refused the sign-in: access_denied/);
    await closing(receiver);
    assert.ok(await portClosed(receiver.port));
  });

  it('rejects an answer with the right state but no code', async () => {
    const receiver = await start();
    assert.equal((await get(`${receiver.redirectUri}?state=${STATE}`)).status, 400);
    assert.equal((await rejection(receiver.result)).code, 'invalid-callback');
    await closing(receiver);
    assert.ok(await portClosed(receiver.port));
  });

  it('checks the iss response parameter when an issuer is expected (RFC 9207)', async () => {
    const issuer = 'http://127.0.0.1:4444';
    const good = await start({ expectedIssuer: issuer });
    assert.equal((await get(`${good.redirectUri}?code=c&state=${STATE}&iss=${encodeURIComponent(issuer)}`)).status, 303);
    assert.equal((await good.result).searchParams.get('code'), 'c');

    for (const iss of ['&iss=https%3A%2F%2Fevil.example', '', `&iss=${encodeURIComponent(issuer)}&iss=x`]) {
      const receiver = await start({ expectedIssuer: issuer });
      const answer = await get(`${receiver.redirectUri}?code=c&state=${STATE}${iss}`);
      assert.equal(answer.status, 400);
      const err = await rejection(receiver.result);
      assert.equal(err.code, 'issuer-mismatch', iss);
      assert.match(err.message, /mix-up/);
      await closing(receiver);
      assert.ok(await portClosed(receiver.port));
    }
  });

  it('rejects promptly and closes on cancel', async () => {
    const controller = new AbortController();
    const receiver = await start({ signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    const err = await settlesWithin(rejection(receiver.result), 5000, 'the sign-in rejecting on cancel (its own timeout is 10 s)');
    assert.equal(err.code, 'cancelled');
    assert.equal(err.message, 'Sign-in canceled.');
    await closing(receiver);
    assert.ok(await portClosed(receiver.port));
  });

  it('refuses to start with an already aborted signal', async () => {
    const err = await rejection(start({ signal: AbortSignal.abort() }));
    assert.equal(err.code, 'cancelled');
    assert.equal(err.message, 'Sign-in canceled.');
  });

  it('rejects promptly and closes on timeout, even with a browser connection kept open', async () => {
    const receiver = await start({ timeoutMs: 100 });
    const idle = connect(receiver.port, '127.0.0.1'); // a browser's idle keep-alive socket
    await new Promise((r) => idle.once('connect', r));
    const err = await rejection(receiver.result);
    assert.equal(err.code, 'timeout');
    assert.match(err.message, /Start the sign-in again/);
    assert.ok(await portClosed(receiver.port));
    await closing(receiver);
    idle.destroy();
  });

  it('reports a port already in use, naming the port', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const err = await rejection(start({ port }));
      assert.equal(err.code, 'port-in-use');
      assert.match(err.message, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it('close() is idempotent', async () => {
    const receiver = await start();
    await Promise.all([receiver.close(), receiver.close()]);
    await receiver.close();
    assert.equal((await rejection(receiver.result)).code, 'cancelled');
    assert.ok(await portClosed(receiver.port));
  });

  it('uses a fixed port when asked', async () => {
    const port = await freePort();
    const receiver = await start({ port });
    assert.equal(receiver.redirectUri, `http://127.0.0.1:${port}/callback`);
  });
});

describe('oidc loopback receiver: refusals and error pages', () => {
  const start = receiversClosedAfterEach();

  /** The raw HTTP answer to a request line the fetch API would not send. */
  function rawRequest(port: number, target: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (answer += chunk));
      socket.once('end', () => resolve(answer));
      socket.once('error', reject);
      socket.write(`GET ${target} HTTP/1.0\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    });
  }

  it('refuses a callback path that is not absolute or is the success page\'s, naming it', async () => {
    await assert.rejects(startLoopbackReceiver({ expectedState: STATE, timeoutMs: 1000, path: 'callback' }), { name: 'TypeError', message: 'invalid callback path callback' });
    await assert.rejects(startLoopbackReceiver({ expectedState: STATE, timeoutMs: 1000, path: '/done' }), { name: 'TypeError', message: 'invalid callback path /done' });
  });

  it('refuses an empty expected state', async () => {
    await assert.rejects(startLoopbackReceiver({ expectedState: '', timeoutMs: 1000 }), { name: 'TypeError', message: 'expectedState must not be empty' });
  });

  it('keeps the system error of a port in use as the cause', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const err = await rejection(start({ port }));
      assert.equal(err.code, 'port-in-use');
      assert.equal(err.message, `Port ${port} on 127.0.0.1 is already in use by another program, so the sign-in cannot receive the provider's answer. Close that program or use another port (0 lets the system pick a free one).`);
      assert.equal((err.cause as NodeJS.ErrnoException).code, 'EADDRINUSE');
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it('explains a port it may not listen on (a privileged port for an unprivileged user), naming address and system error', async function () {
    // As root, drop the effective user for the bind: the kernel then refuses ports below 1024.
    const root = process.geteuid?.() === 0;
    if (root) process.seteuid!(65534);
    let outcome: unknown;
    try {
      outcome = await start({ port: 1 }).then((r) => r, (e: unknown) => e);
    } finally {
      if (root) process.seteuid!(0);
    }
    if (!(outcome instanceof Error)) this.skip(); // this system lets anyone listen on port 1
    const err = outcome as OidcError;
    assert.ok(err instanceof OidcError, String(err));
    assert.equal(err.code, 'port-unavailable');
    assert.equal(err.message, 'Cannot listen on 127.0.0.1:1 for the sign-in callback (EACCES). Use another port (0 lets the system pick a free one).');
    assert.equal((err.cause as NodeJS.ErrnoException).code, 'EACCES');
  });

  it('answers a request target that is no URL with 400 "Bad request." and keeps waiting', async () => {
    const receiver = await start();
    const answer = await rawRequest(receiver.port, '//');
    assert.match(answer, /^HTTP\/1\.1 400 /);
    assert.ok(answer.endsWith('\r\n\r\nBad request.\n'), answer);
    assert.ok(await pending(receiver.result));
  });

  it('shows the provider\'s error alone in the details when it sent no description', async () => {
    const receiver = await start();
    const answer = await get(`${receiver.redirectUri}?error=access_denied&state=${STATE}`);
    assert.equal(answer.status, 400);
    assert.ok(answer.body.includes('<h1>Sign-in failed</h1>'), answer.body);
    assert.ok(answer.body.includes('<pre>error: access_denied</pre>'), answer.body);
    assert.equal((await rejection(receiver.result)).errorDescription, undefined);
  });

  it('titles the error page "Sign-out failed" on the return from logout', async () => {
    const receiver = await start({ expectCode: false });
    const answer = await get(`${receiver.redirectUri}?error=server_error&error_description=down&state=${STATE}`);
    assert.equal(answer.status, 400);
    assert.ok(answer.body.includes('<h1>Sign-out failed</h1>'), answer.body);
    assert.ok(answer.body.includes('<pre>error: server_error\nerror_description: down</pre>'), answer.body);
    assert.equal((await rejection(receiver.result)).code, 'provider-error');
  });
});

describe('oidc loopback receiver: timing out and canceling', () => {
  it('names the timeout in seconds', async () => {
    const receiver = await startLoopbackReceiver({ expectedState: STATE, timeoutMs: 500 });
    const err = await settlesWithin(rejection(receiver.result), 5000, 'the sign-in timing out after 0.5 s');
    assert.equal(err.code, 'timeout');
    assert.equal(err.message, 'No answer from the sign-in page within 1 s. The browser may not have opened, or the sign-in was left unfinished. Start the sign-in again.');
    await closing(receiver);
  });

  it('drops a connection still sending its request at once when the sign-in is canceled', async () => {
    const controller = new AbortController();
    const receiver = await startLoopbackReceiver({ expectedState: STATE, timeoutMs: 10_000, signal: controller.signal });
    const socket = connect(receiver.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    const dropped = new Promise((r) => socket.once('close', r));
    socket.on('error', () => undefined);
    socket.write(`GET /callback?state=${STATE} HTTP/1.1\r\nHost: 127.0.0.1\r\n`); // headers not finished
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    assert.equal((await rejection(receiver.result)).code, 'cancelled');
    // Closing idle connections would leave this one for another second.
    await settlesWithin(dropped, 700, 'the half-sent request being dropped');
    await settlesWithin(receiver.closed, 700, 'the receiver closing');
  });
});
