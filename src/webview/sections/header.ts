// The JOSE header: parameters with their descriptions.
import { describeHeaderParameter } from '../../core/claims/catalog';
import { el, textButton } from '../dom';
import { nameCell, section, table } from '../layout';
import { jsonValue } from '../values';
import { copy } from '../vscodeApi';

export function headerSection(header: Record<string, unknown>): HTMLElement {
  const rows = Object.entries(header).map(([name, value]) =>
    el('tr', {}, nameCell(name, describeHeaderParameter(name)), el('td', { class: 'value-cell' }, jsonValue(value))),
  );
  return section(
    'header',
    'Header',
    { count: rows.length, actions: [textButton('copy', 'Header JSON', (b) => copy({ what: 'header' }, b), 'Copy header JSON')] },
    rows.length ? table('header', ['Parameter', 'Value'], rows) : el('p', { class: 'muted' }, 'The header is empty.'),
  );
}
