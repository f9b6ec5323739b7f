// Two tokens compared (core/compare): the two side by side in a title bar, then claims, ZITADEL
// metadata (decoded values), role grants and header, each row before | after | what changed.
// Unchanged rows are hidden until asked for. Text nodes only, like the rest of the page.
import * as l10n from '@vscode/l10n';
import type { Change, ClaimComparison, MetadataComparison, RoleComparison, TokenComparison } from '../core/compare';
import { describeClaim, describeHeaderParameter } from '../core/claims/catalog';
import type { TokenInspection } from '../core/inspect';
import { clip } from '../core/text';
import type { MetadataEntry } from '../core/zitadel/metadata';
import { el, icon, type Child } from './dom';
import type { Codicon } from './icons';
import { nameCell, navigation, section, table } from './layout';
import type { CompareMessage } from './protocol';

const TONE: Record<Change, string> = { added: 'tone-ok', removed: 'tone-error', changed: 'tone-warning', same: 'tone-neutral' };
const ICON: Record<Change, Codicon> = { added: 'diff-added', removed: 'diff-removed', changed: 'diff-modified', same: 'circle-small' };

export function comparePage({ before, after, comparison }: CompareMessage): HTMLElement {
  const sections = [
    { id: 'claims', title: l10n.t('Claims'), node: rowsSection('claims', l10n.t('Claims'), comparison.claims, claimRow) },
    { id: 'metadata', title: l10n.t({ message: 'Metadata', comment: ["ZITADEL's user metadata"] }), node: comparison.metadata.length > 0 ? rowsSection('metadata', l10n.t('ZITADEL metadata'), comparison.metadata, metadataRow) : undefined },
    { id: 'roles', title: l10n.t('Roles'), node: comparison.roles.length > 0 ? rowsSection('roles', l10n.t('Roles'), comparison.roles, roleRow) : undefined },
    { id: 'header', title: l10n.t({ message: 'Header', comment: ['The JOSE header of a JWT'] }), node: rowsSection('header', l10n.t({ message: 'Header', comment: ['The JOSE header of a JWT'] }), comparison.header, (r) => claimRow(r, true)) },
  ].filter((s): s is { id: string; title: string; node: HTMLElement } => s.node !== undefined);
  return el('main', { class: 'page compare' }, titleBar(before, after, comparison), navigation(sections), ...sections.map((s) => s.node));
}

function titleBar(before: CompareMessage['before'], after: CompareMessage['after'], comparison: TokenComparison): HTMLElement {
  const { claims, metadata, roles } = comparison.counts;
  const summary = [
    counted(l10n.t('claims'), claims),
    comparison.metadata.length > 0 && counted(l10n.t('metadata keys'), metadata),
    comparison.roles.length > 0 && counted(l10n.t('role grants'), roles),
  ].filter(Boolean);
  return el(
    'header',
    { class: 'title-bar' },
    el('div', { class: 'title-row' }, icon('diff', 'title-icon'), el('h1', {}, l10n.t('Compare tokens'))),
    el('div', { class: 'compare-sides' }, side(l10n.t('Before'), before), side(l10n.t('After'), after)),
    el('p', { class: 'compare-summary' }, summary.join(' · ')),
    !comparison.sameSubject && el('p', { class: 'notice tone-warning' }, icon('warning'), l10n.t('The two tokens have different subjects (sub): they are about different users or clients.')),
  );
}

function side(title: string, { label, inspection }: { label: string; inspection: TokenInspection }): HTMLElement {
  const { iss, iat } = inspection.payload;
  return el(
    'div',
    { class: 'compare-side' },
    el('div', { class: 'muted small' }, title),
    el('div', { class: 'compare-label' }, label),
    el('div', { class: 'muted small mono' }, [typeof iss === 'string' ? iss : undefined, typeof iat === 'number' ? l10n.t('issued {0}', new Date(iat * 1000).toISOString()) : undefined, inspection.fingerprint].filter(Boolean).join(' · ')),
  );
}

function counted(what: string, counts: Record<Change, number>): string {
  const parts = [
    counts.changed && l10n.t('{0} changed', counts.changed),
    counts.added && l10n.t('{0} added', counts.added),
    counts.removed && l10n.t('{0} removed', counts.removed),
  ].filter(Boolean);
  return `${what}: ${parts.length > 0 ? parts.join(', ') : l10n.t('no changes')}${counts.same ? ` (${l10n.t('{0} the same', counts.same)})` : ''}`;
}

