// ZITADEL roles: role → organization ID → domain, grouped by claim (project).
import * as l10n from '@vscode/l10n';
import { describeClaim } from '../../core/claims/catalog';
import type { RoleGrant } from '../../core/zitadel/roles';
import { el, icon } from '../dom';
import { section, table } from '../layout';

export function rolesSection(grants: RoleGrant[]): HTMLElement | undefined {
  if (grants.length === 0) return undefined;
  const byClaim = new Map<string, RoleGrant[]>();
  for (const grant of grants) byClaim.set(grant.claim, [...(byClaim.get(grant.claim) ?? []), grant]);
  const groups = [...byClaim].map(([claim, claimGrants]) => {
    const projectId = claimGrants[0].projectId;
    const rows: HTMLTableRowElement[] = [];
    for (const grant of claimGrants) {
      const orgs = Array.isArray(grant.orgs) ? grant.orgs : [];
      const roleCell = el('th', { class: 'name-cell' }, el('code', { class: 'name role' }, grant.role));
      roleCell.setAttribute('scope', 'row');
      roleCell.rowSpan = Math.max(1, orgs.length);
      if (orgs.length === 0) rows.push(el('tr', {}, roleCell, el('td', { class: 'muted' }, l10n.t('no organization')), el('td', {})));
      orgs.forEach((org, i) =>
        rows.push(
          el(
            'tr',
            { class: `${i === 0 ? 'group-start' : 'group-continued'}${i < orgs.length - 1 ? ' group-more' : ''}` },
            i === 0 && roleCell,
            el('td', { class: 'mono' }, org.orgId),
            el('td', {}, el('span', { class: 'value-string' }, org.domain)),
          ),
        ),
      );
    }
    return el(
      'div',
      { class: 'role-group' },
      el(
        'h3',
        {},
        icon('organization'),
        projectId === undefined ? l10n.t('Requesting project') : l10n.t('Project {0}', projectId),
        el('code', { class: 'claim-ref', title: describeClaim(claim)?.description }, claim),
      ),
      table('roles', [l10n.t('Role'), l10n.t('Organization ID'), l10n.t('Domain')], rows),
    );
  });
  return section('roles', l10n.t('Roles'), { count: new Set(grants.map((g) => g.role)).size }, ...groups);
}
