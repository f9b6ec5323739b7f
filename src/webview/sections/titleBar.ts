// The page title: label, algorithm and type badges, live validity, issuer and fingerprint.
import * as l10n from '@vscode/l10n';
import { describeHeaderParameter } from '../../core/claims/catalog';
import { describeValidity, tokenValidity } from '../../core/claims/time';
import type { TokenInspection } from '../../core/inspect';
import { setText, setTone, type LiveClock, type Tone } from '../clock';
import { el, icon, safeLink, setIcon, textButton, type Child } from '../dom';
import { vscode } from '../vscodeApi';

export function titleBar(label: string, inspection: TokenInspection, liveClock: LiveClock): HTMLElement {
  const { header, payload } = inspection;
  const alg = typeof header.alg === 'string' ? header.alg : undefined;
  const badges = el('div', { class: 'badges' });

  const algInfo = describeHeaderParameter('alg');
  if (alg === undefined) badges.append(el('span', { class: 'badge tone-error', title: algInfo?.description }, l10n.t('no alg')));
  else {
    const unsecured = alg.toLowerCase() === 'none';
    badges.append(el('span', { class: `badge alg${unsecured ? ' tone-error' : ''}`, title: l10n.t('Algorithm: {0}', algInfo?.description ?? '') }, alg));
  }
  if (typeof header.typ === 'string') badges.append(el('span', { class: 'badge subtle', title: l10n.t('Type: {0}', describeHeaderParameter('typ')?.description ?? '') }, header.typ));

  const validityText = document.createTextNode('');
  const validityIcon = icon('pass');
  const validity = el('span', { class: 'badge validity', title: l10n.t("From the exp and nbf claims, against this computer's clock") }, validityIcon, validityText);
  badges.append(validity);
  liveClock.add((now) => {
    const v = tokenValidity(payload, now);
    setText(validityText, describeValidity(v, now));
    const tone: Tone =
      v.state === 'expired' ? 'error' : v.state === 'not-yet-valid' || v.expiresAtMs === undefined || v.expiresAtMs - now < 2 * 60_000 ? 'warning' : 'ok';
    setTone(validity, tone);
    setIcon(validityIcon, tone === 'ok' ? 'pass' : tone === 'error' ? 'error' : 'warning');
  });

  if (alg !== undefined && alg.toLowerCase() !== 'none') {
    badges.append(textButton('workspace-trusted', l10n.t('Verify Signature…'), () => vscode.postMessage({ type: 'verify' }), l10n.t('Verify the signature with the issuer’s keys, a public key or a shared secret')));
  }

  const facts = el('dl', { class: 'facts' });
  const fact = (term: string, value: Child, title?: string) => facts.append(el('div', { class: 'fact', title }, el('dt', {}, term), el('dd', {}, value)));
  if (typeof payload.iss === 'string') fact(l10n.t('Issuer'), safeLink(payload.iss));
  else fact(l10n.t('Issuer'), el('span', { class: 'muted' }, payload.iss === undefined ? l10n.t('none') : JSON.stringify(payload.iss)));
  if (typeof payload.sub === 'string' && payload.sub !== label) fact(l10n.t('Subject'), el('span', { class: 'mono' }, payload.sub));
  if (inspection.fingerprint) fact(l10n.t('Fingerprint'), el('span', { class: 'mono' }, inspection.fingerprint), l10n.t('First 12 hex digits of the SHA-256 of the token'));

  return el(
    'header',
    { class: 'title-bar' },
    el('div', { class: 'title-row' }, icon('key', 'title-icon'), el('h1', { title: label }, label || l10n.t('Token'))),
    badges,
    facts,
  );
}
