// Node ids built from names (claims, metadata keys): escaped, cut, stable; and the icons and
// tooltips of tokens and metadata entries that need attention.
import { strict as assert } from 'node:assert';
import { inspectToken } from '../../src/core/inspect';
import { idSegment, tokenNode, type ViewNode } from '../../src/core/view/treeModel';
import { b64url, makeJwt } from '../fixtures/tokens';

const children = (n: ViewNode) => n.children?.() ?? [];

describe('tree node ids and attention icons', () => {
  it('escapes "%" and "/" in a name so that no id segment contains a path separator or clashes', () => {
    assert.equal(idSegment('a%b/c', 0), '0:a%25b%2Fc');
    assert.equal(idSegment('a/b', 1), '1:a%2Fb');
    assert.equal(idSegment('a%2Fb', 2), '2:a%252Fb');
    assert.equal(idSegment('plain name', 3), '3:plain name');
  });

  it('writes a lone surrogate as %u and its code, keeping the characters around it', () => {
    assert.equal(idSegment('x\ud800y', 4), '4:x%ud800y');
    assert.equal(idSegment('é😀', 5), '5:é😀');
  });

  it('cuts a name after 64 characters, and keeps one of exactly 64', () => {
    const n64 = 'n'.repeat(64);
    assert.equal(idSegment(n64, 6), `6:${n64}`);
    assert.equal(idSegment(`${n64}tail`, 7), `7:${n64}`);
    assert.equal(idSegment(`${'/'.repeat(65)}`, 8), `8:${'%2F'.repeat(64)}`);
  });

  it('shows a clock in the warning colour for a token not yet valid', () => {
    const nowMs = Date.UTC(2026, 0, 1);
    const early = tokenNode(inspectToken(makeJwt({ nbf: nowMs / 1000 + 600, exp: nowMs / 1000 + 3600 })), nowMs);
    assert.deepEqual(early.icon, { id: 'clock', color: 'list.warningForeground' });
  });

  it('shows the key in the warning colour for a valid token with warnings, plain otherwise', () => {
    const nowMs = Date.UTC(2026, 0, 1);
    const unsigned = inspectToken(`${b64url('{"alg":"none"}')}.${b64url('{"sub":"x"}')}.`);
    assert.ok(unsigned.warnings.length > 0);
    assert.deepEqual(tokenNode(unsigned, nowMs).icon, { id: 'key', color: 'list.warningForeground' });
    const signed = inspectToken(makeJwt({ sub: 'x', exp: nowMs / 1000 + 3600 }));
    if (signed.warnings.length === 0) assert.deepEqual(tokenNode(signed, nowMs).icon, { id: 'key' });
  });

  it('marks a metadata value that is not base64: warning icon, its encoding and problem in the tooltip', () => {
    const nowMs = Date.UTC(2026, 0, 1);
    const token = tokenNode(inspectToken(makeJwt({ sub: 'x', 'urn:zitadel:iam:user:metadata': { 'bad key': 'not base64!!' } })), nowMs);
    const section = children(token).find((n) => n.label === 'Metadata');
    assert.ok(section, children(token).map((n) => n.label).join(', '));
    const entry = children(section).find((n) => n.label === 'bad key')!;
    assert.deepEqual(entry.icon, { id: 'warning', color: 'list.warningForeground' });
    const tooltip = String(entry.tooltip).split('\n\n');
    assert.equal(tooltip[0], '**bad key** · invalid');
    assert.equal(tooltip[1], '⚠ not valid base64 or base64url');
  });
});
