import { strict as assert } from 'node:assert';
import { findJwtAt, findJwts, looksLikeJwt, normaliseTokenText } from '../../src/core/jwt/locate';
import { makeJwt } from '../fixtures/tokens';

const jwt = makeJwt({ sub: 'alice' });

describe('locating tokens in text', () => {
  it('strips Bearer, Authorization, quotes and inner whitespace', () => {
    const wrapped = `${jwt.slice(0, 30)}\n  ${jwt.slice(30, 60)}\r\n${jwt.slice(60)}`;
    for (const input of [
      jwt,
      `  ${jwt}\n`,
      `Bearer ${jwt}`,
      `bearer   ${jwt}`,
      `Authorization: Bearer ${jwt}`,
      `"${jwt}"`,
      `'Bearer ${jwt}'`,
      `"Bearer ${wrapped}"`,
      `\`${jwt}\``,
    ]) {
      assert.equal(normaliseTokenText(input), jwt, input);
    }
  });
  it('recognises JWT- and JWE-shaped text only', () => {
    assert.ok(looksLikeJwt(jwt));
    assert.ok(looksLikeJwt(`Bearer ${jwt}`));
    assert.ok(looksLikeJwt('eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d'));
    for (const not of ['', 'hello world', 'abc.def.ghi', 'jZuRixKQTVecEjKqw', 'eyJ.x', 'eyJa.b.c d.e f']) {
      assert.ok(!looksLikeJwt(not), not);
    }
  });
  it('finds every token in a line and the one under the cursor', () => {
    const line = `curl -H "Authorization: Bearer ${jwt}" && echo id_token=${jwt};`;
    const found = findJwts(line);
    assert.equal(found.length, 2);
    assert.equal(found[0].token, jwt);
    assert.equal(line.slice(found[1].start, found[1].end), jwt);
    assert.equal(findJwtAt(line, found[0].start)?.start, found[0].start);
    assert.equal(findJwtAt(line, found[0].end)?.start, found[0].start, 'cursor right after the token');
    assert.equal(findJwtAt(line, found[1].start + 10)?.start, found[1].start);
    assert.equal(findJwtAt(line, 2), undefined);
  });
  it('does not match inside longer identifiers or empty payloads', () => {
    assert.equal(findJwts(`xeyJhbGci.eyJzdWIi.sig`).length, 0);
    assert.equal(findJwts(`eyJhbGciOiJub25lIn0..`).length, 0);
  });
});
