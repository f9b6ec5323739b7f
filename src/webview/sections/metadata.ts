// ZITADEL metadata: decoded values, their encoding, and the raw base64 one click away.
import * as l10n from '@vscode/l10n';
import { byteCount } from '../../core/view/counts';
import { METADATA_CLAIM } from '../../core/zitadel/claims';
import type { MetadataEntry } from '../../core/zitadel/metadata';
import { el, icon, iconButton } from '../dom';
import { nameCell, section, table } from '../layout';
import { copy } from '../vscodeApi';

/** How a value was encoded, in words. */
function encodingLabel(encoding: MetadataEntry['encoding']): string {
  switch (encoding) {
    case 'text':
      return l10n.t({ message: 'text', comment: ['A metadata value that is plain text'] });
    case 'json':
      return 'JSON';
    case 'binary':
      return l10n.t({ message: 'binary', comment: ['A metadata value that is bytes, not text'] });
    case 'invalid':
      return l10n.t({ message: 'invalid', comment: ['A metadata value that could not be decoded'] });
    default:
      return String(encoding);
  }
}

export function metadataSection(entries: MetadataEntry[]): HTMLElement | undefined {
  if (entries.length === 0) return undefined;
  const rows = entries.map((entry) => {
    const value = el('td', { class: 'value-cell' }, metadataValue(entry));
    const rawCopy = iconButton('copy', l10n.t('Copy raw value of {0}', entry.key), (b) => copy({ what: 'metadata-raw', key: entry.key }, b));
    value.append(
      el(
        'details',
        { class: 'raw' },
        el('summary', {}, l10n.t('Show raw')),
        el('div', { class: 'raw-body' }, el('code', { class: 'raw-value' }, entry.raw === '' ? l10n.t('(empty)') : entry.raw), rawCopy),
      ),
    );
    const size = entry.encoding === 'invalid' ? '' : byteCount(entry.byteLength);
    const tagText = entry.encoding === 'binary' ? l10n.t('binary, {0}', size) : encodingLabel(entry.encoding);
    return el(
      'tr',
      {},
      nameCell(entry.key, undefined),
      value,
      el(
        'td',
        { class: 'encoding-cell' },
        el('span', { class: `tag${entry.encoding === 'invalid' ? ' tone-error' : ''}` }, tagText),
        entry.encoding !== 'binary' && size && el('div', { class: 'muted small' }, size),
      ),
      el('td', { class: 'actions-cell' }, iconButton('copy', l10n.t('Copy value of {0}', entry.key), (b) => copy({ what: 'metadata-value', key: entry.key }, b))),
    );
  });
  return section(
    'metadata',
    l10n.t('ZITADEL metadata'),
    { count: entries.length, subtitle: l10n.t('{0}, values decoded from base64url.', METADATA_CLAIM) },
    table('metadata', [l10n.t({ message: 'Key', comment: ['A metadata key'] }), l10n.t('Value'), l10n.t('Encoding'), ''], rows),
  );
}

function metadataValue(entry: MetadataEntry): HTMLElement {
  switch (entry.encoding) {
    case 'json':
      return el('pre', { class: 'json' }, JSON.stringify(entry.json, null, 2) ?? entry.value);
    case 'binary':
      return el('code', { class: 'hex', title: l10n.t('Hexadecimal bytes') }, (entry.value.match(/.{1,2}/g) ?? []).join(' '));
    case 'text':
      return entry.value === '' ? el('span', { class: 'muted' }, l10n.t('(empty)')) : el('span', { class: 'value-string multiline' }, entry.value);
    default:
      return el(
        'div',
        {},
        el('code', { class: 'mono' }, entry.value),
        el('div', { class: 'problem' }, icon('error'), entry.problem ?? l10n.t('could not be decoded')),
      );
  }
}
