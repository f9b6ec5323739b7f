// The inspector webview: renders one TokenInspection posted by the extension.
//
// Security: every piece of token data enters the DOM as a Text node or a plain attribute
// value (see dom.ts); nothing is ever parsed as HTML, so a claim such as
// `<img src=x onerror=alert(1)>` is shown as those characters. Copying goes through the
// extension (it looks the text up itself), so the webview never touches the clipboard.
// No styles are set from script (the CSP has no 'unsafe-inline'): only classes change.
import type { TokenInspection } from '../core/inspect';
import { describeClaim, describeHeaderParameter, type ClaimInfo } from '../core/claims/catalog';
import { describeValidity, formatRelative, tokenValidity, type TimeClaim } from '../core/claims/time';
import { METADATA_CLAIM } from '../core/zitadel/claims';
import type { MetadataEntry } from '../core/zitadel/metadata';
import { isRoleClaim, type RoleGrant } from '../core/zitadel/roles';
import { append, el, icon, iconButton, safeLink, textButton, type Child } from './dom';
import type { CopyTarget, FromWebview, ToWebview } from './protocol';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') ?? document.body;

// ---------------------------------------------------------------------------------------
// Live clock: only the registered text nodes and classes change, once a second.

type Tone = 'ok' | 'warning' | 'error' | 'neutral';
const TONES: Tone[] = ['ok', 'warning', 'error', 'neutral'];

class LiveClock {
  private readonly updaters: ((nowMs: number) => void)[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;

  /** Registers an updater and runs it once now. */
  add(update: (nowMs: number) => void): void {
    this.updaters.push(update);
    update(Date.now());
  }

  start(): void {
    this.timer = setInterval(() => {
      const now = Date.now();
      for (const update of this.updaters) update(now);
    }, 1000);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}

let clock: LiveClock | undefined;

/** Sets a text node's data only when it changed (keeps find and selection stable). */
function setText(node: Text, text: string): void {
  if (node.data !== text) node.data = text;
}

/** Replaces the `tone-*` class of an element. */
function setTone(node: Element, tone: Tone): void {
  for (const t of TONES) node.classList.toggle(`tone-${t}`, t === tone);
}

// ---------------------------------------------------------------------------------------
// Messages

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = readShowMessage(event.data);
  if (!message) return;
  try {
    render(message.label, message.inspection);
  } catch (error) {
    clock?.stop();
    app.replaceChildren(el('p', { class: 'notice tone-error' }, icon('error'), `Could not show this token: ${String(error)}`));
  }
});

