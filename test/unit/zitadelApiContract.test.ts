// The contract server itself (test/support/zitadelApi): that it answers as ZITADEL's gateway does
// (routing, errors, ids, texts, scoping, order) and is as strict as documented, so the client tests
// against it mean something. Raw HTTP, no client. Its routes, request fields and answers are also
// checked against ZITADEL's protos in zitadelApiRoutes.test.ts.
import { strict as assert } from 'node:assert';
import { SignJWT, generateKeyPair } from 'jose';
import { DEMO_USER, ZITADEL_API_PROJECT_ID, type DemoIssuer } from '../../demo/issuer/index';
import { DEMO_ORG_ID, startZitadelApi, type ContractServer } from '../support/zitadelApi/index';
import { accessTokenFor, AUD_SCOPE, BASE_SCOPES, startJwtIssuer } from '../support/zitadelApi/signIn';

const PAT = 'pat-contract-1';
const DETAIL = 'type.googleapis.com/zitadel.v1.ErrorDetail';
const OTHER_ORG = '190957560872829185';
const BOB = 'bob-in-other-org';
/** ZITADEL's error body: the gRPC status as protobuf JSON. */
const zitadelError = (code: number, text: string, id: string) => ({ code, message: `${text} (${id})`, details: [{ '@type': DETAIL, id, message: text }] });

