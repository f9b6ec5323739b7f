// Small rows and words of the checklist and decoder: an audience shown but not compared, and the
// translators' comment that keys the word "payload" in decoder messages.
import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { SignJWT } from 'jose';
import { decodeJwtText } from '../../src/core/jwt/decode';
import { checkJwt } from '../../src/core/oidc/jwtChecks';

const SECRET = new TextEncoder().encode('a shared secret of at least thirty-two bytes!');

describe('checklist and decoder wording', () => {
  it('aud: shows the audience when no expected one is given, not comparing it', async () => {
    const token = await new SignJWT({ aud: ['api://orders', 'web'] }).setProtectedHeader({ alg: 'HS256' }).sign(SECRET);
    const result = await checkJwt(token, { keys: { kind: 'secret', owner: 'pasted', secret: SECRET }, now: Date.UTC(2026, 0, 1) });
    const aud = result.checks.find((c) => c.id === 'aud');
    assert.deepEqual({ status: aud?.status, detail: aud?.detail }, { status: 'skip', detail: '["api://orders","web"]; not compared: no expected audience given.' });
  });

  it('translates "payload" in decoder messages by its key with the translators\' comment', () => {
    l10n.config({ contents: { 'payload/The second part of a JWT': 'charge utile' } });
    try {
      assert.throws(() => decodeJwtText('eyJhbGciOiJIUzI1NiJ9..c2ln'), (err: Error) => {
        assert.equal(err.message, 'The charge utile part is empty: a JWT needs a header and a payload before the signature.');
        return true;
      });
    } finally {
      l10n.config({ contents: {} });
    }
  });

  it('typ: says an absent typ is allowed for ID tokens, and only "Absent." otherwise', async () => {
    const token = await new SignJWT({ sub: 'u' }).setProtectedHeader({ alg: 'HS256' }).sign(SECRET);
    const typ = async (idToken: boolean) =>
      (await checkJwt(token, { keys: { kind: 'secret', owner: 'pasted', secret: SECRET }, now: Date.UTC(2026, 0, 1), ...(idToken ? { idToken: {} } : {}) })).checks.find((c) => c.id === 'typ');
    assert.deepEqual({ status: (await typ(true))?.status, detail: (await typ(true))?.detail }, { status: 'pass', detail: 'Absent (allowed for ID tokens).' });
    assert.equal((await typ(false))?.detail, 'Absent.');
  });
});
