// The ZITADEL API client: the signed-in user's metadata (auth v1) and other users' metadata (user
// service v2, falling back to management v1). No VS Code here; global fetch unless one is given.
import * as l10n from '@vscode/l10n';
import { getMyMetadata, listMyMetadata } from './auth';
import { DEFAULT_TIMEOUT_MS, normalizeBaseUrl, type Connection } from './http';
import { findUser, getUserMetadata, listUserMetadata, removeUserMetadata, setUserMetadata, type UserApiState, type UserLookup, type WriteResult } from './users';
import type { ApiMetadataEntry, ListOptions, MetadataFilter, MetadataInput, UserApiVersion, ZitadelApiOptions } from './types';
import { validationError } from './errors';

export class ZitadelApiClient {
  readonly #connection: Connection;
  readonly #state: UserApiState;

  constructor(options: ZitadelApiOptions & { onUserApiDecided?(api: UserApiVersion): void }) {
    if (typeof options.token !== 'string' || options.token.trim() === '') throw validationError(l10n.t('No token: sign in first, or enter a personal access token.'));
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw validationError(l10n.t('The timeout must be a positive number of milliseconds; got {0}.', timeoutMs));
    if (options.orgId !== undefined && options.orgId.trim() === '') throw validationError(l10n.t('The organization ID is empty: leave it out to use your own organization.'));
    // It travels as the x-zitadel-orgid header.
    if (options.orgId !== undefined && /[^\x21-\x7e]/.test(options.orgId)) throw validationError(l10n.t('The organization ID "{0}" has spaces or characters a header cannot carry; ZITADEL organization IDs are usually 18 digits.', options.orgId.slice(0, 40)));
    this.#connection = { baseUrl: normalizeBaseUrl(options.baseUrl), token: options.token, timeoutMs, fetch: options.fetch ?? fetch };
    this.#state = { userApi: options.userApi, orgId: options.orgId, onUserApiDecided: options.onUserApiDecided };
  }

  /**
   * Which API serves other users' metadata on this instance, once known ('v1': the user service v2
   * is not there). Remember it for a while (e.g. per window) and re-check when it may have changed.
   */
  get userApi(): UserApiVersion | undefined {
    return this.#state.userApi;
  }

  get baseUrl(): string {
    return this.#connection.baseUrl;
  }

  /** Every metadata entry of the signed-in user (all pages; `onPage` sees them as they arrive). */
  listMyMetadata(options?: ListOptions): Promise<ApiMetadataEntry[]> {
    return listMyMetadata(this.#connection, options);
  }

  getMyMetadata(key: string, options: { signal?: AbortSignal } = {}): Promise<ApiMetadataEntry> {
    return getMyMetadata(this.#connection, key, options.signal);
  }

  listUserMetadata(userId: string, filter?: ListOptions): Promise<ApiMetadataEntry[]> {
    return listUserMetadata(this.#connection, this.#state, userId, filter);
  }

  getUserMetadata(userId: string, key: string, options: { signal?: AbortSignal } = {}): Promise<ApiMetadataEntry> {
    return getUserMetadata(this.#connection, this.#state, userId, key, options.signal);
  }

  /** Sets (creates or replaces) one or several entries at once. Values are encoded for you. */
  setUserMetadata(userId: string, entries: readonly MetadataInput[], options: { signal?: AbortSignal } = {}): Promise<WriteResult> {
    return setUserMetadata(this.#connection, this.#state, userId, entries, options.signal);
  }

  removeUserMetadata(userId: string, keys: readonly string[], options: { signal?: AbortSignal } = {}): Promise<WriteResult> {
    return removeUserMetadata(this.#connection, this.#state, userId, keys, options.signal);
  }

  /**
   * Whether ZITADEL knows the user: what to say when a list comes back empty, since both APIs list
   * an unknown user (and management v1 a user of another organization) as having no metadata.
   */
  findUser(userId: string, options: { signal?: AbortSignal } = {}): Promise<UserLookup> {
    return findUser(this.#connection, this.#state, userId, options.signal);
  }
}

export type { MetadataFilter };
