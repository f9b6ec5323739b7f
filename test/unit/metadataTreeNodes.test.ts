// Metadata in the sidebar as whole nodes: the signed-in user's metadata compared across sources
// (ids, icons by status, tooltips per source, the auth API action in its three states) and
// other users' metadata (ids, icons, context values, tooltips naming the API, key order).
import { strict as assert } from 'node:assert';
import { decodeSession, type Session } from '../../src/core/session';
import { myMetadataNode, usersNode } from '../../src/core/view/metadataTree';
import { decodeMetadataValue } from '../../src/core/zitadel/metadata';
import { b64url, makeJwt } from '../fixtures/tokens';
import { children, shown } from '../support/viewNodes';

const entry = (key: string, base64: string, facts: Record<string, string> = {}) => ({ ...decodeMetadataValue(key, base64), ...facts });
const METADATA = 'urn:zitadel:iam:user:metadata';
const SESSION: Session = {
  tokens: { issuer: 'https://i.example', client_id: 'c', access_token: 'a', token_type: 'Bearer', obtained_at: 0, id_token: makeJwt({ sub: 'u', [METADATA]: { same: b64url('1'), differs: b64url('id'), idonly: b64url('x') } }) },
  requestedScopes: [],
  userinfo: { sub: 'u', [METADATA]: { same: b64url('1'), differs: b64url('ui') } },
};
const LIST_TOOLTIP = 'POST \\/auth\\/v1\\/users\\/me\\/metadata\\/\\_search with the access token \\(all pages\\)\\.';
const command = { id: 'tokenInspector.listMyMetadata', args: ['Demo'] };

describe("the signed-in user's metadata: whole nodes", () => {
  const decoded = decodeSession(SESSION);

  it('compares the sources key by key: a warning where they differ or a source lacks the key', () => {
    const node = myMetadataNode('Demo', decoded, { entries: [entry('same', b64url('1'), { changeDate: '2025-03-02T09:30:00Z' })], filter: 'sa' });
    assert.deepEqual(shown(node), {
      id: 'profile:Demo/metadata',
      kind: 'section',
      fingerprint: '',
      label: 'Metadata',
      description: '3 keys · ID token, userinfo, auth API · ⚠ 2 differ · filter sa',
      icon: { id: 'database' },
      contextValue: 'myMetadata',
      expanded: true,
    });
    assert.deepEqual(children(node), [
      { id: 'profile:Demo/metadata/0:differs', kind: 'metadata', fingerprint: '', label: 'differs', description: 'id · differs between sources', tooltip: '**ID token:** id (raw ` aWQ `)  \n**userinfo:** ui (raw ` dWk `)', copyValue: 'id', icon: { id: 'warning', color: 'list.warningForeground' } },
      { id: 'profile:Demo/metadata/1:idonly', kind: 'metadata', fingerprint: '', label: 'idonly', description: 'x · only in ID token', tooltip: '**ID token:** x (raw ` eA `)', copyValue: 'x', icon: { id: 'warning', color: 'list.warningForeground' } },
      {
        id: 'profile:Demo/metadata/2:same',
        kind: 'metadata',
        fingerprint: '',
        label: 'same',
        description: '1 · ID token, userinfo, auth API · changed 2025-03-02 09:30 UTC',
        tooltip: '**ID token:** 1 (raw ` MQ `)  \n**userinfo:** 1 (raw ` MQ `)  \n**auth API:** 1 (raw ` MQ `)  \n**Changed:** 2025\\-03\\-02 09\\:30 UTC',
        copyValue: '1',
        icon: { id: 'symbol-field' },
      },
      { id: 'profile:Demo/metadata/load', kind: 'action', fingerprint: '', label: 'List from the auth API again…', description: undefined, tooltip: LIST_TOOLTIP, icon: { id: 'cloud-download' }, command },
    ]);
  });

  it('offers to load from the auth API, or to try again with the error when it failed', () => {
    const before = myMetadataNode('Demo', decoded, undefined);
    assert.equal(before.description, '3 keys · ID token, userinfo · ⚠ 2 differ');
    assert.deepEqual(children(before).at(-1), { id: 'profile:Demo/metadata/load', kind: 'action', fingerprint: '', label: 'Load from the auth API…', description: undefined, tooltip: LIST_TOOLTIP, icon: { id: 'cloud-download' }, command });
    assert.equal(children(before)[2].tooltip, '**ID token:** 1 (raw ` MQ `)  \n**userinfo:** 1 (raw ` MQ `)', 'no auth API facts');
    const failed = myMetadataNode('Demo', decoded, { error: 'HTTP 403' });
    assert.deepEqual(children(failed).at(-1), { id: 'profile:Demo/metadata/load', kind: 'action', fingerprint: '', label: 'Auth API failed: try again…', description: 'HTTP 403', tooltip: 'HTTP 403', icon: { id: 'error', color: 'list.errorForeground' }, command });
  });
});

