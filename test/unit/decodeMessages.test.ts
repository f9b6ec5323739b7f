// The exact words of every message the JWT decoder gives: what is wrong, where, and what to do.
// decode.test.ts checks the decoding itself; here each message is asserted whole.
import { strict as assert } from 'node:assert';
import { decodeJwtText, signatureWarnings } from '../../src/core/jwt/decode';
import { MAX_JSON_DEPTH } from '../../src/core/json';
import { b64url } from '../fixtures/tokens';
import { failure } from '../support/decodeFailure';

const obj = (value: unknown) => b64url(JSON.stringify(value));
const H = obj({ alg: 'RS256' });
const P = obj({ sub: 'alice' });

const said = (input: string) => {
  const e = failure(input);
  return `${e.code}: ${e.message}`;
};

describe('JWT decoder messages, word for word', () => {
  it('too large: the size in MB with one decimal', () => {
    assert.equal(said('a'.repeat(1024 * 1024 + 1)), 'too-large: The input is 1.0 MB; Token Inspector refuses anything over 1 MB. Paste just the token.');
    assert.equal(said('a'.repeat(1024 * 1024 * 2.5)), 'too-large: The input is 2.5 MB; Token Inspector refuses anything over 1 MB. Paste just the token.');
  });

  it('not compact: no dots, or the wrong number of parts', () => {
    assert.equal(
      said('jZuRixKQTVecEjKqwkc3G4'),
      'not-compact: This has no dots, so it is not a JWT: it may be an opaque access token, which only the issuer can read (use the userinfo or introspection endpoint). A JWT is header.payload.signature.',
    );
    assert.equal(said(`${H}.${P}`), 'not-compact: A JWT has three parts separated by dots (header.payload.signature); this has 2. Check that the whole token was copied.');
    assert.equal(said(`${H}.${P}.c2ln.eA.eA.eA`), 'not-compact: A JWT has three parts separated by dots (header.payload.signature); this has 6. Check that the whole token was copied.');
  });

  it('encrypted (five parts): the algorithms and the protected header, or why it cannot be read', () => {
    assert.equal(
      said(`${obj({ alg: 'RSA-OAEP', enc: 'A256GCM' })}.a2V5.aXY.Y2lwaGVy.dGFn`),
      `jwe: This is an encrypted token (JWE: alg RSA-OAEP, enc A256GCM). Its payload is encrypted and only the recipient's private key can read it. Protected header: {"alg":"RSA-OAEP","enc":"A256GCM"}`,
    );
    assert.equal(said(`${obj({ alg: 7 })}.a.b.c.d`), `jwe: This is an encrypted token (JWE: alg 7, enc undefined). Its payload is encrypted and only the recipient's private key can read it. Protected header: {"alg":7}`);
    assert.equal(said('zzz.a.b.c.d'), 'jwe: This has five parts like an encrypted token (JWE), but its protected header does not decode as JSON. Check that the whole token was copied.');
    assert.equal(said(`${b64url('[1]')}.a.b.c.d`), 'jwe: This has five parts like an encrypted token (JWE), but its protected header does not decode as JSON. Check that the whole token was copied.');
  });

  it('clips a long value at 400 characters with an ellipsis', () => {
    const alg = 'A'.repeat(401);
    const message = failure(`${obj({ alg, enc: 'x' })}.a.b.c.d`).message;
    assert.ok(message.startsWith(`This is an encrypted token (JWE: alg ${'A'.repeat(400)}…, enc x).`), message.slice(0, 60));
    assert.ok(message.endsWith(`Protected header: {"alg":"${'A'.repeat(392)}…`), message.slice(-60));
    const exact = 'B'.repeat(400);
    assert.ok(failure(`${obj({ alg: exact, enc: 'x' })}.a.b.c.d`).message.startsWith(`This is an encrypted token (JWE: alg ${exact}, enc x).`));
  });

  it('an empty header or payload part', () => {
    assert.equal(said(`.${P}.c2ln`), 'bad-base64url: The header part is empty: a JWT needs a header and a payload before the signature.');
    assert.equal(said(`${H}..c2ln`), 'bad-base64url: The payload part is empty: a JWT needs a header and a payload before the signature.');
  });

  it('a part that is not base64url: the first bad character and its position, or the length', () => {
    assert.equal(said(`ey!J.${P}.c2ln`), 'bad-base64url: The header part is not valid base64url: character "!" at position 3 is not base64url. Check that the whole token was copied unchanged.');
    assert.equal(said(`${H}.${P}A.c2ln`), `bad-base64url: The payload part is not valid base64url: its length (${P.length + 1}) or padding is not valid base64url. Check that the whole token was copied unchanged.`);
    assert.equal(said(`${H}.e30===.c2ln`), 'bad-base64url: The payload part is not valid base64url: character "=" at position 4 is not base64url. Check that the whole token was copied unchanged.');
  });

  it('warns about standard base64 and padding, naming the part', () => {
    const std = Buffer.from('{"n":"??>"}').toString('base64'); // eyJuIjoiPz8+In0= : "+" and padding
    assert.deepEqual(decodeJwtText(`${H}.${std}.c2ln`).warnings, ['The payload uses standard base64 (+ or /) with = padding; JWTs must use unpadded base64url. Decoded anyway.']);
    assert.deepEqual(decodeJwtText(`${H}.${std.replace(/=+$/, '')}.c2ln`).warnings, ['The payload uses standard base64 (+ or /); JWTs must use unpadded base64url. Decoded anyway.']);
    assert.deepEqual(decodeJwtText(`${Buffer.from('{"alg":"none"}').toString('base64')}.${P}.`).warnings, ['The header uses base64url with = padding; JWTs must use unpadded base64url. Decoded anyway.']);
  });

  it('a header or payload that is not a JSON object: what it is instead', () => {
    assert.equal(said(`${b64url('true')}.${P}.c2ln`), 'header-not-json: The header is not a JSON object (it is JSON, but a boolean). Decoded header text: "true"');
    assert.equal(said(`${b64url('42')}.${P}.c2ln`), 'header-not-json: The header is not a JSON object (it is JSON, but a number). Decoded header text: "42"');
    assert.equal(said(`${b64url('null')}.${P}.c2ln`), 'header-not-json: The header is not a JSON object (it is JSON, but null). Decoded header text: "null"');
    assert.equal(said(`${H}.${b64url('[1]')}.c2ln`), 'payload-not-json: The header decoded, but the payload is not a JSON object (it is JSON, but an array); it may be a nested or non-JSON payload (header cty: none).');
    assert.equal(said(`${obj({ alg: 'RS256', cty: 'JWT' })}.${b64url('"x"')}.c2ln`), 'payload-not-json: The header decoded, but the payload is not a JSON object (it is JSON, but a string); it may be a nested or non-JSON payload (header cty: JWT).');
  });

  it('quotes at most 200 characters of a header that is not JSON', () => {
    const text = `x${'y'.repeat(300)}`;
    assert.equal(said(`${b64url(text)}.${P}.c2ln`).split('Decoded header text: ')[1], `${JSON.stringify(text.slice(0, 200))}…`);
    const exact = `x${'y'.repeat(199)}`;
    assert.equal(said(`${b64url(exact)}.${P}.c2ln`).split('Decoded header text: ')[1], JSON.stringify(exact));
  });

  it('bytes that are not UTF-8: in the header when it is not JSON, as a warning when it is', () => {
    assert.equal(said(`${b64url(Uint8Array.from([0xff, 0xfe]))}.${P}.c2ln`), 'header-not-json: The header is not a JSON object (its bytes are not UTF-8 text). Decoded header text: "\uFFFD\uFFFD"');
    const payload = Buffer.concat([Buffer.from('{"n":"'), Buffer.from([0xff]), Buffer.from('"}')]);
    assert.deepEqual(decodeJwtText(`${H}.${b64url(payload)}.c2ln`).warnings, ['The payload is not valid UTF-8: the invalid bytes are shown as \uFFFD.']);
  });

  it('too deep: the part, the limit, and that the text is kept', () => {
    const deep = `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`;
    const message = `The payload nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep. No real token does; Token Inspector reads at most ${MAX_JSON_DEPTH} levels, so it does not decode this one (the decoded text is kept).`;
    assert.equal(said(`${H}.${b64url(`{"a":${deep}}`)}.c2ln`), `too-deep: ${message}`);
    assert.equal(said(`${b64url(`{"a":${deep}}`)}.${P}.c2ln`), `too-deep: ${message.replace('payload', 'header')}`);
  });

  it('signature warnings, each in full', () => {
    assert.deepEqual(signatureWarnings({ header: { alg: 'RS256' }, signature: '' }), ['The header says alg "RS256" but the signature part is empty.']);
    assert.deepEqual(signatureWarnings({ header: {}, signature: 'c2ln' }), ['The header has no "alg": the token cannot be verified.']);
    assert.deepEqual(signatureWarnings({ header: { alg: 5 }, signature: 'c2ln' }), ['The header has no "alg": the token cannot be verified.']);
    assert.deepEqual(signatureWarnings({ header: { alg: 'NONE' }, signature: '' }), ['Unsecured JWT (alg: "NONE"): anyone can forge it. Decoded for inspection only; never accept it.']);
    assert.deepEqual(signatureWarnings({ header: { alg: 'none' }, signature: 'c2ln' }), ['Unsecured JWT (alg: "none") with a signature segment anyway: anyone can forge it. Decoded for inspection only; never accept it.']);
    assert.deepEqual(signatureWarnings({ header: { alg: 'RS256' }, signature: 'c2l' }), []);
    assert.deepEqual(signatureWarnings({ header: { alg: 'RS256' }, signature: 'c2ln=' }), [
      'The signature part is not valid base64url (character "=" at position 5 is not base64url): the token cannot be verified. Check that it was copied unchanged.',
    ]);
    assert.deepEqual(signatureWarnings({ header: { alg: 'RS256' }, signature: 'c2lnA' }), [
      'The signature part is not valid base64url (its length (5) or padding is not valid base64url): the token cannot be verified. Check that it was copied unchanged.',
    ]);
  });

  it('whitespace or padding anywhere sends a token through normalisation: the same result, with the same warnings', () => {
    const token = `${H}.${P}.c2ln`;
    const clean = decodeJwtText(token);
    for (const ws of [' ', '\n', '\r', '\t', '\f']) {
      assert.deepEqual(decodeJwtText(`${H}.${P.slice(0, 4)}${ws}${P.slice(4)}.c2ln`), clean, JSON.stringify(ws));
      // In the signature, which the fast path does not decode: the token and signature come out clean.
      assert.deepEqual(decodeJwtText(`${H}.${P}.c2${ws}ln`), clean, `signature with ${JSON.stringify(ws)}`);
    }
  });
});
