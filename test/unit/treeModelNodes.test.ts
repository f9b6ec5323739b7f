// A decoded token's tree as whole nodes: every section's id, icon, expansion and children ids,
// the value, role and metadata nodes with their tooltips and copy texts, for the cases the
// model tells apart (warnings or none, a header kid that is not a string, arrays of scalars or
// not, each metadata encoding, role claims with and without grants).
import { strict as assert } from 'node:assert';
import { inspectToken } from '../../src/core/inspect';
import { metadataSummary, tokenNode } from '../../src/core/view/treeModel';
import { b64url, makeJwt } from '../fixtures/tokens';
import { child, children, shown } from '../support/viewNodes';

const nowMs = Date.UTC(2026, 10, 28, 12, 0, 0);
const nowS = nowMs / 1000;
const PROJECT_ROLES = 'urn:zitadel:iam:org:project:roles';
const ROLES_222 = 'urn:zitadel:iam:org:project:222:roles';
const METADATA = 'urn:zitadel:iam:user:metadata';
const RAW_TOOLTIP = 'The value as sent: base64 (base64url without padding in tokens).';

describe('decoded token tree: whole nodes', () => {
  const inspection = inspectToken(
    makeJwt(
      {
        sub: 'alice',
        iss: 'https://issuer.example',
        exp: nowS + 3600,
        iat: nowMs,
        spaced: 'a  b',
        list: [null, 1],
        mixed: [1, { x: 1 }],
        [PROJECT_ROLES]: { admin: { '111': 'a.example' } },
        [ROLES_222]: { viewer: { '333': 'b.example' } },
        [METADATA]: { json: b64url('{ "a": 1 }'), text: b64url('hi'), bin: b64url(Uint8Array.from([0xff, 0])), bad: '!!' },
      },
      { alg: 'RS256', kid: 7, typ: 'JWT' },
    ),
  );
  const fp = inspection.fingerprint;
  const root = tokenNode(inspection, nowMs);
  const payload = () => child(root, 'Payload');

  it('lists warnings first, expanded, each warning a node of its own', () => {
    assert.deepEqual(children(root).map((c) => c.id), [`${fp}/warnings`, `${fp}/header`, `${fp}/payload`, `${fp}/signature`, `${fp}/metadata`, `${fp}/roles`]);
    const warnings = child(root, 'Warnings');
    assert.deepEqual(shown(warnings), { id: `${fp}/warnings`, kind: 'section', fingerprint: fp, label: 'Warnings', description: '2', icon: { id: 'warning', color: 'list.warningForeground' }, expanded: true });
    assert.deepEqual(children(warnings).map((w) => [w.id, w.kind, w.label]), [
      [`${fp}/warnings/0`, 'warning', 'ZITADEL metadata "bad": not valid base64 or base64url.'],
      [`${fp}/warnings/1`, 'warning', '"iat" (1795867200000) looks like milliseconds; JWT times are in seconds.'],
    ]);
  });

  it('shows the header collapsed with its string alg and kid only, its parameters under it', () => {
    const header = child(root, 'Header');
    assert.deepEqual(shown(header), {
      id: `${fp}/header`,
      kind: 'section',
      fingerprint: fp,
      label: 'Header',
      description: 'RS256',
      icon: { id: 'symbol-namespace' },
      copyValue: JSON.stringify({ alg: 'RS256', kid: 7, typ: 'JWT' }, null, 2),
    });
    assert.deepEqual(children(header).map((c) => [c.id, c.kind, c.description]), [
      [`${fp}/header/0:alg`, 'value', 'RS256'],
      [`${fp}/header/1:kid`, 'value', '7'],
      [`${fp}/header/2:typ`, 'value', 'JWT'],
    ]);
  });

  it('shows the payload expanded, the signature locked, metadata expanded and roles collapsed', () => {
    const { children: _c, copyValue, ...section } = payload();
    assert.deepEqual(section, { id: `${fp}/payload`, kind: 'section', fingerprint: fp, label: 'Payload', description: '10 claims', icon: { id: 'symbol-object' }, expanded: true });
    assert.equal(copyValue, JSON.stringify(inspection.payload, null, 2));
    assert.equal(children(payload())[0].id, `${fp}/payload/0:sub`);
    const signature = child(root, 'Signature');
    assert.deepEqual(signature.icon, { id: 'lock', color: undefined });
    assert.equal(signature.id, `${fp}/signature`);
    const metadata = child(root, 'Metadata');
    assert.deepEqual(
      { id: metadata.id, description: metadata.description, icon: metadata.icon, expanded: metadata.expanded },
      { id: `${fp}/metadata`, description: '4 keys · ZITADEL', icon: { id: 'database' }, expanded: true },
    );
    assert.deepEqual(children(metadata).map((c) => c.id), [`${fp}/metadata/0:json`, `${fp}/metadata/1:text`, `${fp}/metadata/2:bin`, `${fp}/metadata/3:bad`]);
    const roles = child(root, 'Roles');
    assert.deepEqual(shown(roles), { id: `${fp}/roles`, kind: 'section', fingerprint: fp, label: 'Roles', description: '2 roles · ZITADEL', icon: { id: 'organization' } });
    assert.deepEqual(children(roles).map((c) => c.id), [`${fp}/roles/0`, `${fp}/roles/1`]);
  });

  it('marks time claims with a clock, milliseconds with a warning', () => {
    assert.deepEqual(child(payload(), 'exp').icon, { id: 'clock' });
    assert.deepEqual(child(payload(), 'iat').icon, { id: 'warning', color: 'list.warningForeground' });
    assert.equal(child(payload(), 'sub').icon, undefined);
  });

  it('folds runs of spaces in a description, and lists arrays of scalars (null too) in one line', () => {
    assert.equal(child(payload(), 'spaced').description, 'a b');
    assert.equal(child(payload(), 'spaced').copyValue, 'a  b');
    assert.equal(child(payload(), 'list').description, 'null, 1');
    assert.equal(child(payload(), 'mixed').description, '[2 items]');
  });

  it("shows each role claim's own grants as role → organization", () => {
    const claim = child(payload(), PROJECT_ROLES);
    assert.equal(claim.description, 'admin');
    const [role] = children(claim);
    assert.deepEqual(shown(role), {
      id: `${fp}/payload/7:${PROJECT_ROLES}/0`,
      kind: 'role',
      fingerprint: fp,
      label: 'admin',
      description: '1 organization',
      tooltip: `Role **admin** from \` ${PROJECT_ROLES} \``,
      copyValue: 'admin',
      icon: { id: 'person' },
    });
    assert.deepEqual(children(role), [
      { id: `${fp}/payload/7:${PROJECT_ROLES}/0/0:111`, kind: 'value', fingerprint: fp, label: '111', description: 'a.example', tooltip: 'Organization ` 111 `, primary domain a\\.example', copyValue: '111', icon: { id: 'globe' } },
    ]);
    const other = child(payload(), ROLES_222);
    assert.equal(other.description, 'viewer');
    assert.deepEqual(children(other).map((r) => [r.id, r.label, r.description]), [[`${fp}/payload/8:${ROLES_222}/0`, 'viewer', 'project 222 · 1 organization']]);
  });

  it('shows each metadata encoding with its tooltip, icon, copy texts and raw child', () => {
    const claimId = `${fp}/payload/9:${METADATA}`;
    const claim = child(payload(), METADATA);
    assert.equal(claim.description, '4 keys, decoded');
    const [json, text, bin, bad] = children(claim);
    assert.deepEqual(shown(json), {
      id: `${claimId}/0:json`,
      kind: 'metadata',
      fingerprint: fp,
      label: 'json',
      description: '{"a":1}',
      tooltip: '**json** · json, 10 bytes\n\n```\n{\n  "a": 1\n}\n```\n\nRaw: ` eyAiYSI6IDEgfQ `',
      copyValue: '{ "a": 1 }',
      copyJson: JSON.stringify({ json: { a: 1 } }, null, 2),
      icon: { id: 'symbol-field' },
    });
    assert.deepEqual(children(json), [
      { id: `${claimId}/0:json/raw`, kind: 'raw', fingerprint: fp, label: 'raw', description: 'eyAiYSI6IDEgfQ', tooltip: RAW_TOOLTIP, copyValue: 'eyAiYSI6IDEgfQ', icon: { id: 'file-binary' } },
      { id: `${claimId}/0:json/0:a`, kind: 'value', fingerprint: fp, label: 'a', description: '1', tooltip: '` a `\n\n```\n1\n```', copyValue: '1', icon: undefined },
    ]);
    assert.deepEqual(shown(text), {
      id: `${claimId}/1:text`,
      kind: 'metadata',
      fingerprint: fp,
      label: 'text',
      description: 'hi',
      tooltip: '**text** · text, 2 bytes\n\n```\nhi\n```\n\nRaw: ` aGk `',
      copyValue: 'hi',
      copyJson: JSON.stringify({ text: 'hi' }, null, 2),
      icon: { id: 'symbol-field' },
    });
    assert.deepEqual(children(text).map((c) => c.id), [`${claimId}/1:text/raw`]);
    assert.equal(bin.description, 'ff00 (binary, 2 bytes)');
    assert.equal(bin.tooltip, '**bin** · binary, 2 bytes\n\n```\nff00\n```\n\nRaw: ` _wA `');
    assert.deepEqual(shown(bad), {
      id: `${claimId}/3:bad`,
      kind: 'metadata',
      fingerprint: fp,
      label: 'bad',
      description: '!! (not valid base64 or base64url)',
      tooltip: '**bad** · invalid\n\n⚠ not valid base64 or base64url\n\n```\n!!\n```\n\nRaw: ` !! `',
      copyValue: '!!',
      copyJson: JSON.stringify({ bad: '!!' }, null, 2),
      icon: { id: 'warning', color: 'list.warningForeground' },
    });
    assert.equal(metadataSummary(inspection.metadata[0]), '{"a":1}', 'JSON compact, not as sent');
  });

  it('has no Warnings, Metadata or Roles sections for a plain token, and no decoded children for empty claims', () => {
    const plain = inspectToken(makeJwt({ sub: 'bob', [METADATA]: {}, [PROJECT_ROLES]: {} }));
    const node = tokenNode(plain, nowMs);
    assert.deepEqual(children(node).map((c) => c.label), ['Header', 'Payload', 'Signature']);
    assert.deepEqual(node.icon, { id: 'key' });
    const metadata = child(child(node, 'Payload'), METADATA);
    assert.equal(metadata.description, '{0 keys}');
    assert.equal(metadata.children?.().length, 0);
    const roles = child(child(node, 'Payload'), PROJECT_ROLES);
    assert.equal(roles.description, '{0 keys}');
  });
});
