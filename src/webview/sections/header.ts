// The JOSE header: parameters with their descriptions.
import * as l10n from '@vscode/l10n';
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
    l10n.t({ message: 'Header', comment: ['The JOSE header of a JWT'] }),
    { count: rows.length, actions: [textButton('copy', l10n.t('Header JSON'), (b) => copy({ what: 'header' }, b), l10n.t('Copy header JSON'))] },
    rows.length ? table('header', [l10n.t('Parameter'), l10n.t('Value')], rows) : el('p', { class: 'muted' }, l10n.t('The header is empty.')),
  );
}
