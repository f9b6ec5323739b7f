// Discovery documents that are JSON but not valid metadata, failures openid-client reports
// otherwise, and an issuer without a jwks_uri; each from a hostile issuer on loopback.
import { strict as assert } from 'node:assert';
import { discover, jwksSourceFor } from '../../src/core/oidc/discovery';
import { discoverMetadata } from '../../src/core/oidc/metadata';
import { metadata, serve } from '../support/loopbackIssuer';
import { rejection } from '../support/oidcAssertions';

/** An issuer on loopback whose discovery document is `body(base)`. */
async function issuer(body: (base: string) => unknown, status = 200) {
  const server = await serve((_req, res, base) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body(base))));
  return { ...server, where: `${server.base}/.well-known/openid-configuration` };
}

describe('oidc discovery: invalid documents', () => {
  it('calls a document without an issuer invalid, with openid-client\'s reason and its cause', async () => {
    const noIssuer = await issuer((base) => ({ ...metadata(base), issuer: undefined }));
    try {
      const err = await rejection(discoverMetadata(noIssuer.base));
      assert.equal(err.code, 'discovery-failed');
      assert.equal(err.message, `The discovery document at ${noIssuer.where} is invalid (invalid response encountered: "response" body "issuer" property must be a string).`);
      assert.equal((err.cause as { code?: string }).code, 'OAUTH_INVALID_RESPONSE');
    } finally {
      await noIssuer.close();
    }
  });

  it('calls a document that is a JSON array instead of an object invalid', async () => {
    const array = await issuer((base) => [metadata(base)]);
    try {
      const err = await rejection(discover(array.base, { clientId: 'cli' }));
      assert.equal(err.code, 'discovery-failed');
      assert.equal(err.message, `The discovery document at ${array.where} is invalid (invalid response encountered: "response" body must be a top level object).`);
    } finally {
      await array.close();
    }
  });

  it('reports other failures as "Discovery … failed" with the reason, keeping the cause (an issuer that is not a URL)', async () => {
    const notUrl = await issuer((base) => metadata(base, { issuer: 'my issuer' }));
    try {
      const err = await rejection(discoverMetadata(notUrl.base));
      assert.equal(err.code, 'discovery-failed');
      assert.equal(err.message, `Discovery at ${notUrl.where} failed: Invalid URL.`);
      assert.ok(err.cause instanceof TypeError, String(err.cause));
    } finally {
      await notUrl.close();
    }
  });
});

describe('oidc discovery: the issuer key set', () => {
  it('refuses to check ID token signatures at an issuer that advertises no jwks_uri, naming the issuer', async () => {
    const noKeys = await issuer((base) => metadata(base, { jwks_uri: undefined }));
    try {
      const client = await discover(noKeys.base, { clientId: 'cli' });
      const err = (() => {
        try {
          jwksSourceFor(client);
        } catch (e) {
          return e as { code?: string; message: string };
        }
        assert.fail('expected jwksSourceFor to throw');
      })();
      assert.equal(err.code, 'unsupported');
      assert.equal(err.message, `${noKeys.base} advertises no jwks_uri, so ID token signatures cannot be checked.`);
    } finally {
      await noKeys.close();
    }
  });

  it('shares one key source per client, at its jwks_uri', async () => {
    const withKeys = await issuer((base) => metadata(base));
    try {
      const client = await discover(withKeys.base, { clientId: 'cli' });
      const source = jwksSourceFor(client);
      assert.equal(source.uri, `${withKeys.base}/jwks`);
      assert.equal(jwksSourceFor(client), source);
      assert.notEqual(jwksSourceFor(await discover(withKeys.base, { clientId: 'cli' })), source, 'another client, another source');
    } finally {
      await withKeys.close();
    }
  });
});
