// The raw token, masked until the user reveals it.
import * as l10n from '@vscode/l10n';
import { characterCount } from '../../core/view/counts';
import { el, setIcon, textButton } from '../dom';
import { section } from '../layout';
import { copy } from '../vscodeApi';

const MASK_PREFIX = 12;

export function rawTokenSection(token: string): HTMLElement {
  const box = el('code', { class: 'token masked' });
  const masked = () =>
    box.replaceChildren(
      token.slice(0, MASK_PREFIX),
      el('span', { class: 'mask', aria: { label: l10n.t('hidden') } }, '…••••••••'),
      el('span', { class: 'muted token-length' }, ` ${l10n.t('{0}, hidden', characterCount(token.length))}`),
    );
  const revealed = () => {
    const [h = '', p = '', s = ''] = token.split('.');
    box.replaceChildren(
      el('span', { class: 'part-header' }, h),
      el('span', { class: 'part-dot' }, '.'),
      el('span', { class: 'part-payload' }, p),
      el('span', { class: 'part-dot' }, '.'),
      el('span', { class: 'part-signature' }, s),
    );
  };
  masked();

  const legend = el(
    'div',
    { class: 'legend hidden', aria: { hidden: 'true' } },
    el('span', { class: 'part-header' }, l10n.t({ message: 'header', comment: ['The first part of a JWT'] })),
    el('span', { class: 'part-dot' }, '.'),
    el('span', { class: 'part-payload' }, l10n.t({ message: 'payload', comment: ['The second part of a JWT'] })),
    el('span', { class: 'part-dot' }, '.'),
    el('span', { class: 'part-signature' }, l10n.t({ message: 'signature', comment: ['The third part of a JWT'] })),
  );

  const reveal = textButton('eye', l10n.t('Reveal'), () => {
    const show = reveal.getAttribute('aria-pressed') !== 'true';
    reveal.setAttribute('aria-pressed', String(show));
    setIcon(reveal.querySelector('.codicon')!, show ? 'eye-closed' : 'eye');
    reveal.querySelector('.text-button-label')!.textContent = show ? l10n.t('Hide') : l10n.t('Reveal');
    box.classList.toggle('masked', !show);
    legend.classList.toggle('hidden', !show);
    legend.setAttribute('aria-hidden', String(!show));
    (show ? revealed : masked)();
  });
  reveal.setAttribute('aria-pressed', 'false');

  return section(
    'token',
    l10n.t('Raw token'),
    { actions: [reveal, textButton('copy', l10n.t('Token'), (b) => copy({ what: 'token' }, b), l10n.t('Copy token'))] },
    el('div', { class: 'token-box' }, box),
    legend,
  );
}
