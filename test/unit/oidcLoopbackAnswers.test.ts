// What the loopback receiver answers to requests that are not the awaited sign-in answer (another
// path, another method, a second answer, a wrong state), and how it names a missing or doubled
// "iss" and a missing code; each sent over real HTTP to the receiver on 127.0.0.1.
import { strict as assert } from 'node:assert';
import { startLoopbackReceiver, type LoopbackOptions, type LoopbackReceiver } from '../../src/core/oidc/loopback';
import { resultPage } from '../../src/core/oidc/pages';
import { rejection } from '../support/oidcAssertions';

const STATE = 'state-answers-0123456789';
const ISSUER = 'https://issuer.example';
const CLOSE_HINT = 'You can close this tab and return to VS Code.';

async function send(url: string, init: RequestInit = {}) {
  const response = await fetch(url, { redirect: 'manual', ...init });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

describe('oidc loopback receiver: answers to requests that are not the sign-in answer', () => {
  const receivers: LoopbackReceiver[] = [];
  async function start(options: Partial<LoopbackOptions> = {}) {
    const receiver = await startLoopbackReceiver({ expectedState: STATE, timeoutMs: 10_000, path: '/callback', ...options });
    receiver.result.catch(() => undefined);
    receivers.push(receiver);
    return receiver;
  }
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });

  it('answers another path with a plain "Not found." and keeps waiting', async () => {
    const receiver = await start();
    const answer = await send(`http://127.0.0.1:${receiver.port}/elsewhere?state=${STATE}&code=c`);
    assert.equal(answer.status, 404);
    assert.equal(answer.body, 'Not found.\n');
    assert.match(answer.headers.get('content-type') ?? '', /^text\/plain/);
  });

  it('answers a POST to the callback with "Method not allowed." and Allow: GET', async () => {
    const receiver = await start();
    const answer = await send(`${receiver.redirectUri}?state=${STATE}&code=c`, { method: 'POST' });
    assert.equal(answer.status, 405);
    assert.equal(answer.body, 'Method not allowed.\n');
    assert.equal(answer.headers.get('allow'), 'GET');
  });

  it('answers a second sign-in answer after the first with 410 "already finished", without the close hint', async () => {
    const receiver = await start();
    assert.equal((await send(`${receiver.redirectUri}?state=${STATE}&code=first`)).status, 303);
    await receiver.result;
    const again = await send(`${receiver.redirectUri}?state=${STATE}&code=second`);
    assert.equal(again.status, 410);
    assert.match(again.body, /<h1>This sign-in has already finished<\/h1>/);
    assert.ok(again.body.includes('<p>This address no longer accepts answers. Return to VS Code and start a new sign-in if needed.</p>'), again.body);
    assert.ok(!again.body.includes(CLOSE_HINT), 'the tab is not the one to close');
  });

  it('answers a wrong state with 400 "Not the sign-in VS Code is waiting for", without the close hint, and keeps waiting', async () => {
    const receiver = await start();
    const answer = await send(`${receiver.redirectUri}?state=other&code=c`);
    assert.equal(answer.status, 400);
    assert.match(answer.body, /<h1>Not the sign-in VS Code is waiting for<\/h1>/);
    assert.ok(!answer.body.includes(CLOSE_HINT), 'the user should go on in the right tab');
  });

  it('stops a sign-in whose answer has no "iss", naming the issuer it was started at', async () => {
    const receiver = await start({ expectedIssuer: ISSUER });
    const answer = await send(`${receiver.redirectUri}?state=${STATE}&code=c`);
    assert.equal(answer.status, 400);
    const err = await rejection(receiver.result);
    assert.equal(err.code, 'issuer-mismatch');
    assert.equal(err.message, `The sign-in answer came with no "iss" parameter, but the sign-in was started at "${ISSUER}". This can be a mix-up attack (RFC 9207), so the sign-in was stopped. Check the issuer URL and start again.`);
  });

  it('stops a sign-in whose answer has two "iss", quoting both', async () => {
    const receiver = await start({ expectedIssuer: ISSUER });
    await send(`${receiver.redirectUri}?state=${STATE}&code=c&iss=${encodeURIComponent(ISSUER)}&iss=https%3A%2F%2Fother.example`);
    const err = await rejection(receiver.result);
    assert.equal(err.code, 'issuer-mismatch');
    assert.equal(err.message, `The sign-in answer came with issuer "${ISSUER}", "https://other.example", but the sign-in was started at "${ISSUER}". This can be a mix-up attack (RFC 9207), so the sign-in was stopped. Check the issuer URL and start again.`);
  });

  it('stops a sign-in whose answer has the right state but no code, saying so', async () => {
    const receiver = await start();
    const answer = await send(`${receiver.redirectUri}?state=${STATE}`);
    assert.equal(answer.status, 400);
    const err = await rejection(receiver.result);
    assert.equal(err.code, 'invalid-callback');
    assert.equal(err.message, 'The sign-in answer carried the right state but no single authorization code. Start the sign-in again; if this repeats, the provider is misconfigured.');
  });
});

describe('oidc result pages', () => {
  it('a page without names and without the close hint has nothing between the lead and its end', () => {
    const page = resultPage({ status: 410, tone: 'notice', title: 'T', lead: 'The lead.', closeHint: false });
    assert.ok(page.body.includes('<p>The lead.</p></main><footer>'), page.body);
  });

  it('a page without names puts the close hint right after the lead', () => {
    const page = resultPage({ status: 200, tone: 'success', title: 'T', lead: 'The lead.' });
    assert.ok(page.body.includes(`<p>The lead.</p><p class="close">${CLOSE_HINT}</p></main>`), page.body);
  });
});
