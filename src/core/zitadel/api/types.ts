// Shapes shared by the ZITADEL API client modules.
import type { MetadataEntry } from '../metadata';

/** The eight text comparison methods of ZITADEL's key queries (auth and management v1 names). */
export const TEXT_QUERY_METHODS = [
  'TEXT_QUERY_METHOD_EQUALS',
  'TEXT_QUERY_METHOD_EQUALS_IGNORE_CASE',
  'TEXT_QUERY_METHOD_STARTS_WITH',
  'TEXT_QUERY_METHOD_STARTS_WITH_IGNORE_CASE',
  'TEXT_QUERY_METHOD_CONTAINS',
  'TEXT_QUERY_METHOD_CONTAINS_IGNORE_CASE',
  'TEXT_QUERY_METHOD_ENDS_WITH',
  'TEXT_QUERY_METHOD_ENDS_WITH_IGNORE_CASE',
] as const;
export type TextQueryMethod = (typeof TEXT_QUERY_METHODS)[number];

/** The user service v2 name of a method: TEXT_QUERY_METHOD_X becomes TEXT_FILTER_METHOD_X. */
export function toFilterMethod(method: TextQueryMethod): string {
  return method.replace('TEXT_QUERY_METHOD_', 'TEXT_FILTER_METHOD_');
}

/** Which keys to list. Without `key`, every key; `method` defaults to TEXT_QUERY_METHOD_EQUALS. */
export interface MetadataFilter {
  key?: string;
  method?: TextQueryMethod;
}

export interface ListOptions extends MetadataFilter {
  /** Entries per request: default 100, at most 1000. */
  pageSize?: number;
  /**
   * Called once per page, in order, as soon as it arrives (before the next request), so a UI can
   * show the first rows early. `totalSoFar` counts the entries delivered including this page;
   * `total` is the server's totalResult.
   */
  onPage?(entries: ApiMetadataEntry[], totalSoFar: number, total: number): void;
  signal?: AbortSignal;
}

/** One metadata entry from the REST APIs: the decoded value plus what the server says about it. */
export interface ApiMetadataEntry extends MetadataEntry {
  creationDate?: string;
  changeDate?: string;
  /** v1 only. */
  sequence?: string;
  /** v1 only: the org owning the user. */
  resourceOwner?: string;
}

/**
 * A value to store. `value` as a string is stored as its UTF-8 text, as a Uint8Array as those bytes;
 * `json` is stored as JSON text; `base64` (standard or base64url, padding optional) is decoded and
 * must be valid. The client always sends standard padded base64.
 */
export type MetadataInput =
  | { key: string; value: string | Uint8Array }
  | { key: string; json: unknown }
  | { key: string; base64: string };

/** Which API serves other users' metadata: user service v2, or management v1 (older ZITADEL). */
export type UserApiVersion = 'v2' | 'v1';

export interface ZitadelApiOptions {
  /** The instance URL (the issuer), e.g. https://my-instance.zitadel.cloud. */
  baseUrl: string;
  /** An access token (with the ZITADEL API audience) or a personal access token. */
  token: string;
  /** Sent as x-zitadel-orgid on management v1 calls: the org the target users belong to. */
  orgId?: string;
  /** Per request; default 30 000. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** A decision remembered from earlier (e.g. persisted per profile): skips the v2 probe. */
  userApi?: UserApiVersion;
}

export type HttpMethod = 'GET' | 'POST' | 'DELETE';
