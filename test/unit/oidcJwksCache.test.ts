// The key set cache when fetches overlap: a failed fetch that a newer one already replaced must
// not drop the newer set from the cache. Against a key endpoint on loopback that answers in the
// order the test sets.
import { strict as assert } from 'node:assert';
import { createServer, type ServerResponse } from 'node:http';
import { JwksSource } from '../../src/core/oidc/jwks';
import { rejectionWith } from '../support/oidcAssertions';

describe('oidc issuer key set: overlapping fetches', () => {
  it('keeps the newer key set cached when an older fetch fails after it', async () => {
    let requests = 0;
    let held: ServerResponse | undefined;
    let releaseFirst: () => void = () => undefined;
    const firstHeld = new Promise<void>((r) => (releaseFirst = r));
    const server = createServer((_req, res) => {
      requests += 1;
      if (requests === 1) {
        held = res; // the first fetch waits until the second one has its answer
        releaseFirst();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [{ kty: 'oct', kid: `k${requests}` }] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const uri = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks`;
    try {
      const source = new JwksSource(uri);
      const older = source.get();
      await firstHeld;
      const newer = await source.get(true);
      assert.deepEqual(newer, { keys: [{ kty: 'oct', kid: 'k2' }] });
      held?.writeHead(500).end();
      const err = await rejectionWith(Error, older);
      assert.equal(err.message, `the issuer's key endpoint ${uri} answered HTTP 500`);
      assert.deepEqual(await source.get(), { keys: [{ kty: 'oct', kid: 'k2' }] });
      assert.equal(requests, 2, 'the newer set is served from the cache');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
