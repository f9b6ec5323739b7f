import { strict as assert } from 'node:assert';
import { compareTokens, type TokenComparison } from '../../src/core/compare';
import { inspectToken } from '../../src/core/inspect';
import { makeJwt } from '../fixtures/tokens';

const inspect = (payload: object) => inspectToken(makeJwt(payload));
const byName = (c: TokenComparison) => Object.fromEntries(c.claims.map((r) => [r.name, r]));

describe('compare two tokens: the details', () => {
  it('names each side by fingerprint and the sub, iss and iat it has, leaving out what it lacks', () => {
    const before = inspect({ sub: 'u', iss: 'https://i.example', iat: 100, exp: 200 });
    const after = inspect({ sub: 'u' });
    const c = compareTokens(before, after);
    assert.deepEqual(c.before, { fingerprint: before.fingerprint, sub: 'u', iss: 'https://i.example', iat: 100 });
    assert.deepEqual(c.after, { fingerprint: after.fingerprint, sub: 'u' });
  });

  it('gives a time shift only for time claims that are numbers on both sides', () => {
    const rows = byName(compareTokens(inspect({ exp: 100, nbf: 'soon', count: 1 }), inspect({ exp: 160, nbf: 50, count: 5 })));
    assert.equal(rows.exp.shiftSeconds, 60);
    assert.ok(!('shiftSeconds' in rows.nbf));
    assert.ok(!('shiftSeconds' in rows.count));
    assert.ok(!('moreChanges' in rows.count) && !('nested' in rows.count));
  });

  it('names removed members and array items, and tells an array from an object', () => {
    const rows = byName(compareTokens(inspect({ o: { a: 1, b: { c: 2 } }, l: [1, 2, 3], m: [{ x: 1 }] }), inspect({ o: { a: 1 }, l: [1], m: [{ x: 2 }] })));
    assert.deepEqual(rows.o.nested, [{ path: ['b'], change: 'removed', before: { c: 2 } }]);
    assert.deepEqual(rows.l.nested, [
      { path: ['1'], change: 'removed', before: 2 },
      { path: ['2'], change: 'removed', before: 3 },
    ]);
    assert.deepEqual(rows.m.nested, [{ path: ['0', 'x'], change: 'changed', before: 1, after: 2 }]);
    const swapped = byName(compareTokens(inspect({ v: [] }), inspect({ v: {} }))).v;
    assert.deepEqual([swapped.change, 'nested' in swapped], ['changed', false]);
    assert.equal(byName(compareTokens(inspect({ v: { a: [1, { b: null }] } }), inspect({ v: { a: [1, { b: null }] } }))).v.change, 'same');
  });

  it('marks only the metadata and role claims of ZITADEL as shown in their own sections', () => {
    const rows = byName(compareTokens(inspect({ 'urn:zitadel:iam:user:resourceowner:id': '1', 'urn:zitadel:iam:org:project:7:roles': {} }), inspect({ 'urn:zitadel:iam:user:resourceowner:id': '2' })));
    assert.ok(!('section' in rows['urn:zitadel:iam:user:resourceowner:id']));
    assert.equal(rows['urn:zitadel:iam:org:project:7:roles'].section, 'roles');
  });

  it('shows a member that became a plain value as changed there, not as its removed members', () => {
    const rows = byName(compareTokens(inspect({ o: { a: { x: 1 } }, n: null }), inspect({ o: { a: 5 }, n: { a: 1 } })));
    assert.deepEqual(rows.o.nested, [{ path: ['a'], change: 'changed', before: { x: 1 }, after: 5 }]);
    assert.equal(rows.n.change, 'changed');
    assert.equal(rows.n.nested, undefined);
  });

  it('lists a role grant that went away with its organization domain before only', () => {
    const grant = (domain: string) => ({ 'urn:zitadel:iam:org:project:roles': { admin: { '100': domain } } });
    const c = compareTokens(inspect(grant('a.example')), inspect({}));
    assert.deepEqual(c.roles, [{ role: 'admin', orgId: '100', change: 'removed', beforeDomain: 'a.example' }]);
    const added = compareTokens(inspect({}), inspect(grant('a.example')));
    assert.deepEqual(added.roles, [{ role: 'admin', orgId: '100', change: 'added', afterDomain: 'a.example' }]);
  });
});
