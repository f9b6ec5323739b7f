// Pages through a search until the server's totalResult is reached, delivering each page as it
// arrives. Requests are sequential: offset paging is only consistent page after page.
import type { ParsedPage } from './parse';
import type { ApiMetadataEntry, ListOptions } from './types';

export async function collectPages(
  fetchPage: (offset: number, limit: number) => Promise<ParsedPage>,
  pageSize: number,
  onPage: ListOptions['onPage'],
): Promise<ApiMetadataEntry[]> {
  const all: ApiMetadataEntry[] = [];
  let offset = 0;
  for (;;) {
    const page = await fetchPage(offset, pageSize);
    for (const entry of page.entries) all.push(entry);
    onPage?.(page.entries, all.length, page.total);
    offset += page.entries.length;
    // An empty page ends it too: entries removed meanwhile must not make this loop forever.
    if (page.entries.length === 0 || offset >= page.total) return all;
  }
}
