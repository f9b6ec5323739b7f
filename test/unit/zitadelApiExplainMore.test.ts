// More of how the ZITADEL API client explains answers: error ids given only in `details`, gRPC code 0,
// error bodies under HTTP 200, content types with spaces, long server texts, translations keyed by
// their translators' comments, and the client's own timeout, network and lookup results. The
// contract server's `fault` answers every request with a fixed status and body.
import { strict as assert } from 'node:assert';
import { createServer, type AddressInfo } from 'node:net';
import * as l10n from '@vscode/l10n';
import { ZitadelApiClient, ZitadelApiError } from '../../src/core/zitadel/api/index';
import { DEMO_ORG_ID, startZitadelApi, type ContractOptions, type ContractServer } from '../support/zitadelApi/index';
import { rejectionWith, settlesWithin } from '../support/oidcAssertions';

const ALICE = '300000000000000001';
const BOB = '300000000000000002'; // in another org
const OTHER_ORG = '190957560872829185';
const ADMIN = 'pat-explain-admin';
const NO_ISSUER = 'http://127.0.0.1:9'; // PATs only: the contract server never asks the issuer
const LIST = 'POST /auth/v1/users/me/metadata/_search';

const rejection = (promise: Promise<unknown>) => rejectionWith(ZitadelApiError, promise);
const json = (status: number, body: unknown) => ({ status, contentType: 'application/json', body: JSON.stringify(body) });

