import { strict as assert } from 'node:assert';
import { inspectToken } from '../../src/core/inspect';
import { byteCount, characterCount, claimCount, itemCount, keyCount, organizationCount, roleCount } from '../../src/core/view/counts';
import { tokenNode } from '../../src/core/view/treeModel';
import { b64url, makeJwt } from '../fixtures/tokens';
import { child } from '../support/viewNodes';

const nowMs = Date.UTC(2026, 10, 28, 12, 0, 0);

describe('counts in the tree and the inspector', () => {
  it('says "1 …" in the singular and "N …" in the plural, for none, one, two and many of each', () => {
    const table: [(n: number) => string, string, string][] = [
      [claimCount, 'claim', 'claims'],
      [keyCount, 'key', 'keys'],
      [roleCount, 'role', 'roles'],
      [itemCount, 'item', 'items'],
      [organizationCount, 'organization', 'organizations'],
      [byteCount, 'byte', 'bytes'],
      [characterCount, 'character', 'characters'],
    ];
    for (const [count, one, many] of table) {
      assert.equal(count(1), `1 ${one}`);
      assert.equal(count(0), `0 ${many}`);
      assert.equal(count(2), `2 ${many}`);
      assert.equal(count(1234), `1234 ${many}`);
    }
  });

  it('counts the claims of a one-claim payload as "1 claim" and of a two-claim payload as "2 claims"', () => {
    const payload = (claims: object) => child(tokenNode(inspectToken(makeJwt(claims)), nowMs), 'Payload');
    assert.equal(payload({ sub: 'alice' }).description, '1 claim');
    assert.equal(payload({ sub: 'alice', iss: 'https://issuer.example' }).description, '2 claims');
  });

  it('summarises nested values by how many items or keys they hold, singular for one', () => {
    const node = child(tokenNode(inspectToken(makeJwt({ list: [{ a: 1 }], lists: [{ a: 1 }, { b: 2 }], obj: { a: 1 }, objs: { a: 1, b: 2 } })), nowMs), 'Payload');
    const description = (name: string) => child(node, name).description;
    assert.equal(description('list'), '[1 item]');
    assert.equal(description('lists'), '[2 items]');
    assert.equal(description('obj'), '{1 key}');
    assert.equal(description('objs'), '{2 keys}');
  });

  it('names a token without an "alg" header as having no algorithm in its tooltip', () => {
    const token = `${b64url(JSON.stringify({ typ: 'JWT' }))}.${b64url(JSON.stringify({ sub: 'alice' }))}.`;
    const tooltip = tokenNode(inspectToken(token), nowMs).tooltip!;
    assert.match(tooltip, /\*\*Algorithm:\*\* no alg(\s|$)/, tooltip);
  });
});
