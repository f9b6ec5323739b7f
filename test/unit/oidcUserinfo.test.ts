// The userinfo call against a provider whose answers the test picks: no endpoint, an answer about
// another subject, a bearer challenge with or without an error, and an answer that is not userinfo at all.
import { strict as assert } from 'node:assert';
import { discover, type OidcClient } from '../../src/core/oidc/discovery';
import { fetchUserInfo } from '../../src/core/oidc/userinfo';
import { rejection } from '../support/oidcAssertions';
import { startHostileProvider, type HostileProvider } from '../support/providers/hostileProvider';

describe('oidc userinfo: what each bad answer says', () => {
  let provider: HostileProvider;
  let client: OidcClient;
  beforeEach(async () => {
    provider = await startHostileProvider();
    client = await discover(provider.issuer, { clientId: 'userinfo-app' });
  });
  afterEach(() => provider.stop());

  const rejected = (status: number, challenge: string) => () => ({ status, headers: { 'WWW-Authenticate': challenge }, json: { error: 'ignored' } });

  it('refuses at a provider that advertises no userinfo endpoint, naming the issuer', async () => {
    await provider.stop();
    provider = await startHostileProvider({ metadata: () => ({ userinfo_endpoint: undefined }) });
    client = await discover(provider.issuer, { clientId: 'userinfo-app' });
    const err = await rejection(fetchUserInfo(client, 'at-1', 'user-1'));
    assert.equal(err.code, 'unsupported');
    assert.equal(err.message, `${provider.issuer} advertises no userinfo endpoint; the ID token claims are all there is.`);
    assert.deepEqual(provider.requests.map((r) => r.path), ['/.well-known/openid-configuration']);
  });

  it('returns the answer with the access token sent as bearer', async () => {
    provider.routes['/userinfo'] = () => ({ json: { sub: 'user-1', name: 'Ada' } });
    assert.deepEqual(await fetchUserInfo(client, 'at-1', 'user-1'), { sub: 'user-1', name: 'Ada' });
    assert.equal(provider.requests.at(-1)?.headers.authorization, 'Bearer at-1');
  });

  it('discards an answer about another subject, naming both', async () => {
    provider.routes['/userinfo'] = () => ({ json: { sub: 'someone-else', name: 'Eve' } });
    const err = await rejection(fetchUserInfo(client, 'at-1', 'user-1'));
    assert.equal(err.code, 'subject-mismatch');
    assert.equal(err.message, 'Userinfo describes "someone-else", but the ID token is about "user-1". The answer was discarded; sign in again.');
    assert.equal((err.cause as { code?: string }).code, 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED', 'the comparison failure kept as the cause');
  });

  it('cuts a long other subject to 200 characters in the message', async () => {
    const other = 'x'.repeat(300);
    provider.routes['/userinfo'] = () => ({ json: { sub: other } });
    const err = await rejection(fetchUserInfo(client, 'at-1', 'user-1'));
    assert.equal(err.code, 'subject-mismatch');
    assert.equal(err.message, `Userinfo describes "${'x'.repeat(199)}, but the ID token is about "user-1". The answer was discarded; sign in again.`);
  });

  it('passes on a bearer challenge\'s error and description, with the status', async () => {
    provider.routes['/userinfo'] = rejected(401, 'Bearer realm="userinfo", error="invalid_token", error_description="the token was revoked"');
    const err = await rejection(fetchUserInfo(client, 'at-1', 'user-1'));
    assert.equal(err.code, 'userinfo-failed');
    assert.equal(err.message, 'The provider rejected the access token at userinfo (invalid_token: the token was revoked). It may have expired or been revoked; refresh or sign in again.');
    assert.equal(err.error, 'invalid_token');
    assert.equal(err.errorDescription, 'the token was revoked');
    assert.equal(err.status, 401);
  });

  it('passes on a bearer challenge\'s error alone when it has no description', async () => {
    provider.routes['/userinfo'] = rejected(401, 'Bearer error="insufficient_scope"');
    const err = await rejection(fetchUserInfo(client, 'at-1', 'user-1'));
    assert.equal(err.message, 'The provider rejected the access token at userinfo (insufficient_scope). It may have expired or been revoked; refresh or sign in again.');
    assert.equal(err.error, 'insufficient_scope');
    assert.equal(err.errorDescription, undefined);
  });

  it('names the HTTP status of a challenge without an error', async () => {
    provider.routes['/userinfo'] = rejected(403, 'Bearer realm="userinfo"');
    const err = await rejection(fetchUserInfo(client, 'at-1', 'user-1'));
    assert.equal(err.code, 'userinfo-failed');
    assert.equal(err.message, 'The provider rejected the access token at userinfo (HTTP 403). It may have expired or been revoked; refresh or sign in again.');
    assert.equal(err.status, 403);
    assert.equal(err.error, undefined);
  });

  it('says what failed and what to do for an answer that is neither userinfo nor a challenge', async () => {
    provider.routes['/userinfo'] = () => ({ status: 500, text: 'upstream down' });
    const err = await rejection(fetchUserInfo(client, 'at-1', 'user-1'));
    assert.equal(err.code, 'userinfo-failed');
    assert.equal(err.message, 'Fetching userinfo failed: unexpected HTTP response status code. Refresh the tokens or sign in again.');
  });

  it('says why a userinfo answer is not valid, keeping the library\'s error as the cause', async () => {
    provider.routes['/userinfo'] = () => ({ json: [{ sub: 'user-1' }] });
    const err = await rejection(fetchUserInfo(client, 'at-1', 'user-1'));
    assert.equal(err.code, 'userinfo-failed');
    assert.equal(err.message, "The provider's userinfo answer is not valid (must be a top level object), so it is not shown. The ID token's claims are unaffected; report this to the provider's operator.");
    assert.equal((err.cause as { code?: string }).code, 'OAUTH_INVALID_RESPONSE');
  });
});
