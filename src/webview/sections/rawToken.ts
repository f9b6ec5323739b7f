// The raw token, masked until the user reveals it.
import { el, textButton } from '../dom';
import { section } from '../layout';
import { copy } from '../vscodeApi';

const MASK_PREFIX = 12;

export function rawTokenSection(token: string): HTMLElement {
  const box = el('code', { class: 'token masked' });
  const masked = () =>
    box.replaceChildren(
      token.slice(0, MASK_PREFIX),
      el('span', { class: 'mask', aria: { label: 'hidden' } }, '…••••••••'),
      el('span', { class: 'muted token-length' }, ` ${token.length} characters, hidden`),
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
    el('span', { class: 'part-header' }, 'header'),
    el('span', { class: 'part-dot' }, '.'),
    el('span', { class: 'part-payload' }, 'payload'),
    el('span', { class: 'part-dot' }, '.'),
    el('span', { class: 'part-signature' }, 'signature'),
  );

  const reveal = textButton('eye', 'Reveal', () => {
    const show = reveal.getAttribute('aria-pressed') !== 'true';
    reveal.setAttribute('aria-pressed', String(show));
    reveal.querySelector('.codicon')!.className = `codicon codicon-${show ? 'eye-closed' : 'eye'}`;
    reveal.querySelector('.text-button-label')!.textContent = show ? 'Hide' : 'Reveal';
    box.classList.toggle('masked', !show);
    legend.classList.toggle('hidden', !show);
    legend.setAttribute('aria-hidden', String(!show));
    (show ? revealed : masked)();
  });
  reveal.setAttribute('aria-pressed', 'false');

  return section(
    'token',
    'Raw token',
    { actions: [reveal, textButton('copy', 'Token', (b) => copy({ what: 'token' }, b), 'Copy token')] },
    el('div', { class: 'token-box' }, box),
    legend,
  );
}
