// What ZITADEL's APIs say about a metadata entry besides its value (change date, resource owner),
// as short text for the tree and the inspector. Only the APIs return these (management v1 and the
// auth API both; the user service v2 has no resource owner); claims never do. Server text: shown
// as plain text, never as markup.
import * as l10n from '@vscode/l10n';
import type { MetadataEntry } from './metadata';

/** The API's facts about an entry; the shapes of ApiMetadataEntry (src/core/zitadel/api). */
export interface MetadataFacts {
  creationDate?: string;
  changeDate?: string;
  resourceOwner?: string;
  sequence?: string;
}

/** "2024-05-01 10:00 UTC"; the text as received (clipped) when it is no RFC 3339 time. */
export function shortUtc(iso: string): string {
  const time = Date.parse(iso);
  if (!/^\d{4}-\d\d-\d\dT/.test(iso) || Number.isNaN(time)) return iso.length > 40 ? `${iso.slice(0, 40)}…` : iso;
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "changed 2024-05-01 10:00 UTC · owner 1700…", or '' when the entry came without facts. */
export function describeFacts(entry: MetadataEntry & MetadataFacts): string {
  const parts: string[] = [];
  if (typeof entry.changeDate === 'string') parts.push(l10n.t('changed {0}', shortUtc(entry.changeDate)));
  if (typeof entry.resourceOwner === 'string' && entry.resourceOwner) parts.push(l10n.t({ message: 'owner {0}', args: [entry.resourceOwner], comment: ['The resource owner (organization) of a metadata entry'] }));
  return parts.join(' · ');
}
