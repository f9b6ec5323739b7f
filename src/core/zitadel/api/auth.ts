// The signed-in user's own metadata, through the auth API v1 (the token's user; no permission
// needed, but the token must carry the ZITADEL API audience). ZITADEL has no call for users to
// set their own metadata.
import * as l10n from '@vscode/l10n';
import { judge, unexpected, type CallContext } from './explain';
import { send, type Connection } from './http';
import { collectPages } from './paging';
import { readV1Page, readV1Single } from './parse';
import { buildRequest, pathProblem, ROUTES } from './routes';
import type { ApiMetadataEntry, ListOptions, MetadataFilter } from './types';
import { checkFilter, checkKey, checkPageSize } from './validate';
import { ZitadelApiError } from './errors';

/** The v1 search body: 64-bit offset as a string, ascending by key. */
export function v1SearchBody(offset: number, limit: number, filter: MetadataFilter): Record<string, unknown> {
  const body: Record<string, unknown> = { query: { offset: String(offset), limit, asc: true } };
  if (filter.key !== undefined) body.queries = [{ keyQuery: { key: filter.key, method: filter.method ?? 'TEXT_QUERY_METHOD_EQUALS' } }];
  return body;
}

export async function listMyMetadata(connection: Connection, options: ListOptions = {}): Promise<ApiMetadataEntry[]> {
  const filter = checkFilter(options);
  const pageSize = checkPageSize(options.pageSize);
  const context: CallContext = { what: l10n.t('Listing your metadata'), notFound: 'user' };
  return collectPages(
    async (offset, limit) => {
      const answer = await send(connection, { ...buildRequest(ROUTES.authList, {}, v1SearchBody(offset, limit, filter)), signal: options.signal, what: context.what });
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
  if (pathProblem(ROUTES.authGet, 'key', key)) {
    const found = (await listMyMetadata(connection, { key, method: 'TEXT_QUERY_METHOD_EQUALS', signal })).find((e) => e.key === key);
    if (!found) throw new ZitadelApiError('not-found', l10n.t('{0} failed: you have no metadata key "{1}".', context.what, key), { notFound: 'key' });
    return found;
  }
  const answer = await send(connection, { ...buildRequest(ROUTES.authGet, { key }), signal, what: context.what });
  const json = judge(answer, context);
  return readV1Single(json, (problem) => {
    throw unexpected(answer, context, problem);
  });
}
