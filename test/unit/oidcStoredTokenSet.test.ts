// Reading a stored token set back (from SecretStorage): anything without the shape of one is
// refused, field by field. Pure functions, called directly.
import { strict as assert } from 'node:assert';
import { parseStoredTokenSet, readStoredTokenSet } from '../../src/core/oidc/tokenSet';

const VALID = { issuer: 'https://issuer.example', client_id: 'app', access_token: 'at', token_type: 'Bearer', obtained_at: 1_700_000_000_000 };

describe('stored token sets read back', () => {
  it('accepts a token set with every required field and the optional ones typed right', () => {
    assert.deepEqual(readStoredTokenSet(VALID), VALID);
    const full = { ...VALID, id_token: 'id', refresh_token: 'rt', scope: 'openid', expires_at: 1_700_000_360_000 };
    assert.deepEqual(parseStoredTokenSet(JSON.stringify(full)), full);
  });

  for (const field of ['issuer', 'client_id', 'access_token', 'token_type'] as const) {
    it(`refuses a token set whose ${field} is missing or not a string`, () => {
      const { [field]: _dropped, ...without } = VALID;
      assert.equal(readStoredTokenSet(without), undefined);
      assert.equal(readStoredTokenSet({ ...VALID, [field]: 42 }), undefined);
    });
  }

  it('refuses a token set whose obtained_at is missing or not a number', () => {
    const { obtained_at: _dropped, ...without } = VALID;
    assert.equal(readStoredTokenSet(without), undefined);
    assert.equal(readStoredTokenSet({ ...VALID, obtained_at: '1700000000000' }), undefined);
  });

  it('refuses a token set whose expires_at is there but not a number', () => {
    assert.equal(readStoredTokenSet({ ...VALID, expires_at: '1700000360000' }), undefined);
    assert.equal(parseStoredTokenSet(JSON.stringify({ ...VALID, expires_at: null })), undefined);
  });

  it('refuses something that is not an object even when it carries every field', () => {
    const fn = Object.assign(() => undefined, VALID);
    assert.equal(readStoredTokenSet(fn), undefined);
    assert.equal(readStoredTokenSet('token'), undefined);
    assert.equal(readStoredTokenSet(null), undefined);
  });
});
