// How the ZITADEL API client explains answers that ZITADEL's own contract server does not give by
// itself: error bodies of other ZITADEL versions and of proxies (the contract server's `fault`,
// which answers every request with a fixed status and body), bad client options, and searches
// whose answers hold keys that were not asked for.
import { strict as assert } from 'node:assert';
import { ZitadelApiClient, ZitadelApiError } from '../../src/core/zitadel/api/index';
import { DEMO_ORG_ID, startZitadelApi, type ContractOptions, type ContractServer } from '../support/zitadelApi/index';
import { rejectionWith } from '../support/oidcAssertions';

const ALICE = '300000000000000001';
const ADMIN = 'pat-errors-admin';
const NO_ISSUER = 'http://127.0.0.1:9'; // PATs only: the contract server never asks the issuer

const rejection = (promise: Promise<unknown>) => rejectionWith(ZitadelApiError, promise);
const json = (status: number, body: unknown) => ({ status, contentType: 'application/json', body: JSON.stringify(body) });
const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('ZITADEL API client: answers of other versions and proxies, and client options', function () {
  this.timeout(30_000);
  const servers: ContractServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  async function server(options: Partial<ContractOptions> = {}): Promise<ContractServer> {
    const s = await startZitadelApi({
      issuer: NO_ISSUER,
      pats: [{ token: ADMIN, userId: ALICE, permissions: ['user.read', 'user.write'] }],
      users: [{ id: ALICE, orgId: DEMO_ORG_ID, metadata: { team: 'blue' } }],
      ...options,
    });
    servers.push(s);
    return s;
  }
  const client = (s: ContractServer) => new ZitadelApiClient({ baseUrl: s.url, token: ADMIN });

  describe('gRPC codes wrapped in other codes', () => {
    it('reads "rpc error: code = Unauthenticated" wrapped in code 13 (internal) as an expired token, refreshable', async () => {
      const message = 'rpc error: code = Unauthenticated desc = invalid token (APP-Reb32)';
      const s = await server({ fault: json(500, { code: 13, message }) });
      const err = await rejection(client(s).listMyMetadata());
      assert.equal(err.code, 'unauthenticated');
      assert.equal(err.grpcCode, 'unauthenticated');
      assert.equal(err.refreshable, true);
      assert.equal(err.status, 500);
      assert.equal(err.zitadelId, 'APP-Reb32');
      assert.equal(err.message, `Listing your metadata failed: ZITADEL did not accept the token; it may have expired ("${message}"). Refresh the tokens, or sign in again.`);
    });

    it('keeps code 13 (internal) without a wrapped rpc error: a server error to retry later, with what ZITADEL said', async () => {
      const s = await server({ fault: json(500, { code: 13, message: 'Errors.Internal (SQL-a83Hd)' }) });
      const err = await rejection(client(s).listMyMetadata());
      assert.equal(err.code, 'server-error');
      assert.equal(err.grpcCode, 'internal');
      assert.equal(err.refreshable, undefined);
      assert.equal(
        err.message,
        `Listing your metadata failed: ZITADEL answered HTTP 500 (internal). ZITADEL said: "Errors.Internal (SQL-a83Hd)". Try again later; if it persists, check the instance's logs.`,
      );
    });

    it('does not unwrap an rpc error quoted in any other code: a refused request stays refused', async () => {
      const message = 'rpc error: code = Unauthenticated desc = quoted in a value (META-xx1)';
      const s = await server({ fault: json(400, { code: 3, message }) });
      const err = await rejection(client(s).listMyMetadata());
      assert.equal(err.code, 'invalid-argument');
      assert.equal(err.grpcCode, 'invalid_argument');
      assert.equal(err.message, `Listing your metadata failed: ZITADEL refused the request. ZITADEL said: "${message}".`);
    });

    it('an error body without a message: no "ZITADEL said", and an empty server message', async () => {
      const s = await server({ fault: json(503, { code: 14 }) });
      const err = await rejection(client(s).listMyMetadata());
      assert.equal(err.code, 'server-error');
      assert.equal(err.grpcCode, 'unavailable');
      assert.equal(err.serverMessage, '');
      assert.equal(err.message, "Listing your metadata failed: ZITADEL answered HTTP 503 (unavailable). Try again later; if it persists, check the instance's logs.");
    });

    it('an error body whose message is not text is read as having no message', async () => {
      const s = await server({ fault: json(503, { code: 14, message: { text: 'rpc error: code = Unauthenticated' } }) });
      const err = await rejection(client(s).listMyMetadata());
      assert.equal(err.code, 'server-error');
      assert.equal(err.serverMessage, '');
      assert.equal(err.message, "Listing your metadata failed: ZITADEL answered HTTP 503 (unavailable). Try again later; if it persists, check the instance's logs.");
    });
  });

  describe('my metadata key looked up by a search (a key that cannot be a path segment)', () => {
    it('a key that is not there: not-found (key), naming the key, after one search', async () => {
      const s = await server();
      s.setMetadata(ALICE, { 'a/bc': 'near', 'x/y': 'other' });
      const err = await rejection(client(s).getMyMetadata('a/b'));
      assert.equal(err.code, 'not-found');
      assert.equal(err.notFound, 'key');
      assert.equal(err.message, 'Reading your metadata "a/b" failed: you have no metadata key "a/b".');
      assert.deepEqual(
        s.requests.map((r) => `${r.method} ${r.url} ${r.status}`),
        ['POST /auth/v1/users/me/metadata/_search 200'],
      );
    });

    it('takes exactly the asked key from an answer that also holds keys the search did not ask for', async () => {
      const entry = (key: string, value: string) => ({ key, value: base64(value) });
      const s = await server({ fault: json(200, { details: { totalResult: '3' }, result: [entry('A/B', 'upper'), entry('a/b/c', 'longer'), entry('a/b', 'exact')] }) });
      const found = await client(s).getMyMetadata('a/b');
      assert.equal(found.key, 'a/b');
      assert.equal(found.value, 'exact');
    });

    it('an answer of keys the search did not ask for only is not-found (key), never one of them', async () => {
      const s = await server({ fault: json(200, { details: { totalResult: '1' }, result: [{ key: 'a/bc', value: base64('near') }] }) });
      const err = await rejection(client(s).getMyMetadata('a/b'));
      assert.equal(err.code, 'not-found');
      assert.equal(err.notFound, 'key');
      assert.equal(err.message, 'Reading your metadata "a/b" failed: you have no metadata key "a/b".');
    });
  });

  describe("another user's metadata key: a search for exactly that key", () => {
    const entry = (key: string, value: string) => ({ key, value: base64(value) });

    it('user service v2 (it has no get): takes exactly the asked key from an answer that also holds others', async () => {
      const s = await server({ fault: json(200, { pagination: { totalResult: '3' }, metadata: [entry('Team', 'upper'), entry('team2', 'longer'), entry('team', 'exact')] }) });
      const found = await client(s).getUserMetadata(ALICE, 'team');
      assert.equal(found.key, 'team');
      assert.equal(found.value, 'exact');
      assert.equal(s.requests[0].url, `/v2/users/${ALICE}/metadata/search`);
    });

    it('user service v2: an answer of other keys only is not-found (key), naming the user and the key', async () => {
      const s = await server({ fault: json(200, { pagination: { totalResult: '1' }, metadata: [entry('team2', 'longer')] }) });
      const err = await rejection(client(s).getUserMetadata(ALICE, 'team'));
      assert.equal(err.code, 'not-found');
      assert.equal(err.notFound, 'key');
      assert.equal(err.message, `Reading metadata "team" of user ${ALICE} failed: user ${ALICE} has no metadata key "team".`);
    });

    it('management v1, a key that cannot be a path segment: takes exactly the asked key, or says not-found', async () => {
      const s = await server({ fault: json(200, { details: { totalResult: '2' }, result: [entry('a/b/c', 'longer'), entry('a/b', 'exact')] }) });
      const c = new ZitadelApiClient({ baseUrl: s.url, token: ADMIN, userApi: 'v1' });
      const found = await c.getUserMetadata(ALICE, 'a/b');
      assert.equal(found.key, 'a/b');
      assert.equal(found.value, 'exact');
      s.setFault(json(200, { details: { totalResult: '1' }, result: [entry('a/b/c', 'longer')] }));
      const err = await rejection(c.getUserMetadata(ALICE, 'a/b'));
      assert.equal(err.code, 'not-found');
      assert.equal(err.message, `Reading metadata "a/b" of user ${ALICE} failed: user ${ALICE} has no metadata key "a/b".`);
      assert.deepEqual(
        s.requests.map((r) => `${r.method} ${r.url}`),
        [`POST /management/v1/users/${ALICE}/metadata/_search`, `POST /management/v1/users/${ALICE}/metadata/_search`],
      );
    });
  });

  describe('the organization ID option (sent as x-zitadel-orgid)', () => {
    const refusal = (orgId: string) => {
      try {
        new ZitadelApiClient({ baseUrl: 'http://127.0.0.1:9', token: ADMIN, orgId });
      } catch (e) {
        assert.ok(e instanceof ZitadelApiError, String(e));
        assert.equal(e.code, 'validation');
        return e.message;
      }
      assert.fail(`accepted the organization ID ${JSON.stringify(orgId)}`);
    };

    it('refuses an empty or blank organization ID, saying to leave it out', () => {
      for (const orgId of ['', '   ']) assert.equal(refusal(orgId), 'The organization ID is empty: leave it out to use your own organization.');
    });

    it('refuses an organization ID a header cannot carry, shown as its first 40 characters', () => {
      assert.equal(refusal('1234 5678'), 'The organization ID "1234 5678" has spaces or characters a header cannot carry; ZITADEL organization IDs are usually 18 digits.');
      assert.equal(refusal('org\u00e9'), 'The organization ID "orgé" has spaces or characters a header cannot carry; ZITADEL organization IDs are usually 18 digits.');
      const long = `${'9'.repeat(39)} ${'8'.repeat(30)}`;
      assert.equal(refusal(long), `The organization ID "${'9'.repeat(39)} " has spaces or characters a header cannot carry; ZITADEL organization IDs are usually 18 digits.`);
    });

    it('accepts an 18-digit organization ID and sends it on management v1 calls', async () => {
      const s = await server({ v2: false });
      const c = new ZitadelApiClient({ baseUrl: s.url, token: ADMIN, orgId: DEMO_ORG_ID });
      assert.deepEqual((await c.listUserMetadata(ALICE)).map((e) => e.key), ['team']);
      assert.equal(s.requests.at(-1)!.headers['x-zitadel-orgid'], DEMO_ORG_ID);
    });
  });
});
