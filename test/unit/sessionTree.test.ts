import { strict as assert } from 'node:assert';
import type { Profile } from '../../src/core/profiles';
import { METADATA_SCOPE, missingMetadataReason, parseSession, serialiseSession, type Session } from '../../src/core/session';
import { expiryCountdown, profileNode } from '../../src/core/view/sessionTree';
import { decodeMetadataValue } from '../../src/core/zitadel/metadata';
import type { ViewNode } from '../../src/core/view/treeModel';
import { makeJwt, zitadelClaims } from '../fixtures/tokens';
import { decodeSession } from '../../src/core/session';

const nowMs = Date.UTC(2026, 10, 28, 12, 0, 0);
const nowS = nowMs / 1000;
const profile: Profile = { name: 'Demo', issuer: 'https://issuer.example', clientId: 'app', scopes: ['openid', METADATA_SCOPE] };
const labels = (n: ViewNode) => (n.children?.() ?? []).map((c) => c.label);
const child = (n: ViewNode, label: string) => (n.children?.() ?? []).find((c) => c.label === label)!;

function session(overrides: Partial<Session> = {}): Session {
  return {
    tokens: { issuer: profile.issuer, client_id: 'app', access_token: 'opaque-access-token', token_type: 'Bearer', id_token: makeJwt(zitadelClaims(nowS)), refresh_token: 'r', expires_at: nowS + 2520, obtained_at: nowS, scope: 'openid' },
    requestedScopes: profile.scopes,
    idTokenChecks: { ok: true, checks: [{ id: 'signature', label: 'Signature by the issuer', status: 'pass', detail: 'RS256, key test-key' }] },
    userinfo: { sub: '170848145649959169', 'urn:zitadel:iam:user:metadata': { 'P-ID': 'MTIzNTE5ODM' } },
    ...overrides,
  };
}

describe('signed-in sessions', () => {
  it('round-trip through storage and reject what is not a session', () => {
    const s = session();
    assert.deepEqual(parseSession(serialiseSession(s)), s);
    for (const bad of [undefined, '', '{', 'null', '{"tokens":{}}', JSON.stringify({ ...s, requestedScopes: 'openid' })]) assert.equal(parseSession(bad), undefined, bad);
  });

  it('explain missing ZITADEL metadata: scope not requested, or the user has none', () => {
    const without = session({ userinfo: { sub: 'x' }, tokens: { ...session().tokens, id_token: makeJwt({ sub: 'x' }) } });
    assert.deepEqual(missingMetadataReason({ ...without, requestedScopes: ['openid'] }, { sub: 'x' })?.scopeMissing, true);
    assert.match(missingMetadataReason(without, { sub: 'x' })!.message, /most likely has no metadata/);
    assert.equal(missingMetadataReason(session(), undefined), undefined);
  });

  it('show a signed-out profile with a sign-in action', () => {
    const node = profileNode(profile, undefined, nowMs);
    assert.equal(node.description, 'not signed in');
    assert.equal(node.contextValue, 'profile signedOut');
    assert.deepEqual(child(node, 'Sign in…').command, { id: 'tokenInspector.signIn', args: ['Demo'] });
  });

  it('show a signed-in profile: checks, tokens (refresh masked), userinfo with decoded metadata', () => {
    const node = profileNode(profile, decodeSession(session()), nowMs);
    assert.equal(node.description, 'admin.alice@demo-customer.b2b-demo-rbxajm.zitadel.cloud · access token expires in 42 min');
    assert.equal(node.contextValue, 'profile signedIn refreshable');
    assert.deepEqual(labels(node), ['ID token checks', 'ID token', 'Access token', 'Refresh token', 'Userinfo', 'Metadata']);
    assert.equal(child(node, 'ID token checks').description, 'all passed');
    assert.equal(child(node, 'Access token').description, 'opaque (not a JWT) · 19 chars');
    assert.doesNotMatch(JSON.stringify(child(node, 'Refresh token')), /"r"/);
    assert.equal(child(node, 'ID token').contextValue, 'session');
    assert.equal(child(child(node, 'ID token'), 'Signature').description, "verified with the issuer's key");
    const userinfo = child(node, 'Userinfo');
    assert.equal(userinfo.description, '2 claims · sub matches the ID token');
    assert.equal(child(child(userinfo, 'urn:zitadel:iam:user:metadata'), 'P-ID').description, '12351983');
  });

  it('open a fresh sign-in at a glance: the session expanded, its tokens and passed checks collapsed', () => {
    const node = profileNode(profile, decodeSession(session()), nowMs);
    assert.equal(node.expanded, true, 'the signed-in profile shows its parts');
    const open = (n: ViewNode) => (n.children?.() ?? []).filter((c) => c.children && c.expanded).map((c) => c.label);
    assert.deepEqual(open(node), ['Metadata'], 'only the metadata summary (one row per key) is open');
    assert.deepEqual(labels(child(node, 'ID token')), ['Header', 'Payload', 'Signature', 'Metadata', 'Roles'], 'the ID token opens with one click');
  });

  it('flag failed checks and a userinfo subject that differs', () => {
    const failing = session({
      idTokenChecks: { ok: false, checks: [{ id: 'aud', label: 'Audience (aud)', status: 'fail', detail: 'does not contain app' }] },
      userinfo: { sub: 'someone-else' },
    });
    const node = profileNode(profile, decodeSession(failing), nowMs);
    assert.match(node.description!, /⚠ 1 check failed$/);
    assert.equal(child(node, 'ID token checks').description, '1 failed');
    assert.match(child(node, 'Userinfo').description!, /sub differs/);
  });

  it('count down to the access token expiry', () => {
    assert.equal(expiryCountdown(session(), nowMs), '42:00');
    assert.equal(expiryCountdown(session({ tokens: { ...session().tokens, expires_at: nowS + 3 * 3600 + 5 } }), nowMs), '3:00:05');
    assert.equal(expiryCountdown(session({ tokens: { ...session().tokens, expires_at: nowS - 1 } }), nowMs), 'expired');
  });
});

