// Which API serves other users' metadata. The user service v2 (ZITADEL v4 line) is tried first;
// management v1 (deprecated, still served) is the fallback for older instances. Every REST path,
// /v2 included, goes through ZITADEL's gateway, so the answer to a v2 call tells:
// - v2 is NOT there when the gateway found no route: HTTP 404 {"code":5,"message":"Not Found"}
//   without a ZITADEL error id (a gateway at / without these routes: the v2 and v3 lines); HTTP
//   405 or 501 with code 12 (the path exists for another verb only); or a 404 that is not JSON
//   (no gateway under /v2 at all: Go's plain "404 page not found", or a proxy's page).
// - v2 IS there when the answer is a success or any other gRPC status. A 404 that carries a
//   ZITADEL error id (QUERY-Dfbg2, META-2nnds…) is a real answer from the v2 RPC, never a reason to
//   fall back.
// - Anything else (a proxy's 502 page, a timeout) decides nothing; the error is reported as is.
import { readErrorStatus } from './explain';
import type { HttpAnswer } from './http';
import type { UserApiVersion } from './types';

export function v2Unavailable(answer: HttpAnswer): boolean {
  if (answer.json === undefined) return answer.status === 404;
  const status = readErrorStatus(answer.json);
  if (!status || status.zitadelId) return false;
  if (answer.status === 404) return status.grpcCode === 'not_found' && status.message === 'Not Found';
  return (answer.status === 405 || answer.status === 501) && status.grpcCode === 'unimplemented';
}

/** 'v1' when the answer shows that v2 is missing, 'v2' when it proves that v2 answered, `undefined` when it proves nothing. */
export function decisionFrom(answer: HttpAnswer): UserApiVersion | undefined {
  if (v2Unavailable(answer)) return 'v1';
  if (answer.json === undefined) return undefined;
  if (answer.status >= 200 && answer.status < 300) return 'v2';
  return readErrorStatus(answer.json) ? 'v2' : undefined;
}
