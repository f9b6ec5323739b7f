// The words of the metadata rows in the sidebar: sources, differences, the auth API action, and
// users ZITADEL does not know or could not list.
import { strict as assert } from 'node:assert';
import { decodeSession, type Session } from '../../src/core/session';
import { mdText } from '../../src/core/text';
import { myMetadataNode, usersNode } from '../../src/core/view/metadataTree';
import { decodeMetadataValue } from '../../src/core/zitadel/metadata';
import { makeJwt } from '../fixtures/tokens';
import { child, children } from '../support/viewNodes';

const tokens = { issuer: 'https://i.example', client_id: 'c', access_token: 'a', token_type: 'Bearer', obtained_at: 0 };
const WHY = "ZITADEL's management API v1 (this instance has no user service v2) sees the users of one organization only, and lists other users as having no metadata.";

describe('metadata in the tree: what the rows say', () => {
  it('says no source was consulted yet, and what loading from the auth API does', () => {
    const node = myMetadataNode('Demo', decodeSession({ tokens, requestedScopes: [] }), undefined);
    assert.equal(node.description, '0 keys · no source yet');
    const load = child(node, 'Load from the auth API…');
    assert.equal(load.tooltip, mdText('POST /auth/v1/users/me/metadata/_search with the access token (all pages).'));
    assert.deepEqual(load.command, { id: 'tokenInspector.listMyMetadata', args: ['Demo'] });
  });

  it('says a key differs between sources when the ID token and the auth API disagree', () => {
    const session: Session = { tokens: { ...tokens, id_token: makeJwt({ sub: 'u', 'urn:zitadel:iam:user:metadata': { k: 'b2xk' } }) }, requestedScopes: [] };
    const node = myMetadataNode('Demo', decodeSession(session), { entries: [decodeMetadataValue('k', 'bmV3')] });
    assert.equal(node.description, '1 key · ID token, auth API · ⚠ 1 differ');
    assert.equal(child(node, 'k').description, 'old · differs between sources');
  });

  it('explains a user ZITADEL does not know, and for management v1 why and how to look in another organization', () => {
    const tooltip = (u: Parameters<typeof usersNode>[1][number]) => child(usersNode('Demo', [u]), u.userId).tooltip;
    assert.equal(tooltip({ userId: 'u1', api: 'v2', entries: [], notFound: true }), mdText('ZITADEL does not know user u1. Check the user ID.'));
    assert.equal(tooltip({ userId: 'u1', api: 'v1', entries: [], notFound: true }), mdText(`${WHY} User u1 is not in your organization: give the organization the user belongs to.`));
    assert.equal(tooltip({ userId: 'u1', orgId: 'o9', api: 'v1', entries: [], notFound: true }), mdText(`${WHY} User u1 is not in organization o9: give the organization the user belongs to.`));
    const action = child(child(usersNode('Demo', [{ userId: 'u1', api: 'v1', entries: [], notFound: true }]), 'u1'), "Enter the user's organization ID…");
    assert.equal(action.tooltip, 'Lists the metadata again with x-zitadel-orgid set to the organization you enter.');
  });

  it("says why another user's metadata could not be listed", () => {
    const user = child(usersNode('Demo', [{ userId: 'u1', error: 'HTTP 403: missing user.read' }]), 'u1');
    assert.equal(user.description, 'failed: HTTP 403: missing user.read');
    assert.equal(user.tooltip, mdText('HTTP 403: missing user.read'));
    assert.deepEqual(user.icon, { id: 'error', color: 'list.errorForeground' });
  });

  it('names the key filter of the last search, cut and made visible', () => {
    const decoded = decodeSession({ tokens, requestedScopes: [] });
    assert.equal(myMetadataNode('Demo', decoded, { entries: [decodeMetadataValue('team', 'YQ==')], filter: 'te' }).description, '1 key · auth API · filter te');
    assert.equal(myMetadataNode('Demo', decoded, { entries: [], filter: '' }).description, '0 keys · auth API');
  });

  it("lists another user's keys sorted by key, equal keys in the order they came", () => {
    const entries = ['b', 'c', 'a'].map((k) => decodeMetadataValue(k, 'eA==')).concat([decodeMetadataValue('a', 'eQ==')]);
    const user = child(usersNode('Demo', [{ userId: 'u1', api: 'v2', entries }]), 'u1');
    assert.deepEqual(
      children(user).map((c) => `${c.label}=${String(c.description)}`),
      ['a=x', 'a=y', 'b=x', 'c=x'],
    );
  });
});
