// Discovery failures that name what the issuer answered and keep openid-client's error as the
// cause: an issuer naming another issuer, and one answering "JSON" that does not parse; each from
// a hostile issuer on loopback.
import { strict as assert } from 'node:assert';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { discoverMetadata } from '../../src/core/oidc/metadata';
import { rejection } from '../support/oidcAssertions';

/** An issuer on loopback answering its discovery document with `body(base)` as application/json. */
async function issuer(body: (base: string) => string) {
  let base = '';
  const server = createServer((_req: IncomingMessage, res: ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end(body(base)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    base,
    where: `${base}/.well-known/openid-configuration`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe('oidc discovery: what the issuer answered, with the cause kept', () => {
  it('a document naming another issuer: issuer-mismatch, quoting both, with openid-client\'s comparison error as cause', async () => {
    const other = await issuer((base) => JSON.stringify({ issuer: `${base}/other`, authorization_endpoint: `${base}/authorize`, token_endpoint: `${base}/token`, jwks_uri: `${base}/jwks`, response_types_supported: ['code'] }));
    try {
      const err = await rejection(discoverMetadata(other.base));
      assert.equal(err.code, 'issuer-mismatch');
      assert.equal(err.message, `The discovery document at ${other.where} names the issuer "${other.base}/other", not "${other.base}/". Enter exactly the issuer it names (mind a trailing slash or path) if you trust it.`);
      assert.equal((err.cause as { code?: string } | undefined)?.code, 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED');
    } finally {
      await other.close();
    }
  });

  it('a body labelled JSON that does not parse: "did not return JSON", with openid-client\'s parse error as cause', async () => {
    const broken = await issuer(() => '{"issuer": ');
    try {
      const err = await rejection(discoverMetadata(broken.base));
      assert.equal(err.code, 'discovery-failed');
      assert.equal(err.message, `${broken.where} did not return JSON, so ${broken.base} does not look like an OpenID Connect issuer. Check the issuer URL (for ZITADEL: https://<instance-domain>, without /oauth/v2 or other paths).`);
      assert.equal((err.cause as { code?: string } | undefined)?.code, 'OAUTH_PARSE_ERROR');
    } finally {
      await broken.close();
    }
  });
});