describe('ZITADEL API client: more answers explained', function () {
  this.timeout(30_000);
  const servers: ContractServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  async function server(options: Partial<ContractOptions> = {}): Promise<ContractServer> {
    const s = await startZitadelApi({
      issuer: NO_ISSUER,
      pats: [{ token: ADMIN, userId: ALICE, permissions: ['user.read', 'user.write'] }],
      users: [
        { id: ALICE, orgId: DEMO_ORG_ID, metadata: { team: 'blue' } },
        { id: BOB, orgId: OTHER_ORG, metadata: { team: 'red' } },
      ],
      ...options,
    });
    servers.push(s);
    return s;
  }
  const client = (s: ContractServer, extra: Partial<ConstructorParameters<typeof ZitadelApiClient>[0]> = {}) => new ZitadelApiClient({ baseUrl: s.url, token: ADMIN, ...extra });

  describe('error ids and codes', () => {
    it('gRPC code 0 (ok) in an error answer is still a gRPC status: a server error naming it', async () => {
      const s = await server({ fault: json(500, { code: 0, message: 'odd' }) });
      const err = await rejection(client(s).listMyMetadata());
      assert.equal(err.code, 'server-error');
      assert.equal(err.grpcCode, 'ok');
      assert.equal(err.message, `Listing your metadata failed: ZITADEL answered HTTP 500 (ok). ZITADEL said: "odd". Try again later; if it persists, check the instance's logs.`);
    });

    it('a missing user known only by the error id in details (COMMAND-uXHNj), whatever the code and text', async () => {
      const s = await server({ fault: json(400, { code: 9, message: 'precondition', details: [{ id: 'COMMAND-uXHNj' }] }) });
      const err = await rejection(client(s, { userApi: 'v2' }).setUserMetadata(ALICE, [{ key: 'k', value: 'v' }]));
      assert.equal(err.code, 'not-found');
      assert.equal(err.notFound, 'user');
      assert.equal(err.zitadelId, 'COMMAND-uXHNj');
      assert.equal(err.message, `Setting metadata "k" of user ${ALICE} failed: user ${ALICE} was not found. Check the user ID. ZITADEL said: "precondition".`);
    });

    it('a missing key known only by the error id in details (META-ncnw3), whatever the code and text', async () => {
      const s = await server({ fault: json(400, { code: 9, message: 'precondition', details: [{ id: 'META-ncnw3' }] }) });
      const err = await rejection(client(s).getMyMetadata('team'));
      assert.equal(err.code, 'not-found');
      assert.equal(err.notFound, 'key');
      assert.equal(err.message, 'Reading your metadata "team" failed: you have no metadata key "team". ZITADEL said: "precondition".');
    });

    it('an error body (code, message, details) under HTTP 200 is an error, not a success', async () => {
      const s = await server({ fault: json(200, { code: 5, message: 'gone', details: [{ id: 'QUERY-Rgh32' }] }) });
      const err = await rejection(client(s).getMyMetadata('team'));
      assert.equal(err.code, 'not-found');
      assert.equal(err.status, 200);
      assert.equal(err.message, 'Reading your metadata "team" failed: you have no metadata key "team". ZITADEL said: "gone".');
    });

    it('APP-Zxfako given only as the error id in details is the missing audience', async () => {
      const s = await server({ fault: json(401, { code: 16, message: 'invalid audience', details: [{ id: 'APP-Zxfako' }] }) });
      const err = await rejection(client(s).listMyMetadata());
      assert.equal(err.code, 'invalid-audience');
      assert.equal(
        err.message,
        "Listing your metadata failed: the access token's audience does not include the ZITADEL API (APP-Zxfako). Add the scope urn:zitadel:iam:org:project:id:zitadel:aud to this profile's scopes and sign in again. Personal access tokens skip this check.",
      );
    });
  });

  describe('texts shown', () => {
    it('names a content type without the spaces before its parameters', async () => {
      const s = await server({ fault: { status: 502, contentType: 'text/html ; charset=utf-8', body: '<p>down</p>' } });
      const err = await rejection(client(s).listMyMetadata());
      assert.equal(err.code, 'not-json');
      assert.equal(err.message, 'Listing your metadata failed: ZITADEL answered HTTP 502 Bad Gateway with text/html, not JSON: "<p>down</p>". A proxy or an older ZITADEL may be answering; check the instance URL.');
    });

    it('shows the first 200 characters of JSON that is not a ZITADEL error', async () => {
      const body = JSON.stringify({ note: 'n'.repeat(300) });
      const s = await server({ fault: { status: 500, contentType: 'application/json', body } });
      const err = await rejection(client(s).listMyMetadata());
      assert.equal(err.code, 'unexpected-response');
      assert.equal(err.message, `Listing your metadata failed: ZITADEL answered HTTP 500 with JSON that is not a ZITADEL error: ${body.slice(0, 200)}`);
      assert.equal(err.body, body);
    });

    it("quotes a server message of exactly 300 characters whole, and cuts a longer one at 300", async () => {
      const s = await server({ fault: json(500, { code: 13, message: 'm'.repeat(300) }) });
      const whole = await rejection(client(s).listMyMetadata());
      assert.equal(whole.message, `Listing your metadata failed: ZITADEL answered HTTP 500 (internal). ZITADEL said: "${'m'.repeat(300)}". Try again later; if it persists, check the instance's logs.`);
      s.setFault(json(500, { code: 13, message: 'm'.repeat(301) }));
      const cut = await rejection(client(s).listMyMetadata());
      assert.equal(cut.message, `Listing your metadata failed: ZITADEL answered HTTP 500 (internal). ZITADEL said: "${'m'.repeat(300)}…". Try again later; if it persists, check the instance's logs.`);
    });
  });

  describe("translations keyed by their translators' comments", () => {
    afterEach(() => l10n.config({ contents: {} }));

    it('uses the translation of "ZITADEL answered {1}" and of the word "key" kept under message and comment', async () => {
      l10n.config({
        contents: {
          '{0} failed: ZITADEL answered {1}./{1} is an HTTP status and a gRPC code': { message: '{0} FAILED: ANSWER {1}.', comment: ['{1} is an HTTP status and a gRPC code'] },
          'key/As in "you have no metadata key"': { message: 'KEY', comment: ['As in "you have no metadata key"'] },
        },
      });
      const s = await server({ fault: json(503, { code: 14 }) });
      const failed = await rejection(client(s).listMyMetadata());
      assert.equal(failed.message, "Listing your metadata FAILED: ANSWER HTTP 503 (unavailable). Try again later; if it persists, check the instance's logs.");
      s.setFault(json(404, { code: 5, message: 'none', details: [{ id: 'META-ncnw3' }] }));
      const missing = await rejection(client(s).listMyMetadata());
      assert.equal(missing.message, 'Listing your metadata failed: you have no metadata KEY. ZITADEL said: "none".');
    });
  });

  describe('timeouts and the network', () => {
    it('says a timeout under a second to one decimal, with the endpoint and the abort as cause', async () => {
      const s = await server({ fault: 'hang' });
      const err = await settlesWithin(rejection(client(s, { timeoutMs: 120 }).listMyMetadata()), 5000, 'the client giving up after its 0.12 s timeout');
      assert.equal(err.code, 'timeout');
      assert.equal(err.message, `Listing your metadata failed: ZITADEL did not answer within 0.1 s (${LIST}). Check the instance URL and your network, then try again.`);
      assert.equal(err.endpoint, LIST);
      assert.equal((err.cause as Error).name, 'TimeoutError');
    });

    it('logs what the network said when nothing listens: the endpoint, the cause, and the socket error as body', async () => {
      const port = await new Promise<number>((resolve) => {
        const probe = createServer();
        probe.listen(0, '127.0.0.1', () => {
          const { port: p } = probe.address() as AddressInfo;
          probe.close(() => resolve(p));
        });
      });
      const err = await rejection(new ZitadelApiClient({ baseUrl: `http://127.0.0.1:${port}`, token: ADMIN }).listMyMetadata());
      assert.equal(err.code, 'network');
      assert.equal(err.endpoint, LIST);
      assert.ok(err.cause instanceof TypeError, 'fetch\'s own error is the cause');
      assert.equal(err.body, `Error: connect ECONNREFUSED 127.0.0.1:${port}`);
    });

    it('a fetch that rejects with nothing is still a network error', async () => {
      const fetch = (() => Promise.reject(undefined)) as unknown as typeof globalThis.fetch;
      const err = await rejection(new ZitadelApiClient({ baseUrl: 'http://127.0.0.1:9', token: ADMIN, fetch }).listMyMetadata());
      assert.equal(err.code, 'network');
      assert.equal(err.body, 'undefined');
      assert.equal(err.message, 'Listing your metadata failed: could not reach ZITADEL at http://127.0.0.1:9: undefined. Check the instance URL and your network connection.');
    });
  });

  describe('looking up a user', () => {
    it('management v1 with an organization: a user of another org is not found there, and the answer names the org looked in', async () => {
      const s = await server({ v2: false });
      assert.deepEqual(await client(s, { userApi: 'v1', orgId: DEMO_ORG_ID }).findUser(BOB), { found: false, api: 'v1', orgId: DEMO_ORG_ID });
    });

    it('a missing metadata key in a lookup answer is an error, not "no such user"', async () => {
      const s = await server({ fault: json(400, { code: 9, message: 'odd', details: [{ id: 'META-ncnw3' }] }) });
      const err = await rejection(client(s, { userApi: 'v2' }).findUser(ALICE));
      assert.equal(err.code, 'not-found');
      assert.equal(err.notFound, 'key');
      assert.equal(err.message, `Looking up user ${ALICE} failed: user ${ALICE} has no metadata key. ZITADEL said: "odd".`);
    });
  });
});
