// ZITADEL metadata: decoded values, their encoding, and the raw base64 one click away.
import type { MetadataEntry } from '../../core/zitadel/metadata';
import { el, icon, iconButton } from '../dom';
import { nameCell, section, table } from '../layout';
import { copy } from '../vscodeApi';

const ENCODING_LABEL: Record<string, string> = { text: 'text', json: 'JSON', binary: 'binary', invalid: 'invalid' };

export function metadataSection(entries: MetadataEntry[]): HTMLElement | undefined {
  if (entries.length === 0) return undefined;
  const rows = entries.map((entry) => {
    const value = el('td', { class: 'value-cell' }, metadataValue(entry));
    const rawCopy = iconButton('copy', `Copy raw value of ${entry.key}`, (b) => copy({ what: 'metadata-raw', key: entry.key }, b));
    value.append(
      el(
        'details',
        { class: 'raw' },
        el('summary', {}, 'Show raw'),
        el('div', { class: 'raw-body' }, el('code', { class: 'raw-value' }, entry.raw === '' ? '(empty)' : entry.raw), rawCopy),
      ),
    );
    const size = entry.encoding === 'invalid' ? '' : `${entry.byteLength} byte${entry.byteLength === 1 ? '' : 's'}`;
    const tagText = entry.encoding === 'binary' ? `binary, ${size}` : ENCODING_LABEL[entry.encoding] ?? String(entry.encoding);
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
      el('td', { class: 'actions-cell' }, iconButton('copy', `Copy value of ${entry.key}`, (b) => copy({ what: 'metadata-value', key: entry.key }, b))),
    );
  });
  return section(
    'metadata',
    'ZITADEL metadata',
    { count: entries.length, subtitle: 'urn:zitadel:iam:user:metadata, values decoded from base64url.' },
    table('metadata', ['Key', 'Value', 'Encoding', ''], rows),
  );
}

function metadataValue(entry: MetadataEntry): HTMLElement {
  switch (entry.encoding) {
    case 'json':
      return el('pre', { class: 'json' }, JSON.stringify(entry.json, null, 2) ?? entry.value);
    case 'binary':
      return el('code', { class: 'hex', title: 'Hexadecimal bytes' }, (entry.value.match(/.{1,2}/g) ?? []).join(' '));
    case 'text':
      return entry.value === '' ? el('span', { class: 'muted' }, '(empty)') : el('span', { class: 'value-string multiline' }, entry.value);
    default:
      return el(
        'div',
        {},
        el('code', { class: 'mono' }, entry.value),
        el('div', { class: 'problem' }, icon('error'), entry.problem ?? 'could not be decoded'),
      );
  }
}
