// Path variables and query parameters of ZITADEL routes, and the bound on bodies written to the
// log and an error's log line; pure functions called directly.
import { strict as assert } from 'node:assert';
import { bodyForLog, ZitadelApiError } from '../../src/core/zitadel/api/errors';
import { buildRequest, pathProblem, ROUTES, type Route } from '../../src/core/zitadel/api/routes';

describe('ZITADEL routes: path values and query parameters', () => {
  it('refuses a value with a lone UTF-16 surrogate, saying it has no UTF-8 form', () => {
    assert.equal(pathProblem(ROUTES.mgmtGet, 'key', 'a\ud800'), 'it contains a lone UTF-16 surrogate, which has no UTF-8 form');
  });

  it('refuses a key that is the literal of a later route with variables elsewhere ("_bulk" of BulkSet)', () => {
    assert.equal(pathProblem(ROUTES.mgmtSet, 'key', '_bulk'), '"_bulk" is the name of another ZITADEL call at the same place');
  });

  it("a later route's literal shadows a variable only where its other segments match: its variables match anything, its literals only themselves", () => {
    // Routes of the management service that are not in the table: every route of the table counts as later.
    const MGMT = 'zitadel.management.v1.ManagementService';
    const literalUser: Route = { rpc: `${MGMT}/Hypothetical`, method: 'POST', template: '/management/v1/users/me/metadata/{key}', body: '*' };
    const groups: Route = { rpc: `${MGMT}/Hypothetical`, method: 'POST', template: '/management/v1/groups/{id}/metadata/{key}', body: '*' };
    assert.equal(pathProblem(literalUser, 'key', '_bulk'), '"_bulk" is the name of another ZITADEL call at the same place');
    assert.equal(pathProblem(groups, 'key', '_bulk'), undefined);
  });

  it('refuses to build a request without a value for a path variable, naming it and the RPC', () => {
    assert.throws(() => buildRequest(ROUTES.mgmtGet, { id: '1' }), { message: 'no value for {key} of zitadel.management.v1.ManagementService/GetUserMetadata' });
  });

  it('sends the fields of a route without a body as query parameters, a single value once and a list repeated', () => {
    assert.deepEqual(buildRequest(ROUTES.v2Delete, { user_id: '7' }, { keys: ['a', 'b c'], dry: 'x' }), { method: 'DELETE', path: '/v2/users/7/metadata?keys=a&keys=b%20c&dry=x' });
    assert.deepEqual(buildRequest(ROUTES.v2Delete, { user_id: '7' }, { keys: 'only' }), { method: 'DELETE', path: '/v2/users/7/metadata?keys=only' });
  });
});

describe('ZITADEL errors: the body in the log', () => {
  it('cuts a body over 10000 characters to its first 10000, saying how long it was', () => {
    assert.equal(bodyForLog('x'.repeat(10_001)), `${'x'.repeat(10_000)}… (10001 characters)`);
    assert.equal(bodyForLog('y'.repeat(10_000)), 'y'.repeat(10_000));
  });

  it("logs an error's endpoint, status, ZITADEL error id and body, leaving out what is not known", () => {
    const full = new ZitadelApiError('unauthenticated', 'x', { endpoint: 'POST /v2/users/1/metadata', status: 401, zitadelId: 'AUTH-7fs1e', body: '{"code":16}' });
    assert.equal(full.logDetail(), 'POST /v2/users/1/metadata HTTP 401 AUTH-7fs1e body: {"code":16}');
    assert.equal(new ZitadelApiError('unauthenticated', 'x', { endpoint: 'GET /x', body: '' }).logDetail(), 'GET /x body: ');
    assert.equal(new ZitadelApiError('unauthenticated', 'x', { status: 500 }).logDetail(), 'HTTP 500');
    assert.equal(new ZitadelApiError('unauthenticated', 'x').logDetail(), '');
  });
});

describe('ZITADEL errors: the same error with another message', () => {
  it('keeps the code, every detail and the cause, and changes only the message', () => {
    const cause = new Error('underneath');
    const first = new ZitadelApiError('permission-denied', 'first', {
      status: 403,
      endpoint: 'DELETE /v2/users/1/metadata',
      grpcCode: 'permission_denied',
      zitadelId: 'AUTHZ-HKJD33',
      serverMessage: 'No matching permissions found',
      body: '{"code":7}',
      notFound: 'key',
      permission: 'user.write',
      refreshable: true,
      cause,
    });
    const again = first.withMessage('second');
    assert.ok(again instanceof ZitadelApiError);
    assert.equal(again.message, 'second');
    assert.equal(again.code, 'permission-denied');
    assert.deepEqual(
      [again.status, again.endpoint, again.grpcCode, again.zitadelId, again.serverMessage, again.body, again.notFound, again.permission, again.refreshable, again.cause],
      [403, 'DELETE /v2/users/1/metadata', 'permission_denied', 'AUTHZ-HKJD33', 'No matching permissions found', '{"code":7}', 'key', 'user.write', true, cause],
    );
  });
});