describe("other users' metadata: whole nodes", () => {
  const node = usersNode('Demo', [
    { userId: 'u1', orgId: 'o1', api: 'v1', entries: [entry('b', 'Yg=='), entry('c', 'Yw=='), entry('a', 'YQ==')] },
    { userId: 'u2', api: 'v2', entries: [] },
    { userId: 'u3', api: 'v1', entries: [], notFound: true },
    { userId: 'u4', error: 'HTTP 500' },
    { userId: 'u5', entries: [] },
  ]);
  const [u1, u2, u3, u4, u5] = children(node);

  it('shows the users section expanded, each user by organization and ID', () => {
    assert.deepEqual(shown(node), { id: 'profile:Demo/users', kind: 'section', fingerprint: '', label: 'Users', description: '5 shown', icon: { id: 'organization' }, contextValue: 'users', expanded: true });
    assert.deepEqual(children(node).map((u) => u.id), ['profile:Demo/users/0:o1/0:u1', 'profile:Demo/users/1:/1:u2', 'profile:Demo/users/2:/2:u3', 'profile:Demo/users/3:/3:u4', 'profile:Demo/users/4:/4:u5']);
  });

  it('shows a listed user with keys sorted, each key a node of its own', () => {
    assert.deepEqual(shown(u1), {
      id: 'profile:Demo/users/0:o1/0:u1',
      kind: 'section',
      fingerprint: '',
      label: 'u1',
      description: '3 keys · org o1 · v1',
      tooltip: 'User u1 in organization o1\\, through the management API v1',
      icon: { id: 'person' },
      contextValue: 'userMetadata userApiV1',
      expanded: true,
      userRef: { profile: 'Demo', userId: 'u1', orgId: 'o1' },
    });
    assert.deepEqual(children(u1).map((c) => c.label), ['a', 'b', 'c']);
    assert.deepEqual(children(u1)[0], {
      id: 'profile:Demo/users/0:o1/0:u1/0:a',
      kind: 'metadata',
      fingerprint: '',
      label: 'a',
      description: 'a',
      tooltip: 'Raw: ` YQ== `',
      copyValue: 'a',
      contextValue: 'userMetadataKey',
      icon: { id: 'symbol-field' },
      userRef: { profile: 'Demo', userId: 'u1', orgId: 'o1', key: 'a' },
    });
    assert.equal(u2.tooltip, 'User u2\\, through the user service v2');
    assert.equal(u5.tooltip, 'User u5');
    assert.deepEqual(u5.icon, { id: 'person' });
  });

  it('keeps keys listed twice in the order they came', () => {
    const user = children(usersNode('Demo', [{ userId: 'u1', entries: [entry('k', 'MQ=='), entry('k', 'Mg=='), entry('a', 'YQ==')] }]))[0];
    assert.deepEqual(children(user).map((c) => [c.label, c.description]), [['a', 'a'], ['k', '1'], ['k', '2']]);
  });

  it('flags a user ZITADEL does not know, with the organization action, and a failed list with an error', () => {
    assert.deepEqual(u3.icon, { id: 'warning', color: 'list.warningForeground' });
    assert.deepEqual(children(u3), [
      {
        id: 'profile:Demo/users/2:/2:u3/enter-org',
        kind: 'action',
        fingerprint: '',
        label: "Enter the user's organization ID…",
        tooltip: 'Lists the metadata again with x-zitadel-orgid set to the organization you enter.',
        icon: { id: 'organization' },
        command: { id: 'tokenInspector.enterUserOrganization', args: [{ userRef: { profile: 'Demo', userId: 'u3', orgId: undefined } }] },
      },
    ]);
    assert.deepEqual(shown(u4), { id: 'profile:Demo/users/3:/3:u4', kind: 'section', fingerprint: '', label: 'u4', description: 'failed: HTTP 500', tooltip: 'HTTP 500', icon: { id: 'error', color: 'list.errorForeground' }, contextValue: 'userMetadata', expanded: true, userRef: { profile: 'Demo', userId: 'u4', orgId: undefined } });
  });
});
