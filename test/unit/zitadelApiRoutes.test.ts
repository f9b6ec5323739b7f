// ZITADEL's published protos (@zitadel/proto) as the source of truth for its REST routes: every
// call the ZITADEL API client makes, and every route of the contract server, checked against the
// google.api.http rules, request messages, response messages and validate rules in the protos.
// Neither the client nor the contract server is trusted here: a request the client sends is routed
// the way ZITADEL's gateway routes it, over ALL the RPCs of the three services, and must reach the
// RPC it means with each field where that RPC's rule puts it.
import { strict as assert } from 'node:assert';
import type { DescMessage } from '@bufbuild/protobuf';
import { MAX_KEY_CHARACTERS, MAX_USER_ID_CHARACTERS, MAX_VALUE_BYTES, ZitadelApiClient } from '../../src/core/zitadel/api/index';
import { buildRequest, pathProblem, ROUTES, type Route } from '../../src/core/zitadel/api/routes';
import { DEMO_ORG_ID, MAX_ID, MAX_KEY, MAX_VALUE, startZitadelApi, type ContractServer } from '../support/zitadelApi/index';
import { loadZitadelProtos, type ZitadelProtos } from '../support/zitadelApi/proto';
import { SERVED_ROUTES } from '../support/zitadelApi/routes';
import type { Spec } from '../support/zitadelApi/schema';
import { templateVariables } from '../support/zitadelApi/gateway';

const ALICE = '300000000000000001';
const ADMIN = 'pat-routes-admin';
const NO_ISSUER = 'http://127.0.0.1:9'; // PATs only: the contract server never asks the issuer

