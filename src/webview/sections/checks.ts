// The ID token checklist of a signed-in profile: each check with its outcome and reason.
import * as l10n from '@vscode/l10n';
import type { Check } from '../../core/oidc/idTokenChecks';
import { el, icon } from '../dom';
import { section } from '../layout';

const ICON = { pass: 'pass', fail: 'error', skip: 'circle-slash' } as const;
const TONE = { pass: 'tone-ok', fail: 'tone-error', skip: 'muted' } as const;

export function checksSection(checks: Check[] | undefined): HTMLElement | undefined {
  if (!checks || checks.length === 0) return undefined;
  const failed = checks.filter((c) => c.status === 'fail').length;
  return section(
    'checks',
    l10n.t('ID token checks'),
    {
      subtitle:
        failed === 0
          ? l10n.t("Every check passed: signature against the issuer's keys, issuer, audience, times, nonce.")
          : failed === 1
            ? l10n.t('1 check failed.')
            : l10n.t('{0} checks failed.', failed),
    },
    el(
      'ul',
      { class: 'checks' },
      ...checks.map((c) => el('li', { class: `check ${TONE[c.status]}` }, icon(ICON[c.status]), el('span', { class: 'check-label' }, c.label), el('span', { class: 'check-detail' }, c.detail))),
    ),
  );
}