describe('ZITADEL metadata in the tree', () => {
  it('shows each key with the sources that have it, flagging differences', () => {
    const api = { entries: [decodeMetadataValue('P-ID', 'MTIzNTE5ODM='), decodeMetadataValue('extra', 'eA==')] };
    const node = profileNode(profile, decodeSession(session()), nowMs, { myMetadata: api });
    const metadata = child(node, 'Metadata');
    assert.equal(metadata.description, '5 keys · ID token, userinfo, auth API · ⚠ 4 differ');
    assert.equal(child(metadata, 'P-ID').description, '12351983 · ID token, userinfo, auth API');
    assert.equal(child(metadata, 'extra').description, 'x · only in auth API');
    assert.equal(child(metadata, 'settings').description, '{"theme":"dark","beta":true} · only in ID token');
    assert.equal(labels(metadata).at(-1), 'List from the auth API again…');
  });
  it('offers to load from the auth API, and says when it failed', () => {
    assert.equal(labels(child(profileNode(profile, decodeSession(session()), nowMs), 'Metadata')).at(-1), 'Load from the auth API…');
    const failed = child(profileNode(profile, decodeSession(session()), nowMs, { myMetadata: { error: 'invalid audience' } }), 'Metadata');
    assert.equal(labels(failed).at(-1), 'Auth API failed: try again…');
  });
  it('lists other users with their keys, each node knowing whose key it is', () => {
    const node = profileNode(profile, decodeSession(session()), nowMs, { users: [{ userId: 'u1', orgId: 'o1', entries: [decodeMetadataValue('k', 'dg==')] }] });
    const user = child(child(node, 'Users'), 'u1');
    assert.equal(user.description, '1 key · org o1');
    assert.deepEqual(child(user, 'k').userRef, { profile: 'Demo', userId: 'u1', orgId: 'o1', key: 'k' });
    assert.equal(child(user, 'k').contextValue, 'userMetadataKey');
  });
});
