// How values read: JSON values, and time claims with a live relative time.
import * as l10n from '@vscode/l10n';
import { formatRelative, type TimeClaim } from '../core/claims/time';
import { setText, setTone, type LiveClock, type Tone } from './clock';
import { el, icon, safeLink } from './dom';

/** A JSON value, readable: plain strings, colored scalars, pretty JSON for structures. */
export function jsonValue(value: unknown): HTMLElement {
  if (typeof value === 'string') return value === '' ? el('span', { class: 'muted' }, l10n.t('(empty string)')) : el('span', { class: 'value-string' }, safeLink(value));
  if (typeof value === 'number') return el('span', { class: 'value-number' }, String(value));
  if (typeof value === 'boolean') return el('span', { class: 'value-boolean' }, String(value));
  if (value === null) return el('span', { class: 'value-null' }, 'null');
  // Short arrays of scalars (amr, aud) read best on one line.
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) {
    const line = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    if (line.length <= 80) return el('pre', { class: 'json inline' }, line);
  }
  const text = JSON.stringify(value, null, 2) ?? String(value);
  if (text === '{}') return el('pre', { class: 'json inline' }, text);
  return el('pre', { class: 'json' }, text);
}

/** ISO time, a live relative time and the raw value, with a milliseconds flag. */
export function timeValue(time: TimeClaim, liveClock: LiveClock): HTMLElement {
  const relative = document.createTextNode('');
  const relativeNode = el('span', { class: 'relative' }, icon('clock'), relative);
  liveClock.add((now) => {
    setText(relative, formatRelative(time.epochMs, now));
    setTone(relativeNode, timeTone(time, now));
  });
  const local = new Date(time.epochMs);
  return el(
    'div',
    { class: 'time' },
    el('div', { class: 'time-main' }, el('span', { class: 'iso', title: l10n.t('Local time: {0}', local.toString()) }, time.iso), relativeNode),
    el(
      'div',
      { class: 'time-raw' },
      el('span', { class: 'value-number' }, String(time.value)),
      time.looksLikeMilliseconds
        ? el('span', { class: 'tag tone-warning', title: l10n.t('JWT times are seconds since 1970; this value only makes sense as milliseconds.') }, icon('warning'), l10n.t('milliseconds'))
        : el('span', { class: 'muted' }, l10n.t('seconds since 1970')),
    ),
  );
}

function timeTone(time: TimeClaim, now: number): Tone {
  const future = time.epochMs > now;
  switch (time.claim) {
    case 'exp':
      return future ? 'ok' : 'error';
    case 'nbf':
      return future ? 'warning' : 'neutral';
    default:
      // Issued or authenticated in the future (beyond a minute of skew) is suspicious.
      return time.epochMs > now + 60_000 ? 'warning' : 'neutral';
  }
}
