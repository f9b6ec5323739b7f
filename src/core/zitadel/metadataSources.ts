// The signed-in user's metadata from each place ZITADEL offers it (ID token claim, userinfo
// claim, auth API), side by side: one row per key, flagging keys whose values differ between
// sources or that some source lacks. Values are compared decoded, since claims carry base64url
// without padding and the APIs standard padded base64.
import * as l10n from '@vscode/l10n';
import type { MetadataEntry } from './metadata';

export type MetadataSource = 'idToken' | 'userinfo' | 'authApi';

/** Localized when read (getters): the bundle is configured after this module loads. */
export const SOURCE_LABELS: Readonly<Record<MetadataSource, string>> = {
  get idToken() {
    return l10n.t('ID token');
  },
  get userinfo() {
    return l10n.t({ message: 'userinfo', comment: ["The OpenID Connect userinfo endpoint's answer"] });
  },
  get authApi() {
    return l10n.t({ message: 'auth API', comment: ["ZITADEL's auth API"] });
  },
};

export interface MetadataComparisonRow {
  key: string;
  /** The entry each source returned for this key. */
  values: Partial<Record<MetadataSource, MetadataEntry>>;
  /** `same`: every source consulted agrees; `differs`: values differ; `partial`: some source lacks the key. */
  status: 'same' | 'differs' | 'partial';
}

/** `sources` holds only the sources actually consulted (a missing source is not a missing key). */
export function compareMetadataSources(sources: Partial<Record<MetadataSource, readonly MetadataEntry[]>>): MetadataComparisonRow[] {
  const consulted = Object.keys(sources) as MetadataSource[];
  const keys = new Set(consulted.flatMap((s) => sources[s]!.map((e) => e.key)));
  return [...keys].sort().map((key) => {
    const values: MetadataComparisonRow['values'] = {};
    for (const source of consulted) {
      const entry = sources[source]!.find((e) => e.key === key);
      if (entry) values[source] = entry;
    }
    const present = Object.values(values);
    const status = new Set(present.map(comparableValue)).size > 1 ? 'differs' : present.length < consulted.length ? 'partial' : 'same';
    return { key, values, status };
  });
}

/** What two entries are compared by: the decoded content, or the raw text when it could not be decoded. */
export function comparableValue(entry: MetadataEntry): string {
  return entry.encoding === 'invalid' ? `raw:${entry.raw}` : `${entry.encoding === 'binary' ? 'hex' : 'text'}:${entry.value}`;
}
