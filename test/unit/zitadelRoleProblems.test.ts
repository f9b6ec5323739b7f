import { strict as assert } from 'node:assert';
import { readRoleClaims } from '../../src/core/zitadel/roles';

describe('ZITADEL role claims that are not shaped as documented', () => {
  it('says which role claim is not an object, and the shape it should have', () => {
    const { grants, problems } = readRoleClaims({ 'urn:zitadel:iam:org:project:roles': ['admin'], 'urn:zitadel:iam:org:project:123:roles': 'admin' });
    assert.deepEqual(grants, []);
    assert.deepEqual(problems, [
      'urn:zitadel:iam:org:project:roles is not an object of { role: { orgId: domain } }',
      'urn:zitadel:iam:org:project:123:roles is not an object of { role: { orgId: domain } }',
    ]);
  });

  it('says which role of a claim has no object of organizations, and keeps the well-formed roles', () => {
    const { grants, problems } = readRoleClaims({ 'urn:zitadel:iam:org:project:roles': { reader: { '1': 'one.example' }, admin: true, writer: ['1'] } });
    assert.deepEqual(grants, [{ claim: 'urn:zitadel:iam:org:project:roles', role: 'reader', orgs: [{ orgId: '1', domain: 'one.example' }] }]);
    assert.deepEqual(problems, [
      'urn:zitadel:iam:org:project:roles → admin is not an object of { orgId: domain }',
      'urn:zitadel:iam:org:project:roles → writer is not an object of { orgId: domain }',
    ]);
  });
});
