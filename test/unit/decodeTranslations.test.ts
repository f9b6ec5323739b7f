// The decoder's messages that name "header" or "payload" carry a comment for translators, which is
// part of their key in the translation bundle. With a bundle that translates exactly those keys
// (as l10n/bundle.l10n.json lists them), every such message comes out translated, and a failed
// decode still keeps what it could read (header and payload text).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as l10n from '@vscode/l10n';
import { decodeJwtText } from '../../src/core/jwt/decode';
import { MAX_JSON_DEPTH } from '../../src/core/json';
import { b64url } from '../fixtures/tokens';
import { failure } from '../support/decodeFailure';

const obj = (value: unknown) => b64url(JSON.stringify(value));
const H = obj({ alg: 'RS256' });
const P = obj({ sub: 'alice' });

/** Every entry of the English bundle whose comment says {0} is header or payload, marked «…». */
function partBundle(): Record<string, string> {
  const english = JSON.parse(readFileSync('l10n/bundle.l10n.json', 'utf8')) as Record<string, string | { message: string; comment: string[] }>;
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(english)) {
    if (typeof entry === 'object' && entry.comment.join('').startsWith('{0} is header or payload')) out[key] = `«${entry.message}»`;
  }
  return out;
}

describe('JWT decoder messages naming the part, translated', () => {
  before(() => l10n.config({ contents: partBundle() }));
  after(() => l10n.config({ contents: {} }));

  it('translates the errors about an empty, non-base64url or too deeply nested part', () => {
    assert.equal(failure(`.${P}.c2ln`).message, '«The header part is empty: a JWT needs a header and a payload before the signature.»');
    assert.equal(failure(`ey!J.${P}.c2ln`).message, '«The header part is not valid base64url: character "!" at position 3 is not base64url. Check that the whole token was copied unchanged.»');
    const deep = `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`;
    assert.equal(
      failure(`${H}.${b64url(`{"a":${deep}}`)}.c2ln`).message,
      `«The payload nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep. No real token does; Token Inspector reads at most ${MAX_JSON_DEPTH} levels, so it does not decode this one (the decoded text is kept).»`,
    );
  });

  it('translates the warnings about base64 flavour, padding, non-UTF-8 bytes and odd JSON', () => {
    const std = Buffer.from('{"n":"??>"}').toString('base64'); // "+" and padding
    assert.deepEqual(decodeJwtText(`${H}.${std}.c2ln`).warnings, ['«The payload uses standard base64 (+ or /) with = padding; JWTs must use unpadded base64url. Decoded anyway.»']);
    assert.deepEqual(decodeJwtText(`${H}.${std.replace(/=+$/, '')}.c2ln`).warnings, ['«The payload uses standard base64 (+ or /); JWTs must use unpadded base64url. Decoded anyway.»']);
    const notUtf8 = Buffer.concat([Buffer.from('{"n":"'), Buffer.from([0xff]), Buffer.from('"}')]);
    assert.deepEqual(decodeJwtText(`${H}.${b64url(notUtf8)}.c2ln`).warnings, ['«The payload is not valid UTF-8: the invalid bytes are shown as \uFFFD.»']);
    assert.deepEqual(decodeJwtText(`${H}.${b64url('{"exp":1e999}')}.c2ln`).warnings, ['«In the payload, "exp" holds a number too large to represent, shown as the text "Infinity".»']);
  });
});

describe('JWT decoder: what a failed decode keeps', () => {
  it('keeps the header and payload text when the header is not JSON', () => {
    const e = failure(`${b64url('not json')}.${P}.c2ln`);
    assert.equal(e.code, 'header-not-json');
    assert.deepEqual(e.partial, { headerText: 'not json', payloadText: '{"sub":"alice"}' });
  });

  it('keeps the header and payload text when the header nests too deeply', () => {
    const deepText = `{"a":${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}}`;
    const e = failure(`${b64url(deepText)}.${P}.c2ln`);
    assert.equal(e.code, 'too-deep');
    assert.deepEqual(e.partial, { headerText: deepText, payloadText: '{"sub":"alice"}' });
  });
});