describe('ZITADEL contract server', function () {
  this.timeout(30_000);
  let issuer: DemoIssuer;
  let api: ContractServer;
  let withAud: string;
  let withoutAud: string;

  before(async () => {
    issuer = await startJwtIssuer();
    withAud = await accessTokenFor(issuer, [...BASE_SCOPES, AUD_SCOPE]);
    withoutAud = await accessTokenFor(issuer, BASE_SCOPES);
  });
  after(() => issuer?.stop());
  beforeEach(async () => {
    api = await startZitadelApi({
      issuer: issuer.issuer,
      pats: [{ token: PAT, userId: DEMO_USER.sub, permissions: ['user.read', 'user.write'] }],
      users: [{ id: BOB, orgId: OTHER_ORG, userName: 'bob', metadata: { team: 'red' } }],
    });
  });
  afterEach(() => api?.stop());

  async function call(method: string, path: string, body?: unknown, token = PAT, headers: Record<string, string> = {}) {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, type: response.headers.get('content-type'), text, json: json as Record<string, any> };
  }
  const me = '/auth/v1/users/me/metadata/_search';
  const v2s = `/v2/users/${DEMO_USER.sub}/metadata`;

  it('invalid audience: exactly the documented body, HTTP 401; a JWT with the aud scope passes', async () => {
    const r = await call('POST', me, {}, withoutAud);
    assert.equal(r.status, 401);
    assert.equal(r.text, '{"code":16,"message":"invalid audience (APP-Zxfako)","details":[{"@type":"type.googleapis.com/zitadel.v1.ErrorDetail","id":"APP-Zxfako","message":"invalid audience"}]}');
    assert.equal((await call('POST', me, {}, withAud)).status, 200);
  });

  it('refuses JWTs of another signer or issuer and unknown tokens (APP-Reb32), and a missing header (AUTH-7fs1e)', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'x' }).setIssuer(issuer.issuer).setSubject(DEMO_USER.sub).setAudience([ZITADEL_API_PROJECT_ID]).setExpirationTime('1h').sign(privateKey);
    for (const token of [forged, 'opaque-unknown']) {
      const r = await call('POST', me, {}, token);
      assert.equal(r.status, 401);
      assert.deepEqual(r.json, zitadelError(16, 'invalid token', 'APP-Reb32'));
    }
    const none = await fetch(`${api.url}${me}`, { method: 'POST', body: '{}' });
    assert.equal(none.status, 401);
    assert.deepEqual(await none.json(), zitadelError(16, 'invalid auth header', 'AUTH-7fs1e'));
  });

  it('v1 search: by key, descending unless asc, 64-bit numbers as strings, zero values left out', async () => {
    const desc = await call('POST', me, {});
    assert.equal(desc.status, 200);
    assert.deepEqual(desc.json.result.map((e: { key: string }) => e.key), ['settings', 'avatarHash', 'P-ID', 'ContractNumber']);
    assert.equal(desc.json.details.totalResult, '4');
    assert.match(desc.json.details.processedSequence, /^\d+$/);
    assert.match(desc.json.result[0].details.sequence, /^\d+$/);
    assert.equal(desc.json.result[0].details.resourceOwner, DEMO_ORG_ID);
    const asc = await call('POST', me, { query: { offset: '1', limit: 2, asc: true } });
    assert.deepEqual(asc.json.result.map((e: { key: string; value: string }) => [e.key, e.value]), [['P-ID', 'MTIzNTE5ODM='], ['avatarHash', '/wAQgA==']]);
    assert.deepEqual((await call('POST', me, { query: { offset: 3, asc: true } })).json.result.map((e: { key: string }) => e.key), ['settings']);
    const past = await call('POST', me, { query: { offset: '10' } });
    assert.deepEqual(Object.keys(past.json), ['details'], 'no "result" when there is none');
    const none = await call('POST', me, { queries: [{ keyQuery: { key: 'zzz', method: 'TEXT_QUERY_METHOD_EQUALS' } }] });
    assert.deepEqual(Object.keys(none.json.details).sort(), ['processedSequence', 'viewTimestamp'], 'no zero totalResult');
  });

  it('v2 search: by creation date, newest first unless asc; an unknown user lists as empty', async () => {
    for (const key of ['b', 'a', 'c']) assert.equal((await call('POST', v2s, { metadata: [{ key, value: 'MQ==' }] })).status, 200);
    const user = `/v2/users/${BOB}/metadata`;
    await call('POST', user, { metadata: [{ key: 'z', value: 'MQ==' }, { key: 'y', value: 'MQ==' }] });
    const keys = async (path: string, body: unknown) => (await call('POST', `${path}/search`, body)).json.metadata.map((e: { key: string }) => e.key);
    assert.deepEqual((await keys(v2s, { pagination: { asc: true } })).slice(-3), ['b', 'a', 'c']);
    assert.deepEqual((await keys(v2s, {})).slice(0, 3), ['c', 'a', 'b']);
    assert.deepEqual(await keys(user, { pagination: { asc: true } }), ['team', 'z', 'y'], 'created in one call: in the order given');
    const entry = (await call('POST', `${v2s}/search`, { filters: [{ keyFilter: { key: 'a' } }] })).json;
    assert.deepEqual(Object.keys(entry.metadata[0]), ['creationDate', 'changeDate', 'key', 'value']);
    assert.deepEqual(entry.pagination, { totalResult: '1', appliedLimit: '100' });
    const unknown = await call('POST', '/v2/users/404/metadata/search', {});
    assert.equal(unknown.status, 200);
    assert.deepEqual(unknown.json, { pagination: { appliedLimit: '100' } });
  });

  it('limits: default 100, at most 1000 (400 above)', async () => {
    api.setMetadata(DEMO_USER.sub, Array.from({ length: 1500 }, (_, i) => [`k${i}`, 'v'] as [string, string]));
    assert.equal((await call('POST', me, {})).json.result.length, 100);
    assert.equal((await call('POST', me, { query: { limit: 1000 } })).json.result.length, 1000);
    const over = await call('POST', me, { query: { limit: 1001 } });
    assert.equal(over.status, 400);
    assert.equal(over.json.code, 3);
    const v2 = await call('POST', `${v2s}/search`, { pagination: { limit: 1000 } });
    assert.equal(v2.json.metadata.length, 1000);
    assert.deepEqual(v2.json.pagination, { totalResult: '1504', appliedLimit: '1000' });
    assert.equal((await call('POST', `${v2s}/search`, { pagination: { limit: 5000 } })).json.code, 3, 'numeric codes on /v2 too');
  });

  it('refuses unknown and misshaped fields (code 3, HTTP 400; stricter than ZITADEL, which drops unknown fields)', async () => {
    const v1Bad = [
      { query: { offset: 0, size: 5 } },
      { queries: [{ keyQuery: { key: 'a', method: 'TEXT_FILTER_METHOD_EQUALS' } }] },
      { query: { offset: -1 } },
      { query: { asc: 'yes' } },
      { queries: [{}] },
      '{not json',
    ];
    for (const body of v1Bad) {
      const r = await call('POST', me, body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.json.code, 3);
      assert.equal(typeof r.json.message, 'string');
      assert.equal(r.json.details, undefined, 'the gateway\'s own errors carry no ZITADEL id');
    }
    const ok = await call('POST', me, { query: { offset: '0' }, queries: [{ key_query: { key: 'P-ID', method: 2 } }] });
    assert.equal(ok.status, 200, 'protojson also takes proto names and enum numbers');
    const v2Bad = await call('POST', `${v2s}/search`, { pagination: { offset: 0 }, queries: [] });
    assert.equal(v2Bad.status, 400);
    assert.equal(v2Bad.json.code, 3);
  });

  it('values: standard padded base64 only; key 1..200 characters, value 1..500000 bytes; an empty list is META-9mm2d', async () => {
    for (const value of ['MTIz=', 'MQ', '_-8=', 'a b=', '']) {
      const r = await call('POST', v2s, { metadata: [{ key: 'k', value }] });
      assert.equal(r.status, 400, value);
      assert.equal(r.json.code, 3);
    }
    assert.equal((await call('POST', v2s, { metadata: [{ key: 'x'.repeat(201), value: 'MQ==' }] })).status, 400);
    assert.equal((await call('POST', v2s, { metadata: [{ key: '', value: 'MQ==' }] })).status, 400);
    assert.equal((await call('POST', v2s, { metadata: [{ key: '\ud800', value: 'MQ==' }] })).status, 400);
    assert.equal((await call('POST', v2s, { metadata: [{ key: 'big', value: Buffer.alloc(500_001).toString('base64') }] })).status, 400);
    assert.equal((await call('POST', v2s, { metadata: [{ key: 'k', value: 'MQ==', extra: 1 }] })).status, 400);
    const empty = await call('POST', v2s, { metadata: [] });
    assert.equal(empty.status, 400);
    assert.deepEqual(empty.json, zitadelError(9, 'Metadata list is empty', 'META-9mm2d'));
    const set = await call('POST', v2s, { metadata: [{ key: 'x'.repeat(200), value: Buffer.alloc(500_000).toString('base64') }] });
    assert.equal(set.status, 200);
    assert.match(set.json.setDate, /^\d{4}-/);
    const v1 = await call('POST', `/management/v1/users/${DEMO_USER.sub}/metadata/k`, { value: 'MQ' });
    assert.equal(v1.status, 400);
    assert.equal(v1.json.code, 3);
  });

  it('routes like the gateway: the whole path decoded first, unknown routes 404, wrong verbs 405, the later literal route first', async () => {
    const mgmt = `/management/v1/users/${DEMO_USER.sub}/metadata`;
    api.setMetadata(DEMO_USER.sub, { 'a/b': 'slash', _search: 'odd' });
    for (const path of [`${mgmt}/a%2Fb`, '/auth/v1/users/me/metadata/_search/extra', `/v2/users/${DEMO_USER.sub}%2Fx/metadata/search`]) {
      const r = await call(path.includes('search') ? 'POST' : 'GET', path, path.includes('search') ? {} : undefined);
      assert.equal(r.status, 404, path);
      assert.equal(r.type, 'application/json');
      assert.equal(r.text, '{"code":5,"message":"Not Found"}');
    }
    for (const [method, path] of [['PUT', v2s], ['GET', v2s], ['PATCH', `${mgmt}/k`]]) {
      const r = await call(method, path, method === 'GET' ? undefined : {});
      assert.equal(r.status, 405, `${method} ${path}`);
      assert.equal(r.text, '{"code":12,"message":"Method Not Allowed"}');
    }
    const getSearch = await call('GET', '/auth/v1/users/me/metadata/_search');
    assert.equal(getSearch.json.metadata.value, 'b2Rk', 'GET .../_search is the key "_search"');
    const bulk = await call('POST', `${mgmt}/_bulk`, { metadata: [{ key: 'n', value: 'MQ==' }] });
    assert.equal(bulk.status, 200, 'POST .../_bulk is the bulk set');
    assert.equal((await call('POST', `${mgmt}/_bulk`, { value: 'MQ==' })).status, 400, '...not a key "_bulk"');
    assert.equal((await call('GET', `${mgmt}/n%20%2B%25`)).json.details[0].id, 'QUERY-Rgh32', 'other escapes decode into the key');
    assert.equal((await call('GET', '/management/v1/users/x/metadata/%E0%A4%A')).status, 400, 'a bad escape never reaches the gateway');
  });

  it('bodies where the route has none are ignored, as by ZITADEL: the v2 DELETE reads its keys from the query only', async () => {
    const withBody = await call('DELETE', v2s, { keys: ['P-ID'] });
    assert.equal(withBody.status, 400);
    assert.deepEqual(withBody.json, zitadelError(9, 'Metadata list is empty', 'META-9mm2d'));
    assert.ok(api.metadataOf(DEMO_USER.sub).has('P-ID'));
    const byQuery = await call('DELETE', `${v2s}?keys=P-ID&keys=ContractNumber`);
    assert.equal(byQuery.status, 200);
    assert.match(byQuery.json.deletionDate, /^\d{4}-/);
    assert.deepEqual([...api.metadataOf(DEMO_USER.sub).keys()], ['avatarHash', 'settings']);
    const v1 = await call('DELETE', `/management/v1/users/${DEMO_USER.sub}/metadata/settings`, { ignored: true });
    assert.equal(v1.status, 200);
    assert.equal((await call('DELETE', `${v2s}?keys=a&unknown=1`)).status, 400, 'unknown query parameters are refused (stricter than ZITADEL)');
    assert.equal((await call('DELETE', `${v2s}?keys=a;b`)).status, 400, 'Go refuses ";" in a query');
    assert.equal((await call('POST', `${v2s}/search?limit=1`, {})).status, 400, 'no query parameters on a route with a body');
  });

  it('missing keys and users: ZITADEL\'s ids and texts', async () => {
    const mgmt = `/management/v1/users/${DEMO_USER.sub}/metadata`;
    assert.deepEqual((await call('GET', `${mgmt}/nope`)).json, zitadelError(5, 'Metadata not found', 'QUERY-Rgh32'));
    assert.deepEqual((await call('GET', '/auth/v1/users/me/metadata/nope')).json, zitadelError(5, 'Metadata not found', 'QUERY-Rgh32'));
    assert.deepEqual((await call('DELETE', `${mgmt}/nope`)).json, zitadelError(5, 'Metadata not found', 'META-ncnw3'));
    const bulk = await call('DELETE', `${mgmt}/_bulk`, { keys: ['P-ID', 'nope'] });
    assert.equal(bulk.status, 404);
    assert.deepEqual(bulk.json, zitadelError(5, 'One or more keys do not exist', 'META-2nnds'));
    assert.equal((await call('DELETE', `${v2s}?keys=P-ID&keys=nope`)).json.details[0].id, 'META-2nnds');
    assert.ok(api.metadataOf(DEMO_USER.sub).has('P-ID'), 'nothing removed');
    const write = await call('POST', '/v2/users/404/metadata', { metadata: [{ key: 'k', value: 'MQ==' }] });
    assert.equal(write.status, 400, 'a command on an unknown user is a failed precondition');
    assert.deepEqual(write.json, zitadelError(9, 'User could not be found', 'COMMAND-uXHNj'));
    assert.deepEqual((await call('DELETE', '/v2/users/404/metadata?keys=k')).json.details[0].id, 'COMMAND-uXHNj');
    const lookup = await call('GET', '/v2/users/404');
    assert.equal(lookup.status, 404);
    assert.deepEqual(lookup.json, zitadelError(5, 'User could not be found', 'QUERY-Dfbg2'));
    const found = await call('GET', `/v2/users/${BOB}`);
    assert.equal(found.json.user.details.resourceOwner, OTHER_ORG);
    assert.equal(found.json.user.preferredLoginName, 'bob');
  });

  it('management v1 sees one org (x-zitadel-orgid, else the caller\'s): another org\'s user lists as empty', async () => {
    const bob = `/management/v1/users/${BOB}`;
    const list = await call('POST', `${bob}/metadata/_search`, {});
    assert.equal(list.status, 200);
    assert.deepEqual(Object.keys(list.json), ['details']);
    assert.equal(list.json.details.totalResult, undefined);
    assert.deepEqual((await call('GET', `${bob}/metadata/team`)).json.details[0].id, 'QUERY-Rgh32');
    assert.deepEqual((await call('POST', `${bob}/metadata/team`, { value: 'MQ==' })).json, zitadelError(9, 'User could not be found', 'COMMAND-uXHNj'));
    assert.deepEqual((await call('DELETE', `${bob}/metadata/team`)).json.details[0].id, 'COMMAND-uXHNj');
    assert.deepEqual((await call('GET', bob)).json, zitadelError(5, 'User could not be found', 'QUERY-Dfbg2'));
    const inOrg = { 'x-zitadel-orgid': OTHER_ORG };
    assert.deepEqual((await call('POST', `${bob}/metadata/_search`, {}, PAT, inOrg)).json.result.map((e: { key: string }) => e.key), ['team']);
    assert.equal((await call('GET', bob, undefined, PAT, inOrg)).json.user.id, BOB);
    assert.equal((await call('POST', `/v2/users/${BOB}/metadata/search`, {}, PAT, { 'x-zitadel-orgid': DEMO_ORG_ID })).json.metadata.length, 1, 'v2 ignores the header');
  });

  it('without the v2 routes it answers like an older ZITADEL: JSON 404 from the gateway, or plain text', async () => {
    api.setV2(false);
    const json = await call('POST', `${v2s}/search`, {});
    assert.equal(json.status, 404);
    assert.equal(json.type, 'application/json');
    assert.equal(json.text, '{"code":5,"message":"Not Found"}');
    api.setV2(false, 'text');
    const text = await call('POST', `${v2s}/search`, {});
    assert.equal(text.status, 404);
    assert.equal(text.type, 'text/plain; charset=utf-8');
    assert.equal(text.text, '404 page not found\n');
    assert.equal((await call('POST', me, {})).status, 200, 'v1 unaffected');
    api.setV2(true);
    assert.equal((await call('POST', `${v2s}/search`, {})).status, 200);
  });

  it('records every request, and the 500 mode for token failures', async () => {
    api.setUnauthenticatedStatus(500);
    const r = await call('POST', me, {}, 'nope');
    assert.equal(r.status, 500);
    assert.equal(r.text, '{"code":2,"message":"rpc error: code = Unauthenticated desc = invalid token (APP-Reb32)"}');
    assert.equal(api.requests.length, 1);
    assert.equal(api.requests[0].method, 'POST');
    assert.equal(api.requests[0].url, me);
    assert.equal(api.requests[0].body, '{}');
    assert.equal(api.requests[0].status, 500);
    assert.equal(api.requests[0].rpc, 'zitadel.auth.v1.AuthService/ListMyMetadata');
    assert.equal(api.requests[0].headers.authorization, 'Bearer nope');
  });
});
