import { strict as assert } from 'node:assert';
import { inspectToken } from '../../src/core/inspect';
import { mdText } from '../../src/core/text';
import { tokenLabel, tokenNode, type ViewNode } from '../../src/core/view/treeModel';
import { b64url, makeJwt, zitadelClaims } from '../fixtures/tokens';
import { child, children } from '../support/viewNodes';

const nowMs = Date.UTC(2026, 10, 28, 12, 0, 0);
const nowS = nowMs / 1000;

describe('sidebar tree model', () => {
  const inspection = inspectToken(makeJwt(zitadelClaims(nowS)));
  const root = tokenNode(inspection, nowMs);

  it('labels a token with its subject and relative expiry', () => {
    assert.equal(root.label, '170848145649959169');
    assert.equal(root.description, 'expires in 1 h · b2b-demo-rbxajm.zitadel.cloud');
    assert.equal(root.kind, 'token');
    assert.equal(root.copyValue, inspection.token);
    assert.deepEqual(children(root).map((c) => c.label), ['Header', 'Payload', 'Signature', 'Metadata', 'Roles']);
  });

  it("shows the user's label instead of the subject, which then leads the description", () => {
    const named = tokenNode(inspection, nowMs, undefined, 'Staging admin\u202E [x](command:evil)');
    assert.equal(named.label, 'Staging admin⟨U+202E⟩ [x](command:evil)', 'one visible line');
    assert.equal(named.description, '170848145649959169 · expires in 1 h · b2b-demo-rbxajm.zitadel.cloud');
    assert.ok(named.tooltip!.startsWith(`**Label:** ${mdText('Staging admin\u202E [x](command:evil)')}  \n`), named.tooltip);
    assert.equal(named.id, root.id, 'the same node: its expansion survives a rename');
  });

  it('falls back to a fingerprint label and marks expired tokens', () => {
    const expired = inspectToken(makeJwt({ exp: nowS - 3 * 3600 }));
    const node = tokenNode(expired, nowMs);
    assert.equal(node.label, `token ${expired.fingerprint.slice(0, 8)}`);
    assert.equal(tokenLabel(expired), node.label);
    assert.equal(node.description, 'expired 3 h ago ⚠');
    assert.deepEqual(node.icon, { id: 'warning', color: 'list.errorForeground' });
    const early = tokenNode(inspectToken(makeJwt({ nbf: nowS + 600 })), nowMs);
    assert.equal(early.description, 'not yet valid, starts in 10 min ⚠');
  });

  it('shows the decoded metadata with the raw value one level down', () => {
    const metadata = child(root, 'Metadata');
    assert.equal(metadata.description, '4 keys · ZITADEL');
    const pid = child(metadata, 'P-ID');
    assert.equal(pid.description, '12351983');
    assert.equal(pid.copyValue, '12351983');
    assert.equal(child(pid, 'raw').description, 'MTIzNTE5ODM');
    assert.equal(child(pid, 'raw').copyValue, 'MTIzNTE5ODM');
    const settings = child(metadata, 'settings');
    assert.equal(settings.description, '{"theme":"dark","beta":true}');
    assert.equal(child(settings, 'theme').description, 'dark');
    assert.equal(child(metadata, 'avatarHash').description, 'ff001080 (binary, 4 bytes)');
    // The same decoded entries under the claim itself in Payload.
    const claim = child(child(root, 'Payload'), 'urn:zitadel:iam:user:metadata');
    assert.equal(claim.description, '4 keys, decoded');
    assert.equal(child(claim, 'ContractNumber').description, '1234');
  });

  it('shows roles as role → organization ID → domain', () => {
    const roles = child(root, 'Roles');
    assert.equal(roles.description, '2 roles · ZITADEL');
    const reader = children(roles).find((r) => r.label === 'reader' && /project 170086774599581953/.test(r.description!))!;
    assert.deepEqual(children(reader).map((o) => [o.label, o.description]), [
      ['170086363054473473', 'demo-customer.b2b-demo-rbxajm.zitadel.cloud'],
      ['190957560872829185', 'demo-customer2.b2b-demo-rbxajm.zitadel.cloud'],
    ]);
    const claim = child(child(root, 'Payload'), 'urn:zitadel:iam:org:project:roles');
    assert.equal(claim.description, 'reader, support:read');
  });

  it('shows time claims as ISO and relative time, and flags milliseconds', () => {
    const payload = child(root, 'Payload');
    assert.equal(child(payload, 'exp').description, '2026-11-28T13:00:00.000Z (in 1 h)');
    assert.equal(child(payload, 'iat').description, '2026-11-28T11:59:00.000Z (1 min ago)');
    const ms = tokenNode(inspectToken(makeJwt({ exp: nowMs + 60_000 })), nowMs);
    const exp = child(child(ms, 'Payload'), 'exp');
    assert.match(exp.description!, /looks like milliseconds/);
    assert.equal(exp.icon?.id, 'warning');
    assert.equal(child(ms, 'Warnings').label, 'Warnings');
  });

  it('describes claims in tooltips and offers copy as JSON', () => {
    const payload = child(root, 'Payload');
    const azp = child(payload, 'azp');
    assert.match(azp.tooltip!, /\*\*Authorized party\*\*/);
    assert.equal(azp.copyJson, JSON.stringify({ azp: '170086824411201793@portal' }, null, 2));
    const aud = child(payload, 'aud');
    assert.equal(aud.description, '170086824411201793@portal, 209806276543185153@portal, 170086774599581953');
    assert.equal(children(aud).length, 3);
    assert.equal(child(root, 'Header').description, 'RS256 · test-key');
    assert.match(child(root, 'Signature').description!, /^342 chars, not verified$/);
  });

  it('keeps ids unique and stable, and hostile values inert in Markdown', () => {
    const hostile = inspectToken(makeJwt({ sub: '[x](command:workbench.action.quit)', 'a/b': 1, 'a%2Fb': 2, note: '<img src=x onerror=alert(1)>' }));
    const node = tokenNode(hostile, nowMs);
    const ids: string[] = [];
    const walk = (n: ViewNode) => { ids.push(n.id); children(n).forEach(walk); };
    walk(node);
    assert.equal(new Set(ids).size, ids.length, 'unique ids');
    assert.deepEqual(ids, (() => { const again: string[] = []; const w = (n: ViewNode) => { again.push(n.id); children(n).forEach(w); }; w(tokenNode(hostile, nowMs + 5000)); return again; })());
    assert.ok(!/\]\(command:/.test(node.tooltip!), node.tooltip);
  });

  it('marks unsecured tokens', () => {
    const none = tokenNode(inspectToken(`${b64url('{"alg":"none"}')}.${b64url('{"sub":"x"}')}.`), nowMs);
    assert.equal(child(none, 'Signature').description, 'none (unsecured)');
    assert.match(children(child(none, 'Warnings'))[0].label, /Unsecured JWT/);
  });
});
