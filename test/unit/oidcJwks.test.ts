// The issuer's key set from its jwks_uri, against hostile key endpoints on loopback.
import { strict as assert } from 'node:assert';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { JwksSource } from '../../src/core/oidc/jwks';
import { rejectionWith } from '../support/oidcAssertions';

/** A key endpoint on loopback answering with `handler`; `uri` is its /jwks. */
async function keyEndpoint(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const uri = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks`;
  return {
    uri,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const json = (body: string, status = 200) => (_req: IncomingMessage, res: ServerResponse) => res.writeHead(status, { 'content-type': 'application/json' }).end(body);

/** The message `get()` rejects with, from a key endpoint answering with `handler`. */
async function failure(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ uri: string; message: string }> {
  const endpoint = await keyEndpoint(handler);
  try {
    const err = await rejectionWith(Error, new JwksSource(endpoint.uri).get());
    return { uri: endpoint.uri, message: err.message };
  } finally {
    await endpoint.close();
  }
}

describe('oidc issuer key set (jwks_uri)', () => {
  it('refuses a plain-http jwks_uri that is not loopback, naming it', () => {
    assert.throws(() => new JwksSource('http://keys.example/jwks'), { name: 'TypeError', message: 'jwks_uri must be https (or loopback http): http://keys.example/jwks' });
    assert.throws(() => new JwksSource('http://10.0.0.1:8080/jwks'), { name: 'TypeError', message: 'jwks_uri must be https (or loopback http): http://10.0.0.1:8080/jwks' });
    assert.equal(new JwksSource('https://keys.example/jwks').uri, 'https://keys.example/jwks');
    assert.equal(new JwksSource('http://localhost:1/jwks').uri, 'http://localhost:1/jwks');
  });

  it('names the key endpoint and the HTTP status it answered with', async () => {
    const { uri, message } = await failure(json('{"error":"server_error"}', 500));
    assert.equal(message, `the issuer's key endpoint ${uri} answered HTTP 500`);
    const gone = await failure(json('{}', 404));
    assert.equal(gone.message, `the issuer's key endpoint ${gone.uri} answered HTTP 404`);
  });

  it('says so when the key endpoint answers something that is not JSON', async () => {
    const { uri, message } = await failure((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>keys</html>'));
    assert.equal(message, `the issuer's key endpoint ${uri} did not return JSON`);
  });

  it('says so when the JSON is not a key set: no "keys" array, or members that are not objects', async () => {
    for (const body of ['{}', 'null', '[]', '{"keys":"abc"}', '{"keys":{"kty":"RSA"}}', '{"keys":[{"kty":"RSA"},1]}', '{"keys":[null]}']) {
      const { uri, message } = await failure(json(body));
      assert.equal(message, `${uri} is not a JSON Web Key Set (no "keys" array)`, body);
    }
  });

  it('refuses to follow a redirect away from the key endpoint', async () => {
    const { uri, message } = await failure((_req, res) => res.writeHead(302, { location: 'https://elsewhere.example/jwks' }).end());
    assert.equal(message, `could not fetch the issuer's keys from ${uri}`);
  });

  it('names the socket error when nothing listens at the key endpoint', async () => {
    const endpoint = await keyEndpoint(() => undefined);
    await endpoint.close();
    const err = await rejectionWith(Error, new JwksSource(endpoint.uri).get());
    assert.equal(err.message, `could not fetch the issuer's keys from ${endpoint.uri} (ECONNREFUSED)`);
  });

  it('returns the keys, caches them, and fetches again on refresh or after a failure', async () => {
    let answers = 0;
    let broken = true;
    const endpoint = await keyEndpoint((_req, res) => {
      answers++;
      if (broken) res.writeHead(503).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [{ kty: 'oct', kid: `k${answers}` }] }));
    });
    try {
      const source = new JwksSource(endpoint.uri);
      assert.equal((await rejectionWith(Error, source.get())).message, `the issuer's key endpoint ${endpoint.uri} answered HTTP 503`);
      broken = false;
      assert.deepEqual(await source.get(), { keys: [{ kty: 'oct', kid: 'k2' }] }, 'a failed fetch is not cached');
      assert.deepEqual(await source.get(), { keys: [{ kty: 'oct', kid: 'k2' }] });
      assert.equal(answers, 2);
      assert.deepEqual(await source.get(true), { keys: [{ kty: 'oct', kid: 'k3' }] });
      assert.equal(answers, 3);
    } finally {
      await endpoint.close();
    }
  });
});
