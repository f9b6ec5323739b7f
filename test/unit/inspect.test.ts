import { strict as assert } from 'node:assert';
import { inspectToken } from '../../src/core/inspect';
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
});
