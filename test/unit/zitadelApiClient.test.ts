// The ZITADEL API client against real servers: the demo issuer (JWT access tokens from a real
// sign-in) and the contract server (test/support/zitadelApi), over loopback HTTP.
import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import { DEMO_USER, type DemoIssuer } from '../../demo/issuer/index';
import { v2Unavailable, ZitadelApiClient, ZitadelApiError, TEXT_QUERY_METHODS, type ApiMetadataEntry, type TextQueryMethod, type UserApiVersion } from '../../src/core/zitadel/api/index';
import { decisionFrom } from '../../src/core/zitadel/api/fallback';
import { DEMO_ORG_ID, startZitadelApi, type ContractOptions, type ContractServer } from '../support/zitadelApi/index';
import { accessTokenFor, AUD_SCOPE, BASE_SCOPES, startJwtIssuer } from '../support/zitadelApi/signIn';
import { rejectionWith, settlesWithin } from '../support/oidcAssertions';

const ALICE = '300000000000000001';
const BOB = '300000000000000002'; // in another org
const OTHER_ORG = '190957560872829185';
const PATS = [
  { token: 'pat-admin-7c1f', userId: ALICE, permissions: ['user.read', 'user.write'] as const },
  { token: 'pat-reader-93ab', userId: ALICE, permissions: ['user.read'] as const },
  { token: 'pat-expired-11d0', userId: ALICE, permissions: ['user.read', 'user.write'] as const, expired: true },
];
const [ADMIN, READER, EXPIRED] = PATS.map((p) => p.token);

const rejection = (promise: Promise<unknown>) => rejectionWith(ZitadelApiError, promise);

const bodyOf = (server: ContractServer, i: number) => JSON.parse(server.requests[i].body) as unknown;
const route = (server: ContractServer) => server.requests.map((r) => `${r.method} ${r.url} ${r.status}`);
const keysOf = (entries: ApiMetadataEntry[]) => entries.map((e) => e.key);

