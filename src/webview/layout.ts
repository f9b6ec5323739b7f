// Page structure shared by the sections: titled sections, tables, name cells, navigation.
import * as l10n from '@vscode/l10n';
import type { ClaimInfo } from '../core/claims/catalog';
import { visible } from '../core/text';
import { itemCount } from '../core/view/counts';
import { el, icon, type Child } from './dom';

/** A titled section; the heading can take focus so the jump bar can move there. */
export function section(id: string, title: string, options: { count?: number; actions?: Child[]; subtitle?: string }, ...body: Child[]): HTMLElement {
  const heading = el('h2', { id: `${id}-title` }, title, options.count !== undefined && el('span', { class: 'count', aria: { label: itemCount(options.count) } }, options.count));
  heading.tabIndex = -1;
  return el(
    'section',
    { class: 'section', id, aria: { labelledby: `${id}-title` } },
    el('div', { class: 'section-head' }, heading, el('div', { class: 'section-actions' }, ...(options.actions ?? []))),
    options.subtitle && el('p', { class: 'section-subtitle' }, options.subtitle),
    ...body,
  );
}

/** A table with column headers; `actions` adds an unlabeled narrow column. */
export function table(className: string, columns: string[], rows: HTMLTableRowElement[]): HTMLTableElement {
  const head = el('tr', {}, ...columns.map((c) => el('th', { class: c ? undefined : 'actions-head' }, c ? c : el('span', { class: 'visually-hidden' }, l10n.t('Actions')))));
  head.querySelectorAll('th').forEach((th) => th.setAttribute('scope', 'col'));
  return el('table', { class: `grid ${className}` }, el('thead', {}, head), el('tbody', {}, ...rows));
}

/** The name cell: the name in monospace (a line break in it shown as ↵) with its catalog title and description below. */
export function nameCell(name: string, info: ClaimInfo | undefined): HTMLTableCellElement {
  const cell = el(
    'th',
    { class: 'name-cell', title: info ? `${info.title}: ${info.description} (${info.source})` : undefined },
    el('div', { class: 'name-line' }, el('code', { class: 'name' }, visible(name)), info && el('span', { class: 'name-title' }, info.title)),
    info && el('div', { class: 'name-description' }, info.description),
  );
  cell.setAttribute('scope', 'row');
  return cell;
}

export function navigation(sections: { id: string; title: string }[]): HTMLElement {
  const nav = el('nav', { class: 'jump', aria: { label: l10n.t('Sections') } });
  for (const { id, title } of sections) {
    const button = el('button', { class: 'jump-link' }, title);
    button.type = 'button';
    button.addEventListener('click', () => jumpTo(id));
    nav.append(button);
  }
  return nav;
}

export function warningsList(warnings: string[]): HTMLElement | undefined {
  if (warnings.length === 0) return undefined;
  return el(
    'ul',
    { class: 'notices', aria: { label: l10n.t('Warnings') } },
    ...warnings.map((w) => el('li', { class: 'notice tone-warning' }, icon('warning'), el('span', {}, w))),
  );
}

export function jumpNote(text: string, target: string): HTMLElement {
  const button = el('button', { class: 'link-button' }, text, icon('arrow-down'));
  button.type = 'button';
  button.addEventListener('click', () => jumpTo(target));
  return el('div', { class: 'jump-note' }, button);
}

/** Scrolls to a section and moves focus to its heading. */
function jumpTo(id: string): void {
  const heading = document.getElementById(`${id}-title`);
  heading?.scrollIntoView({ block: 'start' });
  heading?.focus({ preventScroll: true });
}
