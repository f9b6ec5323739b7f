// What the sidebar says about a signed-in session beyond its happy path: failed checks, an
// expired access token, opaque and refresh tokens, userinfo not fetched or failed, no metadata.
import type { CheckId } from '../../src/core/oidc/jwtChecks';
import { strict as assert } from 'node:assert';
import type { Profile } from '../../src/core/profiles';
import { decodeSession, METADATA_SCOPE, type Session } from '../../src/core/session';
import { profileNode } from '../../src/core/view/sessionTree';
import { mdText } from '../../src/core/text';
import { makeJwt } from '../fixtures/tokens';
import { child } from '../support/viewNodes';

const nowMs = Date.UTC(2026, 10, 28, 12, 0, 0);
const nowS = nowMs / 1000;
const profile: Profile = { name: 'Demo', issuer: 'https://issuer.example', clientId: 'app', scopes: ['openid', METADATA_SCOPE] };

function session(overrides: Partial<Session> = {}): Session {
  return {
    tokens: { issuer: profile.issuer, client_id: 'app', access_token: 'opaque-access-token', token_type: 'Bearer', id_token: makeJwt({ sub: 'u1', iss: profile.issuer }), refresh_token: 'r', expires_at: nowS + 600, obtained_at: nowS, scope: 'openid' },
    requestedScopes: profile.scopes,
    userinfo: { sub: 'u1' },
    ...overrides,
  };
}
const node = (s: Session) => profileNode(profile, decodeSession(s), nowMs);
const check = (id: CheckId, status: 'pass' | 'fail') => ({ id, label: id, status, detail: `${id} ${status}` });

describe('signed-in sessions: what each part says', () => {
  it('counts several failed checks, says "signed in" without a user name, and flags an expired access token', () => {
    const failing = node(session({ idTokenChecks: { ok: false, checks: [check('aud', 'fail'), check('iss', 'fail'), check('exp', 'pass')] }, tokens: { ...session().tokens, expires_at: nowS - 60, id_token: makeJwt({}) } }));
    assert.equal(failing.description, 'signed in · access token expired · ⚠ 2 checks failed');
    assert.deepEqual(failing.icon, { id: 'account', color: 'list.warningForeground' });
    assert.equal(node(session()).description, 'u1 · access token expires in 10 min');
    assert.deepEqual(node(session()).icon, { id: 'account', color: 'charts.green' });
  });

  it('explains an opaque access token and masks the refresh token, saying where it is kept', () => {
    const n = node(session());
    assert.equal(child(n, 'Access token').tooltip, 'An opaque access token cannot be decoded: only the issuer can read it. Its claims are what Userinfo returns.');
    const refresh = child(n, 'Refresh token');
    assert.equal(refresh.description, '•••••••• (kept secret, never shown)');
    assert.equal(refresh.tooltip, "Used to refresh the access token. It stays in VS Code's secret storage.");
    assert.equal(n.contextValue, 'profile signedIn refreshable');
    assert.equal(node(session({ tokens: { ...session().tokens, refresh_token: undefined } })).contextValue, 'profile signedIn');
  });

  it('says userinfo was not fetched (and how to fetch it) or that it failed (and why)', () => {
    const notFetched = child(node(session({ userinfo: undefined })), 'Userinfo');
    assert.equal(notFetched.description, 'not fetched');
    assert.equal(notFetched.tooltip, mdText('Refresh to fetch it.'));
    const failed = child(node(session({ userinfo: undefined, userinfoError: 'HTTP 401' })), 'Userinfo');
    assert.equal(failed.description, 'failed');
    assert.equal(failed.tooltip, mdText('HTTP 401'));
  });

  it('flags a userinfo subject other than the ID token’s', () => {
    assert.equal(child(node(session({ userinfo: { sub: 'someone-else' } })), 'Userinfo').description, '1 claim · ⚠ sub differs from the ID token');
  });

  it('explains missing ZITADEL metadata, offering to add the scope only when it was not requested', () => {
    const requested = child(node(session()), 'No ZITADEL metadata');
    assert.equal(requested.description, 'the user may have none');
    assert.equal(requested.tooltip, mdText('No metadata: the scope was requested, so the user most likely has no metadata (ZITADEL then leaves the claim out).'));
    assert.equal(requested.command, undefined);
    const notRequested = child(node(session({ requestedScopes: ['openid'] })), 'No ZITADEL metadata');
    assert.equal(notRequested.description, 'scope not requested: click to add it');
    assert.equal(notRequested.tooltip, mdText('No metadata: the scope "urn:zitadel:iam:user:metadata" was not requested. Add it to the profile and sign in again.'));
    assert.deepEqual(notRequested.command, { id: 'tokenInspector.addMetadataScope', args: ['Demo'] });
  });

  it('decodes a JWT access token as its own row, labelled and without a remove action', () => {
    const access = makeJwt({ sub: 'u1', iss: profile.issuer, aud: 'api', exp: nowS + 600 });
    const row = child(node(session({ tokens: { ...session().tokens, access_token: access } })), 'Access token');
    assert.equal(row.contextValue, 'session');
    assert.match(String(row.tooltip), /^\*\*Access token\*\* {2}\n/);
    assert.deepEqual(
      (row.children?.() ?? []).map((c) => c.label),
      ['Header', 'Payload', 'Signature'],
    );
  });
});
