import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { deriveFromClaims, inspectToken, type TokenInspection } from '../../src/core/inspect';
import { TokenError } from '../../src/core/jwt/errors';
import { makeJwt, zitadelClaims } from '../fixtures/tokens';

describe('inspectToken', () => {
  it('derives metadata, roles and times from a ZITADEL ID token', () => {
    const claims = zitadelClaims();
    const token = makeJwt(claims);
    const inspection = inspectToken(token);
    assert.equal(inspection.token, token);
    assert.match(inspection.fingerprint, /^[0-9a-f]{12}$/);
    assert.deepEqual(inspection.payload, JSON.parse(JSON.stringify(claims)));
    assert.deepEqual(
      inspection.metadata.map((m) => [m.key, m.value, m.raw, m.encoding]),
      [
        ['P-ID', '12351983', 'MTIzNTE5ODM', 'text'],
        ['ContractNumber', '1234', 'MTIzNA', 'text'],
        ['settings', '{"theme":"dark","beta":true}', claims['urn:zitadel:iam:user:metadata'].settings, 'json'],
        ['avatarHash', 'ff001080', '_wAQgA', 'binary'],
      ],
    );
    assert.equal(inspection.roles.length, 4);
    assert.deepEqual(inspection.times.map((t) => t.claim), ['exp', 'iat', 'auth_time', 'updated_at']);
    assert.deepEqual(inspection.warnings, []);
    assert.deepEqual(JSON.parse(JSON.stringify(inspection)), inspection, 'JSON-serialisable');
  });
  it('warns about millisecond times, bad time values and broken metadata', () => {
    const inspection = inspectToken(makeJwt({ exp: Date.now() + 60_000, iat: 'yesterday', 'urn:zitadel:iam:user:metadata': { a: 'ü' } }));
    assert.equal(inspection.warnings.length, 3, inspection.warnings.join('\n'));
    assert.match(inspection.warnings.join('\n'), /"exp" \(\d+\) looks like milliseconds/);
    assert.match(inspection.warnings.join('\n'), /"iat" should be a number.*"yesterday"/);
    assert.match(inspection.warnings.join('\n'), /metadata "a": not valid base64/);
  });
  it('gives the same token the same fingerprint, a different token another', () => {
    const a = makeJwt({ sub: 'a' });
    assert.equal(inspectToken(a).fingerprint, inspectToken(`Bearer ${a}`).fingerprint);
    assert.notEqual(inspectToken(a).fingerprint, inspectToken(makeJwt({ sub: 'a' })).fingerprint);
  });

  describe('hostile tokens: a plain-JSON inspection or a TokenError, never a raw exception', () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64url');
    const token = (payload: string) => `${b64('{"alg":"RS256","\\ud800":"\\udfff"}')}.${b64(payload)}.c2ln`;
    const roundTrips = (inspection: TokenInspection) => {
      assert.deepStrictEqual(JSON.parse(JSON.stringify(inspection)), inspection);
      assert.deepStrictEqual(structuredClone(inspection), inspection);
    };

    it('keeps lone surrogates in claim names, metadata keys, role names and org ids', () => {
      const inspection = inspectToken(
        token(
          JSON.stringify({
            '\ud800claim': { 'nested\udc00': ['\ud83d'] },
            'urn:zitadel:iam:user:metadata': { 'key\ud800': b64('value\ud800') },
            'urn:zitadel:iam:org:project:roles': { 'role`\udfff': { 'org\ud800': 'domain\udc00' } },
          }),
        ),
      );
      assert.deepEqual(inspection.metadata.map((m) => [m.key, m.value]), [['key\ud800', 'value\ufffd']]);
      assert.deepEqual(inspection.roles.map((r) => [r.role, r.orgs]), [['role`\udfff', [{ orgId: 'org\ud800', domain: 'domain\udc00' }]]]);
      roundTrips(inspection);
    });

    it('gives absurd times a warning that says why, and still inspects the token', () => {
      const inspection = inspectToken(token('{"exp":1e300,"iat":-1e300,"nbf":1e400,"auth_time":8.64e15,"updated_at":1e13}'));
      assert.deepEqual(inspection.times.map((t) => [t.claim, t.iso]), [['auth_time', '+275760-09-13T00:00:00.000Z'], ['updated_at', '2286-11-20T17:46:40.000Z']]);
      const warnings = inspection.warnings.join('\n');
      assert.match(warnings, /"exp" is 1e\+300, outside the range of dates/);
      assert.match(warnings, /"iat" is -1e\+300, outside the range of dates/);
      assert.match(warnings, /"nbf" holds a number too large to represent, shown as the text "Infinity"/);
      assert.match(warnings, /"nbf" should be a number of seconds since 1970 but is "Infinity"/);
      roundTrips(inspection);
    });

    it('refuses deep nesting in a claim with too-deep, and shows a too-deep metadata value as text', () => {
      assert.throws(() => inspectToken(token(`{"a":${'['.repeat(200_000)}${']'.repeat(200_000)}}`)), (e: unknown) => e instanceof TokenError && e.code === 'too-deep');
      const inspection = inspectToken(token(JSON.stringify({ 'urn:zitadel:iam:user:metadata': { deep: b64(`${'['.repeat(1000)}${']'.repeat(1000)}`) } })));
      assert.deepEqual([inspection.metadata[0].encoding, inspection.metadata[0].problem], ['text', 'its JSON nests more than 64 levels deep, so it is shown as text']);
      assert.match(inspection.warnings.join('\n'), /ZITADEL metadata "deep": its JSON nests more than 64 levels deep/);
      roundTrips(inspection);
    });

    it('reads claims of any depth and shape without throwing (userinfo answers are not depth-checked)', () => {
      const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
      const derived = deriveFromClaims({
        exp: deep,
        iat: { toString: 1 },
        'urn:zitadel:iam:user:metadata': { a: deep, b: { valueOf: 1 } },
        'urn:zitadel:iam:org:project:roles': { admin: { org: deep } },
      });
      assert.deepEqual(derived.metadata.map((m) => [m.key, m.encoding, m.value]), [['a', 'invalid', '(an array nested too deeply to show)'], ['b', 'invalid', '{"valueOf":1}']]);
      assert.equal(derived.roles[0].orgs[0].domain, '(an array nested too deeply to show)');
      assert.match(derived.warnings.join('\n'), /"exp" should be a number of seconds since 1970 but is \(an array nested too deeply to show\)/);
      assert.doesNotThrow(() => JSON.stringify(derived));
    });

    it('is plain JSON for random payloads, with hostile keys and numbers spliced in', () => {
      const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', '\ud800', 'exp', 'urn:zitadel:iam:user:metadata', 'urn:zitadel:iam:org:project:roles'));
      const number = fc.constantFrom('1e400', '-1e400', '-0', '1e300', `${'9'.repeat(400)}`, '0.000001', '-1e-400');
      const payload = fc
        .tuple(fc.dictionary(key, fc.jsonValue({ maxDepth: 5 }), { maxKeys: 6 }), fc.array(fc.tuple(key, number), { maxLength: 3 }))
        .map(([object, numbers]) => JSON.stringify(object).replace(/^\{/, `{${numbers.map(([k, n]) => `${JSON.stringify(k)}:${n},`).join('')}`));
      fc.assert(
        fc.property(payload, (text) => {
          try {
            roundTrips(inspectToken(token(text)));
          } catch (e) {
            if (!(e instanceof TokenError)) throw e;
            assert.ok(e.code === 'payload-not-json' || e.code === 'too-deep', e.message);
          }
        }),
        { numRuns: 2000 },
      );
    });
  });
});