/** A table of rows with a change each; unchanged rows hidden behind a toggle. */
function rowsSection<R extends { change: Change }>(id: string, title: string, rows: R[], render: (row: R) => HTMLTableRowElement): HTMLElement {
  const changed = rows.filter((r) => r.change !== 'same').length;
  const body = rows.map((r) => {
    const tr = render(r);
    tr.classList.add(`change-${r.change}`);
    if (r.change === 'same') tr.classList.add('hidden');
    return tr;
  });
  const columns = id === 'roles' ? [l10n.t('Role'), l10n.t('Organization'), l10n.t('Before'), l10n.t('After'), l10n.t('Change')] : [id === 'metadata' ? l10n.t('Key') : id === 'header' ? l10n.t('Parameter') : l10n.t('Claim'), l10n.t('Before'), l10n.t('After'), l10n.t('Change')];
  const same = rows.length - changed;
  const toggle = el('button', { class: 'text-button' }, icon('eye'), el('span', { class: 'text-button-label' }, l10n.t('Show {0} unchanged', same)));
  toggle.type = 'button';
  toggle.setAttribute('aria-pressed', 'false');
  toggle.addEventListener('click', () => {
    const show = toggle.getAttribute('aria-pressed') !== 'true';
    toggle.setAttribute('aria-pressed', String(show));
    for (const tr of body) if (tr.classList.contains('change-same')) tr.classList.toggle('hidden', !show);
  });
  return section(
    id,
    title,
    { count: changed, actions: same > 0 ? [toggle] : [], subtitle: changed === 0 ? l10n.t('No differences.') : undefined },
    table(`compare-table ${id}`, columns, body),
  );
}

function claimRow(row: ClaimComparison, header = false): HTMLTableRowElement {
  const info = header ? describeHeaderParameter(row.name) : describeClaim(row.name);
  const change: Child[] = [changeTag(row.change)];
  if (row.shiftSeconds !== undefined) change.push(el('div', { class: 'muted small' }, shift(row.shiftSeconds)));
  if (row.section) change.push(el('div', { class: 'muted small' }, row.section === 'metadata' ? l10n.t('decoded below, under Metadata') : l10n.t('decoded below, under Roles')));
  const afterCell = el('td', { class: 'value-cell' }, 'after' in row ? json(row.after) : absent());
  if (row.nested && row.nested.length > 0) {
    afterCell.append(
      el(
        'ul',
        { class: 'nested-changes' },
        ...row.nested.map((n) => el('li', { class: TONE[n.change] }, icon(ICON[n.change]), el('code', {}, n.path.join(' › ')), ' ', n.change === 'added' ? json(n.after) : n.change === 'removed' ? json(n.before) : el('span', {}, json(n.before), ' → ', json(n.after)))),
        row.moreChanges ? el('li', { class: 'muted' }, l10n.t('and {0} more', row.moreChanges)) : undefined,
      ),
    );
  }
  return el('tr', {}, nameCell(row.name, info), el('td', { class: 'value-cell' }, 'before' in row ? json(row.before) : absent()), afterCell, el('td', { class: 'change-cell' }, ...change));
}

function metadataRow(row: MetadataComparison): HTMLTableRowElement {
  return el('tr', {}, nameCell(row.key, undefined), el('td', { class: 'value-cell' }, metadataValue(row.before)), el('td', { class: 'value-cell' }, metadataValue(row.after)), el('td', { class: 'change-cell' }, changeTag(row.change)));
}

function roleRow(row: RoleComparison): HTMLTableRowElement {
  const role = el('th', { class: 'name-cell' }, el('code', { class: 'name' }, row.role), row.projectId && el('div', { class: 'name-description' }, l10n.t('project {0}', row.projectId)));
  role.setAttribute('scope', 'row');
  return el(
    'tr',
    {},
    role,
    el('td', { class: 'mono' }, row.orgId),
    el('td', { class: 'value-cell' }, row.beforeDomain ?? absent()),
    el('td', { class: 'value-cell' }, row.afterDomain ?? absent()),
    el('td', { class: 'change-cell' }, changeTag(row.change)),
  );
}

function metadataValue(entry: MetadataEntry | undefined): Child {
  if (!entry) return absent();
  return el('span', {}, el('code', { class: 'value-string multiline' }, clip(entry.value, 2000)), ' ', el('span', { class: 'tag' }, entry.encoding));
}

function changeTag(change: Change): HTMLElement {
  const words: Record<Change, string> = { added: l10n.t('added'), removed: l10n.t('removed'), changed: l10n.t('changed'), same: l10n.t('same') };
  return el('span', { class: `tag change-tag ${TONE[change]}` }, icon(ICON[change]), words[change]);
}

function json(value: unknown): HTMLElement {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = l10n.t('(a value too deeply nested to show)');
  }
  return el('code', { class: 'value-string multiline' }, clip(text, 2000));
}

function absent(): HTMLElement {
  return el('span', { class: 'muted' }, l10n.t('absent'));
}

/** "+1 h", "+1.5 h", "−30 s": how far a time claim moved. */
function shift(seconds: number): string {
  const sign = seconds < 0 ? '−' : '+';
  const s = Math.abs(seconds);
  const text = s < 120 ? l10n.t('{0} s', s) : s < 3600 ? l10n.t('{0} min', Math.round(s / 60)) : s < 172_800 ? l10n.t('{0} h', Math.round(s / 360) / 10) : l10n.t('{0} days', Math.round(s / 8640) / 10);
  return `${sign}${text}`;
}
