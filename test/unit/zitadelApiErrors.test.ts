// How the ZITADEL API client explains answers that ZITADEL's own contract server does not give by
// itself: error bodies of other ZITADEL versions and of proxies (the contract server's `fault`,
// which answers every request with a fixed status and body), bad client options, and searches
// whose answers hold keys that were not asked for.
import { strict as assert } from 'node:assert';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
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

// Each answer below is what a ZITADEL version, its gateway or a proxy in front of it can send;
// the client must say what happened in words and keep the facts (code, gRPC code, id) apart.
describe('ZITADEL API client: every kind of error answer, explained', function () {
  this.timeout(30_000);
  const ORG = '190957560872829185';
  const USER = ALICE;
  let s: ContractServer;
  before(async () => {
    s = await startZitadelApi({
      issuer: NO_ISSUER,
      pats: [{ token: ADMIN, userId: ALICE, permissions: ['user.read', 'user.write'] }],
      users: [{ id: ALICE, orgId: DEMO_ORG_ID, metadata: { team: 'blue' } }],
    });
  });
  after(() => s?.stop());

  type Call = (c: (extra?: Partial<ConstructorParameters<typeof ZitadelApiClient>[0]>) => ZitadelApiClient) => Promise<unknown>;
  const my: Call = (c) => c().listMyMetadata();
  const myKey: Call = (c) => c().getMyMetadata('team');
  const v1List: Call = (c) => c({ userApi: 'v1', orgId: ORG }).listUserMetadata(USER);
  const v1ListOwnOrg: Call = (c) => c({ userApi: 'v1' }).setUserMetadata(USER, [{ key: 'k', value: 'v' }]);
  const v2List: Call = (c) => c({ userApi: 'v2' }).listUserMetadata(USER);
  const remove = (keys: string[]): Call => (c) => c({ userApi: 'v2' }).removeUserMetadata(USER, keys);

  interface Expected {
    code: string;
    message: string;
    grpcCode?: string;
    zitadelId?: string;
    notFound?: 'user' | 'key';
    refreshable?: boolean;
    permission?: string;
  }
  const cases: [string, number, unknown, Call, Expected][] = [
    // 401 and 403 without a gRPC status: an OAuth gateway or a proxy in front of ZITADEL.
    ['an OAuth error with a description at HTTP 401', 401, { error: 'invalid_token', error_description: 'The access token expired' }, my,
      { code: 'unauthenticated', refreshable: true, message: 'Listing your metadata failed: ZITADEL did not accept the token; it may have expired ("invalid_token: The access token expired"). Refresh the tokens, or sign in again.' }],
    ['an OAuth error without a description at HTTP 401', 401, { error: 'invalid_token' }, my,
      { code: 'unauthenticated', refreshable: true, message: 'Listing your metadata failed: ZITADEL did not accept the token; it may have expired ("invalid_token"). Refresh the tokens, or sign in again.' }],
    ['an OAuth error whose description is not text at HTTP 401', 401, { error: 'invalid_token', error_description: 7 }, my,
      { code: 'unauthenticated', refreshable: true, message: 'Listing your metadata failed: ZITADEL did not accept the token; it may have expired ("invalid_token"). Refresh the tokens, or sign in again.' }],
    ['JSON that is neither a gRPC status nor an OAuth error at HTTP 401', 401, { error: 401, message: 'Unauthorized' }, my,
      { code: 'unauthenticated', refreshable: true, message: 'Listing your metadata failed: ZITADEL did not accept the token; it may have expired ("HTTP 401"). Refresh the tokens, or sign in again.' }],
    ['an HTTP 403 without a gRPC status, on a call that needs no permission', 403, { message: 'Forbidden' }, my,
      { code: 'permission-denied', message: 'Listing your metadata was denied: the signed-in user or token lacks the permission.' }],
    ['an HTTP 403 without a gRPC status, in a given organization', 403, {}, v1List,
      { code: 'permission-denied', permission: 'user.read', message: `Listing the metadata of user ${USER} was denied: the signed-in user or token lacks the permission. It needs the permission user.read in organization ${ORG}: ask an administrator for a role that grants it, or use a token of a user who has it.` }],
    ['a gRPC status by its Connect name', 403, { code: 'permission_denied', message: 'denied' }, my,
      { code: 'permission-denied', grpcCode: 'permission_denied', message: 'Listing your metadata was denied: the signed-in user or token lacks the permission. ZITADEL said: "denied".' }],
    ['code 16 (the last gRPC code) is unauthenticated', 500, { code: 16, message: 'token expired' }, my,
      { code: 'unauthenticated', grpcCode: 'unauthenticated', refreshable: true, message: 'Listing your metadata failed: ZITADEL did not accept the token; it may have expired ("token expired"). Refresh the tokens, or sign in again.' }],

    // JSON that is not a ZITADEL error.
    ['JSON without a code', 500, { error: 'boom' }, my,
      { code: 'unexpected-response', message: 'Listing your metadata failed: ZITADEL answered HTTP 500 with JSON that is not a ZITADEL error: {"error":"boom"}' }],
    ['a code past the last gRPC code (17)', 500, { code: 17, message: 'x' }, my,
      { code: 'unexpected-response', message: 'Listing your metadata failed: ZITADEL answered HTTP 500 with JSON that is not a ZITADEL error: {"code":17,"message":"x"}' }],
    ['a negative code', 400, { code: -1, message: 'x' }, my,
      { code: 'unexpected-response', message: 'Listing your metadata failed: ZITADEL answered HTTP 400 with JSON that is not a ZITADEL error: {"code":-1,"message":"x"}' }],
    ['a code that is not a whole number', 500, { code: 13.5, message: 'x' }, my,
      { code: 'unexpected-response', message: 'Listing your metadata failed: ZITADEL answered HTTP 500 with JSON that is not a ZITADEL error: {"code":13.5,"message":"x"}' }],
    ['a code name that is not a gRPC code', 500, { code: 'bogus', message: 'x' }, my,
      { code: 'unexpected-response', message: 'Listing your metadata failed: ZITADEL answered HTTP 500 with JSON that is not a ZITADEL error: {"code":"bogus","message":"x"}' }],
    ['a JSON array at HTTP 200', 200, [], my,
      { code: 'unexpected-response', message: 'Listing your metadata failed: ZITADEL answered HTTP 200 with JSON that is not a ZITADEL error: []' }],
    ['an error status at HTTP 200 (a proxy that rewrote the status)', 200, { code: 5, message: 'Metadata not found (QUERY-Rgh32)' }, myKey,
      { code: 'not-found', notFound: 'key', grpcCode: 'not_found', zitadelId: 'QUERY-Rgh32', message: 'Reading your metadata "team" failed: you have no metadata key "team". ZITADEL said: "Metadata not found (QUERY-Rgh32)".' }],

    // gRPC codes wrapped in code 2 (unknown) by some versions: the wrapped code counts.
    ['PermissionDenied wrapped in code 2', 500, { code: 2, message: 'rpc error: code = PermissionDenied desc = no' }, my,
      { code: 'permission-denied', grpcCode: 'permission_denied', message: 'Listing your metadata was denied: the signed-in user or token lacks the permission. ZITADEL said: "rpc error: code = PermissionDenied desc = no".' }],
    ['DeadlineExceeded wrapped in code 2', 500, { code: 2, message: 'rpc error: code = DeadlineExceeded desc = slow' }, my,
      { code: 'server-error', grpcCode: 'deadline_exceeded', message: `Listing your metadata failed: ZITADEL answered HTTP 500 (deadline_exceeded). ZITADEL said: "rpc error: code = DeadlineExceeded desc = slow". Try again later; if it persists, check the instance's logs.` }],
    ['Cancelled (British spelling) wrapped in code 2', 500, { code: 2, message: 'rpc error: code = Cancelled desc = gone' }, my,
      { code: 'server-error', grpcCode: 'canceled', message: `Listing your metadata failed: ZITADEL answered HTTP 500 (canceled). ZITADEL said: "rpc error: code = Cancelled desc = gone". Try again later; if it persists, check the instance's logs.` }],
    ['a wrapped name that is no gRPC code', 500, { code: 2, message: 'rpc error: code = Bogus desc = ?' }, my,
      { code: 'server-error', grpcCode: 'unknown', message: `Listing your metadata failed: ZITADEL answered HTTP 500 (unknown). ZITADEL said: "rpc error: code = Bogus desc = ?". Try again later; if it persists, check the instance's logs.` }],

    // ZITADEL's error id: the first non-empty id of the details, or the one the message ends with.
    ['the id in the details, after entries that carry none', 404, { code: 5, message: 'not here', details: [1, { id: '' }, { id: 7 }, { id: 'QUERY-Rgh32' }, { id: 'META-ncnw3' }] }, myKey,
      { code: 'not-found', notFound: 'key', zitadelId: 'QUERY-Rgh32', message: 'Reading your metadata "team" failed: you have no metadata key "team". ZITADEL said: "not here".' }],
    ['the id at the end of the message, then whitespace', 404, { code: 5, message: 'Metadata not found (QUERY-Rgh32) \n' }, myKey,
      { code: 'not-found', notFound: 'key', zitadelId: 'QUERY-Rgh32', message: 'Reading your metadata "team" failed: you have no metadata key "team". ZITADEL said: "Metadata not found (QUERY-Rgh32) \n".' }],
    ['an id inside the message is not its id: a gateway 404', 404, { code: 5, message: 'Not Found (QUERY-Rgh32) here' }, myKey,
      { code: 'no-route', grpcCode: 'not_found', message: `Reading your metadata "team" failed: the server has no such route (GET /auth/v1/users/me/metadata/team: HTTP 404 "Not Found (QUERY-Rgh32) here"). Check that the profile's API URL is the ZITADEL instance; an older ZITADEL may not offer this call.` }],
    ['a server message over 300 characters, clipped', 500, { code: 13, message: `${'x'.repeat(300)}y` }, my,
      { code: 'server-error', grpcCode: 'internal', message: `Listing your metadata failed: ZITADEL answered HTTP 500 (internal). ZITADEL said: "${'x'.repeat(300)}…". Try again later; if it persists, check the instance's logs.` }],

    // Not found: the user or a key, from ids, texts, or what the call asked for.
    ['an unknown not-found id on a list: the user is missing', 404, { code: 5, message: 'gone (QUERY-zz99)' }, v2List,
      { code: 'not-found', notFound: 'user', message: `Listing the metadata of user ${USER} failed: user ${USER} was not found. Check the user ID. ZITADEL said: "gone (QUERY-zz99)".` }],
    ['a missing key on a call that asked for no key', 404, { code: 5, message: 'Metadata not found (QUERY-Rgh32)' }, my,
      { code: 'not-found', notFound: 'key', message: 'Listing your metadata failed: you have no metadata key. ZITADEL said: "Metadata not found (QUERY-Rgh32)".' }],
    ['the signed-in user is missing', 404, { code: 5, message: 'User could not be found (QUERY-Dfbg2)' }, my,
      { code: 'not-found', notFound: 'user', message: 'Listing your metadata failed: your user was not found. Check the user ID. ZITADEL said: "User could not be found (QUERY-Dfbg2)".' }],
    ['a user missing from the own organization (management v1)', 400, { code: 9, message: 'User could not be found (COMMAND-uXHNj)' }, v1ListOwnOrg,
      { code: 'not-found', notFound: 'user', message: `Setting metadata "k" of user ${USER} failed: user ${USER} was not found in your own organization. The management API v1 only sees the users of one organization: check the user ID, and give the organization ID of the user's organization. ZITADEL said: "User could not be found (COMMAND-uXHNj)".` }],
    ['the i18n key Errors.Metadata.NotFound', 404, { code: 5, message: 'Errors.Metadata.NotFound' }, myKey,
      { code: 'not-found', notFound: 'key', message: 'Reading your metadata "team" failed: you have no metadata key "team". ZITADEL said: "Errors.Metadata.NotFound".' }],
    ['the text "metadata not found" under another code', 400, { code: 9, message: 'Metadata not found' }, myKey,
      { code: 'not-found', notFound: 'key', message: 'Reading your metadata "team" failed: you have no metadata key "team". ZITADEL said: "Metadata not found".' }],
    ['three keys, some missing', 404, { code: 5, message: 'One or more keys do not exist' }, remove(['a', 'b', 'c']),
      { code: 'not-found', notFound: 'key', message: `Removing metadata "a", "b", "c" of user ${USER} failed: user ${USER} has no metadata keys "a", "b", "c" (or not all of them). ZITADEL said: "One or more keys do not exist".` }],
    ['four keys, some missing', 404, { code: 5, message: 'One or more keys do not exist (META-2nnds)' }, remove(['a', 'b', 'c', 'd']),
      { code: 'not-found', notFound: 'key', message: `Removing metadata "a", "b", "c" and 1 more of user ${USER} failed: user ${USER} has no metadata keys "a", "b", "c" and 1 more (or not all of them). ZITADEL said: "One or more keys do not exist (META-2nnds)".` }],

    // The gateway's own answers and refusals.
    ['code 12 (unimplemented) without an id: no such route', 501, { code: 12, message: 'Method Not Allowed' }, my,
      { code: 'no-route', grpcCode: 'unimplemented', message: `Listing your metadata failed: the server has no such route (POST /auth/v1/users/me/metadata/_search: HTTP 501 "Method Not Allowed"). Check that the profile's API URL is the ZITADEL instance; an older ZITADEL may not offer this call.` }],
    ['code 12 (unimplemented) with a ZITADEL id: a server error', 501, { code: 12, message: 'not supported (AUTH-x1)' }, my,
      { code: 'server-error', grpcCode: 'unimplemented', zitadelId: 'AUTH-x1', message: `Listing your metadata failed: ZITADEL answered HTTP 501 (unimplemented). ZITADEL said: "not supported (AUTH-x1)". Try again later; if it persists, check the instance's logs.` }],
    ['failed_precondition', 400, { code: 9, message: 'precondition (COMMAND-p1)' }, my,
      { code: 'invalid-argument', grpcCode: 'failed_precondition', message: 'Listing your metadata failed: ZITADEL refused the request. ZITADEL said: "precondition (COMMAND-p1)".' }],
    ['out_of_range', 400, { code: 11, message: 'offset too large' }, my,
      { code: 'invalid-argument', grpcCode: 'out_of_range', message: 'Listing your metadata failed: ZITADEL refused the request. ZITADEL said: "offset too large".' }],
    ['already_exists', 409, { code: 6, message: 'exists (META-e1)' }, my,
      { code: 'invalid-argument', grpcCode: 'already_exists', message: 'Listing your metadata failed: ZITADEL refused the request. ZITADEL said: "exists (META-e1)".' }],
    ['resource_exhausted is no refusal of the request: try again later', 429, { code: 8, message: 'quota (QUOTA-1)' }, my,
      { code: 'server-error', grpcCode: 'resource_exhausted', message: `Listing your metadata failed: ZITADEL answered HTTP 429 (resource_exhausted). ZITADEL said: "quota (QUOTA-1)". Try again later; if it persists, check the instance's logs.` }],
  ];

  for (const [name, status, body, call, expected] of cases) {
    it(`${name}: ${expected.code}`, async () => {
      s.setFault(json(status, body));
      const err = await rejection(call((extra = {}) => new ZitadelApiClient({ baseUrl: s.url, token: ADMIN, ...extra })));
      const got: Expected = { code: err.code, message: err.message };
      for (const field of ['grpcCode', 'zitadelId', 'notFound', 'refreshable', 'permission'] as const) if (expected[field] !== undefined) Object.assign(got, { [field]: err[field] });
      assert.deepEqual(got, expected);
      assert.equal(err.status, status);
      assert.equal(err.body, JSON.stringify(body));
    });
  }

  it('a success that carries a code besides its entries, or the status "ok", is a success', async () => {
    s.setFault(json(200, { code: 5, message: 'x', result: [{ key: 'k', value: base64('v') }] }));
    const client = new ZitadelApiClient({ baseUrl: s.url, token: ADMIN });
    assert.deepEqual((await client.listMyMetadata()).map((e) => [e.key, e.value]), [['k', 'v']]);
    s.setFault(json(200, { code: 0, message: 'OK' }));
    assert.deepEqual(await client.listMyMetadata(), []);
  });
});

