// The RPCs the contract server serves, as ZITADEL's protos declare them: verb, path template (with
// the service's base path), body mapping ("*": the fields outside the path are the JSON body; "":
// they are query parameters and a body is ignored), and those fields' shape. Within a service the
// order is the protos' declaration order, which decides between overlapping templates (gateway.ts).
// test/unit/zitadelApiRoutes.test.ts checks every line against @zitadel/proto.
import type { GatewayRoute } from './gateway';
import { schemas, type ObjectSpec } from './schema';

export type RouteName =
  | 'authList'
  | 'authGet'
  | 'mgmtGetUser'
  | 'mgmtSet'
  | 'mgmtBulkSet'
  | 'mgmtList'
  | 'mgmtGet'
  | 'mgmtRemove'
  | 'mgmtBulkRemove'
  | 'v2GetUser'
  | 'v2Set'
  | 'v2List'
  | 'v2Delete';

export interface ServedRoute extends GatewayRoute {
  name: RouteName;
  /** "zitadel.management.v1.ManagementService/SetUserMetadata" */
  rpc: string;
  body: '*' | '';
  /** The fields outside the path: the JSON body (body "*") or the query parameters (body ""). */
  fields: ObjectSpec;
  /** v2 routes exist only on instances of the v4 line. */
  v2: boolean;
}

const AUTH = { service: 'zitadel.auth.v1.AuthService', basePath: '/auth/v1' };
const MGMT = { service: 'zitadel.management.v1.ManagementService', basePath: '/management/v1' };
const USER_V2 = { service: 'zitadel.user.v2.UserService', basePath: '' };

type Line = [name: RouteName, service: typeof AUTH, rpc: string, verb: ServedRoute['verb'], path: string, body: '*' | '', fields: ObjectSpec];

// Declaration order within each service (management: GetUserByID comes long before the metadata RPCs).
const LINES: Line[] = [
  ['authList', AUTH, 'ListMyMetadata', 'POST', '/users/me/metadata/_search', '*', schemas.v1Search],
  ['authGet', AUTH, 'GetMyMetadata', 'GET', '/users/me/metadata/{key}', '', schemas.none],
  ['mgmtGetUser', MGMT, 'GetUserByID', 'GET', '/users/{id}', '', schemas.none],
  ['mgmtSet', MGMT, 'SetUserMetadata', 'POST', '/users/{id}/metadata/{key}', '*', schemas.v1Set],
  ['mgmtBulkSet', MGMT, 'BulkSetUserMetadata', 'POST', '/users/{id}/metadata/_bulk', '*', schemas.v1BulkSet],
  ['mgmtList', MGMT, 'ListUserMetadata', 'POST', '/users/{id}/metadata/_search', '*', schemas.v1Search],
  ['mgmtGet', MGMT, 'GetUserMetadata', 'GET', '/users/{id}/metadata/{key}', '', schemas.none],
  ['mgmtRemove', MGMT, 'RemoveUserMetadata', 'DELETE', '/users/{id}/metadata/{key}', '', schemas.none],
  ['mgmtBulkRemove', MGMT, 'BulkRemoveUserMetadata', 'DELETE', '/users/{id}/metadata/_bulk', '*', schemas.v1BulkRemove],
  ['v2GetUser', USER_V2, 'GetUserByID', 'GET', '/v2/users/{user_id}', '', schemas.none],
  ['v2Set', USER_V2, 'SetUserMetadata', 'POST', '/v2/users/{user_id}/metadata', '*', schemas.v2Set],
  ['v2List', USER_V2, 'ListUserMetadata', 'POST', '/v2/users/{user_id}/metadata/search', '*', schemas.v2Search],
  ['v2Delete', USER_V2, 'DeleteUserMetadata', 'DELETE', '/v2/users/{user_id}/metadata', '', schemas.v2Delete],
];

export const SERVED_ROUTES: ServedRoute[] = LINES.map(([name, { service, basePath }, method, verb, path, body, fields], order) => ({
  name,
  rpc: `${service}/${method}`,
  verb,
  template: `${basePath}${path}`,
  basePath,
  order,
  body,
  fields,
  v2: basePath === '',
}));
