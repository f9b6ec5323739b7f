import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { findJwtAt, findJwts, looksLikeJwt, MAX_INPUT_LENGTH, normaliseTokenText } from '../../src/core/jwt/locate';
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
  it('strips any number of layers, DPoP prefixes and Unicode whitespace', () => {
    const layers = (n: number) => `${'"\'`'.repeat(n)}${jwt}${'`\'"'.repeat(n)}`;
    assert.equal(normaliseTokenText(layers(50_000)), jwt);
    assert.equal(normaliseTokenText(`${'"Bearer '.repeat(40_000)}${jwt}${'"'.repeat(40_000)}`), jwt);
    assert.equal(normaliseTokenText(`Authorization:\tDPoP ${jwt}`), jwt);
    assert.equal(normaliseTokenText(`\ufeff\u00a0 "${jwt.slice(0, 20)}\u2028${jwt.slice(20)}"\u3000`), jwt);
    assert.equal(normaliseTokenText('"'.repeat(100_001)), '"', 'an odd quote is left alone');
    assert.equal(normaliseTokenText(`"${jwt}'`), `"${jwt}'`, 'quotes must match');
    for (const notAPrefix of [`Bearerx ${jwt}`, `Authorization ${jwt}`, `authorization: ${jwt}`]) {
      assert.equal(normaliseTokenText(notAPrefix), notAPrefix.replace(/\s+/g, ''), notAPrefix.slice(0, 16));
    }
  });
  it('strips exactly the code points JavaScript counts as whitespace (\\s): around a token and inside it', () => {
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      // Neither end is a quote or a prefix, whatever c is: the leading, trailing and inner cases.
      for (const input of [`${c}ab`, `ab${c}`, `a${c}b`]) {
        if (normaliseTokenText(input) !== (/\s/.test(c) ? 'ab' : input)) wrong.push(`U+${code.toString(16).padStart(4, '0')} in ${JSON.stringify(input)}`);
      }
    }
    assert.deepEqual(wrong, []);
  });
  it('takes "Authorization" as a prefix only with its colon, and strips a scheme with no token after it', () => {
    assert.equal(normaliseTokenText(`Authorization Bearer ${jwt}`), `AuthorizationBearer${jwt}`);
    assert.equal(normaliseTokenText(`Authorization; Bearer ${jwt}`), `Authorization;Bearer${jwt}`);
    assert.equal(normaliseTokenText(`Authorization\t-DPoP ${jwt}`), `Authorization-DPoP${jwt}`);
    assert.equal(normaliseTokenText(`Authorization : Bearer ${jwt}`), jwt);
    for (const bare of ['Bearer', 'dpop', '"Bearer"', 'Authorization: Bearer', ' Bearer \n']) assert.equal(normaliseTokenText(bare), '', bare);
  });
  it('recognises a JWT shape from 16 characters and up to the input limit, not beyond', () => {
    assert.ok(looksLikeJwt('eyJhbGciOi.ab.cd'), '16 characters');
    assert.ok(!looksLikeJwt('eyJhbGciO.ab.cd'), '15 characters');
    const shaped = (length: number) => `eyJ${'a'.repeat(length - 7)}.b.c`;
    assert.equal(shaped(MAX_INPUT_LENGTH).length, MAX_INPUT_LENGTH);
    assert.ok(looksLikeJwt(shaped(MAX_INPUT_LENGTH)), 'exactly at the limit');
    assert.ok(!looksLikeJwt(shaped(MAX_INPUT_LENGTH + 1)), 'one over the limit');
  });
  it('normalises exactly like the previous, regular-expression version on ordinary input', () => {
    // The old implementation, quadratic on many layers: the reference for what normalising means.
    const reference = (input: string) => {
      let text = input.trim();
      for (let changed = true; changed; ) {
        const before = text;
        text = text.replace(/^(["'`])([\s\S]*)\1$/, '$2').trim().replace(/^(?:authorization\s*:\s*)?bearer(?:\s+|$)/i, '').trim();
        changed = text !== before;
      }
      return text.replace(/\s+/g, '');
    };
    const piece = fc.constantFrom('"', "'", '`', 'Bearer ', 'bearer', 'Authorization: ', 'AUTHORIZATION :', ' ', '\n', '\u00a0', 'e', 'y', 'J', '.', 'x', ':');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.array(piece, { maxLength: 12 }), (before, after) => {
        const input = `${before.join('')}${jwt}${after.join('')}`;
        assert.equal(normaliseTokenText(input), reference(input), JSON.stringify(input));
      }),
      { numRuns: 5000 },
    );
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
  it('finds the token under the cursor exactly as a search of the whole line would', () => {
    const piece = fc.constantFrom('eyJ', 'eyJhbGci', 'a', 'Z9', '.', '..', '-', '_', ' ', '"', '=', 'x.eyJ', '\ud800', jwt);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.nat(), (pieces, at) => {
        const line = pieces.join('');
        const offset = (at % (line.length + 4)) - 1;
        const expected = findJwts(line).find((r) => offset >= r.start && offset <= r.end);
        assert.deepEqual(findJwtAt(line, offset), expected, `${JSON.stringify(line)} at ${offset}`);
      }),
      { numRuns: 5000 },
    );
  });
  it('does not match inside longer identifiers or empty payloads', () => {
    assert.equal(findJwts(`xeyJhbGci.eyJzdWIi.sig`).length, 0);
    assert.equal(findJwts(`eyJhbGciOiJub25lIn0..`).length, 0);
  });
});

describe('locating tokens: edges', () => {
  const token = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"a"}').toString('base64url')}.`;

  it('strips a pair of quotes with nothing between them, and a lone quote not at all', () => {
    assert.equal(normaliseTokenText('""'), '');
    assert.equal(normaliseTokenText(" '' "), '');
    assert.equal(normaliseTokenText('"'), '"');
  });

  it('finds the token under a cursor at the very end of the text, and nothing past it', () => {
    assert.deepEqual(findJwtAt(token, token.length), { start: 0, end: token.length, token });
    assert.deepEqual(findJwtAt(`x ${token}`, token.length + 2), { start: 2, end: token.length + 2, token });
    assert.equal(findJwtAt(token, token.length + 1), undefined);
    assert.equal(findJwtAt(token, -1), undefined);
    assert.deepEqual(findJwtAt(token, 0), { start: 0, end: token.length, token });
  });
});
