// The checklist rows of a JWT that is not (or not known to be) an ID token: a pasted access
// token verified with a shared secret. Pure function, called directly.
import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { SignJWT, type JWTPayload } from 'jose';
import { checkJwt, type JwtCheckOptions } from '../../src/core/oidc/jwtChecks';

const SECRET = new TextEncoder().encode('a shared secret of at least thirty-two bytes!');
const NOW = Date.UTC(2026, 0, 1) ;

function sign(payload: JWTPayload): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(SECRET);
}

async function row(payload: JWTPayload, id: string, options: Partial<JwtCheckOptions> = {}) {
  const result = await checkJwt(await sign(payload), { keys: { kind: 'secret', owner: 'pasted', secret: SECRET }, now: NOW, ...options });
  assert.equal(result.checks.find((c) => c.id === 'signature')?.status, 'pass');
  const found = result.checks.find((c) => c.id === id);
  assert.ok(found, id);
  return { status: found.status, detail: found.detail };
}

describe('jwt checks of tokens other than ID tokens', () => {
  it('sub: skipped when absent, failed when not a non-empty string, shown when present', async () => {
    assert.deepEqual(await row({}, 'sub'), { status: 'skip', detail: 'Absent.' });
    assert.deepEqual(await row({ sub: 42 as unknown as string }, 'sub'), { status: 'fail', detail: '42 is not a non-empty string.' });
    assert.deepEqual(await row({ sub: '' }, 'sub'), { status: 'fail', detail: '"" is not a non-empty string.' });
    assert.deepEqual(await row({ sub: 'user-1' }, 'sub'), { status: 'pass', detail: '"user-1"' });
  });

  it('aud: missing fails naming the expected audience; found among several passes, counting them', async () => {
    assert.deepEqual(await row({}, 'aud', { audience: 'api://orders' }), { status: 'fail', detail: 'The "aud" claim is missing; expected "api://orders".' });
    assert.deepEqual(await row({ aud: ['api://orders', 'api://billing', 'web'] }, 'aud', { audience: 'api://orders' }), { status: 'pass', detail: 'Contains "api://orders" (among 3 audiences).' });
    assert.deepEqual(await row({ aud: 'api://orders' }, 'aud', { audience: 'api://orders' }), { status: 'pass', detail: 'Contains "api://orders".' });
  });

  it('azp: shown but only compared for ID tokens', async () => {
    assert.deepEqual(await row({ azp: 'client-x' }, 'azp'), { status: 'skip', detail: '"client-x"; only compared for ID tokens.' });
    assert.deepEqual(await row({}, 'azp'), { status: 'skip', detail: 'Absent.' });
  });

  it('azp of an ID token checked without an expected audience is compared with nothing, and fails', async () => {
    assert.deepEqual(await row({ azp: 'client-x' }, 'azp', { idToken: {} }), { status: 'fail', detail: '"client-x" is not "".' });
  });

  it('typ: names the kind of JWT an explicit type marks, without failing a token that is not an ID token', async () => {
    const result = await checkJwt(await new SignJWT({ sub: 'user-1' }).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).sign(SECRET), { keys: { kind: 'secret', owner: 'pasted', secret: SECRET }, now: NOW });
    const typ = result.checks.find((c) => c.id === 'typ');
    assert.deepEqual({ status: typ?.status, detail: typ?.detail }, { status: 'pass', detail: '"at+jwt": a JWT access token (RFC 9068).' });
  });

  it('translates the nonce row\'s label and "the one sent" by their keys with the translators\' comments', async () => {
    l10n.config({
      contents: {
        'Nonce/The OpenID Connect nonce parameter, a check name': 'Nonce (ploc)',
        'the one sent/The nonce sent with the sign-in, as in "X is not the one sent"': 'the one sent (ploc)',
      },
    });
    try {
      const result = await checkJwt(await sign({ nonce: 'replayed' }), { keys: { kind: 'secret', owner: 'pasted', secret: SECRET }, now: NOW, idToken: { nonce: 'sent' } });
      const nonce = result.checks.find((c) => c.id === 'nonce');
      assert.deepEqual({ label: nonce?.label, status: nonce?.status, detail: nonce?.detail }, { label: 'Nonce (ploc)', status: 'fail', detail: '"replayed" is not the one sent (ploc).' });
    } finally {
      l10n.config({ contents: {} });
    }
  });
});