// A success (HTTP 200, JSON) whose shape is not the documented one: a proxy, another product, a
// ZITADEL version that changed a field. The client names the field that is off.
describe('ZITADEL API client: answers that are not the documented shape', function () {
  this.timeout(30_000);
  let s: ContractServer;
  before(async () => {
    s = await startZitadelApi({ issuer: NO_ISSUER, pats: [{ token: ADMIN, userId: ALICE, permissions: ['user.read', 'user.write'] }], users: [{ id: ALICE, orgId: DEMO_ORG_ID }] });
  });
  after(() => s?.stop());
  const client = (extra: Partial<ConstructorParameters<typeof ZitadelApiClient>[0]> = {}) => new ZitadelApiClient({ baseUrl: s.url, token: ADMIN, ...extra });
  const answering = (body: unknown) => s.setFault(json(200, body));

  const shapes: [string, unknown, () => Promise<unknown>, string][] = [
    ['v1 list: details not an object', { details: [] }, () => client().listMyMetadata(), `Listing your metadata failed: ZITADEL's answer is not the documented shape ("details" is not an object).`],
    ['v1 list: result not a list', { result: {} }, () => client().listMyMetadata(), `Listing your metadata failed: ZITADEL's answer is not the documented shape ("result" is not a list).`],
    ['v1 list: a negative total', { details: { totalResult: '-1' } }, () => client().listMyMetadata(), `Listing your metadata failed: ZITADEL's answer is not the documented shape (details.totalResult is not a count: "-1").`],
    ['v1 list: a total with letters', { details: { totalResult: '12abc' } }, () => client().listMyMetadata(), `Listing your metadata failed: ZITADEL's answer is not the documented shape (details.totalResult is not a count: "12abc").`],
    ['v1 list: a total with a sign', { details: { totalResult: '+3' } }, () => client().listMyMetadata(), `Listing your metadata failed: ZITADEL's answer is not the documented shape (details.totalResult is not a count: "+3").`],
    ['v1 list: a total past 2^53', { details: { totalResult: '9007199254740993' } }, () => client().listMyMetadata(), `Listing your metadata failed: ZITADEL's answer is not the documented shape (details.totalResult is not a count: "9007199254740993").`],
    ['v1 list: a fractional total', { details: { totalResult: 1.5 } }, () => client().listMyMetadata(), `Listing your metadata failed: ZITADEL's answer is not the documented shape (details.totalResult is not a count: 1.5).`],
    ['v1 list: a negative numeric total', { details: { totalResult: -1 } }, () => client().listMyMetadata(), `Listing your metadata failed: ZITADEL's answer is not the documented shape (details.totalResult is not a count: -1).`],
    ['v1 list: a total that is neither text nor number', { details: { totalResult: true } }, () => client().listMyMetadata(), `Listing your metadata failed: ZITADEL's answer is not the documented shape (details.totalResult is not a count: true).`],
    ['v1 list: an entry that is not an object', { result: [5] }, () => client().listMyMetadata(), `Listing your metadata failed: ZITADEL's answer is not the documented shape (result[0] is not an object).`],
    ['v1 list: an entry without a key', { result: [{ key: 'a', value: 'eA==' }, { value: 'eA==' }] }, () => client().listMyMetadata(), `Listing your metadata failed: ZITADEL's answer is not the documented shape (result[1].key is not a string).`],
    ['v1 get: no metadata object', { details: {} }, () => client().getMyMetadata('team'), `Reading your metadata "team" failed: ZITADEL's answer is not the documented shape (metadata is not an object).`],
    ['v2 list: pagination not an object', { pagination: 1 }, () => client({ userApi: 'v2' }).listUserMetadata(ALICE), `Listing the metadata of user ${ALICE} failed: ZITADEL's answer is not the documented shape ("pagination" is not an object).`],
    ['v2 list: metadata not a list', { metadata: {} }, () => client({ userApi: 'v2' }).listUserMetadata(ALICE), `Listing the metadata of user ${ALICE} failed: ZITADEL's answer is not the documented shape ("metadata" is not a list).`],
    ['v2 list: a bad total', { pagination: { totalResult: 'many' } }, () => client({ userApi: 'v2' }).listUserMetadata(ALICE), `Listing the metadata of user ${ALICE} failed: ZITADEL's answer is not the documented shape (pagination.totalResult is not a count: "many").`],
    ['v2 list: an entry that is not an object', { metadata: [null] }, () => client({ userApi: 'v2' }).listUserMetadata(ALICE), `Listing the metadata of user ${ALICE} failed: ZITADEL's answer is not the documented shape (metadata[0] has no key).`],
    ['v2 list: an entry whose key is not text', { metadata: [{ key: 'a' }, { key: 3, value: 'eA==' }] }, () => client({ userApi: 'v2' }).listUserMetadata(ALICE), `Listing the metadata of user ${ALICE} failed: ZITADEL's answer is not the documented shape (metadata[1] has no key).`],
    ['v2 user: no user id', { user: { username: 'alice' } }, () => client({ userApi: 'v2' }).findUser(ALICE), `Looking up user ${ALICE} failed: ZITADEL's answer is not the documented shape ("user.userId" is missing).`],
    ['v1 user: no user', {}, () => client({ userApi: 'v1' }).findUser(ALICE), `Looking up user ${ALICE} failed: ZITADEL's answer is not the documented shape ("user.id" is missing).`],
  ];
  for (const [name, body, call, message] of shapes) {
    it(`${name}: unexpected-response naming the field`, async () => {
      answering(body);
      const err = await rejection(call());
      assert.equal(err.code, 'unexpected-response');
      assert.equal(err.message, message);
      assert.equal(err.status, 200);
      assert.equal(err.body, JSON.stringify(body));
    });
  }

  it('v1 entries: dates, sequence and owner when they are text; a missing value is an empty text', async () => {
    const details = { sequence: '42', creationDate: '2024-01-02T03:04:05Z', changeDate: '2024-02-03T04:05:06Z', resourceOwner: DEMO_ORG_ID };
    answering({ details: { totalResult: 3 }, result: [{ key: 'a', value: base64('x'), details }, { key: 'b', value: base64('y'), details: { sequence: 42, creationDate: 1, changeDate: 2, resourceOwner: 3 } }, { key: 'c', details: 'none' }] });
    const [a, b, c] = await client().listMyMetadata();
    assert.deepEqual(
      { sequence: a.sequence, creationDate: a.creationDate, changeDate: a.changeDate, resourceOwner: a.resourceOwner, value: a.value },
      { ...details, value: 'x' },
    );
    assert.deepEqual([b.sequence, b.creationDate, b.changeDate, b.resourceOwner, b.value], [undefined, undefined, undefined, undefined, 'y']);
    assert.deepEqual({ ...c }, { key: 'c', raw: '', value: '', encoding: 'text', byteLength: 0 });
  });

  it('v2 entries: dates when they are text; a missing value is an empty text; totals as numbers or strings', async () => {
    answering({ pagination: { totalResult: 3 }, metadata: [{ key: 'a', value: base64('x'), creationDate: '2024-01-02T03:04:05Z', changeDate: '2024-02-03T04:05:06Z' }, { key: 'b', value: base64('y'), creationDate: 1, changeDate: 2 }, { key: 'c' }] });
    const [a, b, c] = await client({ userApi: 'v2' }).listUserMetadata(ALICE);
    assert.deepEqual([a.creationDate, a.changeDate, a.value], ['2024-01-02T03:04:05Z', '2024-02-03T04:05:06Z', 'x']);
    assert.deepEqual([b.creationDate, b.changeDate, b.value], [undefined, undefined, 'y']);
    assert.deepEqual({ ...c }, { key: 'c', raw: '', value: '', encoding: 'text', byteLength: 0 });
  });

  it('totals as text: "0" (an explicit zero) and several digits', async () => {
    answering({ details: { totalResult: '0' } });
    assert.deepEqual(await client().listMyMetadata(), []);
    const keys = Array.from({ length: 12 }, (_, i) => `k${i}`);
    answering({ details: { totalResult: '12' }, result: keys.map((key) => ({ key, value: base64(key) })) });
    assert.deepEqual((await client().listMyMetadata()).map((e) => e.key), keys);
  });
});

