// RP-initiated logout against a small provider on loopback whose end_session_endpoint sends the
// browser back to our one-shot receiver; the "browser" is fetch, following redirects.
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import { discover } from '../../src/core/oidc/discovery';
import { endProviderSession, LOGOUT_PATH } from '../../src/core/oidc/logout';
import { portClosed, rejection, settlesWithin } from '../support/oidcAssertions';

/** What the provider's end_session_endpoint does with a logout request. */
type EndSession = (query: URLSearchParams) => { location: string } | { status: number };

async function provider(options: { endSession?: boolean } = {}) {
  let onLogout: EndSession = (q) => ({ location: `${q.get('post_logout_redirect_uri')}?state=${encodeURIComponent(q.get('state') ?? '')}` });
  const requests: URLSearchParams[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    if (url.pathname === '/.well-known/openid-configuration') {
      const metadata = {
        issuer: base,
        authorization_endpoint: `${base}/authorize`,
        token_endpoint: `${base}/token`,
        jwks_uri: `${base}/jwks`,
        response_types_supported: ['code'],
        ...(options.endSession === false ? {} : { end_session_endpoint: `${base}/logout` }),
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(metadata));
      return;
    }
    requests.push(url.searchParams);
    const answer = onLogout(url.searchParams);
    if ('location' in answer) res.writeHead(302, { location: answer.location }).end();
    else res.writeHead(answer.status).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const client = await discover(base, { clientId: 'cli' });
  return {
    client,
    requests,
    set logout(handler: EndSession) {
      onLogout = handler;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The browser: follows the provider's redirects back to us; the page it ends on. */
async function browse(url: URL): Promise<{ status: number; url: string; body: string }> {
  const response = await fetch(url);
  return { status: response.status, url: response.url, body: await response.text() };
}

const receiverPort = (url: URL) => Number(new URL(url.searchParams.get('post_logout_redirect_uri')!).port);

describe('oidc RP-initiated logout', () => {
  let op: Awaited<ReturnType<typeof provider>>;
  before(async () => {
    op = await provider();
  });
  after(() => op.close());

  it('returns false without opening a browser when the provider advertises no end_session_endpoint', async () => {
    const bare = await provider({ endSession: false });
    try {
      let opened = false;
      assert.equal(await endProviderSession({ client: bare.client, openBrowser: async () => void (opened = true) }), false);
      assert.equal(opened, false);
    } finally {
      await bare.close();
    }
  });

  it('sends the ID token hint, our client, a fresh state and a loopback return address, and resolves once the browser is back', async () => {
    let page: Awaited<ReturnType<typeof browse>> | undefined;
    let opened: URL | undefined;
    const done = await settlesWithin(
      endProviderSession({
        client: op.client,
        idTokenHint: 'eyJ.hint.sig',
        profileName: 'Staging <b>',
        openBrowser: async (url) => {
          opened = url;
          page = await browse(url);
        },
      }),
      10_000,
      'the logout',
    );
    assert.equal(done, true);
    assert.ok(opened);
    assert.equal(`${opened.origin}${opened.pathname}`, `${op.client.issuer}/logout`);
    assert.equal(opened.searchParams.get('client_id'), 'cli');
    assert.equal(opened.searchParams.get('id_token_hint'), 'eyJ.hint.sig');
    const back = new URL(opened.searchParams.get('post_logout_redirect_uri')!);
    assert.equal(`${back.protocol}//${back.hostname}${back.pathname}`, `http://127.0.0.1${LOGOUT_PATH}`);
    assert.equal(LOGOUT_PATH, '/signed-out');
    assert.match(opened.searchParams.get('state') ?? '', /^[A-Za-z0-9_-]{40,}$/);
    assert.ok(page);
    assert.equal(page.status, 200);
    assert.match(page.body, /<h1>Signed out at the provider<\/h1>/);
    assert.match(page.body, /<p>Your session at the identity provider has ended\. VS Code has already forgotten the tokens\.<\/p>/);
    assert.ok(page.body.includes('<dd>Staging &#60;b&#62;</dd>'), 'the profile, escaped');
    assert.ok(page.body.includes(`<code>${op.client.issuer}</code>`), 'the issuer');
  });

  it('uses a fresh state every time, and the fixed port a profile asks for', async () => {
    const free = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const states: string[] = [];
    for (const port of [free, undefined]) {
      await endProviderSession({
        client: op.client,
        port,
        openBrowser: async (url) => {
          states.push(url.searchParams.get('state')!);
          if (port !== undefined) assert.equal(receiverPort(url), free);
          else assert.notEqual(receiverPort(url), 0);
          await browse(url);
        },
      });
    }
    assert.notEqual(states[0], states[1]);
  });

  it('waits minutes by default for the provider to send the browser back (it may ask the user to confirm)', async () => {
    const done = await endProviderSession({
      client: op.client,
      openBrowser: async (url) => {
        setTimeout(() => void browse(url), 300);
      },
    });
    assert.equal(done, true);
  });

  it('refuses when the browser cannot be opened, and stops listening', async () => {
    let port = 0;
    const err = await rejection(
      endProviderSession({
        client: op.client,
        openBrowser: async (url) => {
          port = receiverPort(url);
          return false;
        },
      }),
    );
    assert.equal(err.code, 'cancelled');
    assert.equal(err.message, 'The browser could not be opened to sign out at the provider.');
    assert.ok(await settlesWithin(portClosed(port), 5_000, 'closing the receiver'));
  });

  it('stops listening when opening the browser throws', async () => {
    let port = 0;
    await assert.rejects(
      endProviderSession({
        client: op.client,
        openBrowser: async (url) => {
          port = receiverPort(url);
          throw new Error('no display');
        },
      }),
      { message: 'no display' },
    );
    assert.ok(await settlesWithin(portClosed(port), 5_000, 'closing the receiver'));
  });

  it('gives up after timeoutMs when the browser never comes back', async () => {
    const err = await rejection(endProviderSession({ client: op.client, timeoutMs: 150, openBrowser: async () => undefined }));
    assert.equal(err.code, 'timeout');
  });

  it('is canceled through its signal', async () => {
    const controller = new AbortController();
    const err = await rejection(endProviderSession({ client: op.client, signal: controller.signal, openBrowser: async () => void setTimeout(() => controller.abort(), 20) }));
    assert.equal(err.code, 'cancelled');
  });

  it("reports the provider's error and shows a sign-out failed page", async () => {
    op.logout = (q) => ({ location: `${q.get('post_logout_redirect_uri')}?state=${encodeURIComponent(q.get('state') ?? '')}&error=invalid_request&error_description=unknown+post_logout_redirect_uri` });
    try {
      let page: Awaited<ReturnType<typeof browse>> | undefined;
      const err = await rejection(endProviderSession({ client: op.client, openBrowser: async (url) => void (page = await browse(url)) }));
      assert.equal(err.code, 'provider-error');
      assert.equal(err.error, 'invalid_request');
      assert.equal(page?.status, 400);
      assert.match(page?.body ?? '', /<h1>Sign-out failed<\/h1>/);
    } finally {
      op.logout = (q) => ({ location: `${q.get('post_logout_redirect_uri')}?state=${encodeURIComponent(q.get('state') ?? '')}` });
    }
  });
});
