// ZITADEL's error answers as its REST gateway writes them, the same on /auth/v1, /management/v1 and
// /v2: a gRPC status as protobuf JSON, numeric code, "message" = the translated text plus " (ID)",
// and one zitadel.v1.ErrorDetail with the id and the text; an empty "details" is left out. The ids
// and English texts are ZITADEL's (internal/command, internal/query, internal/api/authz and
// internal/static/i18n/en.yaml); where a text is an i18n key, the English translation is used.

export type GrpcCode = 'unknown' | 'invalid_argument' | 'not_found' | 'permission_denied' | 'failed_precondition' | 'unimplemented' | 'unauthenticated';

const NUMBER: Record<GrpcCode, number> = { unknown: 2, invalid_argument: 3, not_found: 5, permission_denied: 7, failed_precondition: 9, unimplemented: 12, unauthenticated: 16 };
/** grpc-gateway's HTTP status for each code (runtime.HTTPStatusFromCode). */
const HTTP: Record<GrpcCode, number> = { unknown: 500, invalid_argument: 400, not_found: 404, permission_denied: 403, failed_precondition: 400, unimplemented: 501, unauthenticated: 401 };

export class ApiFailure extends Error {
  constructor(
    readonly grpcCode: GrpcCode,
    readonly id: string | undefined,
    /** Without the "(ID)" suffix. */
    readonly text: string,
    /** Replaces the HTTP status (405 for a wrong verb, 500 for the "rpc error" mode). */
    readonly httpStatus?: number,
    /** Replaces the whole message (e.g. "rpc error: code = Unauthenticated desc = …"). */
    readonly rawMessage?: string,
  ) {
    super(rawMessage ?? (id ? `${text} (${id})` : text));
  }
}

export interface ErrorAnswer {
  status: number;
  body: string;
}

export function errorAnswer(failure: ApiFailure): ErrorAnswer {
  const status = failure.httpStatus ?? HTTP[failure.grpcCode];
  const body: Record<string, unknown> = { code: NUMBER[failure.grpcCode], message: failure.message };
  if (failure.id) body.details = [{ '@type': 'type.googleapis.com/zitadel.v1.ErrorDetail', id: failure.id, message: failure.text }];
  return { status, body: JSON.stringify(body) };
}

export const failures = {
  /** The gateway's own refusals (bad JSON, wrong types) and field validation: no ZITADEL id. */
  badRequest: (text: string) => new ApiFailure('invalid_argument', undefined, text),
  /** grpc-gateway's routing errors. */
  routeNotFound: () => new ApiFailure('not_found', undefined, 'Not Found'),
  methodNotAllowed: () => new ApiFailure('unimplemented', undefined, 'Method Not Allowed', 405),
  /** internal/api/authz: the token's audience lacks the ZITADEL project. */
  invalidAudience: () => new ApiFailure('unauthenticated', 'APP-Zxfako', 'invalid audience'),
  /** The token cannot be verified (unknown, bad signature, expired). */
  invalidToken: () => new ApiFailure('unauthenticated', 'APP-Reb32', 'invalid token'),
  /** No "Bearer …" authorization header. */
  invalidAuthHeader: () => new ApiFailure('unauthenticated', 'AUTH-7fs1e', 'invalid auth header'),
  permissionDenied: () => new ApiFailure('permission_denied', 'AUTH-5mWD2', 'No matching permissions found'),
  /** Commands on a user that does not exist in the resource owner (checkUserExists). */
  userNotFoundForCommand: () => new ApiFailure('failed_precondition', 'COMMAND-uXHNj', 'User could not be found'),
  /** Queries of a user that does not exist (GetUserByID). */
  userNotFound: () => new ApiFailure('not_found', 'QUERY-Dfbg2', 'User could not be found'),
  /** Getting one key that does not exist (GetUserMetadataByKey). */
  metadataNotFound: () => new ApiFailure('not_found', 'QUERY-Rgh32', 'Metadata not found'),
  /** Removing one key that does not exist (RemoveUserMetadata). */
  metadataKeyNotFound: () => new ApiFailure('not_found', 'META-ncnw3', 'Metadata not found'),
  /** A key of a bulk removal does not exist (BulkRemoveUserMetadata; v2 DeleteUserMetadata). */
  metadataKeysNotFound: () => new ApiFailure('not_found', 'META-2nnds', 'One or more keys do not exist'),
  /** A bulk set or removal without entries, e.g. the v2 DELETE with its keys in an (ignored) body. */
  metadataListEmpty: () => new ApiFailure('failed_precondition', 'META-9mm2d', 'Metadata list is empty'),
};
