import { strict as assert } from 'node:assert';
import { decodeMetadataValue, readMetadataClaim } from '../../src/core/zitadel/metadata';
import { readRoleClaims } from '../../src/core/zitadel/roles';
import { b64url, zitadelClaims } from '../fixtures/tokens';

describe('ZITADEL metadata', () => {
  it('decodes the values of the seed guide (base64url, no padding)', () => {
    assert.deepEqual(decodeMetadataValue('P-ID', 'MTIzNTE5ODM'), { key: 'P-ID', raw: 'MTIzNTE5ODM', value: '12351983', encoding: 'text', byteLength: 8 });
    assert.equal(decodeMetadataValue('ContractNumber', 'MTIzNA').value, '1234');
  });
  it('decodes standard padded base64 as the REST APIs send it', () => {
    assert.equal(decodeMetadataValue('P-ID', 'MTIzNTE5ODM=').value, '12351983');
    assert.equal(decodeMetadataValue('k', Buffer.from('ä/ö?>').toString('base64')).value, 'ä/ö?>');
  });
  it('parses JSON objects and arrays, keeps the exact text', () => {
    const e = decodeMetadataValue('settings', b64url('{"theme":"dark","n":[1,2]}'));
    assert.equal(e.encoding, 'json');
    assert.equal(e.value, '{"theme":"dark","n":[1,2]}');
    assert.deepEqual(e.json, { theme: 'dark', n: [1, 2] });
    assert.equal(decodeMetadataValue('n', b64url('1234')).encoding, 'text', 'a bare number stays text');
    assert.equal(decodeMetadataValue('broken', b64url('{"a":')).encoding, 'text');
  });
  it('shows binary values as hex', () => {
    const e = decodeMetadataValue('bin', b64url(Uint8Array.from([0xff, 0x00, 0x10, 0x80])));
    assert.deepEqual([e.encoding, e.value, e.byteLength], ['binary', 'ff001080', 4]);
    assert.equal(decodeMetadataValue('ctl', b64url('a\u0001b')).encoding, 'binary');
    assert.equal(decodeMetadataValue('multi', b64url('line 1\nline 2\ttab')).encoding, 'text');
  });
  it('explains values that cannot be decoded', () => {
    assert.deepEqual(decodeMetadataValue('x', 'not base64!'), { key: 'x', raw: 'not base64!', value: 'not base64!', encoding: 'invalid', byteLength: 0, problem: 'not valid base64 or base64url' });
    assert.equal(decodeMetadataValue('n', 42).problem, 'expected a base64 string, got number');
    assert.equal(decodeMetadataValue('n', null).problem, 'expected a base64 string, got null');
  });
  it('reads the claim, or says why it cannot', () => {
    assert.equal(readMetadataClaim(undefined), undefined);
    assert.equal(readMetadataClaim(zitadelClaims()['urn:zitadel:iam:user:metadata'])!.entries.length, 4);
    assert.match(readMetadataClaim(['MTIz'])!.problem!, /not an object/);
    assert.match(readMetadataClaim('MTIz')!.problem!, /not an object/);
  });
});

describe('ZITADEL roles', () => {
  it('reads both role claims of the seed guide as role → org → domain', () => {
    const { grants, problems } = readRoleClaims(zitadelClaims());
    assert.deepEqual(problems, []);
    assert.equal(grants.length, 4);
    const reader = grants.find((g) => g.role === 'reader' && g.projectId === '170086774599581953')!;
    assert.equal(reader.claim, 'urn:zitadel:iam:org:project:170086774599581953:roles');
    assert.deepEqual(reader.orgs, [
      { orgId: '170086363054473473', domain: 'demo-customer.b2b-demo-rbxajm.zitadel.cloud' },
      { orgId: '190957560872829185', domain: 'demo-customer2.b2b-demo-rbxajm.zitadel.cloud' },
    ]);
    assert.equal(grants.filter((g) => g.projectId === undefined).length, 2);
  });
  it('reports role claims of the wrong shape and ignores other claims', () => {
    const { grants, problems } = readRoleClaims({
      'urn:zitadel:iam:org:project:roles': ['admin'],
      'urn:zitadel:iam:org:project:42:roles': { admin: 'yes', viewer: { o1: 'a.example' } },
      roles: ['x'],
    });
    assert.deepEqual(grants, [{ claim: 'urn:zitadel:iam:org:project:42:roles', projectId: '42', role: 'viewer', orgs: [{ orgId: 'o1', domain: 'a.example' }] }]);
    assert.equal(problems.length, 2);
  });
});
