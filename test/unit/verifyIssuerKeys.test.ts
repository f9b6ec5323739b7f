// Which issuer's keys verification would fetch, and what it says when an issuer cannot give
// them: issuerToContact is pure; the key lookups ask a tiny hostile issuer on 127.0.0.1.
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IssuerKeyCache, VerifyError } from '../../src/core/verify';
import { issuerToContact } from '../../src/core/verify/issuerKeys';
import { rejectionWith, settlesWithin } from '../support/oidcAssertions';

function refusal(iss: unknown, expected?: string): VerifyError {
  try {
    issuerToContact(iss, expected);
  } catch (err) {
    assert.ok(err instanceof VerifyError, String(err));
    assert.equal(err.code, 'no-issuer');
    return err;
  }
  assert.fail(`${String(iss)} / ${String(expected)} accepted`);
}

describe('verify: the issuer whose keys are fetched', () => {
  it("names the token's issuer, or the expected one when the user gave it, in what it refuses", () => {
    assert.equal(refusal(42).message, "The token's issuer 42 is not a URL, so its keys cannot be looked up. Paste the key instead.");
    assert.equal(refusal('https://issuer.example', 'issuer.example').message, 'The expected issuer "issuer.example" is not a URL, so its keys cannot be looked up (some issuers name themselves otherwise). Paste the key instead.');
    assert.equal(refusal('issuer.example').message, 'The token\'s issuer "issuer.example" is not a URL, so its keys cannot be looked up (some issuers name themselves otherwise). Paste the key instead.');
    assert.equal(
      refusal('https://issuer.example', 'http://issuer.example').message,
      'The expected issuer "http://issuer.example" is not https: its keys would travel unprotected, so Token Inspector does not fetch them (plain http only for 127.0.0.1, localhost or [::1]). Paste the key instead.',
    );
  });

  it('contacts the expected issuer, not the one the token claims', () => {
    assert.equal(issuerToContact('https://evil.example', 'https://issuer.example'), 'https://issuer.example');
    assert.equal(issuerToContact('https://issuer.example'), 'https://issuer.example');
  });

  it('refuses an issuer URL with a user name, a password, a query or a fragment', () => {
    for (const iss of ['https://alice@issuer.example', 'https://:secret@issuer.example', 'https://issuer.example?tenant=1', 'https://issuer.example#x']) {
      assert.equal(refusal(iss).message, `The token's issuer ${JSON.stringify(iss)} carries credentials, a query or a fragment, which an issuer never does. Paste the key instead.`);
    }
  });

  it('refuses an empty issuer as no URL at all', () => {
    assert.equal(refusal('').message, 'The token\'s issuer "" is not a URL, so its keys cannot be looked up. Paste the key instead.');
    assert.equal(refusal('https://issuer.example', '').message, 'The expected issuer "" is not a URL, so its keys cannot be looked up. Paste the key instead.');
  });

  describe('an issuer that gives no usable keys', () => {
    let server: Server;
    let issuer: string;
    let jwksUri: unknown;
    before(async () => {
      server = createServer((req, res) => {
        res.setHeader('content-type', 'application/json');
        const doc: Record<string, unknown> = { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token` };
        if (jwksUri !== undefined) doc.jwks_uri = jwksUri;
        res.end(req.url === '/.well-known/openid-configuration' ? JSON.stringify(doc) : '{}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('says the issuer publishes no keys when its discovery document has no jwks_uri', async () => {
      jwksUri = undefined;
      const err = await rejectionWith(VerifyError, new IssuerKeyCache({ timeoutSeconds: 5 }).keysOf(issuer));
      assert.equal(err.code, 'no-issuer');
      assert.equal(err.message, `${issuer} publishes no keys (its discovery document has no jwks_uri). Paste the key instead.`);
    });

    it('does not fetch keys from a jwks_uri that is no URL, showing it', async () => {
      jwksUri = 'keys.json';
      const err = await rejectionWith(VerifyError, new IssuerKeyCache({ timeoutSeconds: 5 }).keysOf(issuer));
      assert.equal(err.code, 'no-issuer');
      assert.equal(err.message, `${issuer} names its keys at "keys.json", which is neither https nor loopback: not fetched.`);
    });
  });

  it('gives up on an issuer that never answers after the timeout it was given', async () => {
    const silent = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const err = await settlesWithin(rejectionWith(Error, new IssuerKeyCache({ timeoutSeconds: 0.3 }).keysOf(url)), 5000, 'the key lookup');
      assert.equal(err.message, `Cannot reach the issuer at ${url}: the server did not answer in time. Check the issuer URL and that the server is running and reachable.`);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
