// Discovery failures that name what the issuer answered and keep openid-client's error as the
// cause: an issuer naming another issuer, and one answering "JSON" that does not parse; each from
// a hostile issuer on loopback. And which issuers' endpoints are vetted at discovery.
import { strict as assert } from 'node:assert';
import type * as oidc from 'openid-client';
import { discoverMetadata } from '../../src/core/oidc/metadata';
import { ProviderClock } from '../../src/core/oidc/providerClock';
import { metadata, serve } from '../support/loopbackIssuer';
import { rejection } from '../support/oidcAssertions';

/** An issuer on loopback answering its discovery document with `body(base)` as application/json. */
async function issuer(body: (base: string) => string) {
  const server = await serve((_req, res, base) => res.writeHead(200, { 'content-type': 'application/json' }).end(body(base)));
  return { ...server, where: `${server.base}/.well-known/openid-configuration` };
}

/** Sends the requests for `https://issuer.example` to a loopback server instead (no certificate needed). */
class RoutedTo extends ProviderClock {
  constructor(private readonly base: string) {
    super();
  }
  override fetch(): oidc.CustomFetch {
    return (url, init) => fetch(url.replace('https://issuer.example', this.base), init as RequestInit);
  }
}

describe('oidc discovery: what the issuer answered, with the cause kept', () => {
  it('a document naming another issuer: issuer-mismatch, quoting both, with openid-client\'s comparison error as cause', async () => {
    const other = await issuer((base) => JSON.stringify(metadata(base, { issuer: `${base}/other` })));
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

describe('oidc discovery: endpoints vetted only for a plain-http loopback issuer', () => {
  const elsewhere = { userinfo_endpoint: 'http://elsewhere.example/userinfo' };

  it('refuses a loopback http issuer that sends a client elsewhere over http', async () => {
    const local = await issuer((base) => JSON.stringify(metadata(base, elsewhere)));
    try {
      const err = await rejection(discoverMetadata(local.base));
      assert.equal(err.code, 'insecure-issuer');
      assert.equal(err.message, `The local issuer ${local.base} advertises userinfo_endpoint http://elsewhere.example, which is neither https nor loopback. Fix the issuer's configuration.`);
    } finally {
      await local.close();
    }
  });

  it('vets only endpoints and jwks_uri: links for people (documentation, policy) may be plain http', async () => {
    const local = await issuer((base) => JSON.stringify(metadata(base, { service_documentation: 'http://docs.example/', op_policy_uri: 'http://docs.example/policy' })));
    try {
      assert.equal((await discoverMetadata(local.base)).service_documentation, 'http://docs.example/');
    } finally {
      await local.close();
    }
    const badKeys = await issuer((base) => JSON.stringify(metadata(base, { jwks_uri: 'http://keys.example/jwks' })));
    try {
      assert.equal((await rejection(discoverMetadata(badKeys.base))).code, 'insecure-issuer');
    } finally {
      await badKeys.close();
    }
  });

  it('leaves an https issuer\'s endpoints to openid-client, which allows https requests only', async () => {
    const remote = await issuer(() => JSON.stringify(metadata('https://issuer.example', elsewhere)));
    try {
      const found = await discoverMetadata('https://issuer.example', { clock: new RoutedTo(remote.base) });
      assert.equal(found.issuer, 'https://issuer.example');
      assert.equal(found.userinfo_endpoint, 'http://elsewhere.example/userinfo');
    } finally {
      await remote.close();
    }
  });
});
