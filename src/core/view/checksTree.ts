// A checklist in the sidebar (a signed-in ID token's checks, or a verification the user ran):
// one section with a row per check, and the token's Signature row saying what was found.
import * as l10n from '@vscode/l10n';
import type { Check } from '../oidc/jwtChecks';
import { inline, mdText } from '../text';
import type { ViewNode } from './treeModel';

/** The checklist as a section node: all passed (collapsed) or how many failed (expanded). */
export function checksNode(id: string, label: string, checks: readonly Check[], fingerprint = '', note?: string): ViewNode {
  const failed = checks.filter((c) => c.status === 'fail').length;
  return {
    id,
    kind: 'section',
    fingerprint,
    label,
    description: [failed === 0 ? l10n.t('all passed') : l10n.t('{0} failed', failed), note && inline(note, 80)].filter(Boolean).join(' · '),
    icon: failed === 0 ? { id: 'pass', color: 'testing.iconPassed' } : { id: 'error', color: 'testing.iconFailed' },
    expanded: failed > 0,
    children: () =>
      checks.map((c) => ({
        id: `${id}/${c.id}`,
        kind: 'check' as const,
        fingerprint,
        label: c.label,
        description: inline(c.detail, 300),
        tooltip: `**${mdText(c.label)}**: ${checkStatus(c.status)}  \n${mdText(c.detail)}`,
        icon: c.status === 'pass' ? { id: 'pass', color: 'testing.iconPassed' } : c.status === 'fail' ? { id: 'error', color: 'testing.iconFailed' } : { id: 'circle-slash' },
      })),
  };
}

/** The token's Signature row says what the signature check found ("verified with …"), instead of "not verified". */
export function withSignatureOutcome(node: ViewNode, check: Check | undefined, verifiedWith: string): ViewNode {
  const children = node.children;
  if (!check || !children) return node;
  return {
    ...node,
    children: () =>
      children().map((c) =>
        c.id !== `${node.id}/signature`
          ? c
          : {
              ...c,
              description: check.status === 'pass' ? l10n.t('verified with {0}', inline(verifiedWith, 80)) : l10n.t('verification FAILED'),
              tooltip: mdText(check.detail, 2000),
              icon: check.status === 'pass' ? { id: 'verified', color: 'testing.iconPassed' } : { id: 'error', color: 'testing.iconFailed' },
            },
      ),
  };
}

/** A decoded token after "Verify Signature…": its checklist first, and the Signature row saying what was found. */
export function withVerification(node: ViewNode, checks: readonly Check[], keys: string): ViewNode {
  const children = node.children;
  if (!children) return node;
  const verified = withSignatureOutcome(node, checks.find((c) => c.id === 'signature'), keys);
  return { ...verified, children: () => [checksNode(`${node.id}/verification`, l10n.t('Verification'), checks, node.fingerprint, keys), ...verified.children!()] };
}

/** A check's outcome in words. */
export function checkStatus(status: 'pass' | 'fail' | 'skip'): string {
  return status === 'pass' ? l10n.t('passed') : status === 'fail' ? l10n.t('failed') : l10n.t('skipped');
}
