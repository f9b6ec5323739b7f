// The claims table: every payload claim with its description, times live.
import * as l10n from '@vscode/l10n';
import { describeClaim } from '../../core/claims/catalog';
import type { TokenInspection } from '../../core/inspect';
import { METADATA_CLAIM } from '../../core/zitadel/claims';
import { isRoleClaim } from '../../core/zitadel/roles';
import type { LiveClock } from '../clock';
import { el, iconButton, textButton } from '../dom';
import { jumpNote, nameCell, section, table } from '../layout';
import { jsonValue, timeValue } from '../values';
import { copy } from '../vscodeApi';

export function claimsSection(inspection: TokenInspection, liveClock: LiveClock): HTMLElement {
  const times = new Map(inspection.times.map((t) => [t.claim, t]));
  const rows = Object.entries(inspection.payload).map(([name, value]) => {
    const time = times.get(name);
    const cell = el('td', { class: 'value-cell' }, time ? timeValue(time, liveClock) : jsonValue(value));
    if (name === METADATA_CLAIM && inspection.metadata.length > 0) cell.append(jumpNote(l10n.t('Decoded under Metadata'), 'metadata'));
    else if (isRoleClaim(name) && inspection.roles.some((r) => r.claim === name)) cell.append(jumpNote(l10n.t('Listed under Roles'), 'roles'));
    return el(
      'tr',
      {},
      nameCell(name, describeClaim(name)),
      cell,
      el('td', { class: 'actions-cell' }, iconButton('copy', l10n.t('Copy claim {0}', name), (b) => copy({ what: 'claim', claim: name }, b))),
    );
  });
  return section(
    'claims',
    l10n.t('Claims'),
    { count: rows.length, actions: [textButton('copy', l10n.t('Payload JSON'), (b) => copy({ what: 'payload' }, b), l10n.t('Copy payload JSON'))] },
    rows.length ? table('claims', [l10n.t('Claim'), l10n.t('Value'), ''], rows) : el('p', { class: 'muted' }, l10n.t('The payload has no claims.')),
  );
}
