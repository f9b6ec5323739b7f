// The signed-in user's own metadata, through the auth API v1 (the token's user; no permission
// needed, but the token must carry the ZITADEL API audience). ZITADEL has no call for users to
// set their own metadata.
import * as l10n from '@vscode/l10n';
import { judge, unexpected, type CallContext } from './explain';
import { send, type Connection } from './http';
import { collectPages } from './paging';
import { readV1Page, readV1Single } from './parse';
import { getMyMetadataRequest, listMyMetadataRequest } from './requests';
import type { ApiMetadataEntry, ListOptions } from './types';
import { checkFilter, checkKey, checkPageSize } from './validate';
import { ZitadelApiError } from './errors';

export async function listMyMetadata(connection: Connection, options: ListOptions = {}): Promise<ApiMetadataEntry[]> {
  const filter = checkFilter(options);
  const pageSize = checkPageSize(options.pageSize);
  const context: CallContext = { what: l10n.t('Listing your metadata'), notFound: 'user' };
  return collectPages(
    async (offset, limit) => {
      const answer = await send(connection, { ...listMyMetadataRequest(offset, limit, filter), signal: options.signal, what: context.what });
      const json = judge(answer, context);
      return readV1Page(json, (problem) => {
        throw unexpected(answer, context, problem);
      });
    },
    pageSize,
    options.onPage,
  );
}

export async function getMyMetadata(connection: Connection, key: string, signal?: AbortSignal): Promise<ApiMetadataEntry> {
  checkKey(key);
  const context: CallContext = { what: l10n.t('Reading your metadata "{0}"', key), notFound: 'key', keys: [key] };
  // A key that cannot be a path segment is looked up by a search for exactly that key.
  const { request, bySearch } = getMyMetadataRequest(key);
  if (bySearch) {
    const found = (await listMyMetadata(connection, { key, method: 'TEXT_QUERY_METHOD_EQUALS', signal })).find((e) => e.key === key);
    if (!found) throw new ZitadelApiError('not-found', l10n.t('{0} failed: you have no metadata key "{1}".', context.what, key), { notFound: 'key' });
    return found;
  }
  const answer = await send(connection, { ...request, signal, what: context.what });
  const json = judge(answer, context);
  return readV1Single(json, (problem) => {
    throw unexpected(answer, context, problem);
  });
}
