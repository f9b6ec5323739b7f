import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { decodeJwtText, signatureWarnings } from '../../src/core/jwt/decode';
import { TokenError, type TokenErrorCode } from '../../src/core/jwt/errors';
import { MAX_INPUT_LENGTH } from '../../src/core/jwt/locate';
import { MAX_JSON_DEPTH } from '../../src/core/json';
import { b64url, makeJwt } from '../fixtures/tokens';

const header = { alg: 'RS256', typ: 'JWT', kid: 'k1' };
const payload = { sub: 'alice', iss: 'https://issuer.example', exp: 2000000000 };

function rejects(input: string, code: TokenErrorCode, pattern: RegExp): TokenError {
  try {
    decodeJwtText(input);
  } catch (e) {
    assert.ok(e instanceof TokenError, `expected TokenError, got ${e}`);
    assert.equal(e.code, code);
    assert.match(e.message, pattern);
    return e;
  }
  assert.fail(`decoded ${JSON.stringify(input.slice(0, 80))} but expected ${code}`);
}

describe('decodeJwtText', () => {
  it('decodes header, payload and signature of a well-formed JWT', () => {
    const token = makeJwt(payload, header);
    const decoded = decodeJwtText(`Bearer ${token}`);
    assert.deepEqual(decoded.header, header);
    assert.deepEqual(decoded.payload, payload);
    assert.equal(decoded.signature, token.split('.')[2]);
    assert.equal(decoded.token, token);
    assert.deepEqual(decoded.warnings, []);
  });

  it('decodes an unsecured alg:none token and warns', () => {
    const token = `${b64url(JSON.stringify({ alg: 'none' }))}.${b64url(JSON.stringify(payload))}.`;
    const decoded = decodeJwtText(token);
    assert.deepEqual(decoded.payload, payload);
    assert.equal(decoded.signature, '');
    const warnings = signatureWarnings(decoded);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /Unsecured JWT \(alg: "none"\).*forge/);
    assert.match(signatureWarnings({ header: { alg: 'None' }, signature: 'c2ln' })[0], /"None"\) with a signature segment anyway/);
  });

  it('warns about a signed alg with an empty signature and about a missing alg', () => {
    assert.match(signatureWarnings(decodeJwtText(`${b64url('{"alg":"RS256"}')}.${b64url('{}')}.`))[0], /signature part is empty/);
    assert.match(signatureWarnings(decodeJwtText(`${b64url('{"typ":"JWT"}')}.${b64url('{}')}.c2ln`))[0], /no "alg"/);
    assert.deepEqual(signatureWarnings(decodeJwtText(makeJwt(payload, header))), []);
  });

  it('still shows header and payload when only the signature is broken', () => {
    for (const sig of ['si%g', 'c2ln+/', 'c2ln==', 'sïg']) {
      const decoded = decodeJwtText(`${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.${sig}`);
      assert.deepEqual(decoded.payload, payload, sig);
      assert.match(signatureWarnings(decoded)[0], /signature part is not valid base64url \(character ".*" at position \d is not base64url\).*cannot be verified/, sig);
    }
  });

  it('normalises pasted tokens and takes the same result as the clean token', () => {
    const token = makeJwt(payload, header);
    const clean = decodeJwtText(token);
    for (const pasted of [`Bearer ${token}`, `"${token}"`, `${token.slice(0, 40)}\n${token.slice(40)}`, ` ${token} `]) {
      assert.deepEqual(decodeJwtText(pasted), clean, pasted.slice(0, 20));
    }
  });

  it('rejects base64url lookalikes in the fast path and explains them in the tolerant one', () => {
    // Non-ASCII characters that Node would truncate to valid base64 characters.
    const sneaky = `${b64url(JSON.stringify(header)).replace('e', '\u0165')}.${b64url(JSON.stringify(payload))}.c2ln`;
    assert.throws(() => decodeJwtText(sneaky), /header part is not valid base64url: character "ť"/);
  });

  it('decodes standard base64 and padded segments with a warning', () => {
    const std = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64');
    // {"a":"??>"} has "+" and "/" in standard base64.
    const odd = { alg: 'HS256' };
    const body = { note: '??>??>' };
    const decoded = decodeJwtText(`${std(odd)}.${std(body)}.c2ln`);
    assert.deepEqual(decoded.payload, body);
    assert.ok(decoded.warnings.some((w) => /payload uses standard base64/.test(w)), decoded.warnings.join());
  });

  describe('refuses malformed and hostile input with a specific message', () => {
    const h = b64url(JSON.stringify(header));
    const p = b64url(JSON.stringify(payload));
    const jweHeader = b64url(JSON.stringify({ alg: 'RSA-OAEP', enc: 'A256GCM', kid: 'enc-1' }));
    const table: [name: string, input: string, code: TokenErrorCode, message: RegExp][] = [
      ['empty', '', 'empty', /Nothing to decode/],
      ['only whitespace and Bearer', '  Bearer  \n', 'empty', /Nothing to decode/],
      ['opaque token', 'jZuRixKQTVecEjKqwkc3G4', 'not-compact', /no dots.*opaque access token/],
      ['two parts', `${h}.${p}`, 'not-compact', /three parts.*this has 2/],
      ['four parts', `${h}.${p}.c2ln.eA`, 'not-compact', /this has 4/],
      ['JWE', `${jweHeader}.a2V5.aXY.Y2lwaGVy.dGFn`, 'jwe', /encrypted token \(JWE: alg RSA-OAEP, enc A256GCM\).*"kid":"enc-1"/],
      ['JWE with garbage header', `zzz.a.b.c.d`, 'jwe', /five parts.*does not decode/],
      ['bad character in header', `ey!J.${p}.c2ln`, 'bad-base64url', /header part is not valid base64url: character "!" at position 3/],
      ['impossible length', `${h}.${p}A.c2ln`, 'bad-base64url', /payload part.*length/],
      ['empty header', `.${p}.c2ln`, 'bad-base64url', /header part is empty/],
      ['empty payload', `${h}..c2ln`, 'bad-base64url', /payload part is empty/],
      ['header not JSON', `${b64url('alg=RS256')}.${p}.c2ln`, 'header-not-json', /header is not a JSON object \(invalid JSON.*"alg=RS256"/],
      ['header a JSON array', `${b64url('["RS256"]')}.${p}.c2ln`, 'header-not-json', /it is JSON, but an array/],
      ['header binary', `${b64url(Uint8Array.from([0xff, 0xfe, 0xfd]))}.${p}.c2ln`, 'header-not-json', /not UTF-8/],
      ['payload not JSON', `${h}.${b64url('hello')}.c2ln`, 'payload-not-json', /header decoded, but the payload is not a JSON object/],
      ['payload a JSON string', `${h}.${b64url('"sub"')}.c2ln`, 'payload-not-json', /it is JSON, but a string/],
      ['payload null', `${h}.${b64url('null')}.c2ln`, 'payload-not-json', /it is JSON, but null/],
      ['over 1 MB', 'a'.repeat(1024 * 1024 + 1), 'too-large', /1\.0 MB.*over 1 MB/],
      ['quotes only', '""', 'empty', /Nothing to decode/],
      ['script in a part', `<script>alert(1)</script>.${p}.x`, 'bad-base64url', /character "<" at position 1/],
    ];
    for (const [name, input, code, message] of table) {
      it(name, () => rejects(input, code, message));
    }

    it('keeps what could be decoded when the payload is not JSON', () => {
      const error = rejects(`${h}.${b64url('plain text payload')}.c2ln`, 'payload-not-json', /payload/);
      assert.deepEqual(error.partial?.header, header);
      assert.equal(error.partial?.payloadText, 'plain text payload');
    });
    it('keeps the protected header of a JWE', () => {
      const error = rejects(`${jweHeader}.a2V5.aXY.Y2lwaGVy.dGFn`, 'jwe', /JWE/);
      assert.deepEqual(error.partial?.header, { alg: 'RSA-OAEP', enc: 'A256GCM', kid: 'enc-1' });
    });
  });

  describe('hostile content: a specific message or a plain-JSON result, never a raw exception', () => {
    const h = b64url(JSON.stringify(header));
    const withPayload = (json: string) => `${h}.${b64url(json)}.c2ln`;
    const nested = (depth: number) => `{"a":${'['.repeat(depth - 1)}1${']'.repeat(depth - 1)}}`;

    it(`decodes ${MAX_JSON_DEPTH} levels of nesting and refuses ${MAX_JSON_DEPTH + 1} (too-deep), keeping the decoded text`, () => {
      assert.deepEqual(decodeJwtText(withPayload(nested(MAX_JSON_DEPTH))).payload, JSON.parse(nested(MAX_JSON_DEPTH)));
      const error = rejects(withPayload(nested(MAX_JSON_DEPTH + 1)), 'too-deep', /The payload nests objects and arrays more than 64 levels deep\. No real token does/);
      assert.equal(error.partial?.payloadText, nested(MAX_JSON_DEPTH + 1));
      assert.deepEqual(error.partial?.header, header);
      rejects(`${b64url(`{"alg":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)}.${b64url('{}')}.c2ln`, 'too-deep', /^The header nests/);
      // Brackets inside strings are not nesting.
      assert.equal(decodeJwtText(withPayload(`{"s":"${'['.repeat(1000)}\\"${'{'.repeat(1000)}"}`)).payload.s, `${'['.repeat(1000)}"${'{'.repeat(1000)}`);
    });

    it('refuses a deeply nested JWE header with the JWE message, not a RangeError', () => {
      rejects(`${b64url(`{"alg":"RSA-OAEP","enc":${'['.repeat(50_000)}${']'.repeat(50_000)}}`)}.a.b.c.d`, 'jwe', /five parts.*does not decode as JSON/);
    });

    it('keeps lone surrogates in claim names, nested keys and values, and stays JSON-serialisable', () => {
      const decoded = decodeJwtText(withPayload('{"\\ud800":"\\udfff","n":{"a\\udc00b":["\\ud83d"]}}'));
      assert.deepEqual(decoded.payload, { '\ud800': '\udfff', n: { 'a\udc00b': ['\ud83d'] } });
      assert.deepEqual(JSON.parse(JSON.stringify(decoded)), decoded);
    });

    it('shows numbers too large for a double as the text "Infinity", with a warning naming the claim', () => {
      const decoded = decodeJwtText(withPayload(`{"exp":1e400,"n":[1,-${'9'.repeat(400)}],"z":-0,"ok":1.5e3}`));
      assert.deepEqual(decoded.payload, { exp: 'Infinity', n: [1, '-Infinity'], z: 0, ok: 1500 });
      assert.deepEqual(decoded.warnings, [
        'In the payload, "exp" holds a number too large to represent, shown as the text "Infinity".',
        'In the payload, "n[1]" holds a number too large to represent, shown as the text "-Infinity".',
      ]);
      assert.ok(Object.is(decoded.payload.z, 0));
      assert.deepStrictEqual(JSON.parse(JSON.stringify(decoded)), decoded);
    });

    it('decodes a payload that is not valid UTF-8 with U+FFFD and a warning, on both paths', () => {
      const bytes = Buffer.concat([Buffer.from('{"name":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
      for (const token of [`${h}.${b64url(bytes)}.c2ln`, `${h}.${bytes.toString('base64')}.c2ln`]) {
        const decoded = decodeJwtText(token);
        assert.equal(decoded.payload.name, 'caf\ufffd');
        assert.match(decoded.warnings.join('\n'), /The payload is not valid UTF-8: the invalid bytes are shown as \ufffd\./);
      }
      // A genuine U+FFFD is no warning.
      assert.deepEqual(decodeJwtText(withPayload('{"name":"\ufffd"}')).warnings, []);
    });

    it('names header values of any type without calling their methods', () => {
      const hostile = b64url('{"alg":{"toString":1},"enc":{"valueOf":1},"cty":{"toString":1,"valueOf":1}}');
      rejects(`${hostile}.a.b.c.d`, 'jwe', /JWE: alg \{"toString":1\}, enc \{"valueOf":1\}/);
      rejects(`${hostile}.${b64url('"text"')}.c2ln`, 'payload-not-json', /header cty: \{"toString":1,"valueOf":1\}/);
    });

    it('clips what it quotes from a huge token in its messages', () => {
      const huge = `{"alg":"RSA-OAEP","enc":"A256GCM","x":"${'x'.repeat(500_000)}"}`;
      const error = rejects(`${b64url(huge)}.a.b.c.d`, 'jwe', /Protected header: \{"alg":"RSA-OAEP"/);
      assert.ok(error.message.length < 1000, `${error.message.length} characters`);
      assert.ok(rejects(`${b64url(huge.slice(0, -1))}.e30.c2ln`, 'header-not-json', /Decoded header text/).message.length < 1000);
    });

    it('counts the parts of a text with a million dots without splitting it', () => {
      rejects('.'.repeat(MAX_INPUT_LENGTH), 'not-compact', new RegExp(`this has ${MAX_INPUT_LENGTH + 1}\\.`));
    });

    it('names a bad character outside the BMP whole', () => {
      rejects(`${h}\u{1F600}.${b64url('{}')}.c2ln`, 'bad-base64url', /character "\u{1F600}" at position/u);
    });
  });

  describe('agrees with an independent decoder (base64url + JSON.parse)', () => {
    /** Decodes a JWT the plainest way: no normalisation, no tolerance. */
    const independent = (token: string) => token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
    const jsonObject = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 8 });

    it('on random header and payload objects', () => {
      fc.assert(
        fc.property(jsonObject, jsonObject, (h, p) => {
          const token = `${b64url(JSON.stringify(h))}.${b64url(JSON.stringify(p))}.c2ln`;
          const [eh, ep] = independent(token);
          const decoded = decodeJwtText(token);
          assert.deepStrictEqual(decoded.header, eh);
          assert.deepStrictEqual(decoded.payload, ep);
          assert.deepStrictEqual(decoded.warnings, []);
        }),
        { numRuns: 2000 },
      );
    });

    it('on the same tokens pasted with quotes, Bearer prefixes, padding, standard base64 and line breaks', () => {
      const wrapping = fc.constantFrom(
        (t: string) => `"${t}"`,
        (t: string) => `'Bearer ${t}'`,
        (t: string) => `Authorization: DPoP ${t}`,
        (t: string) => `\u00a0${t}\u2028`,
      );
      fc.assert(
        fc.property(jsonObject, fc.array(wrapping, { maxLength: 3 }), fc.boolean(), fc.boolean(), (p, wrappings, standard, lineBreaks) => {
          const encode = (o: object) => (standard ? Buffer.from(JSON.stringify(o)).toString('base64') : b64url(JSON.stringify(o)));
          const clean = `${encode(header)}.${encode(p)}.c2ln`;
          const token = lineBreaks ? clean.replace(/(.{10})/g, '$1\r\n  ') : clean;
          const decoded = decodeJwtText(wrappings.reduce((t, wrap) => wrap(t), token));
          assert.deepStrictEqual(decoded.payload, JSON.parse(JSON.stringify(p)));
          assert.deepStrictEqual(decoded.header, header);
        }),
        { numRuns: 1000 },
      );
    });

    it('on random bytes: decodes exactly when the independent decoder finds two JSON objects', () => {
      const part = fc.oneof(fc.uint8Array({ maxLength: 40 }).map(b64url), jsonObject.map((o) => b64url(JSON.stringify(o))), fc.jsonValue().map((v) => b64url(JSON.stringify(v) ?? '')));
      fc.assert(
        fc.property(part, part, (hp, pp) => {
          const token = `${hp}.${pp}.c2ln`;
          let expected: unknown[] | undefined;
          try {
            expected = independent(token);
            if (!expected.every((o) => typeof o === 'object' && o !== null && !Array.isArray(o))) expected = undefined;
            // JSON.parse keeps what a plain-JSON decoder must change: overflowing numbers, -0.
            if (expected && JSON.stringify(expected) !== JSON.stringify(JSON.parse(JSON.stringify(expected)))) expected = undefined;
          } catch {
            expected = undefined;
          }
          try {
            const decoded = decodeJwtText(token);
            if (expected) assert.deepStrictEqual([decoded.header, decoded.payload], JSON.parse(JSON.stringify(expected)));
            else assert.ok(decoded.warnings.length > 0, 'decoded what the plain decoder refuses, without a warning');
          } catch (e) {
            if (!(e instanceof TokenError)) throw e;
            assert.equal(expected, undefined, `refused (${e.message}) what decodes plainly`);
          }
        }),
        { numRuns: 3000 },
      );
    });
  });

  describe('fuzzing: never throws anything but TokenError', () => {
    const mustBeCleanOrTokenError = (input: string) => {
      try {
        const decoded = decodeJwtText(input);
        assert.equal(typeof decoded.header, 'object');
        assert.equal(typeof decoded.payload, 'object');
      } catch (e) {
        if (!(e instanceof TokenError)) throw e;
        assert.ok(e.message.length > 20, 'message explains the problem');
      }
    };
    const valid = makeJwt(payload, header);

    it('random strings', () => {
      fc.assert(fc.property(fc.string({ maxLength: 300 }), mustBeCleanOrTokenError), { numRuns: 3000 });
    });
    it('random strings from the JWT alphabet with dots', () => {
      const alphabet = fc.constantFrom(...'eyJAZaz09-_+/=. \n"'.split(''));
      fc.assert(fc.property(fc.array(alphabet, { maxLength: 200 }).map((a) => a.join('')), mustBeCleanOrTokenError), { numRuns: 3000 });
    });
    it('truncated and spliced real tokens', () => {
      fc.assert(
        fc.property(fc.nat(valid.length), fc.nat(valid.length), fc.string({ maxLength: 5 }), (a, b, insert) => {
          mustBeCleanOrTokenError(valid.slice(0, a));
          mustBeCleanOrTokenError(valid.slice(0, Math.min(a, b)) + insert + valid.slice(Math.max(a, b)));
        }),
        { numRuns: 3000 },
      );
    });
    it('random bytes as header and payload', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 64 }), (x, y) => {
          mustBeCleanOrTokenError(`${b64url(x)}.${b64url(y)}.c2ln`);
        }),
        { numRuns: 3000 },
      );
    });
    it('random JSON values as payload', () => {
      fc.assert(
        fc.property(fc.jsonValue(), (value) => {
          mustBeCleanOrTokenError(`${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(value) ?? '')}.c2ln`);
        }),
        { numRuns: 2000 },
      );
    });
  });
});
