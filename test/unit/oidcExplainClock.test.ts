// How a failed back-channel call is explained: the ID token's time checks by claim, and a client
// the provider refused with a bare HTTP 401. The errors have the shape openid-client throws
// (oauth4webapi's code and details one `cause` down); explainCommonFailure is called directly.
import { strict as assert } from 'node:assert';
import type { OidcClient } from '../../src/core/oidc/discovery';
import { authAdvice, explainCommonFailure } from '../../src/core/oidc/explain';

const CLIENT = {
  issuer: 'https://issuer.example',
  clientId: 'app',
  authMethod: 'none',
  authMethodAuto: false,
  credentials: {},
  metadata: { issuer: 'https://issuer.example', token_endpoint_auth_methods_supported: ['client_secret_basic', 'private_key_jwt'] },
  clock: { offsetSeconds: undefined },
  clockSkewSeconds: 120,
} as unknown as OidcClient;

const ADVICE = "The provider's clock may differ from this computer's by more than the allowed 120 s (tokenInspector.clockSkewSeconds). Correct the clock that is wrong, or raise tokenInspector.clockSkewSeconds.";

function timestampError(claim?: string): Error {
  return Object.assign(new Error('unexpected JWT claim value encountered'), { code: 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED', cause: claim === undefined ? { now: 1 } : { claim, now: 1, tolerance: 120 } });
}

function explained(err: unknown) {
  const e = explainCommonFailure(err, CLIENT, 'Token refresh');
  return e && { code: e.code, message: e.message };
}

describe('explaining a failed back-channel call', () => {
  it('names the iat and auth_time time checks the ID token failed, with the clock advice', () => {
    assert.deepEqual(explained(timestampError('iat')), { code: 'clock-skew', message: `Token refresh: the ID token was issued too long ago (iat) by this computer's clock. ${ADVICE}` });
    assert.deepEqual(explained(timestampError('auth_time')), { code: 'clock-skew', message: `Token refresh: the ID token names a sign-in too long ago (auth_time) by this computer's clock. ${ADVICE}` });
  });

  it('names another time claim as it is, and says "time check" when none is named', () => {
    assert.deepEqual(explained(timestampError('updated_at')), { code: 'clock-skew', message: `Token refresh: the ID token failed its updated_at check by this computer's clock. ${ADVICE}` });
    assert.deepEqual(explained(timestampError()), { code: 'clock-skew', message: `Token refresh: the ID token failed its time check by this computer's clock. ${ADVICE}` });
  });

  it('explains a bare HTTP 401 (no OAuth error body) as a refused client, advising a confidential client', () => {
    const err = Object.assign(new Error('unexpected HTTP response status code'), { status: 401 });
    assert.deepEqual(explained(err), {
      code: 'client-auth-failed',
      message:
        'Token refresh: the provider refused the client (HTTP 401). Token Inspector authenticated with none (the profile\'s authMethod). The provider seems to expect a confidential client (it lists client_secret_basic, private_key_jwt): set its client secret or private key with "Set Client Credentials…", or make the app a public (PKCE) client at the provider.',
    });
  });

  it('advises a confidential client without listing methods when the provider lists none', () => {
    const client = { ...CLIENT, authMethodAuto: true, metadata: { issuer: 'https://issuer.example' } } as unknown as OidcClient;
    assert.equal(
      authAdvice('none', client),
      'Token Inspector authenticated with none (chosen automatically from the provider\'s discovery document). The provider seems to expect a confidential client: set its client secret or private key with "Set Client Credentials…", or make the app a public (PKCE) client at the provider.',
    );
  });
});

describe('explaining a failed back-channel call: what the error keeps, and where details are looked for', () => {
  it('keeps the original error as the cause of a clock explanation', () => {
    const err = timestampError('exp');
    const e = explainCommonFailure(err, CLIENT, 'Token refresh');
    assert.equal(e?.code, 'clock-skew');
    assert.equal(e?.cause, err);
  });

  it('keeps the status, the OAuth error and the cause of a refused client', () => {
    const bare = Object.assign(new Error('unexpected HTTP response status code'), { status: 401 });
    const e = explainCommonFailure(bare, CLIENT, 'Token refresh');
    assert.deepEqual({ code: e?.code, status: e?.status, error: e?.error, cause: e?.cause }, { code: 'client-auth-failed', status: 401, error: undefined, cause: bare });
    const oauth = Object.assign(new Error('server responded with an error in the response body'), { code: 'OAUTH_RESPONSE_BODY_ERROR', error: 'invalid_client', error_description: 'bad secret', status: 400, cause: { error: 'invalid_client', error_description: 'bad secret' } });
    const o = explainCommonFailure(oauth, CLIENT, 'Token refresh');
    assert.deepEqual({ code: o?.code, status: o?.status, error: o?.error, cause: o?.cause }, { code: 'client-auth-failed', status: 400, error: 'invalid_client', cause: oauth });
  });

  it('looks for the failed claim at most three causes down', () => {
    const deep = Object.assign(new Error('unexpected JWT claim value encountered'), { code: 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED', cause: { cause: { cause: { cause: { claim: 'exp' } } } } });
    assert.deepEqual(explained(deep), { code: 'clock-skew', message: `Token refresh: the ID token failed its time check by this computer's clock. ${ADVICE}` });
    const third = Object.assign(new Error('unexpected JWT claim value encountered'), { code: 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED', cause: { cause: { cause: { claim: 'exp' } } } });
    assert.deepEqual(explained(third), { code: 'clock-skew', message: `Token refresh: the ID token had already expired (exp) by this computer's clock. ${ADVICE}` });
  });

  it('explains an unexpected algorithm only for an invalid response that names the expected one', () => {
    const cause = { header: { alg: 'HS256' }, expected: 'RS256' };
    assert.equal(explained(Object.assign(new Error('x'), { code: 'OAUTH_JWT_CLAIM_COMPARISON_FAILED', cause })), undefined);
    assert.equal(explained(Object.assign(new Error('x'), { code: 'OAUTH_INVALID_RESPONSE', cause: { header: { alg: 'HS256' }, expected: undefined } })), undefined);
    assert.equal(explained(Object.assign(new Error('x'), { code: 'OAUTH_INVALID_RESPONSE', cause }))?.code, 'unexpected-algorithm');
  });

  it('advises on client_secret_basic\'s form-encoding only when that method was used', () => {
    const client = { ...CLIENT, credentials: { clientSecret: 's' }, metadata: { issuer: 'https://issuer.example' } } as unknown as OidcClient;
    assert.equal(
      authAdvice('client_secret_basic', client),
      "Token Inspector authenticated with client_secret_basic (the profile's authMethod). client_secret_basic form-encodes the client ID and secret before base64 (RFC 6749 §2.3.1) and some providers do not decode them, which breaks IDs and secrets with any character but letters and digits (- _ . + / = …). Try client_secret_post: set \"authMethod\" in the profile (tokenInspector.profiles). Also check the client ID and the credentials at the provider.",
    );
    const nothingElse = { ...CLIENT, credentials: {}, metadata: { issuer: 'https://issuer.example' } } as unknown as OidcClient;
    assert.equal(authAdvice('client_secret_post', nothingElse), "Token Inspector authenticated with client_secret_post (the profile's authMethod). Also check the client ID and the credentials at the provider.");
  });
});
