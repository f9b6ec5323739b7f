// The contract server itself (test/support/zitadelApi): that it is as strict as documented, so
// the client tests against it mean something. Raw HTTP, no client.
import { strict as assert } from 'node:assert';
import { SignJWT, generateKeyPair } from 'jose';
import { DEMO_USER, ZITADEL_API_PROJECT_ID, type DemoIssuer } from '../../demo/issuer/index';
import { DEMO_ORG_ID, startZitadelApi, type ContractServer } from '../support/zitadelApi/index';
import { accessTokenFor, AUD_SCOPE, BASE_SCOPES, startJwtIssuer } from '../support/zitadelApi/signIn';

const PAT = 'pat-contract-1';
const V1_ERROR_ID = 'type.googleapis.com/zitadel.v1.ErrorDetail';

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
    api = await startZitadelApi({ issuer: issuer.issuer, pats: [{ token: PAT, userId: DEMO_USER.sub, permissions: ['user.read', 'user.write'] }] });
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

  it('refuses JWTs of another signer or issuer, and unknown opaque tokens (code 16)', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'x' }).setIssuer(issuer.issuer).setSubject(DEMO_USER.sub).setAudience([ZITADEL_API_PROJECT_ID]).setExpirationTime('1h').sign(privateKey);
    for (const token of [forged, 'opaque-unknown']) {
      const r = await call('POST', me, {}, token);
      assert.equal(r.status, 401);
      assert.equal(r.json.code, 16);
      assert.equal(r.json.message, 'Token is invalid (CONTRACT-tok401)');
    }
    const none = await fetch(`${api.url}${me}`, { method: 'POST', body: '{}' });
    assert.equal(none.status, 401);
  });

  it('search: default sort descending, asc on request, 64-bit numbers as strings, offset as string or number', async () => {
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
    assert.deepEqual(past.json, { details: { totalResult: '4', processedSequence: past.json.details.processedSequence, viewTimestamp: past.json.details.viewTimestamp } });
    const none = await call('POST', me, { queries: [{ keyQuery: { key: 'zzz', method: 'TEXT_QUERY_METHOD_EQUALS' } }] });
    assert.equal(none.json.details.totalResult, undefined, 'protobuf JSON leaves out a zero total');
    assert.equal(none.json.result, undefined);
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
    assert.equal((await call('POST', `${v2s}/search`, { pagination: { limit: 5000 } })).json.code, 'invalid_argument');
  });

  it('refuses unknown and misshaped fields: v1 as a gRPC status (code 3), v2 as Connect (invalid_argument), HTTP 400', async () => {
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
    }
    const ok = await call('POST', me, { query: { offset: '0' }, queries: [{ key_query: { key: 'P-ID', method: 2 } }] });
    assert.equal(ok.status, 200, 'protojson also takes proto names and enum numbers');
    const v2Bad = await call('POST', `${v2s}/search`, { pagination: { offset: 0 }, queries: [] });
    assert.equal(v2Bad.status, 400);
    assert.equal(v2Bad.json.code, 'invalid_argument');
  });

  it('values: standard padded base64 only; key 1..200 characters, value 1..500000 bytes', async () => {
    for (const value of ['MTIz=', 'MQ', '_-8=', 'a b=', '']) {
      const r = await call('POST', v2s, { metadata: [{ key: 'k', value }] });
      assert.equal(r.status, 400, value);
      assert.equal(r.json.code, 'invalid_argument');
    }
    assert.equal((await call('POST', v2s, { metadata: [{ key: 'x'.repeat(201), value: 'MQ==' }] })).status, 400);
    assert.equal((await call('POST', v2s, { metadata: [{ key: '', value: 'MQ==' }] })).status, 400);
    assert.equal((await call('POST', v2s, { metadata: [{ key: 'big', value: Buffer.alloc(500_001).toString('base64') }] })).status, 400);
    assert.equal((await call('POST', v2s, { metadata: [] })).status, 400);
    assert.equal((await call('POST', v2s, { metadata: [{ key: 'k', value: 'MQ==', extra: 1 }] })).status, 400);
    const set = await call('POST', v2s, { metadata: [{ key: 'x'.repeat(200), value: Buffer.alloc(500_000).toString('base64') }] });
    assert.equal(set.status, 200);
    assert.match(set.json.setDate, /^\d{4}-/);
    const v1 = await call('POST', `/management/v1/users/${DEMO_USER.sub}/metadata/k`, { value: 'MQ' });
    assert.equal(v1.status, 400);
    assert.equal(v1.json.code, 3);
  });

  it('exact paths and methods: unknown paths 404 (plain text), wrong methods 405, bodies where none belong 400', async () => {
    const unknown = await call('POST', '/auth/v1/users/me/metadata/_search/extra', {});
    assert.equal(unknown.status, 404);
    assert.equal(unknown.text, '404 page not found\n');
    assert.equal((await call('GET', '/auth/v1/users/me/metadata/_search')).status, 405);
    assert.equal((await call('PUT', v2s, {})).status, 405);
    assert.equal((await call('DELETE', `/management/v1/users/${DEMO_USER.sub}/metadata/P-ID`, { x: 1 })).status, 400);
    assert.ok(api.metadataOf(DEMO_USER.sub).has('P-ID'));
    assert.equal((await call('GET', `/management/v1/users/${DEMO_USER.sub}/metadata/P-ID`)).json.metadata.value, 'MTIzNTE5ODM=');
  });

  it('v2 switched off answers like an older ZITADEL: 404 plain text', async () => {
    api.setV2(false);
    const r = await call('POST', `${v2s}/search`, {});
    assert.equal(r.status, 404);
    assert.equal(r.type, 'text/plain; charset=utf-8');
    assert.equal(r.text, '404 page not found\n');
  });

  it('x-zitadel-orgid: users of another org are not found (v1 NotFound with the error detail)', async () => {
    const r = await call('POST', `/management/v1/users/${DEMO_USER.sub}/metadata/_search`, {}, PAT, { 'x-zitadel-orgid': '42' });
    assert.equal(r.status, 404);
    assert.deepEqual(r.json, { code: 5, message: 'User could not be found (CONTRACT-user404)', details: [{ '@type': V1_ERROR_ID, id: 'CONTRACT-user404', message: 'User could not be found' }] });
    assert.equal((await call('POST', `/management/v1/users/${DEMO_USER.sub}/metadata/_search`, {}, PAT, { 'x-zitadel-orgid': DEMO_ORG_ID })).status, 200);
  });

  it('Connect errors carry the ErrorDetail as protobuf (base64) and as debug', async () => {
    const r = await call('POST', '/v2/users/404/metadata/search', {});
    assert.equal(r.status, 404);
    assert.equal(r.json.code, 'not_found');
    const detail = r.json.details[0];
    assert.equal(detail.type, 'zitadel.v1.ErrorDetail');
    assert.deepEqual(detail.debug, { id: 'CONTRACT-user404', message: 'User could not be found' });
    assert.equal(Buffer.from(detail.value, 'base64').toString('latin1'), '\n\u0010CONTRACT-user404\u0012\u0017User could not be found');
  });

  it('records every request, and the 500 mode for token failures', async () => {
    api.setUnauthenticatedStatus(500);
    const r = await call('POST', me, {}, 'nope');
    assert.equal(r.status, 500);
    assert.equal(r.text, '{"code":2,"message":"rpc error: code = Unauthenticated desc = Token is invalid (CONTRACT-tok401)","details":[]}');
    assert.equal(api.requests.length, 1);
    assert.equal(api.requests[0].method, 'POST');
    assert.equal(api.requests[0].url, me);
    assert.equal(api.requests[0].body, '{}');
    assert.equal(api.requests[0].status, 500);
    assert.equal(api.requests[0].headers.authorization, 'Bearer nope');
  });
});
