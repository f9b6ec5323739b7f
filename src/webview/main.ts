// The inspector webview: renders one TokenInspection posted by the extension.
//
// Security: every piece of token data enters the DOM as a Text node or a plain attribute
// value (see dom.ts); nothing is ever parsed as HTML, so a claim such as
// `<img src=x onerror=alert(1)>` is shown as those characters. Copying goes through the
// extension (it looks the text up itself), so the webview never touches the clipboard.
// No styles are set from script (the CSP has no 'unsafe-inline'): only classes change.
import * as l10n from '@vscode/l10n';
import { LiveClock } from './clock';
import { append, el, icon } from './dom';
import { navigation, warningsList } from './layout';
import { comparePage } from './compare';
import { readGoneMessage, readMessage } from './message';
import { checksSection } from './sections/checks';
import { claimsSection } from './sections/claims';
import { headerSection } from './sections/header';
import { metadataSection } from './sections/metadata';
import { metadataSourcesSection } from './sections/metadataSources';
import { rawTokenSection } from './sections/rawToken';
import { rolesSection } from './sections/roles';
import { signatureSection } from './sections/signature';
import { titleBar } from './sections/titleBar';
import type { GoneMessage, ShowMessage } from './protocol';
import { vscode } from './vscodeApi';

const app = document.getElementById('app') ?? document.body;
let clock: LiveClock | undefined;

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const gone = readGoneMessage(event.data);
  if (gone) return renderGone(gone);
  const message = readMessage(event.data);
  if (!message) return;
  // Only the fingerprint is kept for a restore after a reload: the state is plain storage. A
  // comparison is not kept: a reload shows the last single token again.
  if (message.type === 'show' && message.inspection.fingerprint) vscode.setState({ fingerprint: message.inspection.fingerprint });
  if (message.l10n) l10n.config({ contents: message.l10n });
  try {
    if (message.type === 'compare') {
      clock?.stop();
      app.replaceChildren(comparePage(message));
    } else render(message);
  } catch (error) {
    clock?.stop();
    app.replaceChildren(el('p', { class: 'notice tone-error' }, icon('error'), l10n.t('Could not show this token: {0}', String(error))));
  }
});

function render({ label, inspection, checks, verification, metadataSources }: ShowMessage): void {
  clock?.stop();
  clock = new LiveClock();
  const sections: { id: string; title: string; node: HTMLElement }[] = [];
  const add = (id: string, title: string, node: HTMLElement | undefined) => node && sections.push({ id, title, node });

  // The jump bar's names for the sections.
  add('checks', l10n.t('Checks'), checksSection(checks, verification));
  add('claims', l10n.t('Claims'), claimsSection(inspection, clock));
  add('metadata', l10n.t({ message: 'Metadata', comment: ["ZITADEL's user metadata"] }), metadataSection(inspection.metadata));
  add('metadata-sources', l10n.t({ message: 'Sources', comment: ['Where the metadata came from: ID token, userinfo, auth API'] }), metadataSourcesSection(metadataSources));
  add('roles', l10n.t('Roles'), rolesSection(inspection.roles));
  add('header', l10n.t({ message: 'Header', comment: ['The JOSE header of a JWT'] }), headerSection(inspection.header));
  add('signature', l10n.t({ message: 'Signature', comment: ['The signature part of a JWT'] }), signatureSection(inspection, checks));
  add('token', l10n.t('Raw token'), rawTokenSection(inspection.token));

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

/** The placeholder for a token that is no longer stored. */
function renderGone({ title, text }: GoneMessage): void {
  clock?.stop();
  clock = undefined;
  app.replaceChildren(el('main', { class: 'page gone' }, el('h1', { class: 'gone-title' }, icon('circle-slash'), title), el('p', { class: 'muted' }, text)));
}

// Shown before the first message brings the bundle: English for the moment until the extension
// answers `ready`; the first `show` replaces it.
// eslint-disable-next-line no-restricted-syntax -- see above
append(app, el('p', { class: 'waiting muted' }, l10n.t('Waiting for a token…')));
vscode.postMessage({ type: 'ready' });