describe('ZITADEL API client against the contract server and the demo issuer', function () {
  this.timeout(30_000);
  let issuer: DemoIssuer;
  let withAud: string;
  let withoutAud: string;
  const servers: ContractServer[] = [];

  before(async () => {
    issuer = await startJwtIssuer();
    withAud = await accessTokenFor(issuer, [...BASE_SCOPES, AUD_SCOPE]);
    withoutAud = await accessTokenFor(issuer, BASE_SCOPES);
  });
  after(() => issuer?.stop());
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  async function server(options: Partial<ContractOptions> = {}): Promise<ContractServer> {
    const s = await startZitadelApi({
      issuer: issuer.issuer,
      pats: PATS.map((p) => ({ ...p, permissions: [...p.permissions] })),
      users: [
        { id: ALICE, orgId: DEMO_ORG_ID, metadata: { team: 'blue', 'P-ID': '4711' } },
        { id: BOB, orgId: OTHER_ORG, metadata: { team: 'red' } },
      ],
      ...options,
    });
    servers.push(s);
    return s;
  }

  const client = (s: ContractServer, token: string, extra: Partial<ConstructorParameters<typeof ZitadelApiClient>[0]> = {}) => new ZitadelApiClient({ baseUrl: s.url, token, ...extra });

  describe('the signed-in user (auth API v1)', () => {
    it('lists my metadata with a JWT access token that carries the ZITADEL API audience', async () => {
      const s = await server();
      assert.ok(withAud.split('.').length === 3, 'a JWT access token');
      const entries = await client(s, withAud).listMyMetadata();
      assert.deepEqual(keysOf(entries), ['ContractNumber', 'P-ID', 'avatarHash', 'settings']);
      const byKey = Object.fromEntries(entries.map((e) => [e.key, e]));
      assert.equal(byKey['P-ID'].value, '12351983');
      assert.equal(byKey['P-ID'].raw, 'MTIzNTE5ODM=');
      assert.equal(byKey['P-ID'].encoding, 'text');
      assert.equal(byKey.ContractNumber.value, '1234');
      assert.equal(byKey.avatarHash.encoding, 'binary');
      assert.equal(byKey.avatarHash.value, 'ff001080');
      assert.equal(byKey.settings.encoding, 'json');
      assert.deepEqual(byKey.settings.json, { theme: 'dark', beta: true });
      assert.equal(byKey.settings.resourceOwner, DEMO_ORG_ID);
      assert.match(byKey.settings.changeDate!, /^\d{4}-\d\d-\d\dT/);
      assert.match(byKey.settings.sequence!, /^\d+$/);
      assert.deepEqual(route(s), ['POST /auth/v1/users/me/metadata/_search 200']);
      assert.deepEqual(bodyOf(s, 0), { query: { offset: '0', limit: 100, asc: true } });
      assert.equal(s.requests[0].headers.authorization, `Bearer ${withAud}`);
      assert.equal(s.requests[0].headers['content-type'], 'application/json');
      assert.equal(s.requests[0].headers['x-zitadel-orgid'], undefined);
    });

    it('gets one of my keys; an unknown key is not-found (key); a key with "/" is found by a search', async () => {
      const s = await server();
      s.setMetadata(ALICE, { 'a/b': 'slash' });
      const c = client(s, ADMIN);
      const entry = await c.getMyMetadata('P-ID');
      assert.equal(entry.value, '4711');
      assert.equal(entry.raw, 'NDcxMQ==');
      const err = await rejection(c.getMyMetadata('nope'));
      assert.equal(err.code, 'not-found');
      assert.equal(err.notFound, 'key');
      assert.equal(err.status, 404);
      assert.equal(err.zitadelId, 'QUERY-Rgh32');
      assert.equal(err.message, 'Reading your metadata "nope" failed: you have no metadata key "nope". ZITADEL said: "Metadata not found (QUERY-Rgh32)".');
      assert.equal((await c.getMyMetadata('a/b')).value, 'slash');
      assert.deepEqual(route(s), ['GET /auth/v1/users/me/metadata/P-ID 200', 'GET /auth/v1/users/me/metadata/nope 404', 'POST /auth/v1/users/me/metadata/_search 200']);
      assert.deepEqual(bodyOf(s, 2), { query: { offset: '0', limit: 100, asc: true }, queries: [{ keyQuery: { key: 'a/b', method: 'TEXT_QUERY_METHOD_EQUALS' } }] });
    });

    it('invalid-audience: a JWT access token signed in without the aud scope, explained with the fix', async () => {
      const s = await server();
      const err = await rejection(client(s, withoutAud).listMyMetadata());
      assert.equal(err.code, 'invalid-audience');
      assert.equal(err.status, 401);
      assert.equal(err.zitadelId, 'APP-Zxfako');
      assert.equal(err.grpcCode, 'unauthenticated');
      assert.equal(
        err.message,
        `Listing your metadata failed: the access token's audience does not include the ZITADEL API (APP-Zxfako). Add the scope ${AUD_SCOPE} to this profile's scopes and sign in again. Personal access tokens skip this check.`,
      );
      assert.equal(err.body, '{"code":16,"message":"invalid audience (APP-Zxfako)","details":[{"@type":"type.googleapis.com/zitadel.v1.ErrorDetail","id":"APP-Zxfako","message":"invalid audience"}]}');
      assert.equal(err.endpoint, 'POST /auth/v1/users/me/metadata/_search');
    });

    it('a personal access token skips the audience check', async () => {
      const s = await server();
      const entries = await client(s, ADMIN).listMyMetadata();
      assert.deepEqual(keysOf(entries), ['P-ID', 'team']);
      assert.deepEqual(entries.map((e) => e.value), ['4711', 'blue']);
    });

    it('pages through 10,000 keys: every key once, onPage per page in order, offsets as strings', async () => {
      const s = await server();
      const keys = Array.from({ length: 10_000 }, (_, i) => `k${String(i).padStart(5, '0')}`);
      s.setMetadata(ALICE, keys.map((k) => [k, `v-${k}`] as [string, string]));
      const pages: { keys: string[]; soFar: number; total: number }[] = [];
      const entries = await client(s, ADMIN).listMyMetadata({ onPage: (page, soFar, total) => pages.push({ keys: keysOf(page), soFar, total }) });
      const expected = [...keys, 'P-ID', 'team'].sort();
      assert.equal(entries.length, 10_002);
      assert.deepEqual(keysOf(entries), expected);
      assert.equal(new Set(keysOf(entries)).size, 10_002);
      assert.equal(entries.find((e) => e.key === 'k00000')?.value, 'v-k00000');
      assert.equal(pages.length, 101);
      pages.forEach((p, i) => {
        assert.equal(p.total, 10_002);
        assert.equal(p.soFar, Math.min((i + 1) * 100, 10_002));
        assert.deepEqual(p.keys, expected.slice(i * 100, i * 100 + 100));
      });
      assert.equal(s.requests.length, 101);
      s.requests.forEach((r, i) => assert.deepEqual(JSON.parse(r.body), { query: { offset: String(i * 100), limit: 100, asc: true } }));
    });

    it('pages of one entry: the smallest page size is allowed', async () => {
      const s = await server();
      s.setMetadata(ALICE, [['a', '1'], ['b', '2'], ['c', '3']]);
      const all = keysOf(await client(s, ADMIN).listUserMetadata(ALICE)).sort();
      s.requests.length = 0;
      const theirs = await client(s, ADMIN).listUserMetadata(ALICE, { pageSize: 1 });
      assert.deepEqual(keysOf(theirs).sort(), all);
      assert.ok(all.includes('c') && s.requests.length >= all.length, `one request per entry: ${s.requests.length} for ${all.length}`);
    });

    it('pages of up to 1000, and the same through user service v2 (offsets as numbers)', async () => {
      const s = await server();
      s.setMetadata(ALICE, Array.from({ length: 10_000 }, (_, i) => [`k${String(i).padStart(5, '0')}`, 'x'] as [string, string]));
      const calls: number[] = [];
      const mine = await client(s, ADMIN).listMyMetadata({ pageSize: 1000, onPage: (_p, soFar) => calls.push(soFar) });
      assert.equal(mine.length, 10_002);
      assert.deepEqual(calls, [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000, 10_002]);
      s.requests.length = 0;
      const theirs = await client(s, ADMIN).listUserMetadata(ALICE, { pageSize: 1000 });
      assert.deepEqual(keysOf(theirs).sort(), keysOf(mine), 'the same keys (v2 in creation order)');
      assert.equal(s.requests.length, 11);
      s.requests.forEach((r, i) => {
        assert.equal(r.url, `/v2/users/${ALICE}/metadata/search`);
        assert.deepEqual(JSON.parse(r.body), { pagination: { offset: i * 1000, limit: 1000, asc: true } });
      });
    });
  });

  describe('a server whose pages are shorter than asked (page cap 7)', () => {
    const KEYS = Array.from({ length: 30 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    for (const api of ['auth', 'v2', 'v1'] as const) {
      it(`lists every key exactly once, asking from where the last page ended (${api})`, async () => {
        const s = await server({ pageCap: 7 });
        s.setMetadata(ALICE, KEYS.map((k) => [k, `v-${k}`] as [string, string]));
        const expected = [...KEYS, 'P-ID', 'team'].sort();
        const pages: [number, number][] = [];
        const onPage = (page: ApiMetadataEntry[], soFar: number, total: number) => {
          assert.equal(total, 32);
          pages.push([page.length, soFar]);
        };
        const c = client(s, ADMIN, api === 'v1' ? { userApi: 'v1' } : {});
        const entries = api === 'auth' ? await c.listMyMetadata({ pageSize: 10, onPage }) : await c.listUserMetadata(ALICE, { pageSize: 10, onPage });
        assert.deepEqual(keysOf(entries).sort(), expected);
        assert.equal(entries.length, 32, 'no key twice');
        assert.deepEqual(pages, [[7, 7], [7, 14], [7, 21], [7, 28], [4, 32]]);
        const offsets = s.requests.map((r) => {
          const sent = JSON.parse(r.body) as { query?: { offset: string; limit: number }; pagination?: { offset: number; limit: number } };
          return [Number(sent.query?.offset ?? sent.pagination?.offset), sent.query?.limit ?? sent.pagination?.limit];
        });
        assert.deepEqual(offsets, [[0, 10], [7, 10], [14, 10], [21, 10], [28, 10]]);
      });
    }
  });

  describe('the eight text methods', () => {
    const KEYS = ['Alpha', 'alpha', 'alphabet', 'beta-ALPHA', 'beta-alpha', 'gamma'];
    const EXPECTED: Record<TextQueryMethod, string[]> = {
      TEXT_QUERY_METHOD_EQUALS: ['alpha'],
      TEXT_QUERY_METHOD_EQUALS_IGNORE_CASE: ['Alpha', 'alpha'],
      TEXT_QUERY_METHOD_STARTS_WITH: ['alpha', 'alphabet'],
      TEXT_QUERY_METHOD_STARTS_WITH_IGNORE_CASE: ['Alpha', 'alpha', 'alphabet'],
      TEXT_QUERY_METHOD_CONTAINS: ['alpha', 'alphabet', 'beta-alpha'],
      TEXT_QUERY_METHOD_CONTAINS_IGNORE_CASE: ['Alpha', 'alpha', 'alphabet', 'beta-ALPHA', 'beta-alpha'],
      TEXT_QUERY_METHOD_ENDS_WITH: ['alpha', 'beta-alpha'],
      TEXT_QUERY_METHOD_ENDS_WITH_IGNORE_CASE: ['Alpha', 'alpha', 'beta-ALPHA', 'beta-alpha'],
    };
    it('has all eight', () => assert.deepEqual(Object.keys(EXPECTED), [...TEXT_QUERY_METHODS]));

    for (const api of ['auth', 'v2', 'v1'] as const) {
      it(`filters keys with each method (${api === 'auth' ? 'auth v1, my metadata' : `${api}, a user's metadata`})`, async () => {
        const s = await server({ v2: api !== 'v1' });
        s.setMetadata(ALICE, Object.fromEntries(KEYS.map((k) => [k, k])));
        const c = client(s, ADMIN, api === 'v1' ? { userApi: 'v1' } : {});
        for (const method of TEXT_QUERY_METHODS) {
          s.requests.length = 0;
          const entries = api === 'auth' ? await c.listMyMetadata({ key: 'alpha', method }) : await c.listUserMetadata(ALICE, { key: 'alpha', method });
          assert.deepEqual(keysOf(entries), EXPECTED[method], method);
          const sent = bodyOf(s, 0);
          if (api === 'v2') {
            assert.deepEqual(sent, { pagination: { offset: 0, limit: 100, asc: true }, filters: [{ keyFilter: { key: 'alpha', method: method.replace('TEXT_QUERY_METHOD_', 'TEXT_FILTER_METHOD_') } }] });
          } else {
            assert.deepEqual(sent, { query: { offset: '0', limit: 100, asc: true }, queries: [{ keyQuery: { key: 'alpha', method } }] });
          }
        }
      });
    }
  });

  describe('other users: user service v2', () => {
    it('sets (single and bulk, text/JSON/bytes/base64), gets, lists and removes, remembering v2', async () => {
      const s = await server();
      const decided: UserApiVersion[] = [];
      const c = client(s, ADMIN, { onUserApiDecided: (api) => decided.push(api) });
      assert.equal(c.userApi, undefined);

      const one = await c.setUserMetadata(ALICE, [{ key: 'note', value: 'héllo' }]);
      assert.equal(one.api, 'v2');
      assert.match(one.date!, /^\d{4}-/);
      assert.equal(c.userApi, 'v2');
      assert.deepEqual(decided, ['v2']);
      assert.deepEqual(bodyOf(s, 0), { metadata: [{ key: 'note', value: Buffer.from('héllo').toString('base64') }] });

      await c.setUserMetadata(ALICE, [
        { key: 'cfg', json: { a: [1, 2] } },
        { key: 'bin', value: Uint8Array.from([0, 255, 1]) },
        { key: 'b64', base64: 'MTIz' },
        { key: 'b64url', base64: '_-8' },
      ]);
      assert.deepEqual(bodyOf(s, 1), {
        metadata: [
          { key: 'cfg', value: 'eyJhIjpbMSwyXX0=' },
          { key: 'bin', value: 'AP8B' },
          { key: 'b64', value: 'MTIz' },
          { key: 'b64url', value: '/+8=' },
        ],
      });
      const stored = s.metadataOf(ALICE);
      assert.equal(stored.get('note')!.toString(), 'héllo');
      assert.equal(stored.get('cfg')!.toString(), '{"a":[1,2]}');
      assert.deepEqual([...stored.get('bin')!], [0, 255, 1]);
      assert.equal(stored.get('b64')!.toString(), '123');
      assert.deepEqual([...stored.get('b64url')!], [0xff, 0xef]);

      const cfg = await c.getUserMetadata(ALICE, 'cfg');
      assert.deepEqual(cfg.json, { a: [1, 2] });
      assert.equal(cfg.raw, 'eyJhIjpbMSwyXX0=');
      assert.deepEqual(bodyOf(s, 2), { pagination: { offset: 0, limit: 100, asc: true }, filters: [{ keyFilter: { key: 'cfg', method: 'TEXT_FILTER_METHOD_EQUALS' } }] });

      assert.deepEqual(keysOf(await c.listUserMetadata(ALICE)), ['team', 'P-ID', 'note', 'cfg', 'bin', 'b64', 'b64url'], 'v2 lists in creation order');

      const removed = await c.removeUserMetadata(ALICE, ['note']);
      assert.equal(removed.api, 'v2');
      await c.removeUserMetadata(ALICE, ['b64', 'b64url']);
      assert.equal(s.requests[4].body, '', 'the v2 DELETE has no body mapping: keys go in the query');
      assert.equal(s.requests[5].body, '');
      assert.deepEqual([...s.metadataOf(ALICE).keys()], ['P-ID', 'bin', 'cfg', 'team']);
      assert.deepEqual(route(s), [
        `POST /v2/users/${ALICE}/metadata 200`,
        `POST /v2/users/${ALICE}/metadata 200`,
        `POST /v2/users/${ALICE}/metadata/search 200`,
        `POST /v2/users/${ALICE}/metadata/search 200`,
        `DELETE /v2/users/${ALICE}/metadata?keys=note 200`,
        `DELETE /v2/users/${ALICE}/metadata?keys=b64&keys=b64url 200`,
      ]);
      assert.ok(s.requests.every((r) => r.headers['x-zitadel-orgid'] === undefined), 'v2 takes no org header');
      assert.deepEqual(decided, ['v2'], 'reported once');
    });

    it('an unknown user lists as empty; findUser tells, and its 404 (QUERY-Dfbg2) is a real answer, not a missing v2', async () => {
      const s = await server();
      const c = client(s, ADMIN, { orgId: DEMO_ORG_ID });
      assert.deepEqual(await c.listUserMetadata('999'), []);
      assert.deepEqual(await c.findUser('999'), { found: false, api: 'v2', orgId: undefined });
      assert.deepEqual(await c.findUser(BOB), { found: true, api: 'v2', userId: BOB, orgId: OTHER_ORG, loginName: BOB });
      assert.equal(c.userApi, 'v2');
      assert.deepEqual(route(s), ['POST /v2/users/999/metadata/search 200', 'GET /v2/users/999 404', `GET /v2/users/${BOB} 200`]);
    });

    it('writing for an unknown user (failed precondition COMMAND-uXHNj, HTTP 400) is not-found (user)', async () => {
      const s = await server();
      const c = client(s, ADMIN);
      for (const write of [c.setUserMetadata('999', [{ key: 'k', value: 'v' }]), c.removeUserMetadata('999', ['k'])]) {
        const err = await rejection(write);
        assert.equal(err.code, 'not-found');
        assert.equal(err.notFound, 'user');
        assert.equal(err.status, 400);
        assert.equal(err.grpcCode, 'failed_precondition');
        assert.equal(err.zitadelId, 'COMMAND-uXHNj');
        assert.match(err.message, /^(Setting|Removing) metadata "k" of user 999 failed: user 999 was not found\. Check the user ID\. ZITADEL said: "User could not be found \(COMMAND-uXHNj\)"\.$/);
      }
      assert.equal(c.userApi, 'v2', 'a 400 with a ZITADEL id proves v2');
    });

    it('unknown key: get and remove say not-found (key), and remove changes nothing', async () => {
      const s = await server();
      const c = client(s, ADMIN);
      const get = await rejection(c.getUserMetadata(ALICE, 'missing'));
      assert.equal(get.code, 'not-found');
      assert.equal(get.notFound, 'key');
      assert.equal(get.message, `Reading metadata "missing" of user ${ALICE} failed: user ${ALICE} has no metadata key "missing".`);
      const remove = await rejection(c.removeUserMetadata(ALICE, ['team', 'missing']));
      assert.equal(remove.code, 'not-found');
      assert.equal(remove.notFound, 'key');
      assert.equal(remove.status, 404);
      assert.equal(remove.zitadelId, 'META-2nnds');
      assert.equal(remove.message, `Removing metadata "team", "missing" of user ${ALICE} failed: user ${ALICE} has no metadata keys "team", "missing" (or not all of them). ZITADEL said: "One or more keys do not exist (META-2nnds)".`);
      assert.deepEqual([...s.metadataOf(ALICE).keys()], ['P-ID', 'team']);
    });

    it('keys that cannot be a path segment travel in the body or the query, percent-encoded', async () => {
      const s = await server();
      const c = client(s, ADMIN);
      const keys = ['a/b', '..', '_bulk', 'sp ace+plus&amp=eq;semi%pct?q#h', '🔑'];
      await c.setUserMetadata(ALICE, keys.map((key) => ({ key, value: key })));
      for (const key of keys) assert.equal((await c.getUserMetadata(ALICE, key)).value, key);
      await c.removeUserMetadata(ALICE, keys);
      assert.deepEqual([...s.metadataOf(ALICE).keys()], ['P-ID', 'team']);
      assert.equal(s.requests.at(-1)!.url, `/v2/users/${ALICE}/metadata?keys=a%2Fb&keys=..&keys=_bulk&keys=sp%20ace%2Bplus%26amp%3Deq%3Bsemi%25pct%3Fq%23h&keys=%F0%9F%94%91`);
    });

    it('a long key list is removed in several DELETEs (the keys travel in the URL); a failure says which were removed', async () => {
      const s = await server();
      const keys = Array.from({ length: 120 }, (_, i) => `${String(i).padStart(3, '0')}-${'k'.repeat(150)}`);
      s.setMetadata(ALICE, keys.map((k) => [k, 'v'] as [string, string]));
      const c = client(s, ADMIN);
      await c.removeUserMetadata(ALICE, keys.slice(0, 60));
      const deletes = s.requests.filter((r) => r.method === 'DELETE');
      assert.ok(deletes.length >= 2, `${deletes.length} requests`);
      assert.ok(deletes.every((r) => r.url.length < 6200));
      assert.equal(s.metadataOf(ALICE).size, 2 + 60);
      const err = await rejection(c.removeUserMetadata(ALICE, [...keys.slice(60), 'missing']));
      assert.equal(err.code, 'not-found');
      assert.match(err.message, /has no metadata keys "\d+-k+", "\d+-k+", "\d+-k+" and \d+ more \(or not all of them\)\./);
      assert.match(err.message, /Already removed before this failure: "060-k+", "061-k+", "062-k+" and \d+ more\.$/);
    });
  });

  describe('other users: fallback to management v1', () => {
    for (const missingAs of ['json', 'text'] as const) {
      it(`falls back when v2 answers 404 (${missingAs === 'json' ? '{"code":5,"message":"Not Found"}' : 'plain text'}) and remembers it`, async () => {
        const s = await server({ v2: false, v2MissingAs: missingAs });
        const decided: UserApiVersion[] = [];
        const c = client(s, ADMIN, { onUserApiDecided: (api) => decided.push(api) });
        assert.deepEqual(keysOf(await c.listUserMetadata(ALICE)), ['P-ID', 'team']);
        assert.equal(c.userApi, 'v1');
        assert.deepEqual(decided, ['v1']);
        await c.getUserMetadata(ALICE, 'team');
        assert.deepEqual(route(s), [`POST /v2/users/${ALICE}/metadata/search 404`, `POST /management/v1/users/${ALICE}/metadata/_search 200`, `GET /management/v1/users/${ALICE}/metadata/team 200`]);
      });
    }

    for (const body of ['{"code":5,"message":"Not Found (QUERY-Dfbg2)"}', '{"code":5,"message":"Not Found","details":[{"@type":"type.googleapis.com/zitadel.v1.ErrorDetail","id":"QUERY-Dfbg2","message":"Not Found"}]}']) {
      it(`stays on v2 when its 404 carries a ZITADEL error id (${body.includes('details') ? 'in the details' : 'in the message'}): the error is reported, v1 is never asked`, async () => {
        const s = await server();
        s.setFault({ status: 404, contentType: 'application/json', body });
        const decided: UserApiVersion[] = [];
        const c = client(s, ADMIN, { onUserApiDecided: (api) => decided.push(api) });
        const err = await rejection(c.setUserMetadata(ALICE, [{ key: 'team', value: 'green' }]));
        assert.equal(err.code, 'not-found');
        assert.equal(err.zitadelId, 'QUERY-Dfbg2');
        assert.equal(c.userApi, 'v2');
        assert.deepEqual(decided, ['v2']);
        assert.deepEqual(route(s), [`POST /v2/users/${ALICE}/metadata 404`]);
        assert.equal(s.metadataOf(ALICE).get('team')!.toString(), 'blue');
      });
    }

    it('decides from the real signals only', () => {
      const answer = (status: number, text: string, contentType = 'application/json') => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        return { status, statusText: '', contentType, text, json, endpoint: 'POST /v2/users/1/metadata/search' };
      };
      const cases: [string, ReturnType<typeof answer>, UserApiVersion | undefined][] = [
        ['gateway 404 without a route', answer(404, '{"code":5,"message":"Not Found"}'), 'v1'],
        ['405, code 12', answer(405, '{"code":12,"message":"Method Not Allowed"}'), 'v1'],
        ['501, code 12', answer(501, '{"code":12,"message":"Not Implemented"}'), 'v1'],
        ['plain-text 404', answer(404, '404 page not found\n', 'text/plain'), 'v1'],
        ['a 404 with a ZITADEL id (user not found)', answer(404, '{"code":5,"message":"User could not be found (QUERY-Dfbg2)","details":[{"id":"QUERY-Dfbg2"}]}'), 'v2'],
        ['a 404 "Not Found" that names an id', answer(404, '{"code":5,"message":"Not Found (QUERY-Rgh32)"}'), 'v2'],
        ['a 404 "Not Found" whose details carry an id', answer(404, '{"code":5,"message":"Not Found","details":[{"id":"QUERY-Rgh32"}]}'), 'v2'],
        ['a 400 precondition', answer(400, '{"code":9,"message":"Metadata list is empty (META-9mm2d)"}'), 'v2'],
        ['a 401 from the auth check', answer(401, '{"code":16,"message":"invalid token (APP-Reb32)"}'), 'v2'],
        ['a success', answer(200, '{"pagination":{"appliedLimit":"100"}}'), 'v2'],
        ['a proxy\'s 502 page', answer(502, '<html>Bad Gateway</html>', 'text/html'), undefined],
        ['a 404 JSON that is no gRPC status', answer(404, '{"error":"nope"}'), undefined],
        ['a 500 without an id', answer(500, '{"code":13,"message":"internal"}'), 'v2'],
        // Only the gateway's exact "no route" answers mean v2 is missing; any other status is the v2 RPC's.
        ['a 404 NOT_FOUND with its own message and no id', answer(404, '{"code":5,"message":"metadata not found"}'), 'v2'],
        ['a 404 "Not Found" with another code', answer(404, '{"code":12,"message":"Not Found"}'), 'v2'],
        ['a 405 with another code than UNIMPLEMENTED', answer(405, '{"code":3,"message":"Method Not Allowed"}'), 'v2'],
        ['a 400 UNIMPLEMENTED (neither 405 nor 501)', answer(400, '{"code":12,"message":"Not Implemented"}'), 'v2'],
      ];
      for (const [name, a, expected] of cases) {
        assert.equal(v2Unavailable(a), expected === 'v1', name);
        assert.equal(decisionFrom(a), expected, name);
      }
    });

    it('v1 single and bulk endpoints, exact paths and bodies, org header on every v1 call', async () => {
      const s = await server({ v2: false });
      const c = client(s, ADMIN, { orgId: DEMO_ORG_ID, userApi: 'v1' });
      await c.setUserMetadata(ALICE, [{ key: 'a b', value: 'one' }]);
      await c.setUserMetadata(ALICE, [{ key: 'x', value: '1' }, { key: 'y', value: '2' }]);
      await c.setUserMetadata(ALICE, [{ key: '_search', value: 'odd' }]);
      await c.setUserMetadata(ALICE, [{ key: 'c/d', value: 'slash' }]);
      assert.equal((await c.getUserMetadata(ALICE, 'a b')).value, 'one');
      assert.equal((await c.getUserMetadata(ALICE, 'c/d')).value, 'slash');
      await c.removeUserMetadata(ALICE, ['a b']);
      await c.removeUserMetadata(ALICE, ['x', 'y']);
      await c.removeUserMetadata(ALICE, ['c/d']);
      assert.deepEqual(route(s), [
        `POST /management/v1/users/${ALICE}/metadata/a%20b 200`,
        `POST /management/v1/users/${ALICE}/metadata/_bulk 200`,
        `POST /management/v1/users/${ALICE}/metadata/_bulk 200`,
        `POST /management/v1/users/${ALICE}/metadata/_bulk 200`,
        `GET /management/v1/users/${ALICE}/metadata/a%20b 200`,
        `POST /management/v1/users/${ALICE}/metadata/_search 200`,
        `DELETE /management/v1/users/${ALICE}/metadata/a%20b 200`,
        `DELETE /management/v1/users/${ALICE}/metadata/_bulk 200`,
        `DELETE /management/v1/users/${ALICE}/metadata/_bulk 200`,
      ]);
      assert.deepEqual(bodyOf(s, 0), { value: 'b25l' });
      assert.deepEqual(bodyOf(s, 1), { metadata: [{ key: 'x', value: 'MQ==' }, { key: 'y', value: 'Mg==' }] });
      assert.deepEqual(bodyOf(s, 2), { metadata: [{ key: '_search', value: 'b2Rk' }] });
      assert.deepEqual(bodyOf(s, 3), { metadata: [{ key: 'c/d', value: 'c2xhc2g=' }] });
      assert.equal(s.requests[4].body, '');
      assert.deepEqual(bodyOf(s, 5), { query: { offset: '0', limit: 100, asc: true }, queries: [{ keyQuery: { key: 'c/d', method: 'TEXT_QUERY_METHOD_EQUALS' } }] });
      assert.equal(s.requests[6].body, '');
      assert.deepEqual(bodyOf(s, 7), { keys: ['x', 'y'] });
      assert.deepEqual(bodyOf(s, 8), { keys: ['c/d'] });
      assert.ok(s.requests.every((r) => r.headers['x-zitadel-orgid'] === DEMO_ORG_ID));
      assert.deepEqual([...s.metadataOf(ALICE).keys()], ['P-ID', '_search', 'team']);
    });

    it('x-zitadel-orgid selects the org: a user of another org lists as empty and is not found there, in the right org found', async () => {
      const s = await server({ v2: false });
      const own = client(s, ADMIN, { userApi: 'v1' });
      assert.deepEqual(await own.listUserMetadata(BOB), [], 'v1 lists another org\'s user as empty, not as an error');
      assert.deepEqual(await own.findUser(BOB), { found: false, api: 'v1', orgId: undefined });
      assert.equal(s.requests[0].headers['x-zitadel-orgid'], undefined, 'no org given: the caller\'s org');
      const wrong = await rejection(client(s, ADMIN, { userApi: 'v1', orgId: DEMO_ORG_ID }).setUserMetadata(BOB, [{ key: 'k', value: 'v' }]));
      assert.equal(wrong.notFound, 'user');
      assert.equal(
        wrong.message,
        `Setting metadata "k" of user ${BOB} failed: user ${BOB} was not found in organization ${DEMO_ORG_ID}. The management API v1 only sees the users of one organization: check the user ID, and give the organization ID of the user's organization. ZITADEL said: "User could not be found (COMMAND-uXHNj)".`,
      );
      const right = client(s, ADMIN, { userApi: 'v1', orgId: OTHER_ORG });
      assert.deepEqual((await right.listUserMetadata(BOB)).map((e) => [e.key, e.value]), [['team', 'red']]);
      assert.deepEqual(await right.findUser(BOB), { found: true, api: 'v1', userId: BOB, orgId: OTHER_ORG, loginName: BOB });
      assert.equal(s.requests.at(-1)!.headers['x-zitadel-orgid'], OTHER_ORG);
    });

    it('a remembered v1 skips the probe; a remembered v2 that has gone falls back; a new client probes again', async () => {
      const s = await server({ v2: false });
      await client(s, ADMIN, { userApi: 'v1' }).listUserMetadata(ALICE);
      assert.deepEqual(route(s), [`POST /management/v1/users/${ALICE}/metadata/_search 200`]);
      s.requests.length = 0;
      const c = client(s, ADMIN, { userApi: 'v2' });
      await c.listUserMetadata(ALICE);
      assert.equal(c.userApi, 'v1');
      assert.deepEqual(route(s), [`POST /v2/users/${ALICE}/metadata/search 404`, `POST /management/v1/users/${ALICE}/metadata/_search 200`]);
      s.setV2(true);
      s.requests.length = 0;
      const upgraded = client(s, ADMIN);
      await upgraded.removeUserMetadata(ALICE, ['team']);
      assert.equal(upgraded.userApi, 'v2');
      assert.deepEqual(route(s), [`DELETE /v2/users/${ALICE}/metadata?keys=team 200`]);
    });
  });

  describe('errors, explained', () => {
    for (const v2 of [true, false]) {
      it(`permission-denied: a read-only PAT cannot write (${v2 ? 'v2' : 'v1'}), and says which permission`, async () => {
        const s = await server({ v2 });
        const c = client(s, READER, { userApi: v2 ? 'v2' : 'v1' });
        assert.equal((await c.getUserMetadata(ALICE, 'team')).value, 'blue', 'reading is allowed');
        const err = await rejection(c.setUserMetadata(ALICE, [{ key: 'team', value: 'green' }]));
        assert.equal(err.code, 'permission-denied');
        assert.equal(err.permission, 'user.write');
        assert.equal(err.status, 403);
        assert.equal(err.grpcCode, 'permission_denied');
        assert.equal(
          err.message,
          `Setting metadata "team" of user ${ALICE} was denied: the signed-in user or token lacks the permission. It needs the permission user.write: ask an administrator for a role that grants it, or use a token of a user who has it. ZITADEL said: "No matching permissions found (AUTH-5mWD2)".`,
        );
        const remove = await rejection(c.removeUserMetadata(ALICE, ['team']));
        assert.equal(remove.permission, 'user.write');
        assert.equal(s.metadataOf(ALICE).get('team')!.toString(), 'blue');
      });
    }

    it('permission-denied on reading names user.read', async () => {
      const s = await server({ users: [{ id: ALICE, orgId: DEMO_ORG_ID }], pats: [{ token: 'pat-none', userId: ALICE, permissions: [] }] });
      const err = await rejection(client(s, 'pat-none').listUserMetadata(DEMO_USER.sub));
      assert.equal(err.code, 'permission-denied');
      assert.equal(err.permission, 'user.read');
    });

    it('unauthenticated: an expired JWT (HTTP 401), the same as HTTP 500 "rpc error: code = Unauthenticated", an expired PAT', async () => {
      const s = await server();
      const c = client(s, withAud);
      assert.equal((await c.listMyMetadata()).length, 4);
      s.setClockOffset(48 * 3600);
      const err = await rejection(c.listMyMetadata());
      assert.equal(err.code, 'unauthenticated');
      assert.equal(err.status, 401);
      assert.equal(err.refreshable, true);
      assert.equal(err.message, 'Listing your metadata failed: ZITADEL did not accept the token; it may have expired ("invalid token (APP-Reb32)"). Refresh the tokens, or sign in again.');

      s.setUnauthenticatedStatus(500);
      const e500 = await rejection(c.listMyMetadata());
      assert.equal(e500.code, 'unauthenticated');
      assert.equal(e500.status, 500);
      assert.equal(e500.refreshable, true);
      assert.equal(e500.body, '{"code":2,"message":"rpc error: code = Unauthenticated desc = invalid token (APP-Reb32)"}');
      const v2 = await rejection(client(s, withAud).listUserMetadata(ALICE));
      assert.equal(v2.code, 'unauthenticated');
      assert.equal(v2.status, 500);
      assert.equal(v2.body, '{"code":2,"message":"rpc error: code = Unauthenticated desc = invalid token (APP-Reb32)"}');

      s.setUnauthenticatedStatus(401);
      s.setClockOffset(0);
      const pat = await rejection(client(s, EXPIRED).listMyMetadata());
      assert.equal(pat.code, 'unauthenticated');
      assert.equal(pat.status, 401);
    });

    it('user not found in every form: ids, texts, i18n keys, whatever the code', async () => {
      const s = await server();
      const forms = [
        '{"code":9,"message":"User could not be found (COMMAND-uXHNj)","details":[{"@type":"type.googleapis.com/zitadel.v1.ErrorDetail","id":"COMMAND-uXHNj","message":"User could not be found"}]}',
        '{"code":5,"message":"User could not be found (QUERY-Dfbg2)"}',
        '{"code":5,"message":"Errors.User.NotFound (QUERY-Dfbg2)"}',
        '{"code":9,"message":"Errors.User.NotFound"}',
        '{"code":5,"message":"User could not be found on chosen organization"}',
      ];
      for (const body of forms) {
        s.setFault({ status: body.includes('"code":9') ? 400 : 404, contentType: 'application/json', body });
        const err = await rejection(client(s, ADMIN, { userApi: 'v2' }).setUserMetadata(ALICE, [{ key: 'k', value: 'v' }]));
        assert.equal(err.code, 'not-found', body);
        assert.equal(err.notFound, 'user', body);
      }
      s.setFault({ status: 404, contentType: 'application/json', body: '{"code":5,"message":"Errors.Metadata.KeyNotExisting (META-2nnds)"}' });
      assert.equal((await rejection(client(s, ADMIN).removeUserMetadata(ALICE, ['k']))).notFound, 'key');
    });

    it('no-route: a gateway 404 without a ZITADEL id on a v1 call means the wrong URL, not a missing key or user', async () => {
      const s = await server();
      const err = await rejection(new ZitadelApiClient({ baseUrl: `${s.url}/not-zitadel`, token: ADMIN }).getMyMetadata('team'));
      assert.equal(err.code, 'no-route');
      assert.equal(err.message, `Reading your metadata "team" failed: the server has no such route (GET /auth/v1/users/me/metadata/team: HTTP 404 "Not Found"). Check that the profile's API URL is the ZITADEL instance; an older ZITADEL may not offer this call.`);
    });

    it('META-9mm2d (the keys got lost on the way) says so', async () => {
      const s = await server();
      s.setFault({ status: 400, contentType: 'application/json', body: '{"code":9,"message":"Metadata list is empty (META-9mm2d)","details":[{"id":"META-9mm2d","message":"Metadata list is empty"}]}' });
      const err = await rejection(client(s, ADMIN, { userApi: 'v2' }).removeUserMetadata(ALICE, ['team']));
      assert.equal(err.code, 'invalid-argument');
      assert.match(err.message, /ZITADEL received no metadata keys \(META-9mm2d\), so something between you and ZITADEL dropped them from the request/);
    });

    it('not-json: an HTML page from a proxy shows the status and the first 200 characters as text', async () => {
      const s = await server();
      const html = `<!doctype html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>${'upstream unreachable '.repeat(20)}</p></body></html>`;
      s.setFault({ status: 502, contentType: 'text/html; charset=utf-8', body: html });
      const err = await rejection(client(s, ADMIN).listMyMetadata());
      assert.equal(err.code, 'not-json');
      assert.equal(err.status, 502);
      assert.equal(err.message, `Listing your metadata failed: ZITADEL answered HTTP 502 Bad Gateway with text/html, not JSON: "${html.slice(0, 200)}"…. A proxy or an older ZITADEL may be answering; check the instance URL.`);
      assert.equal(err.body, html);
      // A 200 that is not JSON is not a success either.
      s.setFault({ status: 200, contentType: 'text/plain', body: 'OK' });
      const ok = await rejection(client(s, ADMIN).getMyMetadata('team'));
      assert.equal(ok.code, 'not-json');
      assert.equal(ok.message, 'Reading your metadata "team" failed: ZITADEL answered HTTP 200 OK with text/plain, not JSON: "OK". A proxy or an older ZITADEL may be answering; check the instance URL.');
    });

    it('keeps the raw body for the log with tokens redacted', async () => {
      const s = await server();
      s.setFault({ status: 500, contentType: 'text/plain', body: `upstream said: Authorization: Bearer ${withAud}` });
      const err = await rejection(client(s, withAud).listMyMetadata());
      assert.equal(err.code, 'not-json');
      assert.ok(!err.body!.includes(withAud), 'no token in the body');
      assert.ok(!err.message.includes(withAud), 'no token in the message');
      assert.ok(!err.logDetail().includes(withAud));
      assert.match(err.body!, /^upstream said: Authorization: Bearer \[redacted\]$|^upstream said: Authorization: Bearer \[token [0-9a-f]{8}\]$/);
    });

    it('timeout: a server that never answers', async () => {
      const s = await server({ fault: 'hang' });
      const err = await settlesWithin(rejection(client(s, ADMIN, { timeoutMs: 300 }).listMyMetadata()), 5000, 'the client giving up after its 0.3 s timeout');
      assert.equal(err.code, 'timeout');
      assert.equal(err.message, 'Listing your metadata failed: ZITADEL did not answer within 0.3 s (POST /auth/v1/users/me/metadata/_search). Check the instance URL and your network, then try again.');
      assert.equal(s.requests.length, 1);
      assert.equal(s.requests[0].status, undefined);
    });

    it('timeout: whole seconds said without a decimal', async () => {
      const s = await server({ fault: 'hang' });
      const err = await settlesWithin(rejection(client(s, ADMIN, { timeoutMs: 1000 }).listMyMetadata()), 6000, 'the client giving up after its 1 s timeout');
      assert.match(err.message, /^Listing your metadata failed: ZITADEL did not answer within 1 s \(POST /);
    });

    it('cancelled by the caller', async () => {
      const s = await server({ fault: 'hang' });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const err = await settlesWithin(rejection(client(s, ADMIN).listMyMetadata({ signal: controller.signal })), 5000, 'the listing stopping on cancel (its own timeout is 30 s)');
      assert.equal(err.code, 'cancelled');
    });

    it('network: connection refused', async () => {
      const port = await new Promise<number>((resolve) => {
        const probe = createServer();
        probe.listen(0, '127.0.0.1', () => {
          const { port: p } = probe.address() as { port: number };
          probe.close(() => resolve(p));
        });
      });
      const err = await rejection(new ZitadelApiClient({ baseUrl: `http://127.0.0.1:${port}/`, token: ADMIN }).listMyMetadata());
      assert.equal(err.code, 'network');
      assert.equal(err.message, `Listing your metadata failed: could not reach ZITADEL at http://127.0.0.1:${port}: connection refused: nothing is listening there. Check the instance URL and your network connection.`);
    });
  });

  describe('validation before sending (nothing reaches the server)', () => {
    const cases: [string, (c: ZitadelApiClient) => Promise<unknown>, RegExp][] = [
      ['empty user id', (c) => c.listUserMetadata(''), /^No user ID given/],
      ['blank user id', (c) => c.setUserMetadata('  ', [{ key: 'a', value: 'b' }]), /^No user ID given/],
      ['empty key', (c) => c.setUserMetadata(ALICE, [{ key: '', value: 'b' }]), /^A metadata key cannot be empty/],
      ['201-character key', (c) => c.setUserMetadata(ALICE, [{ key: 'k'.repeat(201), value: 'b' }]), /has 201 characters; ZITADEL allows at most 200\.$/],
      ['201 characters of emoji', (c) => c.getUserMetadata(ALICE, '🔑'.repeat(201)), /has 201 characters/],
      ['empty value', (c) => c.setUserMetadata(ALICE, [{ key: 'a', value: '' }]), /^The value of "a" is empty; ZITADEL needs 1 to 500000 bytes\. To delete the key, remove it instead\.$/],
      ['empty bytes', (c) => c.setUserMetadata(ALICE, [{ key: 'a', value: new Uint8Array() }]), /is empty/],
      ['value over 500000 bytes', (c) => c.setUserMetadata(ALICE, [{ key: 'a', value: 'é'.repeat(250_001) }]), /^The value of "a" has 500002 bytes; ZITADEL allows at most 500000\.$/],
      ['invalid base64', (c) => c.setUserMetadata(ALICE, [{ key: 'a', base64: 'not base64!' }]), /^The value of "a" is not valid base64\. Give the value as text, JSON or bytes instead/],
      ['base64 of nothing', (c) => c.setUserMetadata(ALICE, [{ key: 'a', base64: '' }]), /is empty/],
      ['no entries', (c) => c.setUserMetadata(ALICE, []), /^No metadata given/],
      ['a key twice', (c) => c.setUserMetadata(ALICE, [{ key: 'a', value: '1' }, { key: 'a', value: '2' }]), /^The metadata key "a" is listed twice\.$/],
      ['no keys to remove', (c) => c.removeUserMetadata(ALICE, []), /^No metadata keys given/],
      ['empty key to remove', (c) => c.removeUserMetadata(ALICE, ['']), /cannot be empty/],
      ['unknown text method', (c) => c.listMyMetadata({ key: 'a', method: 'TEXT_QUERY_METHOD_LIKE' as TextQueryMethod }), /^Unknown text method "TEXT_QUERY_METHOD_LIKE"/],
      ['method without key', (c) => c.listMyMetadata({ method: 'TEXT_QUERY_METHOD_CONTAINS' }), /needs a key/],
      ['page size 0', (c) => c.listMyMetadata({ pageSize: 0 }), /^The page size must be a whole number from 1 to 1000; got 0\.$/],
      ['page size 1001', (c) => c.listUserMetadata(ALICE, { pageSize: 1001 }), /got 1001/],
      ['empty key to get', (c) => c.getMyMetadata(''), /cannot be empty/],
      ['a user id with "/"', (c) => c.listUserMetadata('12/34'), /^"12\/34" is not a user ID ZITADEL can be asked about: it travels in the URL path, where "\/", "\." and "\.\." change the path\./],
      ['the user id ".."', (c) => c.findUser('..'), /is not a user ID ZITADEL can be asked about/],
      ['a 201-character user id', (c) => c.removeUserMetadata('1'.repeat(201), ['k']), /too long: ZITADEL user IDs have at most 200 characters/],
      ['a key with a lone surrogate', (c) => c.setUserMetadata(ALICE, [{ key: 'a\ud800', value: 'v' }]), /contains a broken character \(a lone UTF-16 surrogate\)/],
      ['a key with a lone surrogate to remove', (c) => c.removeUserMetadata(ALICE, ['\udc00']), /lone UTF-16 surrogate/],
      ['a user id with spaces around it', (c) => c.listUserMetadata(` ${ALICE}`), /^The user ID " 300000000000000001" has spaces around it; remove them\.$/],
      ['a user id with a lone surrogate', (c) => c.listUserMetadata('1\ud800'), /^The user ID "1\ud800" contains a broken character \(a lone UTF-16 surrogate\); copy the ID again\.$/],
      // A long key or id is shown as its first 40 characters and an ellipsis, never whole.
      ['a long key, shown clipped', (c) => c.setUserMetadata(ALICE, [{ key: `${'k'.repeat(40)}${'z'.repeat(161)}`, value: 'b' }]), new RegExp(`^The metadata key "${'k'.repeat(40)}…" has 201 characters`)],
      ['base64 that is not text', (c) => c.setUserMetadata(ALICE, [{ key: 'a', base64: 42 as unknown as string }]), /^The value of "a" is not base64 text\.$/],
      ['JSON that cannot be written', (c) => c.setUserMetadata(ALICE, [{ key: 'a', json: undefined }]), /^The value of "a" cannot be written as JSON\.$/],
      ['a value neither text nor bytes', (c) => c.setUserMetadata(ALICE, [{ key: 'a', value: 42 as unknown as string }]), /^The value of "a" must be text or bytes\.$/],
      ['a text method listed with its alternatives', (c) => c.listMyMetadata({ key: 'a', method: 'LIKE' as TextQueryMethod }), /use one of TEXT_QUERY_METHOD_EQUALS, TEXT_QUERY_METHOD_EQUALS_IGNORE_CASE, /],
    ];
    for (const [name, call, message] of cases) {
      it(`refuses ${name}`, async () => {
        const s = await server();
        const err = await rejection(call(client(s, ADMIN)));
        assert.equal(err.code, 'validation');
        assert.match(err.message, message);
        assert.deepEqual(s.requests, []);
      });
    }

    it('never sends a path-traversal user id: ".", ".." or one with "/" is refused by every user call', async () => {
      const s = await server();
      const c = client(s, ADMIN);
      for (const id of ['..', '.', `../${ALICE}`, `${ALICE}/..`, '%2e%2e/']) {
        const calls = [
          c.listUserMetadata(id),
          c.getUserMetadata(id, 'team'),
          c.setUserMetadata(id, [{ key: 'team', value: 'x' }]),
          c.removeUserMetadata(id, ['team']),
          c.findUser(id),
        ];
        for (const call of calls) {
          const err = await rejection(call);
          assert.equal(err.code, 'validation', id);
          assert.match(err.message, /is not a user ID ZITADEL can be asked about: it travels in the URL path/, id);
        }
      }
      assert.deepEqual(s.requests, [], 'nothing reached the server');
      assert.equal(s.metadataOf(ALICE).get('team')!.toString(), 'blue');
    });

    it('accepts the limits themselves: 200 characters (emoji count as one), 500000 bytes', async () => {
      const s = await server();
      const c = client(s, ADMIN);
      const key = '🔑'.repeat(200);
      await c.setUserMetadata(ALICE, [{ key, value: new Uint8Array(500_000).fill(7) }]);
      assert.equal(s.metadataOf(ALICE).get(key)!.length, 500_000);
      assert.equal((await c.getUserMetadata(ALICE, key)).byteLength, 500_000);
    });

    it('refuses a bad client configuration', () => {
      assert.throws(() => new ZitadelApiClient({ baseUrl: 'not a url', token: 't' }), (e: unknown) => e instanceof ZitadelApiError && e.code === 'validation');
      assert.throws(() => new ZitadelApiClient({ baseUrl: 'http://127.0.0.1:1', token: '' }), /No token/);
      assert.throws(() => new ZitadelApiClient({ baseUrl: 'http://127.0.0.1:1', token: 't', timeoutMs: 0 }), /timeout/);
    });
  });
});
