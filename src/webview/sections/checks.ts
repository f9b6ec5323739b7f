// A checklist: a signed-in ID token's checks, or a verification the user ran ("Verify
// Signature…"): each check with its outcome and reason.
import * as l10n from '@vscode/l10n';
import type { Check } from '../../core/oidc/idTokenChecks';
import { el, icon } from '../dom';
import type { Codicon } from '../icons';
import { section } from '../layout';
import type { VerificationSummary } from '../protocol';

const ICON = { pass: 'pass', fail: 'error', skip: 'circle-slash' } as const satisfies Record<Check['status'], Codicon>;
const TONE = { pass: 'tone-ok', fail: 'tone-error', skip: 'muted' } as const;

export function checksSection(checks: Check[] | undefined, verification?: VerificationSummary): HTMLElement | undefined {
  if (!checks || checks.length === 0) return undefined;
  const failed = checks.filter((c) => c.status === 'fail').length;
  const outcome = failed === 0 ? undefined : failed === 1 ? l10n.t('1 check failed.') : l10n.t('{0} checks failed.', failed);
  const subtitle = verification
    ? [l10n.t('Verified with {0} at {1}.', verification.keys, new Date(verification.verifiedAt).toLocaleString()), outcome ?? l10n.t('Every check passed.'), verification.note].filter(Boolean).join(' ')
    : outcome ?? l10n.t("Every check passed: signature against the issuer's keys, issuer, audience, times, nonce.");
  return section(
    'checks',
    verification ? l10n.t('Signature verification') : l10n.t('ID token checks'),
    { subtitle },
    el(
      'ul',
      { class: 'checks' },
      ...checks.map((c) => el('li', { class: `check ${TONE[c.status]}` }, icon(ICON[c.status]), el('span', { class: 'check-label' }, c.label), el('span', { class: 'check-detail' }, c.detail))),
    ),
  );
}
