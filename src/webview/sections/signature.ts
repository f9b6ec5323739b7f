// The signature: algorithm, key id, the (unverified) signature itself.
import * as l10n from '@vscode/l10n';
import { visible } from '../../core/text';
import { byteCount, characterCount } from '../../core/view/counts';
import type { TokenInspection } from '../../core/inspect';
import type { Check } from '../../core/oidc/idTokenChecks';
import { el, icon, textButton, type Child } from '../dom';
import { section } from '../layout';
import { copy } from '../vscodeApi';

const SIGNATURE_PREVIEW = 86;

export function signatureSection(inspection: TokenInspection, checks: Check[] | undefined): HTMLElement {
  const { header, signature } = inspection;
  const facts = el('dl', { class: 'facts stacked' });
  const fact = (term: string, ...value: Child[]) => facts.append(el('div', { class: 'fact' }, el('dt', {}, term), el('dd', {}, ...value)));

  fact(l10n.t('Algorithm'), typeof header.alg === 'string' ? el('code', { class: 'mono' }, header.alg) : el('span', { class: 'problem' }, l10n.t('missing')));
  fact(l10n.t('Key ID'), typeof header.kid === 'string' ? el('code', { class: 'mono' }, header.kid) : el('span', { class: 'muted' }, l10n.t('not set')));

  const actions: Child[] = [];
  if (signature === '') {
    fact(l10n.t({ message: 'Signature', comment: ['The signature part of a JWT'] }), el('span', { class: 'problem' }, icon('error'), l10n.t('none: the token is unsigned')));
  } else {
    const bytes = Math.floor((signature.length * 3) / 4);
    fact(l10n.t('Length'), l10n.t('{0}, {1}', characterCount(signature.length), byteCount(bytes)));
    const long = signature.length > SIGNATURE_PREVIEW;
    const shown = (all: boolean) => visible(all || !long ? signature : `${signature.slice(0, SIGNATURE_PREVIEW)}…`);
    const text = document.createTextNode(shown(false));
    const value = el('code', { class: 'signature' }, text);
    const body: Child[] = [value];
    if (long) {
      const toggle = el('button', { class: 'link-button' }, l10n.t('Show all'));
      toggle.type = 'button';
      toggle.setAttribute('aria-expanded', 'false');
      toggle.addEventListener('click', () => {
        const expanded = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(expanded));
        text.data = shown(expanded);
        toggle.textContent = expanded ? l10n.t('Show less') : l10n.t('Show all');
      });
      body.push(' ', toggle);
    }
    fact(l10n.t({ message: 'Signature', comment: ['The signature part of a JWT'] }), ...body);
    actions.push(textButton('copy', l10n.t({ message: 'Signature', comment: ['The signature part of a JWT'] }), (b) => copy({ what: 'signature' }, b), l10n.t('Copy signature')));
  }
  const unsecured = typeof header.alg === 'string' && header.alg.toLowerCase() === 'none';
  const verification = checks?.find((c) => c.id === 'signature');
  const notice = verification
    ? el('p', { class: `notice ${verification.status === 'pass' ? 'tone-ok' : 'tone-error'}` }, icon(verification.status === 'pass' ? 'verified' : 'error'), verification.detail)
    : unsecured
    ? el('p', { class: 'notice tone-error' }, icon('error'), l10n.t('Unsecured token (alg "none"): there is no signature to verify and anyone can forge it. Never accept it.'))
    : el('p', { class: 'notice tone-info' }, icon('unverified'), l10n.t('Decoding does not verify the signature: use Verify Signature… (at the top) to check it against the issuer’s keys, a public key or a shared secret.'));
  return section('signature', l10n.t({ message: 'Signature', comment: ['The signature part of a JWT'] }), { actions }, notice, facts);
}
