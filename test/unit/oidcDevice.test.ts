// The device flow (RFC 8628) against a provider whose answers the test picks: no device
// endpoint, a refused start, each way a poll can end (declined, expired, canceled, another
// error), and an ID token whose audience is the client ID still form-encoded.
import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { generateKeyPair } from 'jose';
import { startDeviceAuthorization } from '../../src/core/oidc/device';
import { discover } from '../../src/core/oidc/discovery';
import { rejection, settlesWithin } from '../support/oidcAssertions';
import { startHostileProvider, type HostileProvider } from '../support/providers/hostileProvider';

/** A device authorization answer that polls every 10 ms. */
const started = (expiresIn = 600) => ({ json: { device_code: 'dc-1', user_code: 'WDJB-MJHT', verification_uri: 'https://example.test/device', expires_in: expiresIn, interval: 0.01 } });

describe('oidc device flow: every way it can end', function () {
  this.timeout(20_000);
  let provider: HostileProvider;
  beforeEach(async () => {
    provider = await startHostileProvider();
    provider.routes['/device'] = () => started();
  });
  afterEach(() => provider.stop());

  it('refuses to start at a provider that advertises no device endpoint, naming the issuer and the way out', async () => {
    await provider.stop();
    provider = await startHostileProvider({ metadata: () => ({ device_authorization_endpoint: undefined }) });
    const client = await discover(provider.issuer, { clientId: 'device-app' });
    const err = await rejection(startDeviceAuthorization(client, ['openid']));
    assert.equal(err.code, 'unsupported');
    assert.equal(err.message, `${provider.issuer} advertises no device authorization endpoint. Enable the device code grant for the app, or sign in through the browser.`);
    assert.deepEqual(provider.requests.map((r) => r.path), ['/.well-known/openid-configuration'], 'nothing sent to any endpoint');
  });

  it('asks for openid once: added when missing, not repeated when given', async () => {
    const client = await discover(provider.issuer, { clientId: 'device-app' });
    const device = await startDeviceAuthorization(client, ['profile', 'email']);
    assert.equal(device.userCode, 'WDJB-MJHT');
    assert.equal(device.interval, 0.01);
    await startDeviceAuthorization(client, ['email', 'openid']);
    assert.deepEqual(provider.requests.filter((r) => r.path === '/device').map((r) => r.form.get('scope')), ['openid profile email', 'email openid']);
  });

  it('explains a refused start with the provider\'s error and what to check', async () => {
    provider.routes['/device'] = () => ({ status: 400, json: { error: 'invalid_scope', error_description: 'device grant is off' } });
    const client = await discover(provider.issuer, { clientId: 'device-app' });
    const err = await rejection(startDeviceAuthorization(client, ['openid']));
    assert.equal(err.code, 'device-flow-failed');
    assert.equal(err.message, 'Starting the device sign-in failed: the provider answered invalid_scope: device grant is off. Check that the app allows the device code grant.');
    assert.equal(err.error, 'invalid_scope');
  });

  it('says the sign-in was declined on the other device (access_denied), keeping the provider\'s error', async () => {
    provider.routes['/token'] = () => ({ status: 400, json: { error: 'access_denied', error_description: 'the user said no' } });
    const client = await discover(provider.issuer, { clientId: 'device-app' });
    const device = await startDeviceAuthorization(client, ['openid']);
    const err = await settlesWithin(rejection(device.poll()), 5000, 'the declined device sign-in');
    assert.equal(err.code, 'provider-error');
    assert.equal(err.message, 'The sign-in was declined on the other device (access_denied: the user said no).');
    assert.equal(err.error, 'access_denied');
    assert.equal(err.errorDescription, 'the user said no');
    assert.equal(err.status, 400);
    assert.ok(err.cause, 'the provider\'s error kept as the cause');
    assert.equal(provider.requests.find((r) => r.path === '/token')?.form.get('device_code'), 'dc-1');
  });

  it('says the code expired when the provider answers expired_token, with the lifetime it had', async () => {
    provider.routes['/token'] = () => ({ status: 400, json: { error: 'expired_token' } });
    const client = await discover(provider.issuer, { clientId: 'device-app' });
    const device = await startDeviceAuthorization(client, ['openid']);
    const err = await settlesWithin(rejection(device.poll()), 5000, 'the expired device sign-in');
    assert.equal(err.code, 'expired');
    assert.equal(err.message, 'The device code expired before the sign-in was completed (600 s). Start again and enter the new code.');
  });

  it('stops at once when the code\'s lifetime is over, without waiting for the provider', async () => {
    provider.routes['/device'] = () => started(0);
    provider.routes['/token'] = () => ({ status: 400, json: { error: 'authorization_pending' } });
    const client = await discover(provider.issuer, { clientId: 'device-app' });
    const device = await startDeviceAuthorization(client, ['openid']);
    const err = await settlesWithin(rejection(device.poll()), 5000, 'the device sign-in expiring');
    assert.equal(err.code, 'expired');
    assert.equal(err.message, 'The device code expired before the sign-in was completed (0 s). Start again and enter the new code.');
  });

  it('says the sign-in was canceled when the caller aborts while the provider keeps answering pending', async () => {
    provider.routes['/token'] = () => ({ status: 400, json: { error: 'authorization_pending' } });
    const client = await discover(provider.issuer, { clientId: 'device-app' });
    const device = await startDeviceAuthorization(client, ['openid']);
    const controller = new AbortController();
    const polling = device.poll({ signal: controller.signal });
    assert.equal(device.poll(), polling, 'one poll per device authorization');
    setTimeout(() => controller.abort(), 50);
    const err = await settlesWithin(rejection(polling), 5000, 'the canceled device sign-in');
    assert.equal(err.code, 'cancelled');
    assert.equal(err.message, 'Device sign-in canceled.');
  });

  it('says canceled at once for a signal aborted before polling, whatever reason it was aborted with', async () => {
    provider.routes['/token'] = () => ({ status: 400, json: { error: 'authorization_pending' } });
    const client = await discover(provider.issuer, { clientId: 'device-app' });
    const device = await startDeviceAuthorization(client, ['openid']);
    const controller = new AbortController();
    controller.abort(new Error('the user closed the prompt'));
    const err = await settlesWithin(rejection(device.poll({ signal: controller.signal })), 5000, 'the device sign-in canceled beforehand');
    assert.equal(err.code, 'cancelled');
    assert.equal(err.message, 'Device sign-in canceled.');
    assert.equal(provider.requests.filter((r) => r.path === '/token').length, 0, 'no poll sent');
  });

  it('stops polling the provider once canceled', async () => {
    provider.routes['/token'] = () => ({ status: 400, json: { error: 'authorization_pending' } });
    const client = await discover(provider.issuer, { clientId: 'device-app' });
    const device = await startDeviceAuthorization(client, ['openid']);
    const controller = new AbortController();
    const polls = () => provider.requests.filter((r) => r.path === '/token').length;
    const polling = device.poll({ signal: controller.signal });
    while (polls() < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    assert.equal((await rejection(polling)).code, 'cancelled');
    const after = polls();
    await new Promise((resolve) => setTimeout(resolve, 150)); // 15 poll intervals
    assert.equal(polls(), after, 'no poll after the cancel');
  });

  it('passes on any other provider error with what to do next', async () => {
    provider.routes['/token'] = () => ({ status: 400, json: { error: 'invalid_grant', error_description: 'device code unknown' } });
    const client = await discover(provider.issuer, { clientId: 'device-app' });
    const device = await startDeviceAuthorization(client, ['openid']);
    const err = await settlesWithin(rejection(device.poll()), 5000, 'the failed device sign-in');
    assert.equal(err.code, 'device-flow-failed');
    assert.equal(err.message, 'The device sign-in failed: the provider answered invalid_grant: device code unknown. Start it again.');
    assert.equal(err.error, 'invalid_grant');
  });

  /** A token answer with an ID token carrying `claims` over good defaults. */
  function tokensWith(claims: Record<string, unknown>, alg?: 'RS256' | 'ES256') {
    return async () => {
      const now = Math.floor(Date.now() / 1000);
      const idToken = await provider.idToken({ iss: provider.issuer, sub: 'user-1', aud: 'device app', iat: now, exp: now + 300, ...claims }, alg);
      return { json: { access_token: 'at-1', token_type: 'Bearer', expires_in: 300, id_token: idToken } };
    };
  }

  it('recognises an ID token whose audience is the client ID still form-encoded (client_secret_basic not decoded)', async () => {
    provider.routes['/token'] = tokensWith({ aud: 'device+app' });
    const client = await discover(provider.issuer, { clientId: 'device app', clientSecret: 's3cret' });
    assert.equal(client.authMethod, 'client_secret_basic');
    const device = await startDeviceAuthorization(client, ['openid']);
    const err = await settlesWithin(rejection(device.poll()), 5000, 'the device sign-in');
    assert.equal(err.code, 'client-auth-failed');
    assert.ok(
      err.message.startsWith('The device sign-in failed: the ID token\'s audience is "device+app", the client ID still form-encoded: the provider did not decode the client_secret_basic credentials. Token Inspector authenticated with client_secret_basic'),
      err.message,
    );
    assert.equal((err.cause as { code?: string }).code, 'OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'openid-client\'s error kept as the cause');
  });

  it('finds the encoded client ID among several audiences', async () => {
    provider.routes['/token'] = tokensWith({ aud: [42, 'other', 'device+app'], azp: 'device app' });
    const client = await discover(provider.issuer, { clientId: 'device app', clientSecret: 's3cret' });
    const device = await startDeviceAuthorization(client, ['openid']);
    const err = await settlesWithin(rejection(device.poll()), 5000, 'the device sign-in');
    assert.equal(err.code, 'client-auth-failed');
    assert.match(err.message, /^The device sign-in failed: the ID token's audience is "device\+app", the client ID still form-encoded/);
  });

  it('does not blame the encoding when the audience is the client ID itself and another check failed', async () => {
    provider.routes['/token'] = tokensWith({ aud: 'device-app', iss: 'https://someone-else.example' });
    const client = await discover(provider.issuer, { clientId: 'device-app', clientSecret: 's3cret' });
    assert.equal(client.authMethod, 'client_secret_basic');
    const device = await startDeviceAuthorization(client, ['openid']);
    const err = await settlesWithin(rejection(device.poll()), 5000, 'the device sign-in');
    assert.equal(err.code, 'device-flow-failed');
    assert.equal(err.message, 'The device sign-in failed: unexpected JWT claim value encountered. Start it again.');
  });

  it('explains a client the provider refuses at the start, naming the authentication used', async () => {
    provider.routes['/device'] = () => ({ status: 401, json: { error: 'invalid_client', error_description: 'unknown client' } });
    const client = await discover(provider.issuer, { clientId: 'device-app', clientSecret: 's3cret' });
    const err = await rejection(startDeviceAuthorization(client, ['openid']));
    assert.equal(err.code, 'client-auth-failed');
    assert.ok(err.message.startsWith('Starting the device sign-in failed: the provider refused the client (invalid_client: unknown client). Token Inspector authenticated with client_secret_basic'), err.message);
  });

  it('does not blame client_secret_basic for an encoded-looking audience when the client is public', async () => {
    provider.routes['/token'] = tokensWith({ aud: 'device+app' });
    const client = await discover(provider.issuer, { clientId: 'device app' });
    assert.equal(client.authMethod, 'none');
    const device = await startDeviceAuthorization(client, ['openid']);
    const err = await settlesWithin(rejection(device.poll()), 5000, 'the device sign-in');
    assert.equal(err.code, 'device-flow-failed');
    assert.equal(err.message, 'The device sign-in failed: unexpected JWT claim value encountered. Start it again.');
  });

  it('blames the clock for an ID token that expired long ago or is not valid yet, naming the claim', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const [claims, problem] of [
      [{ iat: now - 7200, exp: now - 3600 }, "the ID token had already expired (exp) by this computer's clock."],
      [{ nbf: now + 3600 }, "the ID token is not valid yet (nbf) by this computer's clock."],
    ] as const) {
      provider.routes['/token'] = tokensWith({ aud: 'device-app', ...claims });
      const client = await discover(provider.issuer, { clientId: 'device-app' });
      const device = await startDeviceAuthorization(client, ['openid']);
      const err = await settlesWithin(rejection(device.poll()), 5000, 'the device sign-in');
      assert.equal(err.code, 'clock-skew');
      assert.ok(err.message.startsWith(`The device sign-in failed: ${problem} `), err.message);
      assert.match(err.message, /tokenInspector\.clockSkewSeconds/);
    }
  });

  it('names the signing algorithm the discovery document does not list', async () => {
    await provider.stop();
    provider = await startHostileProvider({ metadata: () => ({ id_token_signing_alg_values_supported: ['ES256', 'PS256'] }) });
    provider.routes['/device'] = () => started();
    provider.routes['/token'] = tokensWith({ aud: 'device-app' });
    const client = await discover(provider.issuer, { clientId: 'device-app' });
    const device = await startDeviceAuthorization(client, ['openid']);
    const err = await settlesWithin(rejection(device.poll()), 5000, 'the device sign-in');
    assert.equal(err.code, 'unexpected-algorithm');
    assert.equal(
      err.message,
      `The device sign-in failed: the ID token is signed with "RS256", but the provider's discovery document lists only ES256, PS256 (id_token_signing_alg_values_supported). The provider signs with a key its discovery document does not announce; fix the provider's signing key or its metadata (for ${provider.issuer}) and sign in again.`,
    );
    assert.ok(err.cause);
  });

  /** A device sign-in whose provider's clock (Date headers, token times) runs `seconds` behind ours; its rejection. */
  async function signInWithProviderClockBehind(seconds: number) {
    const behind = () => ({ Date: new Date(Date.now() - seconds * 1000).toUTCString() });
    provider.routes['/device'] = () => ({ ...started(), headers: behind() });
    const now = Math.floor(Date.now() / 1000) - seconds;
    provider.routes['/token'] = async () => ({ ...(await tokensWith({ aud: 'device-app', iat: now, exp: now + 120 })()), headers: behind() });
    const client = await discover(provider.issuer, { clientId: 'device-app' });
    const device = await startDeviceAuthorization(client, ['openid']);
    return settlesWithin(rejection(device.poll()), 5000, 'the device sign-in');
  }

  it('with the provider\'s clock five minutes behind, says so (from its Date header) and how far to raise the skew', async () => {
    const err = await signInWithProviderClockBehind(300);
    assert.equal(err.code, 'clock-skew');
    assert.equal(
      err.message,
      "The device sign-in failed: the ID token had already expired (exp) by this computer's clock. The provider's clock is 5 min behind this computer's (measured from its Date header), against the allowed 60 s (tokenInspector.clockSkewSeconds). Correct the clock that is wrong, or raise tokenInspector.clockSkewSeconds to at least 310.",
    );
  });

  it('takes the RFC 8628 default interval of 5 s when the provider names none', async () => {
    provider.routes['/device'] = () => ({ json: { device_code: 'dc-2', user_code: 'ABCD-EFGH', verification_uri: 'https://example.test/device', verification_uri_complete: 'https://example.test/device?user_code=ABCD-EFGH', expires_in: 300 } });
    const client = await discover(provider.issuer, { clientId: 'device-app' });
    const device = await startDeviceAuthorization(client, ['openid']);
    assert.deepEqual(
      { userCode: device.userCode, verificationUri: device.verificationUri, verificationUriComplete: device.verificationUriComplete, expiresIn: device.expiresIn, interval: device.interval },
      { userCode: 'ABCD-EFGH', verificationUri: 'https://example.test/device', verificationUriComplete: 'https://example.test/device?user_code=ABCD-EFGH', expiresIn: 300, interval: 5 },
    );
  });

  it('with the provider\'s clock two hours behind, says only to correct the clock (no skew setting would do)', async () => {
    const err = await signInWithProviderClockBehind(7200);
    assert.equal(err.code, 'clock-skew');
    assert.equal(
      err.message,
      "The device sign-in failed: the ID token had already expired (exp) by this computer's clock. The provider's clock is 2 h behind this computer's (measured from its Date header), against the allowed 60 s (tokenInspector.clockSkewSeconds). Correct the clock that is wrong.",
    );
  });

  it('when the provider sends no Date header, says its clock may differ by more than the allowed skew', async () => {
    await provider.stop();
    provider = await startHostileProvider({ sendDate: false });
    provider.routes['/device'] = () => started();
    const now = Math.floor(Date.now() / 1000) - 3600;
    provider.routes['/token'] = tokensWith({ aud: 'device-app', iat: now, exp: now + 120 });
    const client = await discover(provider.issuer, { clientId: 'device-app', clockSkewSeconds: 30 });
    const device = await startDeviceAuthorization(client, ['openid']);
    const err = await settlesWithin(rejection(device.poll()), 5000, 'the device sign-in');
    assert.equal(err.code, 'clock-skew');
    assert.equal(
      err.message,
      "The device sign-in failed: the ID token had already expired (exp) by this computer's clock. The provider's clock may differ from this computer's by more than the allowed 30 s (tokenInspector.clockSkewSeconds). Correct the clock that is wrong, or raise tokenInspector.clockSkewSeconds.",
    );
  });

  it('names the algorithm when the discovery document lists none and the ID token is not RS256 (the default)', async () => {
    await provider.stop();
    provider = await startHostileProvider({ metadata: () => ({ id_token_signing_alg_values_supported: undefined }) });
    provider.routes['/device'] = () => started();
    provider.routes['/token'] = tokensWith({ aud: 'device-app' }, 'ES256');
    const client = await discover(provider.issuer, { clientId: 'device-app' });
    const device = await startDeviceAuthorization(client, ['openid']);
    const err = await settlesWithin(rejection(device.poll()), 5000, 'the device sign-in');
    assert.equal(err.code, 'unexpected-algorithm');
    assert.equal(
      err.message,
      `The device sign-in failed: the ID token is signed with "ES256", but only RS256 is expected. The provider signs with a key its discovery document does not announce; fix the provider's signing key or its metadata (for ${provider.issuer}) and sign in again.`,
    );
  });

  it('joins the other client authentication methods to try with the translated " or " (looked up with its comment)', async () => {
    provider.routes['/device'] = () => ({ status: 401, json: { error: 'invalid_client' } });
    const { privateKey } = await generateKeyPair('RS256');
    const client = await discover(provider.issuer, { clientId: 'device-app', clientSecret: 's3cret', privateKey: { key: privateKey, alg: 'RS256' }, authMethod: 'client_secret_basic' });
    l10n.config({ contents: { ' or /Between alternatives: "client_secret_post or private_key_jwt"': ' ou ' } });
    try {
      const err = await rejection(startDeviceAuthorization(client, ['openid']));
      assert.equal(err.code, 'client-auth-failed');
      assert.ok(err.message.includes(' Try client_secret_post ou private_key_jwt: set "authMethod" in the profile (tokenInspector.profiles). '), err.message);
    } finally {
      l10n.config({ contents: {} });
    }
  });
});
