// The signed-in user's metadata from every source side by side (ID token, userinfo, auth API),
// with the keys whose values differ, or that a source lacks, flagged; and what the auth API says
// about each entry (change date, resource owner) when it was asked.
import * as l10n from '@vscode/l10n';
import type { MetadataEntry } from '../../core/zitadel/metadata';
import { describeFacts, type MetadataFacts } from '../../core/zitadel/metadataFacts';
import { SOURCE_LABELS, type MetadataComparisonRow, type MetadataSource } from '../../core/zitadel/metadataSources';
import { el, icon } from '../dom';
import { nameCell, section, table } from '../layout';

function statusText(status: MetadataComparisonRow['status']): string {
  return status === 'same' ? l10n.t('same everywhere') : status === 'differs' ? l10n.t('values differ') : l10n.t('missing in a source');
}

export function metadataSourcesSection(comparison: { sources: MetadataSource[]; rows: MetadataComparisonRow[] } | undefined): HTMLElement | undefined {
  if (!comparison || comparison.sources.length === 0) return undefined;
  const { sources, rows } = comparison;
  // The auth API's entries carry its facts about them; a column only when it gave any.
  const facts = rows.map((row) => (row.values.authApi ? describeFacts(row.values.authApi as MetadataEntry & MetadataFacts) : ''));
  const withFacts = facts.some((f) => f !== '');
  const body = rows.map((row, i) =>
    el(
      'tr',
      {},
      nameCell(row.key, undefined),
      ...sources.map((source) => {
        const entry = row.values[source];
        return el('td', { class: 'value-cell', title: entry ? l10n.t('raw: {0}', entry.raw) : undefined }, entry ? el('span', { class: 'value-string multiline' }, entry.value) : el('span', { class: 'muted' }, '—'));
      }),
      el('td', {}, el('span', { class: `tag${row.status === 'same' ? '' : ' tone-warning'}` }, row.status === 'same' ? icon('pass') : icon('warning'), statusText(row.status))),
      withFacts && el('td', { class: 'facts-cell muted small' }, facts[i] || '—'),
    ),
  );
  const columns = [l10n.t({ message: 'Key', comment: ['A metadata key'] }), ...sources.map((s) => SOURCE_LABELS[s]), l10n.t('Status'), ...(withFacts ? [l10n.t('Auth API: changed, owner')] : [])];
  const returned = l10n.t('Decoded values as {0} returned them.', sources.map((s) => SOURCE_LABELS[s]).join(', '));
  return section(
    'metadata-sources',
    l10n.t('Metadata across sources'),
    { count: rows.length, subtitle: sources.includes('authApi') ? returned : `${returned} ${l10n.t('List them from the auth API in the tree to compare with it too.')}` },
    rows.length ? table('metadata-sources', columns, body) : el('p', { class: 'muted' }, l10n.t('No metadata in any source.')),
  );
}
