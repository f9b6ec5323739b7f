// ZITADEL REST API client (metadata). See client.ts.
export { ZitadelApiClient } from './client';
export { ZitadelApiError, type Permission, type ZitadelApiErrorCode } from './errors';
export { AUDIENCE_SCOPE } from './explain';
export { v2Unavailable } from './fallback';
export type { UserLookup, WriteResult } from './users';
export { TEXT_QUERY_METHODS, type ApiMetadataEntry, type ListOptions, type MetadataFilter, type MetadataInput, type TextQueryMethod, type UserApiVersion, type ZitadelApiOptions } from './types';
export { DEFAULT_PAGE_SIZE, MAX_KEY_CHARACTERS, MAX_PAGE_SIZE, MAX_USER_ID_CHARACTERS, MAX_VALUE_BYTES } from './validate';
