// Which API serves other users' metadata. User service v2 (ZITADEL v4 line) is tried first;
// management v1 (deprecated, still served) is the fallback for older instances.
//
// The rule, applied to the answer of a v2 call:
// - v2 is NOT available when the answer
//     a) carries the gRPC status `unimplemented` (Connect `"code":"unimplemented"`, or v1-style
//        `"code":12`, e.g. grpc-gateway's "Method Not Allowed"), whatever the HTTP status; or
//     b) is HTTP 404, 405 or 501 with a body that is not a ZITADEL error: not JSON (plain text
//        "404 page not found", an HTML page, empty), JSON that is no status at all, or a bare
//        gRPC-JSON routing error without ZITADEL's error id (`{"code":5,"message":"Not Found"}`).
// - v2 IS available when the answer is a success, or any Connect error (`"code":"<name>"`) other
//   than `unimplemented`: a Connect `not_found` is an unknown user, not a missing endpoint.
// - Anything else (a gRPC-JSON 401 from a gateway, a 500 HTML page) decides nothing; the error
//   is reported as it is.
import { readErrorStatus } from './explain';
import type { HttpAnswer } from './http';
import type { UserApiVersion } from './types';

export function v2Unavailable(answer: HttpAnswer): boolean {
  const status = readErrorStatus(answer.json);
  if (status?.grpcCode === 'unimplemented') return true;
  if (answer.status !== 404 && answer.status !== 405 && answer.status !== 501) return false;
  if (!status) return true;
  return !status.connect && !status.zitadelId;
}

/** 'v2' when the answer proves that the v2 endpoint exists, `undefined` when it proves nothing. */
export function decisionFrom(answer: HttpAnswer): UserApiVersion | undefined {
  if (v2Unavailable(answer)) return 'v1';
  if (answer.status >= 200 && answer.status < 300 && answer.json !== undefined) return 'v2';
  return readErrorStatus(answer.json)?.connect ? 'v2' : undefined;
}