describe('ZITADEL routes against its published protos (@zitadel/proto)', function () {
  this.timeout(30_000);
  let protos: ZitadelProtos;
  before(async () => {
    protos = await loadZitadelProtos();
  });

  const clientRoutes = Object.entries(ROUTES) as [string, Route][];
  const rpcsByService = (rpcs: string[]) => {
    const groups = new Map<string, string[]>();
    for (const rpc of rpcs) groups.set(rpc.split('/')[0], [...(groups.get(rpc.split('/')[0]) ?? []), rpc]);
    return groups;
  };

  describe("the client's route table", () => {
    it('each route is its RPC\'s HTTP rule: verb, path template under the service\'s base path, body mapping', () => {
      for (const [name, route] of clientRoutes) {
        const rule = protos.byRpc(route.rpc);
        assert.deepEqual({ method: route.method, template: route.template, body: route.body }, { method: rule.verb, template: rule.template, body: rule.body }, name);
      }
    });

    it("lists each service's routes in the protos' declaration order (the gateway's precedence)", () => {
      for (const [service, rpcs] of rpcsByService(clientRoutes.map(([, r]) => r.rpc))) {
        const order = rpcs.map((rpc) => protos.byRpc(rpc).order);
        assert.deepEqual(order, [...order].sort((a, b) => a - b), service);
      }
    });

    it('refuses exactly the path values the gateway would route elsewhere or mangle', () => {
      const values = ['team', '_search', '_bulk', 'me', 'search', 'metadata', 'a b+c%d?e#f', 'ключ', '🔑', 'a:b', 'a/b', '.', '..'];
      let checked = 0;
      for (const [name, route] of clientRoutes) {
        for (const variable of templateVariables(route.template)) {
          for (const value of values) {
            const params = Object.fromEntries(templateVariables(route.template).map((v) => [v, v === variable ? value : '300000000000000001']));
            const problem = pathProblem(route, variable, value);
            const path = route.template.replace(/\{(\w+)\}/g, (_, v: string) => encodeURIComponent(params[v]));
            const routed = protos.route(route.method, new URL(path, 'http://zitadel.test').pathname);
            const reaches = 'route' in routed && routed.route.rpc === route.rpc && routed.params[variable] === value;
            assert.equal(problem === undefined, reaches, `${name} {${variable}} = ${JSON.stringify(value)}: ${problem ?? 'accepted'}, but the gateway ${reaches ? 'reaches' : 'does not reach'} ${route.rpc}`);
            if (problem) assert.throws(() => buildRequest(route, params), /cannot be sent to ZITADEL in a URL path/);
            checked++;
          }
        }
      }
      assert.ok(checked > 100);
    });
  });

  describe('every call the client makes', () => {
    type Scenario = [name: string, api: 'v2' | 'v1' | 'fallback', call: (c: ZitadelApiClient) => Promise<unknown>, rpcs: (keyof typeof ROUTES)[]];
    const scenarios: Scenario[] = [
      ['my metadata, all keys', 'v2', (c) => c.listMyMetadata(), ['authList']],
      ['my metadata, filtered', 'v2', (c) => c.listMyMetadata({ key: 'te', method: 'TEXT_QUERY_METHOD_STARTS_WITH_IGNORE_CASE' }), ['authList']],
      ['one of my keys', 'v2', (c) => c.getMyMetadata('team'), ['authGet']],
      ['one of my keys with "/" (by search)', 'v2', (c) => c.getMyMetadata('a/b'), ['authList']],
      ['v2 list', 'v2', (c) => c.listUserMetadata(ALICE, { key: 'team', method: 'TEXT_QUERY_METHOD_CONTAINS' }), ['v2List']],
      ['v2 get', 'v2', (c) => c.getUserMetadata(ALICE, 'a/b'), ['v2List']],
      ['v2 set one', 'v2', (c) => c.setUserMetadata(ALICE, [{ key: 'x', value: 'one' }]), ['v2Set']],
      ['v2 set several, odd keys', 'v2', (c) => c.setUserMetadata(ALICE, [{ key: 'c/d', value: '1' }, { key: '_bulk', json: { n: 1 } }, { key: 'sp ace+&=', base64: 'AP8=' }]), ['v2Set']],
      ['v2 remove one', 'v2', (c) => c.removeUserMetadata(ALICE, ['x']), ['v2Delete']],
      ['v2 remove several, odd keys', 'v2', (c) => c.removeUserMetadata(ALICE, ['c/d', '_bulk', 'sp ace+&=']), ['v2Delete']],
      ['v2 find a user', 'v2', (c) => c.findUser(ALICE), ['v2GetUser']],
      ['v2 find an unknown user', 'v2', (c) => c.findUser('404'), ['v2GetUser']],
      ['fallback: v2 missing, then v1 list', 'fallback', (c) => c.listUserMetadata(ALICE), ['v2List', 'mgmtList']],
      ['v1 list', 'v1', (c) => c.listUserMetadata(ALICE, { key: 'team' }), ['mgmtList']],
      ['v1 get', 'v1', (c) => c.getUserMetadata(ALICE, 'team'), ['mgmtGet']],
      ['v1 get "_search" (not shadowed for GET)', 'v1', (c) => c.getUserMetadata(ALICE, '_search'), ['mgmtGet']],
      ['v1 get with "/" (by search)', 'v1', (c) => c.getUserMetadata(ALICE, 'a/b'), ['mgmtList']],
      ['v1 set one', 'v1', (c) => c.setUserMetadata(ALICE, [{ key: 'y', value: 'one' }]), ['mgmtSet']],
      ['v1 set "_search" (bulk)', 'v1', (c) => c.setUserMetadata(ALICE, [{ key: '_search', value: 'odd' }]), ['mgmtBulkSet']],
      ['v1 set "_bulk" (bulk)', 'v1', (c) => c.setUserMetadata(ALICE, [{ key: '_bulk', value: 'odd' }]), ['mgmtBulkSet']],
      ['v1 set with "/" (bulk)', 'v1', (c) => c.setUserMetadata(ALICE, [{ key: 'e/f', value: 'slash' }]), ['mgmtBulkSet']],
      ['v1 set ".." (bulk)', 'v1', (c) => c.setUserMetadata(ALICE, [{ key: '..', value: 'dots' }]), ['mgmtBulkSet']],
      ['v1 set several', 'v1', (c) => c.setUserMetadata(ALICE, [{ key: 'p', value: '1' }, { key: 'q', value: '2' }]), ['mgmtBulkSet']],
      ['v1 remove one', 'v1', (c) => c.removeUserMetadata(ALICE, ['y']), ['mgmtRemove']],
      ['v1 remove "_search" (not shadowed for DELETE)', 'v1', (c) => c.removeUserMetadata(ALICE, ['_search']), ['mgmtRemove']],
      ['v1 remove "_bulk" (bulk)', 'v1', (c) => c.removeUserMetadata(ALICE, ['_bulk']), ['mgmtBulkRemove']],
      ['v1 remove with "/" (bulk)', 'v1', (c) => c.removeUserMetadata(ALICE, ['e/f']), ['mgmtBulkRemove']],
      ['v1 remove several', 'v1', (c) => c.removeUserMetadata(ALICE, ['p', 'q', '..']), ['mgmtBulkRemove']],
      ['v1 find a user', 'v1', (c) => c.findUser(ALICE), ['mgmtGetUser']],
    ];
    const servers: Partial<Record<Scenario[1], ContractServer>> = {};
    const covered = new Set<string>();
    let requestsChecked = 0;

    before(async () => {
      for (const api of ['v2', 'v1', 'fallback'] as const) {
        servers[api] = await startZitadelApi({
          issuer: NO_ISSUER,
          v2: api === 'v2',
          pats: [{ token: ADMIN, userId: ALICE, permissions: ['user.read', 'user.write'] }],
          users: [{ id: ALICE, orgId: DEMO_ORG_ID, metadata: { team: 'blue', 'a/b': 'slash', _search: 'odd' } }],
        });
      }
    });
    after(async () => {
      await Promise.all(Object.values(servers).map((s) => s.stop()));
    });

    for (const [name, api, run, rpcs] of scenarios) {
      it(`${name}: ${rpcs.join(', ')}`, async () => {
        const server = servers[api]!;
        const from = server.requests.length;
        const client = new ZitadelApiClient({ baseUrl: server.url, token: ADMIN, orgId: api === 'v2' ? undefined : DEMO_ORG_ID, userApi: api === 'v1' ? 'v1' : undefined });
        // The requests are judged against the protos first, whatever the contract server made of them.
        const outcome = await run(client).then(() => undefined, (err: unknown) => err);
        const sent = server.requests.slice(from);
        assert.deepEqual(sent.map((r) => r.method), rpcs.map((r) => ROUTES[r].method), 'one request per expected call');
        sent.forEach((request, i) => {
          const [rawPath, rawQuery = ''] = request.url.split(/\?(.*)/s);
          const routed = protos.route(request.method, rawPath);
          assert.ok('route' in routed, `${request.method} ${request.url}: the gateway answers ${'status' in routed ? routed.status : ''}`);
          assert.equal(routed.route.rpc, ROUTES[rpcs[i]].rpc, `${request.method} ${request.url} reaches ${routed.route.rpc}`);
          const query = [...new URLSearchParams(rawQuery)];
          assert.deepEqual(protos.placementProblems(routed, query, request.body), [], `${request.method} ${request.url} ${request.body}`);
          const v1 = routed.route.basePath === '/management/v1';
          assert.equal(request.headers['x-zitadel-orgid'], v1 ? DEMO_ORG_ID : undefined, 'the org header on management v1 only');
          if (request.body) assert.equal(request.headers['content-type'], 'application/json');
          covered.add(routed.route.rpc);
          requestsChecked++;
        });
        if (outcome) throw outcome;
      });
    }

    it('covers every route of the client', () => {
      const missing = clientRoutes.map(([, r]) => r.rpc).filter((rpc) => !covered.has(rpc));
      assert.deepEqual(missing, []);
      console.log(`      (${requestsChecked} requests of ${scenarios.length} calls checked against ${covered.size} RPC descriptors, routed over ${protos.routes.length} HTTP rules)`);
    });
  });

  describe("the contract server's routes", () => {
    it('each served route is its RPC\'s HTTP rule, in declaration order', () => {
      for (const route of SERVED_ROUTES) {
        const rule = protos.byRpc(route.rpc);
        assert.deepEqual({ verb: route.verb, template: route.template, body: route.body, basePath: route.basePath }, { verb: rule.verb, template: rule.template, body: rule.body, basePath: rule.basePath }, route.rpc);
      }
      for (const [service, rpcs] of rpcsByService(SERVED_ROUTES.map((r) => r.rpc))) {
        const order = rpcs.map((rpc) => protos.byRpc(rpc).order);
        assert.deepEqual(order, [...order].sort((a, b) => a - b), service);
      }
      assert.deepEqual(new Set(SERVED_ROUTES.map((r) => r.rpc)), new Set(clientRoutes.map(([, r]) => r.rpc)), 'serves what the client calls');
    });

    it('reads exactly the fields of each request message outside the path, with their kinds', () => {
      for (const route of SERVED_ROUTES) {
        const input = protos.byRpc(route.rpc).method.input;
        assert.deepEqual(specProblems(route.fields, input, templateVariables(route.template)), [], route.rpc);
      }
    });

    it("has the protos' validate rules as its limits, and so has the client", () => {
      assert.deepEqual(protos.lengthRule('zitadel.user.v2.Metadata', 'key'), { min: 1, max: MAX_KEY });
      assert.deepEqual(protos.lengthRule('zitadel.management.v1.SetUserMetadataRequest', 'key'), { min: 1, max: MAX_KEY });
      assert.deepEqual(protos.lengthRule('zitadel.user.v2.DeleteUserMetadataRequest', 'keys'), { min: 1, max: MAX_KEY });
      assert.deepEqual(protos.lengthRule('zitadel.user.v2.Metadata', 'value'), { min: 1, max: MAX_VALUE });
      assert.deepEqual(protos.lengthRule('zitadel.management.v1.BulkSetUserMetadataRequest.Metadata', 'value'), { min: 1, max: MAX_VALUE });
      assert.deepEqual(protos.lengthRule('zitadel.user.v2.ListUserMetadataRequest', 'user_id'), { min: 1, max: MAX_ID });
      assert.deepEqual(protos.lengthRule('zitadel.management.v1.ListUserMetadataRequest', 'id'), { min: 1, max: MAX_ID });
      assert.deepEqual([MAX_KEY_CHARACTERS, MAX_VALUE_BYTES, MAX_USER_ID_CHARACTERS], [MAX_KEY, MAX_VALUE, MAX_ID]);
    });

    it('answers every route with protobuf JSON of its response message, zero values left out', async () => {
      const server = await startZitadelApi({
        issuer: NO_ISSUER,
        pats: [{ token: ADMIN, userId: ALICE, permissions: ['user.read', 'user.write'] }],
        users: [{ id: ALICE, orgId: DEMO_ORG_ID, userName: 'alice', metadata: { team: 'blue', bin: Uint8Array.from([0, 255]) } }],
      });
      try {
        const u = `/users/${ALICE}/metadata`;
        const calls: [string, string, unknown?][] = [
          ['POST', '/auth/v1/users/me/metadata/_search', {}],
          ['POST', '/auth/v1/users/me/metadata/_search', { queries: [{ keyQuery: { key: 'none' } }] }],
          ['GET', '/auth/v1/users/me/metadata/team'],
          ['GET', `/management/v1/users/${ALICE}`],
          ['POST', `/management/v1${u}/k1`, { value: 'MQ==' }],
          ['POST', `/management/v1${u}/_bulk`, { metadata: [{ key: 'k2', value: 'Mg==' }] }],
          ['POST', `/management/v1${u}/_search`, { query: { limit: 2, asc: true } }],
          ['POST', `/management/v1/users/nobody/metadata/_search`, {}],
          ['GET', `/management/v1${u}/k1`],
          ['DELETE', `/management/v1${u}/k1`],
          ['DELETE', `/management/v1${u}/_bulk`, { keys: ['k2'] }],
          ['GET', `/v2/users/${ALICE}`],
          ['POST', `/v2${u}`, { metadata: [{ key: 'k3', value: 'Mw==' }] }],
          ['POST', `/v2${u}/search`, { pagination: { limit: 10 } }],
          ['POST', `/v2/users/nobody/metadata/search`, {}],
          ['DELETE', `/v2${u}?keys=k3`],
        ];
        const rpcs = new Set<string>();
        for (const [method, path, body] of calls) {
          const response = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${ADMIN}` }, body: body === undefined ? undefined : JSON.stringify(body) });
          const json = (await response.json()) as unknown;
          assert.equal(response.status, 200, `${method} ${path}: ${JSON.stringify(json)}`);
          const rpc = server.requests.at(-1)!.rpc!;
          rpcs.add(rpc);
          assert.deepEqual(protos.jsonProblems(json, protos.byRpc(rpc).method.output, 'response', `${method} ${path}`), []);
        }
        assert.equal(rpcs.size, SERVED_ROUTES.length, 'every route answered');
      } finally {
        await server.stop();
      }
    });

    it('routes like the protos: the same RPC, or the same 404 / 405, for tricky paths', async () => {
      const server = await startZitadelApi({ issuer: NO_ISSUER, pats: [{ token: ADMIN, userId: ALICE, permissions: ['user.read'] }], users: [{ id: ALICE, orgId: DEMO_ORG_ID }] });
      try {
        const probes: [string, string][] = [
          ['POST', `/management/v1/users/${ALICE}/metadata/_bulk`],
          ['POST', `/management/v1/users/${ALICE}/metadata/_search`],
          ['DELETE', `/management/v1/users/${ALICE}/metadata/_bulk`],
          ['DELETE', `/management/v1/users/${ALICE}/metadata/_search`],
          ['GET', '/auth/v1/users/me/metadata/_search'],
          ['GET', `/management/v1/users/${ALICE}/metadata/a%2Fb`],
          ['DELETE', `/management/v1/users/${ALICE}/metadata/a%2Fb`],
          ['PUT', `/v2/users/${ALICE}/metadata`],
          ['GET', `/v2/users/${ALICE}/metadata`],
          ['DELETE', `/v2/users/${ALICE}%2Fx/metadata`],
          ['PATCH', `/management/v1/users/${ALICE}/metadata/k`],
        ];
        for (const [method, path] of probes) {
          const response = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${ADMIN}` } });
          await response.arrayBuffer();
          const routed = protos.route(method, path);
          const served = server.requests.at(-1)!;
          if ('route' in routed && SERVED_ROUTES.some((r) => r.rpc === routed.route.rpc)) assert.equal(served.rpc, routed.route.rpc, `${method} ${path}`);
          else if ('status' in routed) assert.equal(response.status, routed.status, `${method} ${path}`);
          else assert.equal(response.status, 404, `${method} ${path} reaches ${routed.route.rpc}, which the contract server does not model`);
        }
      } finally {
        await server.stop();
      }
    });
  });

  /** What is different between a contract server schema and the fields of a request message. */
  function specProblems(spec: Spec, message: DescMessage, skip: string[] = [], where = message.typeName): string[] {
    if (spec.kind !== 'object') return [`${where}: expected an object spec`];
    const fields = message.fields.filter((f) => !skip.includes(f.name));
    const problems: string[] = [];
    const names = fields.map((f) => f.jsonName);
    if (JSON.stringify(Object.keys(spec.fields).sort()) !== JSON.stringify([...names].sort())) problems.push(`${where}: fields ${Object.keys(spec.fields).join(', ')} instead of ${names.join(', ')}`);
    for (const field of fields) {
      const own = spec.fields[field.jsonName];
      if (!own) continue;
      const at = `${where}.${field.jsonName}`;
      const repeated = field.fieldKind === 'list';
      if (repeated !== (own.kind === 'array')) problems.push(`${at}: repeated ${repeated} in the protos`);
      const element = own.kind === 'array' ? own.of : own;
      const kind = repeated ? field.listKind : field.fieldKind;
      if (kind === 'message') problems.push(...specProblems(element, field.message!, [], at));
      else if (kind === 'enum') {
        const values = field.enum!.values.map((v) => v.name);
        if (element.kind !== 'enum' || JSON.stringify(element.values) !== JSON.stringify(values)) problems.push(`${at}: enum values ${values.join(', ')}`);
      } else {
        const expected = SCALAR_SPECS[field.scalar!];
        if (element.kind !== expected) problems.push(`${at}: ${element.kind} instead of ${expected ?? `scalar ${field.scalar}`}`);
      }
    }
    return problems;
  }
});

// @bufbuild/protobuf ScalarType numbers (descriptor.proto's field types).
const SCALAR_SPECS: Record<number, Spec['kind']> = { 9: 'string', 8: 'bool', 4: 'uint64', 13: 'uint32', 12: 'bytes' };