/** A light shape check of the extension's message; anything unexpected is ignored. */
function readShowMessage(data: unknown): ToWebview | undefined {
  if (!isObject(data) || data.type !== 'show' || typeof data.label !== 'string') return undefined;
  const i = data.inspection;
  if (!isObject(i) || typeof i.token !== 'string' || !isObject(i.header) || !isObject(i.payload) || typeof i.signature !== 'string') return undefined;
  return {
    type: 'show',
    label: data.label,
    inspection: {
      token: i.token,
      fingerprint: typeof i.fingerprint === 'string' ? i.fingerprint : '',
      header: i.header,
      payload: i.payload,
      signature: i.signature,
      metadata: arrayOf(i.metadata) as MetadataEntry[],
      roles: arrayOf(i.roles) as RoleGrant[],
      times: arrayOf(i.times) as TimeClaim[],
      warnings: arrayOf(i.warnings).filter((w): w is string => typeof w === 'string'),
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value.filter((v) => v !== null && v !== undefined) : [];
}

/** Asks the extension to copy; the button shows a check mark for a moment. */
function copy(target: CopyTarget, button: HTMLButtonElement): void {
  vscode.postMessage({ type: 'copy', ...target } as FromWebview);
  const glyph = button.querySelector('.codicon');
  if (!glyph) return;
  glyph.classList.replace('codicon-copy', 'codicon-check');
  button.classList.add('copied');
  setTimeout(() => {
    glyph.classList.replace('codicon-check', 'codicon-copy');
    button.classList.remove('copied');
  }, 1500);
}

// ---------------------------------------------------------------------------------------
// Page

function render(label: string, inspection: TokenInspection): void {
  clock?.stop();
  clock = new LiveClock();
  const sections: { id: string; title: string; node: HTMLElement }[] = [];
  const add = (id: string, title: string, node: HTMLElement | undefined) => node && sections.push({ id, title, node });

  add('claims', 'Claims', claimsSection(inspection, clock));
  add('metadata', 'Metadata', metadataSection(inspection.metadata));
  add('roles', 'Roles', rolesSection(inspection.roles));
  add('header', 'Header', headerSection(inspection.header));
  add('signature', 'Signature', signatureSection(inspection));
  add('token', 'Raw token', rawTokenSection(inspection.token));

  app.replaceChildren(
    el(
      'main',
      { class: 'page' },
      titleBar(label, inspection, clock),
      navigation(sections),
      warningsList(inspection.warnings),
      ...sections.map((s) => s.node),
    ),
  );
  clock.start();
}

function titleBar(label: string, inspection: TokenInspection, liveClock: LiveClock): HTMLElement {
  const { header, payload } = inspection;
  const alg = typeof header.alg === 'string' ? header.alg : undefined;
  const badges = el('div', { class: 'badges' });

  const algInfo = describeHeaderParameter('alg');
  if (alg === undefined) badges.append(el('span', { class: 'badge tone-error', title: algInfo?.description }, 'no alg'));
  else {
    const unsecured = alg.toLowerCase() === 'none';
    badges.append(el('span', { class: `badge alg${unsecured ? ' tone-error' : ''}`, title: `Algorithm: ${algInfo?.description ?? ''}` }, alg));
  }
  if (typeof header.typ === 'string') badges.append(el('span', { class: 'badge subtle', title: `Type: ${describeHeaderParameter('typ')?.description ?? ''}` }, header.typ));

  const validityText = document.createTextNode('');
  const validityIcon = icon('pass');
  const validity = el('span', { class: 'badge validity', title: 'From the exp and nbf claims, against this computer’s clock' }, validityIcon, validityText);
  badges.append(validity);
  liveClock.add((now) => {
    const v = tokenValidity(payload, now);
    setText(validityText, describeValidity(v, now));
    const tone: Tone =
      v.state === 'expired' ? 'error' : v.state === 'not-yet-valid' || v.expiresAtMs === undefined || v.expiresAtMs - now < 2 * 60_000 ? 'warning' : 'ok';
    setTone(validity, tone);
    validityIcon.className = `codicon codicon-${tone === 'ok' ? 'pass' : tone === 'error' ? 'error' : 'warning'}`;
  });

  const facts = el('dl', { class: 'facts' });
  const fact = (term: string, value: Child, title?: string) => facts.append(el('div', { class: 'fact', title }, el('dt', {}, term), el('dd', {}, value)));
  if (typeof payload.iss === 'string') fact('Issuer', safeLink(payload.iss));
  else fact('Issuer', el('span', { class: 'muted' }, payload.iss === undefined ? 'none' : JSON.stringify(payload.iss)));
  if (typeof payload.sub === 'string' && payload.sub !== label) fact('Subject', el('span', { class: 'mono' }, payload.sub));
  if (inspection.fingerprint) fact('Fingerprint', el('span', { class: 'mono' }, inspection.fingerprint), 'First 12 hex digits of the SHA-256 of the token');

  return el(
    'header',
    { class: 'title-bar' },
    el('div', { class: 'title-row' }, icon('key', 'title-icon'), el('h1', { title: label }, label || 'Token')),
    badges,
    facts,
  );
}

function navigation(sections: { id: string; title: string }[]): HTMLElement {
  const nav = el('nav', { class: 'jump', aria: { label: 'Sections' } });
  for (const { id, title } of sections) {
    const button = el('button', { class: 'jump-link' }, title);
    button.type = 'button';
    button.addEventListener('click', () => {
      const heading = document.getElementById(`${id}-title`);
      heading?.scrollIntoView({ block: 'start' });
      heading?.focus({ preventScroll: true });
    });
    nav.append(button);
  }
  return nav;
}

function warningsList(warnings: string[]): HTMLElement | undefined {
  if (warnings.length === 0) return undefined;
  return el(
    'ul',
    { class: 'notices', aria: { label: 'Warnings' } },
    ...warnings.map((w) => el('li', { class: 'notice tone-warning' }, icon('warning'), el('span', {}, w))),
  );
}

/** A titled section; the heading can take focus so the jump bar can move there. */
function section(id: string, title: string, options: { count?: number; actions?: Child[]; subtitle?: string }, ...body: Child[]): HTMLElement {
  const heading = el('h2', { id: `${id}-title` }, title, options.count !== undefined && el('span', { class: 'count', aria: { label: `${options.count} items` } }, options.count));
  heading.tabIndex = -1;
  return el(
    'section',
    { class: 'section', id, aria: { labelledby: `${id}-title` } },
    el('div', { class: 'section-head' }, heading, el('div', { class: 'section-actions' }, ...(options.actions ?? []))),
    options.subtitle && el('p', { class: 'section-subtitle' }, options.subtitle),
    ...body,
  );
}

/** A table with column headers; `actions` adds an unlabelled narrow column. */
function table(className: string, columns: string[], rows: HTMLTableRowElement[]): HTMLTableElement {
  const head = el('tr', {}, ...columns.map((c) => el('th', { class: c ? undefined : 'actions-head' }, c ? c : el('span', { class: 'visually-hidden' }, 'Actions'))));
  head.querySelectorAll('th').forEach((th) => th.setAttribute('scope', 'col'));
  return el('table', { class: `grid ${className}` }, el('thead', {}, head), el('tbody', {}, ...rows));
}

/** The name cell: the name in monospace with its catalog title and description below. */
function nameCell(name: string, info: ClaimInfo | undefined): HTMLTableCellElement {
  const cell = el(
    'th',
    { class: 'name-cell', title: info ? `${info.title}: ${info.description} (${info.source})` : undefined },
    el('div', { class: 'name-line' }, el('code', { class: 'name' }, name), info && el('span', { class: 'name-title' }, info.title)),
    info && el('div', { class: 'name-description' }, info.description),
  );
  cell.setAttribute('scope', 'row');
  return cell;
}

// ---------------------------------------------------------------------------------------
// Values

/** A JSON value, readable: plain strings, coloured scalars, pretty JSON for structures. */
function jsonValue(value: unknown): HTMLElement {
  if (typeof value === 'string') return value === '' ? el('span', { class: 'muted' }, '(empty string)') : el('span', { class: 'value-string' }, safeLink(value));
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
function timeValue(time: TimeClaim, liveClock: LiveClock): HTMLElement {
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
    el('div', { class: 'time-main' }, el('span', { class: 'iso', title: `Local time: ${local.toString()}` }, time.iso), relativeNode),
    el(
      'div',
      { class: 'time-raw' },
      el('span', { class: 'value-number' }, String(time.value)),
      time.looksLikeMilliseconds
        ? el('span', { class: 'tag tone-warning', title: 'JWT times are seconds since 1970; this value only makes sense as milliseconds.' }, icon('warning'), 'milliseconds')
        : el('span', { class: 'muted' }, 'seconds since 1970'),
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

// ---------------------------------------------------------------------------------------
// Sections

function claimsSection(inspection: TokenInspection, liveClock: LiveClock): HTMLElement {
  const times = new Map(inspection.times.map((t) => [t.claim, t]));
  const rows = Object.entries(inspection.payload).map(([name, value]) => {
    const time = times.get(name);
    const cell = el('td', { class: 'value-cell' }, time ? timeValue(time, liveClock) : jsonValue(value));
    if (name === METADATA_CLAIM && inspection.metadata.length > 0) cell.append(jumpNote('Decoded under Metadata', 'metadata'));
    else if (isRoleClaim(name) && inspection.roles.some((r) => r.claim === name)) cell.append(jumpNote('Listed under Roles', 'roles'));
    return el(
      'tr',
      {},
      nameCell(name, describeClaim(name)),
      cell,
      el('td', { class: 'actions-cell' }, iconButton('copy', `Copy claim ${name}`, (b) => copy({ what: 'claim', claim: name }, b))),
    );
  });
  return section(
    'claims',
    'Claims',
    { count: rows.length, actions: [textButton('copy', 'Payload JSON', (b) => copy({ what: 'payload' }, b), 'Copy payload JSON')] },
    rows.length ? table('claims', ['Claim', 'Value', ''], rows) : el('p', { class: 'muted' }, 'The payload has no claims.'),
  );
}

function jumpNote(text: string, target: string): HTMLElement {
  const button = el('button', { class: 'link-button' }, text, icon('arrow-down'));
  button.type = 'button';
  button.addEventListener('click', () => {
    const heading = document.getElementById(`${target}-title`);
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  });
  return el('div', { class: 'jump-note' }, button);
}

const ENCODING_LABEL: Record<string, string> = { text: 'text', json: 'JSON', binary: 'binary', invalid: 'invalid' };

function metadataSection(entries: MetadataEntry[]): HTMLElement | undefined {
  if (entries.length === 0) return undefined;
  const rows = entries.map((entry) => {
    const value = el('td', { class: 'value-cell' }, metadataValue(entry));
    const rawCopy = iconButton('copy', `Copy raw value of ${entry.key}`, (b) => copy({ what: 'metadata-raw', key: entry.key }, b));
    value.append(
      el(
        'details',
        { class: 'raw' },
        el('summary', {}, 'Show raw'),
        el('div', { class: 'raw-body' }, el('code', { class: 'raw-value' }, entry.raw === '' ? '(empty)' : entry.raw), rawCopy),
      ),
    );
    const size = entry.encoding === 'invalid' ? '' : `${entry.byteLength} byte${entry.byteLength === 1 ? '' : 's'}`;
    const tagText = entry.encoding === 'binary' ? `binary, ${size}` : ENCODING_LABEL[entry.encoding] ?? String(entry.encoding);
    return el(
      'tr',
      {},
      nameCell(entry.key, undefined),
      value,
      el(
        'td',
        { class: 'encoding-cell' },
        el('span', { class: `tag${entry.encoding === 'invalid' ? ' tone-error' : ''}` }, tagText),
        entry.encoding !== 'binary' && size && el('div', { class: 'muted small' }, size),
      ),
      el('td', { class: 'actions-cell' }, iconButton('copy', `Copy value of ${entry.key}`, (b) => copy({ what: 'metadata-value', key: entry.key }, b))),
    );
  });
  return section(
    'metadata',
    'ZITADEL metadata',
    { count: entries.length, subtitle: 'urn:zitadel:iam:user:metadata, values decoded from base64url.' },
    table('metadata', ['Key', 'Value', 'Encoding', ''], rows),
  );
}

function metadataValue(entry: MetadataEntry): HTMLElement {
  switch (entry.encoding) {
    case 'json':
      return el('pre', { class: 'json' }, JSON.stringify(entry.json, null, 2) ?? entry.value);
    case 'binary':
      return el('code', { class: 'hex', title: 'Hexadecimal bytes' }, (entry.value.match(/.{1,2}/g) ?? []).join(' '));
    case 'text':
      return entry.value === '' ? el('span', { class: 'muted' }, '(empty)') : el('span', { class: 'value-string multiline' }, entry.value);
    default:
      return el(
        'div',
        {},
        el('code', { class: 'mono' }, entry.value),
        el('div', { class: 'problem' }, icon('error'), entry.problem ?? 'could not be decoded'),
      );
  }
}

function rolesSection(grants: RoleGrant[]): HTMLElement | undefined {
  if (grants.length === 0) return undefined;
  const byClaim = new Map<string, RoleGrant[]>();
  for (const grant of grants) byClaim.set(grant.claim, [...(byClaim.get(grant.claim) ?? []), grant]);
  const groups = [...byClaim].map(([claim, claimGrants]) => {
    const projectId = claimGrants[0].projectId;
    const rows: HTMLTableRowElement[] = [];
    for (const grant of claimGrants) {
      const orgs = Array.isArray(grant.orgs) ? grant.orgs : [];
      const roleCell = el('th', { class: 'name-cell' }, el('code', { class: 'name role' }, grant.role));
      roleCell.setAttribute('scope', 'row');
      roleCell.rowSpan = Math.max(1, orgs.length);
      if (orgs.length === 0) rows.push(el('tr', {}, roleCell, el('td', { class: 'muted' }, 'no organisation'), el('td', {})));
      orgs.forEach((org, i) =>
        rows.push(
          el(
            'tr',
            { class: `${i === 0 ? 'group-start' : 'group-continued'}${i < orgs.length - 1 ? ' group-more' : ''}` },
            i === 0 && roleCell,
            el('td', { class: 'mono' }, org.orgId),
            el('td', {}, el('span', { class: 'value-string' }, org.domain)),
          ),
        ),
      );
    }
    return el(
      'div',
      { class: 'role-group' },
      el(
        'h3',
        {},
        icon('organization'),
        projectId === undefined ? 'Requesting project' : `Project ${projectId}`,
        el('code', { class: 'claim-ref', title: describeClaim(claim)?.description }, claim),
      ),
      table('roles', ['Role', 'Organisation ID', 'Domain'], rows),
    );
  });
  return section('roles', 'Roles', { count: new Set(grants.map((g) => g.role)).size }, ...groups);
}

function headerSection(header: Record<string, unknown>): HTMLElement {
  const rows = Object.entries(header).map(([name, value]) =>
    el('tr', {}, nameCell(name, describeHeaderParameter(name)), el('td', { class: 'value-cell' }, jsonValue(value))),
  );
  return section(
    'header',
    'Header',
    { count: rows.length, actions: [textButton('copy', 'Header JSON', (b) => copy({ what: 'header' }, b), 'Copy header JSON')] },
    rows.length ? table('header', ['Parameter', 'Value'], rows) : el('p', { class: 'muted' }, 'The header is empty.'),
  );
}

const SIGNATURE_PREVIEW = 86;

function signatureSection(inspection: TokenInspection): HTMLElement {
  const { header, signature } = inspection;
  const facts = el('dl', { class: 'facts stacked' });
  const fact = (term: string, ...value: Child[]) => facts.append(el('div', { class: 'fact' }, el('dt', {}, term), el('dd', {}, ...value)));

  fact('Algorithm', typeof header.alg === 'string' ? el('code', { class: 'mono' }, header.alg) : el('span', { class: 'problem' }, 'missing'));
  fact('Key ID', typeof header.kid === 'string' ? el('code', { class: 'mono' }, header.kid) : el('span', { class: 'muted' }, 'not set'));

  const actions: Child[] = [];
  if (signature === '') {
    fact('Signature', el('span', { class: 'problem' }, icon('error'), 'none: the token is unsigned'));
  } else {
    const bytes = Math.floor((signature.length * 3) / 4);
    fact('Length', `${signature.length} characters, ${bytes} bytes`);
    const long = signature.length > SIGNATURE_PREVIEW;
    const text = document.createTextNode(long ? `${signature.slice(0, SIGNATURE_PREVIEW)}…` : signature);
    const value = el('code', { class: 'signature' }, text);
    const body: Child[] = [value];
    if (long) {
      const toggle = el('button', { class: 'link-button' }, 'Show all');
      toggle.type = 'button';
      toggle.setAttribute('aria-expanded', 'false');
      toggle.addEventListener('click', () => {
        const expanded = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(expanded));
        text.data = expanded ? signature : `${signature.slice(0, SIGNATURE_PREVIEW)}…`;
        toggle.textContent = expanded ? 'Show less' : 'Show all';
      });
      body.push(' ', toggle);
    }
    fact('Signature', ...body);
    actions.push(textButton('copy', 'Signature', (b) => copy({ what: 'signature' }, b), 'Copy signature'));
  }
  const unsecured = typeof header.alg === 'string' && header.alg.toLowerCase() === 'none';
  const notice = unsecured
    ? el('p', { class: 'notice tone-error' }, icon('error'), 'Unsecured token (alg "none"): there is no signature to verify and anyone can forge it. Never accept it.')
    : el('p', { class: 'notice tone-info' }, icon('unverified'), 'Decoding does not verify the signature. Verification against the issuer’s keys comes with sign-in.');
  return section('signature', 'Signature', { actions }, notice, facts);
}

const MASK_PREFIX = 12;

function rawTokenSection(token: string): HTMLElement {
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

append(app, el('p', { class: 'waiting muted' }, 'Waiting for a token…'));
vscode.postMessage({ type: 'ready' });
