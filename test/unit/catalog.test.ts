import { strict as assert } from 'node:assert';
import { describeClaim, describeHeaderParameter } from '../../src/core/claims/catalog';

describe('claim catalog', () => {
  it('describes registered JWT, OIDC and ZITADEL claims', () => {
    for (const name of ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', 'azp', 'nonce', 'at_hash', 'c_hash', 'amr', 'acr', 'sid', 'auth_time', 'email', 'updated_at',
      'urn:zitadel:iam:user:metadata', 'urn:zitadel:iam:org:project:roles', 'urn:zitadel:iam:user:resourceowner:id']) {
      const info = describeClaim(name);
      assert.ok(info && info.description.length > 10 && info.title && info.source, name);
    }
    assert.equal(describeClaim('urn:zitadel:iam:user:metadata')!.source, 'ZITADEL');
  });
  it('describes per-project role claims with the project id', () => {
    assert.match(describeClaim('urn:zitadel:iam:org:project:170086774599581953:roles')!.description, /project 170086774599581953/);
  });
  it('knows nothing of custom claims and is not fooled by prototype names', () => {
    for (const name of ['custom', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      assert.equal(describeClaim(name), undefined, name);
      assert.equal(describeHeaderParameter(name), undefined, name);
    }
  });
  it('describes header parameters', () => {
    assert.match(describeHeaderParameter('alg')!.description, /none/);
    assert.match(describeHeaderParameter('kid')!.description, /JWKS/);
  });
});