describe('ZITADEL API client: the connection', function () {
  this.timeout(30_000);

  /** A server that answers every request with these raw bytes (a status line without a reason, no content type…). */
  async function rawServer(response: string): Promise<{ url: string; close(): Promise<void> }> {
    const server = createNetServer((socket) => {
      socket.once('data', () => socket.end(response));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  it('not-json: a status without a reason, no content type, an empty body', async () => {
    const raw = await rawServer('HTTP/1.1 502 \r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
    try {
      const err = await rejection(new ZitadelApiClient({ baseUrl: raw.url, token: ADMIN }).listMyMetadata());
      assert.equal(err.code, 'not-json');
      assert.equal(err.status, 502);
      assert.equal(err.message, 'Listing your metadata failed: ZITADEL answered HTTP 502 with an empty body. A proxy or an older ZITADEL may be answering; check the instance URL.');
    } finally {
      await raw.close();
    }
  });

  it('not-json: text without a content type, exactly 200 characters: shown whole, without an ellipsis', async () => {
    const text = 'z'.repeat(200);
    const raw = await rawServer(`HTTP/1.1 500 Oops\r\ncontent-length: 200\r\nconnection: close\r\n\r\n${text}`);
    try {
      const err = await rejection(new ZitadelApiClient({ baseUrl: raw.url, token: ADMIN }).listMyMetadata());
      assert.equal(err.code, 'not-json');
      assert.equal(err.message, `Listing your metadata failed: ZITADEL answered HTTP 500 Oops with no content type, not JSON: "${text}". A proxy or an older ZITADEL may be answering; check the instance URL.`);
    } finally {
      await raw.close();
    }
  });

  it('refuses a base URL that is not a URL, or not http(s), naming an example', () => {
    const refusal = (baseUrl: string) => {
      try {
        new ZitadelApiClient({ baseUrl, token: ADMIN });
      } catch (e) {
        assert.ok(e instanceof ZitadelApiError && e.code === 'validation', String(e));
        return e.message;
      }
      assert.fail(`accepted ${baseUrl}`);
    };
    assert.equal(refusal('my-instance.zitadel.cloud'), '"my-instance.zitadel.cloud" is not a URL. Use the instance URL, e.g. https://my-instance.zitadel.cloud.');
    assert.equal(refusal('ftp://my-instance.zitadel.cloud'), '"ftp://my-instance.zitadel.cloud" is not an http(s) URL. Use the instance URL, e.g. https://my-instance.zitadel.cloud.');
  });

  it('keeps the base URL as origin and path without trailing slashes, for http and https', () => {
    const base = (baseUrl: string) => new ZitadelApiClient({ baseUrl, token: ADMIN }).baseUrl;
    assert.equal(base('https://my-instance.zitadel.cloud/'), 'https://my-instance.zitadel.cloud');
    assert.equal(base('HTTPS://My-Instance.zitadel.cloud:443///'), 'https://my-instance.zitadel.cloud');
    assert.equal(base('http://127.0.0.1:8080/zitadel//'), 'http://127.0.0.1:8080/zitadel');
  });

  it('refuses a blank token and a timeout that is not a positive number', () => {
    assert.throws(() => new ZitadelApiClient({ baseUrl: 'http://127.0.0.1:9', token: '  ' }), { name: 'ZitadelApiError', message: 'No token: sign in first, or enter a personal access token.' });
    assert.throws(() => new ZitadelApiClient({ baseUrl: 'http://127.0.0.1:9', token: undefined as unknown as string }), { message: 'No token: sign in first, or enter a personal access token.' });
    for (const timeoutMs of [NaN, -1, Infinity]) {
      assert.throws(() => new ZitadelApiClient({ baseUrl: 'http://127.0.0.1:9', token: ADMIN, timeoutMs }), { message: `The timeout must be a positive number of milliseconds; got ${timeoutMs}.` });
    }
  });

  it('a call canceled before it starts: cancelled, naming the call and the endpoint', async () => {
    const s = await startZitadelApi({ issuer: NO_ISSUER, pats: [{ token: ADMIN, userId: ALICE, permissions: ['user.read'] }], users: [{ id: ALICE, orgId: DEMO_ORG_ID }] });
    try {
      const controller = new AbortController();
      controller.abort();
      const err = await rejection(new ZitadelApiClient({ baseUrl: s.url, token: ADMIN }).getMyMetadata('team', { signal: controller.signal }));
      assert.equal(err.code, 'cancelled');
      assert.equal(err.message, 'Reading your metadata "team": canceled.');
      assert.equal(err.endpoint, 'GET /auth/v1/users/me/metadata/team');
      assert.deepEqual(s.requests, []);
    } finally {
      await s.stop();
    }
  });

  it('sends the token and asks for JSON; a call without a body sends no content type', async () => {
    const s = await startZitadelApi({ issuer: NO_ISSUER, pats: [{ token: ADMIN, userId: ALICE, permissions: ['user.read'] }], users: [{ id: ALICE, orgId: DEMO_ORG_ID, metadata: { team: 'blue' } }] });
    try {
      assert.equal((await new ZitadelApiClient({ baseUrl: s.url, token: ADMIN }).getMyMetadata('team')).value, 'blue');
      const { headers } = s.requests[0];
      assert.deepEqual([headers.authorization, headers.accept, headers['content-type']], [`Bearer ${ADMIN}`, 'application/json', undefined]);
    } finally {
      await s.stop();
    }
  });
});

describe('ZITADEL API client: writes at their edges', function () {
  this.timeout(30_000);
  let s: ContractServer;
  beforeEach(async () => {
    s = await startZitadelApi({ issuer: NO_ISSUER, pats: [{ token: ADMIN, userId: ALICE, permissions: ['user.read', 'user.write'] }], users: [{ id: ALICE, orgId: DEMO_ORG_ID }] });
  });
  afterEach(() => s?.stop());

  it('removes keys whose query is exactly 6000 characters in one DELETE, one more key in a second', async () => {
    // Each key travels as "keys=<key>&": 29 keys of 200 characters (206 each) and one of 20 (26) make 6000.
    const keys = [...Array.from({ length: 29 }, (_, i) => `${String(i).padStart(2, '0')}${'k'.repeat(198)}`), 'x'.repeat(20)];
    assert.equal(keys.reduce((n, k) => n + `keys=${k}&`.length, 0), 6000);
    s.setMetadata(ALICE, [...keys, 'last'].map((k) => [k, 'v'] as [string, string]));
    const c = new ZitadelApiClient({ baseUrl: s.url, token: ADMIN, userApi: 'v2' });
    await c.removeUserMetadata(ALICE, keys);
    assert.equal(s.requests.filter((r) => r.method === 'DELETE').length, 1);
    assert.equal(s.metadataOf(ALICE).has(keys[0]), false);
    s.setMetadata(ALICE, keys.map((k) => [k, 'v'] as [string, string]));
    await c.removeUserMetadata(ALICE, [...keys, 'last']);
    assert.equal(s.requests.filter((r) => r.method === 'DELETE').length, 3);
    assert.equal(s.metadataOf(ALICE).size, 0);
  });

  it('management v1 write answers: the change date when given, none when the details are missing or not an object', async () => {
    const c = new ZitadelApiClient({ baseUrl: s.url, token: ADMIN, userApi: 'v1' });
    s.setFault(json(200, { details: { sequence: '3', changeDate: '2024-05-06T07:08:09Z' } }));
    assert.deepEqual(await c.setUserMetadata(ALICE, [{ key: 'a', value: 'b' }]), { api: 'v1', date: '2024-05-06T07:08:09Z' });
    s.setFault(json(200, {}));
    assert.deepEqual(await c.setUserMetadata(ALICE, [{ key: 'a', value: 'b' }]), { api: 'v1', date: undefined });
    s.setFault(json(200, { details: 'changed' }));
    assert.deepEqual(await c.removeUserMetadata(ALICE, ['a']), { api: 'v1', date: undefined });
  });

  it('user service v2 write answers: setDate and deletionDate when they are text', async () => {
    const c = new ZitadelApiClient({ baseUrl: s.url, token: ADMIN, userApi: 'v2' });
    s.setFault(json(200, { setDate: '2024-05-06T07:08:09Z' }));
    assert.deepEqual(await c.setUserMetadata(ALICE, [{ key: 'a', value: 'b' }]), { api: 'v2', date: '2024-05-06T07:08:09Z' });
    s.setFault(json(200, { deletionDate: 5 }));
    assert.deepEqual(await c.removeUserMetadata(ALICE, ['a']), { api: 'v2', date: undefined });
  });
});
