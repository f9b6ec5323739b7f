// A stored session read back: what is kept, what is dropped as not what was stored.
import { strict as assert } from 'node:assert';
import { decodeSession, parseSession, serialiseSession, type Session } from '../../src/core/session';
import { makeJwt } from '../fixtures/tokens';

const tokens = { issuer: 'https://i.example', client_id: 'c', access_token: 'opaque', token_type: 'Bearer', obtained_at: 1 };
const base: Session = { tokens, requestedScopes: ['openid'] };
const read = (extra: Record<string, unknown>) => parseSession(JSON.stringify({ ...base, ...extra }));

describe('stored sessions read back', () => {
  it('keeps only the text scopes', () => {
    assert.deepEqual(read({ requestedScopes: ['openid', 42, null, 'email'] })?.requestedScopes, ['openid', 'email']);
  });

  it('drops checks without a list of checks, userinfo that is not an object, and an error that is not text', () => {
    const session = read({ idTokenChecks: { ok: true }, userinfo: ['sub'], userinfoError: 42 });
    assert.deepEqual(session, base);
    assert.deepEqual(read({ userinfo: null, userinfoError: null }), base);
    const kept = read({ idTokenChecks: { ok: true, checks: [] }, userinfo: { sub: 'u' }, userinfoError: 'HTTP 500' });
    assert.deepEqual(kept, { ...base, idTokenChecks: { ok: true, checks: [] }, userinfo: { sub: 'u' }, userinfoError: 'HTTP 500' });
    assert.deepEqual(parseSession(serialiseSession(kept!)), kept);
  });

  it('is no session without tokens it can read or a list of scopes', () => {
    for (const text of ['[]', '42', '"s"', JSON.stringify({ tokens, requestedScopes: 'openid' }), JSON.stringify({ requestedScopes: [] }), JSON.stringify({ tokens: {}, requestedScopes: [] })]) {
      assert.equal(parseSession(text), undefined, text);
    }
  });

  it('decodes a JWT access token, leaves an opaque one undecoded, and passes on errors that are not about the token', () => {
    const jwt = makeJwt({ sub: 'u' });
    const decoded = decodeSession({ ...base, tokens: { ...tokens, id_token: jwt, access_token: jwt } });
    assert.equal(decoded.id?.payload.sub, 'u');
    assert.equal(decoded.access?.payload.sub, 'u');
    assert.equal(decodeSession(base).access, undefined);
    assert.equal(decodeSession(base).id, undefined);
    assert.ok(!('userinfo' in decodeSession(base)));
    assert.throws(
      () =>
        decodeSession({ ...base, tokens: { ...tokens, id_token: jwt } }, () => {
          throw new RangeError('out of memory');
        }),
      /out of memory/,
    );
  });

  it('reads back only a userinfo object, not text or a list stored in its place', () => {
    for (const userinfo of ['text', ['a'], null]) {
      const read = parseSession(JSON.stringify({ tokens, requestedScopes: [], userinfo }));
      assert.ok(read);
      assert.ok(!('userinfo' in read), JSON.stringify(userinfo));
    }
    assert.deepEqual(parseSession(JSON.stringify({ tokens, requestedScopes: [], userinfo: { sub: 'u' } }))?.userinfo, { sub: 'u' });
  });
});
