// gRPC status names by number (v1 REST errors carry the number, Connect the name).
export const GRPC_CODES = ['ok', 'canceled', 'unknown', 'invalid_argument', 'deadline_exceeded', 'not_found', 'already_exists', 'permission_denied', 'resource_exhausted', 'failed_precondition', 'aborted', 'out_of_range', 'unimplemented', 'internal', 'unavailable', 'data_loss', 'unauthenticated'] as const;

export function isGrpcCodeName(value: unknown): value is (typeof GRPC_CODES)[number] {
  return typeof value === 'string' && (GRPC_CODES as readonly string[]).includes(value);
}
