// ZITADEL's error answers: v1 REST (grpc-gateway, a gRPC status as JSON) and v2 (Connect).
// Only APP-Zxfako and its exact body come from ZITADEL's source; the other ids are this fake's
// own ("CONTRACT-…"), with ZITADEL's English messages where they are known.

export type GrpcCode = 'invalid_argument' | 'not_found' | 'permission_denied' | 'unauthenticated' | 'unimplemented' | 'unknown' | 'internal';

const NUMBER: Record<GrpcCode, number> = { unknown: 2, invalid_argument: 3, not_found: 5, permission_denied: 7, unimplemented: 12, internal: 13, unauthenticated: 16 };
/** grpc-gateway's (v1) and Connect's (v2) HTTP statuses; the same for these codes. */
const HTTP: Record<GrpcCode, number> = { unknown: 500, invalid_argument: 400, not_found: 404, permission_denied: 403, unimplemented: 501, internal: 500, unauthenticated: 401 };

export type ApiFlavour = 'v1' | 'v2';

export class ApiFailure extends Error {
  constructor(
    readonly grpcCode: GrpcCode,
    readonly id: string | undefined,
    /** Without the "(ID)" suffix. */
    readonly text: string,
    /** Replaces the HTTP status (e.g. 500 for the "rpc error" mode). */
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

export function errorAnswer(flavour: ApiFlavour, failure: ApiFailure): ErrorAnswer {
  const status = failure.httpStatus ?? HTTP[failure.grpcCode];
  const message = failure.message;
  if (flavour === 'v1') {
    const details = failure.id ? [{ '@type': 'type.googleapis.com/zitadel.v1.ErrorDetail', id: failure.id, message: failure.text }] : [];
    return { status, body: JSON.stringify({ code: NUMBER[failure.grpcCode], message, details }) };
  }
  const details = failure.id ? [{ type: 'zitadel.v1.ErrorDetail', value: errorDetailProto(failure.id, failure.text), debug: { id: failure.id, message: failure.text } }] : [];
  return { status, body: JSON.stringify({ code: failure.grpcCode, message, details }) };
}

/** zitadel.v1.ErrorDetail { string id = 1; string message = 2; } in protobuf, base64 without padding (Connect's encoding). */
function errorDetailProto(id: string, message: string): string {
  const field = (tag: number, text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    const length: number[] = [];
    let n = bytes.length;
    do {
      length.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
      n >>>= 7;
    } while (n > 0);
    return Buffer.concat([Buffer.from([(tag << 3) | 2, ...length]), bytes]);
  };
  return Buffer.concat([field(1, id), field(2, message)]).toString('base64').replace(/=+$/, '');
}

export const failures = {
  badRequest: (text: string) => new ApiFailure('invalid_argument', undefined, text),
  invalidAudience: () => new ApiFailure('unauthenticated', 'APP-Zxfako', 'invalid audience'),
  userNotFound: () => new ApiFailure('not_found', 'CONTRACT-user404', 'User could not be found'),
  metadataNotFound: () => new ApiFailure('not_found', 'CONTRACT-meta404', 'Metadata not found'),
  permissionDenied: () => new ApiFailure('permission_denied', 'AUTH-5mWD2', 'No matching permissions found'),
};
