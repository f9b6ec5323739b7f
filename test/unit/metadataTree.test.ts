// Metadata in the tree: what the APIs say about each entry (change date, resource owner), which
// API answered, and users ZITADEL does not know (with the organization retry for management v1).
import { strict as assert } from 'node:assert';
import { myMetadataNode, usersNode, type UserMetadata } from '../../src/core/view/metadataTree';
import { decodeMetadataValue } from '../../src/core/zitadel/metadata';
import { describeFacts, shortUtc } from '../../src/core/zitadel/metadataFacts';
import type { Session } from '../../src/core/session';
import { mdCode, mdText } from '../../src/core/text';
import { decodeSession } from '../../src/core/session';
import { child, children } from '../support/viewNodes';

const entry = (key: string, base64: string, facts: Record<string, string> = {}) => ({ ...decodeMetadataValue(key, base64), ...facts });
const v1Facts = { creationDate: '2025-03-01T08:00:00.123Z', changeDate: '2025-03-02T09:30:59.999Z', resourceOwner: '170086363054473473', sequence: '4711' };
const SESSION: Session = { tokens: { issuer: 'https://i.example', client_id: 'c', access_token: 'a', token_type: 'Bearer', obtained_at: 0 }, requestedScopes: [] };

describe('metadata in the tree', () => {
  it('formats API dates short and in UTC; anything else as received, clipped', () => {
    assert.equal(shortUtc('2025-03-02T09:30:59.999Z'), '2025-03-02 09:30 UTC');
    assert.equal(shortUtc('2025-03-02T11:30:00+02:00'), '2025-03-02 09:30 UTC');
    assert.equal(shortUtc('yesterday'), 'yesterday');
    assert.equal(shortUtc('x'.repeat(50)), `${'x'.repeat(40)}…`);
    assert.equal(describeFacts(entry('k', 'dg==', v1Facts)), 'changed 2025-03-02 09:30 UTC · owner 170086363054473473');
    assert.equal(describeFacts(entry('k', 'dg==', { changeDate: '2025-03-02T09:30:00Z' })), 'changed 2025-03-02 09:30 UTC', 'v2 has no resource owner');
    assert.equal(describeFacts(entry('k', 'dg==')), '');
  });

  it("shows each of another user's keys with its change date and resource owner, sorted by key", () => {
    const users: UserMetadata[] = [{ userId: 'u1', api: 'v1', entries: [entry('zeta', 'eg==', v1Facts), entry('alpha', 'YQ==')] }];
    const user = child(usersNode('Demo', users), 'u1');
    assert.deepEqual(children(user).map((c) => c.label), ['alpha', 'zeta']);
    const zeta = child(user, 'zeta');
    assert.equal(zeta.description, 'z · changed 2025-03-02 09:30 UTC · owner 170086363054473473');
    assert.equal(
      zeta.tooltip,
      [`Raw: ${mdCode('eg==')}`, `**Created:** ${mdText('2025-03-01 08:00 UTC')}`, `**Changed:** ${mdText('2025-03-02 09:30 UTC')}`, '**Resource owner:** 170086363054473473', '**Sequence:** 4711'].join('  \n'),
      'markdown, escaped',
    );
    assert.equal(child(user, 'alpha').description, 'a');
  });

  it('escapes what the server says when it goes into markdown', () => {
    const user = child(usersNode('Demo', [{ userId: 'u1', entries: [entry('k', 'dg==', { resourceOwner: '[x](command:evil)' })] }]), 'u1');
    assert.ok(!child(user, 'k').tooltip!.includes('[x](command:evil)'));
    assert.equal(child(user, 'k').description, 'v · owner [x](command:evil)', 'plain text in the description');
  });

  it('says which API answered, and offers "Retry with the User Service v2" on management v1 users', () => {
    const node = usersNode('Demo', [{ userId: 'u1', api: 'v1', entries: [] }, { userId: 'u2', orgId: 'o2', api: 'v1', entries: [entry('k', 'dg==')] }]);
    assert.equal(node.description, '2 shown · management API v1');
    assert.equal(child(node, 'u2').description, '1 key · org o2 · v1');
    assert.equal(child(node, 'u2').contextValue, 'userMetadata userApiV1');
    const v2 = usersNode('Demo', [{ userId: 'u3', api: 'v2', entries: [] }]);
    assert.equal(v2.description, '1 shown · user service v2');
    assert.equal(child(v2, 'u3').contextValue, 'userMetadata');
    assert.equal(usersNode('Demo', [{ userId: 'a', api: 'v1' }, { userId: 'b', api: 'v2' }]).description, '2 shown', 'mixed: no single API');
  });

  it('marks users ZITADEL does not know; for management v1 with a one-click organization retry', () => {
    const v1 = child(usersNode('Demo', [{ userId: 'u1', api: 'v1', entries: [], notFound: true }]), 'u1');
    assert.equal(v1.description, 'not found in your organization · v1');
    assert.equal(v1.icon?.id, 'warning');
    assert.match(v1.tooltip!, /sees the users of one organization only/);
    const action = children(v1).at(-1)!;
    assert.equal(action.label, "Enter the user's organization ID…");
    assert.deepEqual(action.command, { id: 'tokenInspector.enterUserOrganization', args: [{ userRef: { profile: 'Demo', userId: 'u1', orgId: undefined } }] });
    const inOrg = child(usersNode('Demo', [{ userId: 'u1', orgId: 'o9', api: 'v1', entries: [], notFound: true }]), 'u1');
    assert.equal(inOrg.description, 'not found in organization o9 · v1');
    const v2 = child(usersNode('Demo', [{ userId: 'u1', api: 'v2', entries: [], notFound: true }]), 'u1');
    assert.equal(v2.description, 'not found · v2');
    assert.deepEqual(children(v2), [], 'the organization does not matter to the user service v2');
  });

  it("adds the auth API's facts to my metadata rows", () => {
    const node = myMetadataNode('Demo', decodeSession(SESSION), { entries: [entry('P-ID', 'MTIzNTE5ODM=', v1Facts)] });
    const row = child(node, 'P-ID');
    assert.equal(row.description, '12351983 · auth API · changed 2025-03-02 09:30 UTC · owner 170086363054473473');
    assert.match(row.tooltip!, /\*\*Resource owner:\*\* 170086363054473473/);
  });
});
