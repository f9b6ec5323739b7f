import { strict as assert } from 'node:assert';
import { inspectToken } from '../../src/core/inspect';
import { redactTokens } from '../../src/core/redact';
import { MAX_LABEL_LENGTH, normaliseLabel, parseTokenList, serialiseTokenList, withLabel, withToken } from '../../src/core/tokenList';
import { makeJwt } from '../fixtures/tokens';

describe('stored token list', () => {
  const a = makeJwt({ sub: 'a' });
  const b = makeJwt({ sub: 'b' });

  it('round-trips tokens, re-deriving the inspection', () => {
    const text = serialiseTokenList([{ token: a, addedAt: 1 }, { token: b, addedAt: 2 }]);
    assert.deepEqual(JSON.parse(text), { version: 1, tokens: [{ token: a, addedAt: 1 }, { token: b, addedAt: 2 }] });
    const { entries, problems } = parseTokenList(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(entries.map((e) => e.inspection.payload.sub), ['a', 'b']);
  });
  it('stores only the token text and its time, nothing derived', () => {
    const entry = { token: a, addedAt: 5, inspection: inspectToken(a) };
    assert.ok(!serialiseTokenList([entry]).includes('fingerprint'));
  });
  it('puts a re-decoded token first without duplicating it', () => {
    const ea = { token: a, addedAt: 1, inspection: inspectToken(a) };
    const eb = { token: b, addedAt: 2, inspection: inspectToken(b) };
    const list = withToken(withToken([ea], eb), { ...ea, addedAt: 3 });
    assert.deepEqual(list.map((e) => [e.inspection.payload.sub, e.addedAt]), [['a', 3], ['b', 2]]);
  });
  it('skips broken entries and keeps the good ones', () => {
    const text = JSON.stringify({ version: 1, tokens: [{ token: a, addedAt: 1 }, { token: 'garbage', addedAt: 2 }, { nope: true }, null] });
    const { entries, problems } = parseTokenList(text);
    assert.equal(entries.length, 1);
    assert.equal(problems.length, 3);
    assert.match(problems[0], /no longer decodes/);
  });
  it('keeps a label with its token: stored, read back, kept when the token is decoded again', () => {
    const ea = { token: a, addedAt: 1, inspection: inspectToken(a) };
    const eb = { token: b, addedAt: 2, inspection: inspectToken(b) };
    const named = withLabel([ea, eb], ea.inspection.fingerprint, '  Staging admin  ');
    assert.deepEqual(named.map((e) => e.label), ['Staging admin', undefined], 'trimmed, on its token only, order kept');
    const text = serialiseTokenList(named);
    assert.deepEqual(JSON.parse(text).tokens, [{ token: a, addedAt: 1, label: 'Staging admin' }, { token: b, addedAt: 2 }]);
    const read = parseTokenList(text).entries;
    assert.deepEqual(read.map((e) => e.label), ['Staging admin', undefined]);
    const again = withToken(read, { token: a, addedAt: 9, inspection: inspectToken(a) });
    assert.deepEqual(again.map((e) => [e.addedAt, e.label]), [[9, 'Staging admin'], [2, undefined]]);
  });
  it('removes a label set to blank, and bounds a long one', () => {
    const ea = { token: a, addedAt: 1, inspection: inspectToken(a), label: 'old' };
    assert.equal(withLabel([ea], ea.inspection.fingerprint, '   ')[0].label, undefined);
    assert.ok(!('label' in withLabel([ea], ea.inspection.fingerprint, undefined)[0]));
    assert.equal(normaliseLabel('x'.repeat(500))!.length, MAX_LABEL_LENGTH);
    assert.equal(normaliseLabel(`${'x'.repeat(MAX_LABEL_LENGTH - 1)}😀`), 'x'.repeat(MAX_LABEL_LENGTH - 1), 'never half an emoji');
  });
  it('reads a stored label of the wrong type as none, keeping the token', () => {
    const text = JSON.stringify({ version: 1, tokens: [{ token: a, addedAt: 1, label: { evil: true } }, { token: b, addedAt: 2, label: '' }] });
    const { entries, problems } = parseTokenList(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(entries.map((e) => 'label' in e), [false, false]);
  });
  it('ignores unreadable or unknown stored data', () => {
    assert.deepEqual(parseTokenList(undefined), { entries: [], problems: [] });
    assert.match(parseTokenList('{').problems[0], /not JSON/);
    assert.match(parseTokenList('{"version":2,"tokens":[]}').problems[0], /unknown format/);
    assert.match(parseTokenList('null').problems[0], /unknown format/);
  });
});

describe('log redaction', () => {
  it('replaces every JWT with a short fingerprint marker', () => {
    const a = makeJwt({ sub: 'a' });
    const line = redactTokens(`token=${a} again ${a}.`);
    assert.ok(!line.includes(a.split('.')[1]));
    assert.match(line, /^token=\[token [0-9a-f]{8}\] again \[token [0-9a-f]{8}\]\.$/);
    assert.equal(redactTokens('nothing here'), 'nothing here');
  });
  it('redacts secret fields in JSON, query strings, form bodies and authorization headers', () => {
    const json = '{"access_token":"jZuRixKQTVecEjKqw","token_type":"Bearer","refresh_token":"r-123\\"x","expires_in":43199}';
    assert.equal(redactTokens(json), '{"access_token":"[redacted]","token_type":"Bearer","refresh_token":"[redacted]","expires_in":43199}');
    assert.equal(
      redactTokens('GET /callback?code=SplxlOBeZQQYbYS6WxSbIA&state=af0ifjsldkj&iss=https%3A%2F%2Fx'),
      'GET /callback?code=[redacted]&state=af0ifjsldkj&iss=https%3A%2F%2Fx',
    );
    assert.equal(redactTokens('grant_type=refresh_token&refresh_token=abc&client_secret=s3cr3t'), 'grant_type=refresh_token&refresh_token=[redacted]&client_secret=[redacted]');
    assert.equal(redactTokens('Authorization: Bearer jZuRixKQTVecEjKqw.kc3G4'), 'Authorization: Bearer [redacted]');
    assert.equal(redactTokens('Authorization: Basic dXNlcjpwYXNz'), 'Authorization: Basic [redacted]');
    assert.equal(redactTokens('{"error":"invalid_grant","error_description":"grant request is invalid"}'), '{"error":"invalid_grant","error_description":"grant request is invalid"}');
    assert.equal(redactTokens('{"code":"not_found","message":"User not found"}'), '{"code":"not_found","message":"User not found"}');
  });
});
