// Signed-in profiles in the sidebar as whole nodes: ids, icons, tooltips and the nodes a session
// has or lacks (a JWT or opaque access token, a refresh token or none, userinfo or not), and the
// access token's countdown at the very second it runs out.
import { strict as assert } from 'node:assert';
import type { Profile } from '../../src/core/profiles';
import { decodeSession, METADATA_SCOPE, type Session } from '../../src/core/session';
import { expiryCountdown, profileNode } from '../../src/core/view/sessionTree';
import { tokenNode } from '../../src/core/view/treeModel';
import { makeJwt } from '../fixtures/tokens';
import { child, children, shown } from '../support/viewNodes';

const nowMs = Date.UTC(2026, 10, 28, 12, 0, 0);
const nowS = nowMs / 1000;
const profile: Profile = { name: 'Demo', issuer: 'https://issuer.example', clientId: 'app', scopes: ['openid', 'profile'] };
const FACTS = '**Demo**  \nIssuer: https\\:\\/\\/issuer\\.example  \nClient: app  \nScopes: openid profile';
const ID_TOKEN = makeJwt({ iss: profile.issuer, sub: 'alice', aud: 'app', exp: nowS + 3600 });

function session(overrides: Partial<Session> = {}, tokens: Partial<Session['tokens']> = {}): Session {
  return {
    tokens: { issuer: profile.issuer, client_id: 'app', access_token: 'opaque-access-token', token_type: 'Bearer', id_token: ID_TOKEN, expires_at: nowS + 600, obtained_at: nowS, scope: 'openid', ...tokens },
    requestedScopes: profile.scopes,
    idTokenChecks: {
      ok: false,
      checks: [
        { id: 'exp', label: 'Not expired', status: 'fail', detail: 'expired' },
        { id: 'signature', label: 'Signature by the issuer', status: 'pass', detail: 'RS256, key k1' },
      ],
    },
    ...overrides,
  };
}

describe('signed-in profile nodes', () => {
  it('shows a signed-out profile with its facts and a sign-in action', () => {
    const node = profileNode(profile, undefined, nowMs);
    assert.deepEqual(shown(node), {
      id: 'profile:Demo/signed-out',
      kind: 'profile',
      fingerprint: '',
      label: 'Demo',
      profile: 'Demo',
      description: 'not signed in',
      tooltip: FACTS,
      icon: { id: 'account' },
      contextValue: 'profile signedOut',
    });
    assert.deepEqual(children(node), [
      { id: 'profile:Demo/signed-out/sign-in', kind: 'action', fingerprint: '', label: 'Sign in…', icon: { id: 'sign-in' }, command: { id: 'tokenInspector.signIn', args: ['Demo'] } },
    ]);
  });

  it('shows a session without refresh token or userinfo: checks, ID token, opaque access token, userinfo not fetched', () => {
    const decoded = decodeSession(session());
    const node = profileNode(profile, decoded, nowMs);
    assert.deepEqual(shown(node), {
      id: 'profile:Demo',
      kind: 'profile',
      fingerprint: '',
      label: 'Demo',
      profile: 'Demo',
      description: 'alice · access token expires in 10 min · ⚠ 1 check failed',
      tooltip: FACTS,
      icon: { id: 'account', color: 'list.warningForeground' },
      contextValue: 'profile signedIn',
      expanded: true,
    });
    assert.deepEqual(children(node).map((c) => [c.id, c.label]), [
      ['profile:Demo/checks', 'ID token checks'],
      ['profile:Demo/id', 'ID token'],
      ['profile:Demo/access', 'Access token'],
      ['profile:Demo/userinfo', 'Userinfo'],
      ['profile:Demo/metadata', 'Metadata'],
      ['profile:Demo/no-metadata', 'No ZITADEL metadata'],
    ]);
    const id = child(node, 'ID token');
    assert.equal(id.tooltip, `**ID token**  \n${tokenNode(decoded.id!, nowMs).tooltip}`);
    assert.equal(child(id, 'Signature').description, "verified with the issuer's key", 'the signature check, not the first one');
    assert.deepEqual(child(node, 'Access token'), {
      id: 'profile:Demo/access',
      kind: 'value',
      fingerprint: '',
      label: 'Access token',
      description: 'opaque (not a JWT) · 19 chars',
      tooltip: 'An opaque access token cannot be decoded: only the issuer can read it. Its claims are what Userinfo returns.',
      icon: { id: 'lock' },
    });
    assert.deepEqual(child(node, 'Userinfo'), { id: 'profile:Demo/userinfo', kind: 'section', fingerprint: '', label: 'Userinfo', description: 'not fetched', tooltip: 'Refresh to fetch it\\.', icon: { id: 'warning', color: 'list.warningForeground' } });
    const missing = child(node, 'No ZITADEL metadata');
    assert.deepEqual(
      { id: missing.id, fingerprint: missing.fingerprint, description: missing.description, icon: missing.icon, command: missing.command },
      { id: 'profile:Demo/no-metadata', fingerprint: '', description: 'scope not requested: click to add it', icon: { id: 'info' }, command: { id: 'tokenInspector.addMetadataScope', args: ['Demo'] } },
    );
  });

  it('shows a JWT access token decoded, the refresh token masked, and userinfo matching an ID token without sub', () => {
    const access = makeJwt({ sub: 'alice', exp: nowS + 600 });
    const decoded = decodeSession(
      session({ userinfo: { sub: 'alice', email: 'a@example.com' }, requestedScopes: ['openid', METADATA_SCOPE] }, { access_token: access, refresh_token: 'r', id_token: makeJwt({ iss: profile.issuer, aud: 'app' }) }),
    );
    const node = profileNode(profile, decoded, nowMs);
    assert.equal(node.contextValue, 'profile signedIn refreshable');
    const token = child(node, 'Access token');
    assert.equal(token.id, 'profile:Demo/access');
    assert.equal(token.contextValue, 'session');
    assert.equal(token.kind, 'token');
    assert.deepEqual(child(node, 'Refresh token'), {
      id: 'profile:Demo/refresh',
      kind: 'value',
      fingerprint: '',
      label: 'Refresh token',
      description: '•••••••• (kept secret, never shown)',
      tooltip: "Used to refresh the access token. It stays in VS Code's secret storage.",
      icon: { id: 'sync' },
    });
    const userinfo = child(node, 'Userinfo');
    assert.deepEqual(shown(userinfo), {
      id: 'profile:Demo/userinfo',
      kind: 'section',
      fingerprint: '',
      label: 'Userinfo',
      description: '2 claims · sub matches the ID token',
      icon: { id: 'person' },
      copyValue: JSON.stringify({ sub: 'alice', email: 'a@example.com' }, null, 2),
    });
  });

  it('counts an access token expiring this very second as expired', () => {
    const s = session({}, { expires_at: nowS });
    assert.equal(profileNode(profile, decodeSession(s), nowMs).description, 'alice · access token expired · ⚠ 1 check failed');
    assert.equal(expiryCountdown(s, nowMs), 'expired');
    assert.equal(expiryCountdown(s, nowMs - 1000), '0:01');
  });
});
