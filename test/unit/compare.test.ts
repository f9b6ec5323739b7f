import { strict as assert } from 'node:assert';
import { compareTokens, MAX_NESTED_CHANGES, type TokenComparison } from '../../src/core/compare';
import { inspectToken } from '../../src/core/inspect';
import { hostileValues } from '../fixtures/hostile';
import { b64url, makeJwt, zitadelClaims } from '../fixtures/tokens';

const T0 = 1_750_000_000;
const inspect = (payload: object, header?: object) => inspectToken(makeJwt(payload, header));
const byName = (c: TokenComparison) => Object.fromEntries(c.claims.map((r) => [r.name, r]));

describe('compare two tokens', () => {
  it('finds nothing between a token and itself', () => {
    const token = inspect(zitadelClaims(T0));
    const c = compareTokens(token, token);
    assert.ok(c.claims.every((r) => r.change === 'same'));
    assert.deepEqual(c.counts.claims, { added: 0, removed: 0, changed: 0, same: c.claims.length });
    assert.ok(c.metadata.every((r) => r.change === 'same') && c.metadata.length === 4);
    assert.ok(c.roles.every((r) => r.change === 'same') && c.roles.length === 6);
    assert.equal(c.sameSubject, true);
  });

  it('shows a refresh: times shifted, claims added and removed, header changes', () => {
    const before = zitadelClaims(T0);
    const { at_hash: _gone, ...rest } = zitadelClaims(T0 + 3600);
    void _gone;
    const c = compareTokens(inspect({ ...before, nonce: 'n-1' }), inspect({ ...rest, sid: 'session-2' }, { alg: 'RS256', typ: 'JWT', kid: 'key-2' }));
    const rows = byName(c);
    assert.deepEqual([rows.exp.change, rows.exp.shiftSeconds, rows.iat.shiftSeconds, rows.auth_time.shiftSeconds], ['changed', 3600, 3600, 3600]);
    assert.deepEqual([rows.at_hash.change, rows.at_hash.before, 'after' in rows.at_hash], ['removed', before.at_hash, false]);
    assert.equal(rows.nonce.change, 'removed');
    assert.deepEqual([rows.sid.change, rows.sid.after], ['added', 'session-2']);
    assert.equal(rows.sub.change, 'same');
    assert.deepEqual(c.header.find((r) => r.name === 'kid'), { name: 'kid', change: 'changed', before: 'test-key', after: 'key-2' });
    // Order: the first token's claims, then the new ones.
    assert.deepEqual(c.claims.map((r) => r.name).slice(-1), ['sid']);
  });

  it('compares nested values structurally: key order ignored, each changed place named', () => {
    const a = { sub: 'u', obj: { x: 1, y: { z: [1, 2, 3] } }, aud: ['a', 'b'] };
    const reordered = { sub: 'u', obj: { y: { z: [1, 2, 3] }, x: 1 }, aud: ['a', 'b'] };
    assert.ok(compareTokens(inspect(a), inspect(reordered)).claims.every((r) => r.change === 'same'));
    const changed = compareTokens(inspect(a), inspect({ sub: 'u', obj: { x: 2, y: { z: [1, 2] }, w: null }, aud: ['a', 'b', 'c'] }));
    const rows = byName(changed);
    assert.deepEqual(rows.obj.nested, [
      { path: ['x'], change: 'changed', before: 1, after: 2 },
      { path: ['y', 'z', '2'], change: 'removed', before: 3 },
      { path: ['w'], change: 'added', after: null },
    ]);
    assert.deepEqual(rows.aud.nested, [{ path: ['2'], change: 'added', after: 'c' }]);
    // A string that became an object: changed, with no nested places.
    const typeChange = byName(compareTokens(inspect({ v: 'x' }), inspect({ v: { a: 1 } }))).v;
    assert.deepEqual([typeChange.change, typeChange.nested], ['changed', undefined]);
    assert.equal(byName(compareTokens(inspect({ v: [1] }), inspect({ v: { 0: 1 } }))).v.change, 'changed', 'an array is not an object');
  });

  it('names at most 50 nested places, counting the rest', () => {
    const many = (offset: number) => Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`k${i}`, i + offset]));
    const row = byName(compareTokens(inspect({ m: many(0) }), inspect({ m: many(1) }))).m;
    assert.equal(row.nested?.length, MAX_NESTED_CHANGES);
    assert.equal(row.moreChanges, 30);
  });

  it('compares metadata by decoded value (base64url in one token, padded base64 in the other is the same)', () => {
    const before = zitadelClaims(T0);
    const after = zitadelClaims(T0);
    const metadata = { ...before['urn:zitadel:iam:user:metadata'] };
    const changed = {
      'P-ID': 'MTIzNTE5ODM=', // the same bytes, standard padded base64
      ContractNumber: b64url('5678'),
      settings: metadata.settings,
      newKey: b64url('hello'),
    };
    const c = compareTokens(inspect(before), inspect({ ...after, 'urn:zitadel:iam:user:metadata': changed }));
    const rows = Object.fromEntries(c.metadata.map((r) => [r.key, r]));
    assert.equal(rows['P-ID'].change, 'same');
    assert.deepEqual([rows.ContractNumber.change, rows.ContractNumber.before?.value, rows.ContractNumber.after?.value], ['changed', '1234', '5678']);
    assert.deepEqual([rows.avatarHash.change, rows.avatarHash.after], ['removed', undefined]);
    assert.deepEqual([rows.newKey.change, rows.newKey.after?.value], ['added', 'hello']);
    assert.deepEqual(c.counts.metadata, { added: 1, removed: 1, changed: 1, same: 2 });
    assert.equal(byName(c)['urn:zitadel:iam:user:metadata'].section, 'metadata');
  });

  it('compares role grants per project, role and organization', () => {
    const before = zitadelClaims(T0);
    const roles = {
      reader: { '170086363054473473': 'renamed.example' },
      admin: { '999': 'new-org.example' },
    };
    const c = compareTokens(inspect(before), inspect({ ...before, 'urn:zitadel:iam:org:project:roles': roles }));
    const shared = c.roles.filter((r) => r.projectId === undefined);
    const find = (role: string, orgId: string) => shared.find((r) => r.role === role && r.orgId === orgId);
    assert.deepEqual(find('reader', '170086363054473473'), { role: 'reader', orgId: '170086363054473473', change: 'changed', beforeDomain: 'demo-customer.b2b-demo-rbxajm.zitadel.cloud', afterDomain: 'renamed.example' });
    assert.equal(find('reader', '190957560872829185')?.change, 'removed');
    assert.equal(find('support:read', '170086363054473473')?.change, 'removed');
    assert.deepEqual(find('admin', '999'), { role: 'admin', orgId: '999', change: 'added', afterDomain: 'new-org.example' });
    assert.ok(c.roles.filter((r) => r.projectId === '170086774599581953').every((r) => r.change === 'same'), 'the per-project claim did not change');
    assert.equal(byName(c)['urn:zitadel:iam:org:project:roles'].section, 'roles');
  });

  it('says when the two tokens are not of the same user', () => {
    assert.equal(compareTokens(inspect({ sub: 'a' }), inspect({ sub: 'b' })).sameSubject, false);
  });

  it('is plain JSON, also for hostile claim names and values', () => {
    const hostile = Object.fromEntries(hostileValues().map(({ name, value }) => [value.slice(0, 200), name]));
    const before = JSON.parse(`{"__proto__":{"polluted":true},"constructor":1,${JSON.stringify(hostile).slice(1)}`);
    const after = { ...hostile, constructor: 2, deep: JSON.parse(`${'['.repeat(60)}1${']'.repeat(60)}`) };
    const c = compareTokens(inspect(before), inspect(after));
    assert.deepEqual(JSON.parse(JSON.stringify(c)), c);
    const row = (name: string) => c.claims.find((r) => r.name === name);
    assert.equal(row('__proto__')?.change, 'removed');
    assert.equal(row('constructor')?.change, 'changed');
    assert.equal(({} as { polluted?: boolean }).polluted, undefined);
  });

  it('copes with two 1 MB tokens of 40,000 claims each', () => {
    const claims = (v: number) => Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`claim-${i}`, i % 1000 === 0 ? v : i]));
    const c = compareTokens(inspect(claims(1)), inspect(claims(2)));
    assert.equal(c.counts.claims.changed, 40);
    assert.equal(c.counts.claims.same, 39_960);
  });
});
