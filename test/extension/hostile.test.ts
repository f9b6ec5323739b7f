// The hostile corpus (test/fixtures/hostile.ts) driven through every place the extension shows
// text, in the real VS Code: notifications (the notification centre's DOM read, every link in it
// clicked), input-box validation messages, editor hovers, tree labels and tooltips, quick picks
// and the inspector webview. A marker command stands for any command an attacker would run; a
// canary server for any remote content. Neither may be touched, and nothing may be injected.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hasHidden } from '../../src/core/text';
import { markdown } from '../../src/vscode/ui/markdown';
import { hostileValues, MARKER, type HostileValue } from '../fixtures/hostile';
import { b64url, makeJwt } from '../fixtures/tokens';
import { bridge } from './bridge';
import { treeRows, waitFor } from './workbench';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const short = (values: HostileValue[]) => values.filter((v) => v.value.length <= 300);

/** Markup the workbench's renderers must never produce from our content. */
const INJECTED = 'img, svg:not(.codicon), script, iframe, object, embed, video, audio, style, details, b, form, input';

describe('Hostile input in the real VS Code', function () {
  // Each test drives the whole corpus through the workbench's DOM: about 15 s on an idle machine,
  // near a minute on a loaded one. A bound, not a speed check.
  this.timeout(180_000);
  let corpus: HostileValue[] = [];
  const ran: unknown[] = [];
  let marker: vscode.Disposable | undefined;
  let canary = '';

  before(async function () {
    if (!bridge.available) this.skip(); // reads the workbench DOM through the test bridge
    marker = vscode.commands.registerCommand(MARKER, (...args: unknown[]) => void ran.push(args));
    canary = (await bridge.canary()).url;
    corpus = hostileValues(canary, MARKER);
    await vscode.extensions.getExtension('token-inspector.token-inspector')!.activate();
    await vscode.commands.executeCommand('tokenInspector.clearTokens', { confirm: false });
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  afterEach(() => assert.deepEqual(ran, [], `the marker command ran: ${JSON.stringify(ran)}`));

  after(async function () {
    marker?.dispose();
    if (!bridge.available) return;
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('tokenInspector.clearTokens', { confirm: false });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.deepEqual((await bridge.canary()).hits, [], 'something fetched the canary (remote content was loaded)');
    assert.equal(await bridge.pageEval('window.__pwned ?? null'), null, 'script ran in the workbench');
  });

  /**
   * Runs `show` (which raises `count` notifications), opens the notification centre and returns
   * every message's HTML. The centre draws only the rows it has room for: keep `count` small.
   */
  async function notificationMessages(count: number, show: () => void): Promise<string[]> {
    await vscode.commands.executeCommand('notifications.clearAll');
    show();
    return waitFor(
      async () => {
        // VS Code's own progress ("Activating Extensions...") can share the centre on a loaded machine.
        const html = (await bridge.pageEval<string[]>(`[...document.querySelectorAll('.notifications-center .notification-list-item-message')].map((e) => e.innerHTML)`)).filter((m) => !/^<span>Activating Extensions/.test(m));
        if (html.length < count) await vscode.commands.executeCommand('notifications.showList');
        return html;
      },
      (html) => html.length >= count,
      `${count} notifications in the notification centre`,
    );
  }

  /** Clicks every link in an area of the workbench (there should be none); returns how many. */
  async function clickEveryLink(container: string): Promise<number> {
    const links = await bridge.pageEval<number>(`document.querySelectorAll('${container} a').length`);
    for (let i = 0; i < links; i++) await bridge.click(`${container} a >> nth=${i}`).catch(() => undefined);
    await sleep(300);
    return links;
  }

  it('keeps decode errors built from hostile header text free of links (the reported attack)', async function () {
    this.timeout(300_000);
    // The attack as reported: a token in an ordinary file, "Decode JWT at Cursor".
    const attack = `${b64url(`{"alg":"[Click to continue](command:${MARKER})`)}.${b64url('{}')}.c2ln`;
    const doc = await vscode.workspace.openTextDocument({ content: `Authorization: Bearer ${attack}\n` });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 30, 0, 30);
    const [reported] = await notificationMessages(1, () => void vscode.commands.executeCommand('tokenInspector.decodeAtCursor'));
    assert.match(reported, /\[Click to continue\] \(command:/, reported);
    assert.doesNotMatch(reported, /<a[\s>]/);
    assert.equal(await clickEveryLink('.notifications-center .notification-list-item-message'), 0);
    await bridge.screenshot('hostile-notification');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    // Then every short corpus value: in a header that is not JSON, and as a JWE's alg.
    const all: string[] = [];
    for (const { value } of short(corpus)) {
      const text = JSON.stringify(value).slice(1, -1);
      const messages = await notificationMessages(2, () => {
        void vscode.commands.executeCommand('tokenInspector.inspectText', `${b64url(`{"alg":"${text}`)}.${b64url('{}')}.c2ln`);
        void vscode.commands.executeCommand('tokenInspector.inspectText', `${b64url(JSON.stringify({ alg: value, enc: 'A256GCM' }))}.a.b.c.d`);
      });
      assert.equal(await clickEveryLink('.notifications-center .notification-list-item-message'), 0, messages.join('\n'));
      all.push(...messages);
    }
    const html = all.join(' ');
    assert.doesNotMatch(html, /<a[\s>]|<img|<script|<svg/i, 'a link or markup in a notification');
    assert.match(html, /⟨U\+202E⟩/, 'a bidi override is shown as a marker');
    const hidden = all.find((m) => hasHidden(m.replace(/<[^>]+>/g, '')));
    assert.equal(hidden, undefined, 'a hidden character in a notification');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('keeps input-box validation messages free of links', async () => {
    const decoding = Promise.resolve(vscode.commands.executeCommand('tokenInspector.decodeJwt'));
    const input = '.quick-input-widget .quick-input-box input';
    await bridge.waitFor(input);
    for (const { value } of corpus.filter((v) => /command:|\]\(/.test(v.value)).slice(0, 4)) {
      await bridge.click(input);
      await bridge.press('Control+A');
      await bridge.type(`${b64url(`{"alg":"${JSON.stringify(value).slice(1, -1)}`)}.${b64url('{}')}.c2ln`);
      const message = await waitFor(
        () => bridge.pageEval<string>(`document.querySelector('.quick-input-widget .quick-input-message')?.innerHTML ?? ''`),
        (m) => /not a JSON object/.test(m),
        'the validation message',
      );
      assert.doesNotMatch(message, /<a[\s>]/, message);
      assert.equal(await clickEveryLink('.quick-input-widget .quick-input-message'), 0);
    }
    await bridge.screenshot('hostile-validation');
    await bridge.press('Escape');
    await decoding;
  });

  it('keeps editor hovers to our own link, without images or icons from claims', async () => {
    const values = corpus.filter((v) => v.value.length <= 5000 && !/[\n\r\u2028\u2029]/.test(v.value));
    const lines = values.map(({ value }) => makeJwt({ sub: value, iss: value, exp: 4102444800 }, { alg: value, typ: 'JWT' }));
    const doc = await vscode.workspace.openTextDocument({ content: lines.join('\n') });
    const editor = await vscode.window.showTextDocument(doc);
    for (let line = 0; line < lines.length; line++) {
      // Every hover as VS Code computes it…
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 5));
      const ours = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).find((t) => t.includes('**JWT**'));
      assert.ok(ours, `no hover on line ${line} (${values[line].name})`);
      const links = [...ours.matchAll(/\]\(([^)\s]*)/g)].map((m) => m[1]);
      assert.ok(links.every((l) => l.startsWith('command:tokenInspector.inspectText?')), `${values[line].name}: ${links.join(' ')}`);
    }
    // …and a third of them rendered in the editor, read from the DOM.
    for (let line = 0; line < lines.length; line += 3) {
      editor.selection = new vscode.Selection(line, 5, line, 5);
      editor.revealRange(new vscode.Range(line, 0, line, 0));
      await vscode.commands.executeCommand('editor.action.showHover');
      const html = await waitFor(
        () => bridge.pageEval<string>(`document.querySelector('.monaco-editor .monaco-hover .rendered-markdown')?.innerHTML ?? ''`),
        (h) => h.includes('JWT') && h.includes('Open in Inspector'),
        `the hover on line ${line} (${values[line].name})`,
      );
      const hrefs = [...html.matchAll(/data-href="([^"]*)"/g)].map((m) => m[1]);
      assert.equal(hrefs.length, 1, `${values[line].name}: ${html.slice(0, 500)}`);
      assert.match(hrefs[0], /^command:tokenInspector\.inspectText\?/);
      const icons = [...html.matchAll(/codicon-([a-z-]+)/g)].map((m) => m[1]);
      assert.deepEqual([...new Set(icons)].sort(), ['key', 'open-preview'], `${values[line].name}: icons ${icons}`);
      const injected = await bridge.pageEval<number>(`document.querySelectorAll('.monaco-editor .monaco-hover .rendered-markdown :is(${INJECTED})').length`);
      assert.equal(injected, 0, `${values[line].name}: markup in the hover`);
      await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => bridge.press('Escape'));
    }
    await bridge.screenshot('hostile-hover');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('renders Markdown from the markdown() adapter without HTML, and runs only the commands it names, even on text left unescaped', async () => {
    // Defence in depth behind mdText: raw markup reaching markdown() by mistake stays inert.
    const raw = `<b>bold</b> <img src="${canary}/markdown.png"> [run the marker](command:${MARKER}) [inspect](command:tokenInspector.inspectText)`;
    const doc = await vscode.workspace.openTextDocument({ content: 'no token here, only a hover of ours' });
    const provider = vscode.languages.registerHoverProvider({ scheme: 'untitled' }, { provideHover: () => new vscode.Hover(markdown(raw, { commands: ['tokenInspector.inspectText'] })) });
    try {
      const editor = await vscode.window.showTextDocument(doc);
      editor.selection = new vscode.Selection(0, 3, 0, 3);
      await vscode.commands.executeCommand('editor.action.showHover');
      const hover = '.monaco-editor .monaco-hover .rendered-markdown';
      await waitFor(() => bridge.pageEval<string>(`document.querySelector('${hover}')?.textContent ?? ''`), (t) => t.includes('run the marker'), 'our hover');
      const injected = await bridge.pageEval<string[]>(`[...document.querySelectorAll('${hover} :is(${INJECTED})')].map((e) => e.outerHTML.slice(0, 100))`);
      assert.deepEqual(injected, [], 'HTML rendered from the Markdown');
      const links = await bridge.pageEval<string[]>(`[...document.querySelectorAll('${hover} a')].map((a) => a.textContent)`);
      const marker = links.indexOf('run the marker');
      if (marker >= 0) await bridge.click(`${hover} a >> nth=${marker}`).catch(() => undefined);
      await sleep(500);
      assert.deepEqual(ran, [], 'a command the Markdown does not name ran from its link');
      await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => bridge.press('Escape'));
    } finally {
      provider.dispose();
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('keeps tree labels visible and one line, and tree tooltips free of links and images', async () => {
    const values = short(corpus);
    const token = makeJwt({
      sub: 'hostile-claims',
      exp: 4102444800,
      ...Object.fromEntries(values.map(({ value }, i) => [`${i}${value}`, value])),
      'urn:zitadel:iam:user:metadata': Object.fromEntries(values.map(({ value }, i) => [`${i}${value}`, b64url(value)])),
      'urn:zitadel:iam:org:project:roles': Object.fromEntries(values.slice(0, 20).map(({ value }, i) => [`${i}${value}`, { [value]: value }])),
    }, { alg: 'RS256', kid: values[0].value });
    await vscode.commands.executeCommand('tokenInspector.inspectText', token);
    await vscode.commands.executeCommand('tokenInspector.tokens.focus');
    const rows = await waitFor(() => treeRows(), (r) => r.some((row) => row.startsWith('hostile-claims')), 'the hostile token in the tree');
    for (const row of rows) assert.ok(!hasHidden(row), `hidden characters in the row ${JSON.stringify(row)}`);
    // The Metadata section is expanded: hover each of its first rows and read the tooltip.
    const metadataRows = await bridge.pageEval<number>(`document.querySelectorAll('.part.sidebar .monaco-list-row[aria-level="3"]').length`);
    let read = 0;
    for (let i = 0; i < Math.min(metadataRows, 25); i++) {
      await bridge.hover(`.part.sidebar .monaco-list-row[aria-level="3"] >> nth=${i}`);
      const tip = await waitFor(
        () => bridge.pageEval<string>(`document.querySelector('.workbench-hover .rendered-markdown')?.innerHTML ?? ''`),
        (h) => h.length > 0,
        `the tooltip of row ${i}`,
        5000,
      ).catch(() => '');
      if (!tip) continue;
      read++;
      assert.doesNotMatch(tip, /<a[\s>]|data-href/, tip.slice(0, 400));
      const injected = await bridge.pageEval<number>(`document.querySelectorAll('.workbench-hover .rendered-markdown :is(${INJECTED}), .workbench-hover .rendered-markdown .codicon').length`);
      assert.equal(injected, 0, tip.slice(0, 400));
      await bridge.hover('.part.activitybar');
      await sleep(200);
    }
    assert.ok(read >= 10, `read only ${read} tooltips`);
    await bridge.screenshot('hostile-tree');
  });

  it('shows hostile subjects in quick picks without icons', async () => {
    await vscode.commands.executeCommand('tokenInspector.inspectText', makeJwt({ sub: `$(error) $(pass-filled) [x](command:${MARKER}) \u202Eevil`, exp: 4102444800 }));
    const picking = Promise.resolve(vscode.commands.executeCommand('tokenInspector.copyToken'));
    const list = await waitFor(
      () => bridge.pageEval<string>(`document.querySelector('.quick-input-widget .quick-input-list')?.innerHTML ?? ''`),
      (h) => h.includes('pass-filled'),
      'the quick pick of decoded tokens',
    );
    assert.doesNotMatch(list, /codicon-(error|pass-filled)/, 'an icon from a claim');
    assert.match(list, /⟨U\+202E⟩/);
    await bridge.screenshot('hostile-quick-pick');
    await bridge.press('Escape');
    await picking;
  });

  it('decodes what breaks naive code without a raw exception: deep nesting, lone surrogates, absurd times, odd types', async () => {
    const decode = async (text: string) => vscode.commands.executeCommand<{ payload: Record<string, unknown>; warnings: string[] }>('tokenInspector.decodeJwt', text);
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    await assert.rejects(decode(`${b64url('{"alg":"RS256"}')}.${b64url(`{"sub":"deep","x":${deep}}`)}.c2ln`), /more than 64 levels deep/);
    const oddToken = makeJwt({ sub: 'odd-types', 'lone\ud800key': 'v\udc00', exp: 1e300, iat: 1e13, nbf: -1e300, 'urn:zitadel:iam:user:metadata': { 'k\ud800': 'djE' } }, { alg: { toString: 1 }, typ: 'JWT' });
    const odd = await decode(oddToken);
    assert.deepEqual(JSON.parse(JSON.stringify(odd)), odd, 'the decode result stays plain JSON');
    assert.ok(odd.warnings.some((w) => /exp/.test(w)), odd.warnings.join('\n'));
    await vscode.commands.executeCommand('tokenInspector.inspectText', oddToken); // reveals it, expanded
    // A reveal can lose its expansion to a repaint on a loaded machine: then reveal it again (the
    // command is idempotent: the same fingerprint stays one entry) and open the row by its twistie.
    const twistie = `.part.sidebar .monaco-list-row:has(.label-name:text-is("odd-types")) .monaco-tl-twistie.collapsed`;
    const rows = await waitFor(
      async () => {
        const found = await treeRows();
        if (!found.some((row) => row.startsWith('lone'))) {
          await vscode.commands.executeCommand('tokenInspector.inspectText', oddToken);
          await bridge.click(twistie, { timeoutMs: 2000 }).catch(() => undefined);
        }
        return found;
      },
      (r) => r.some((row) => row.startsWith('lone')),
      'the odd token\'s claims in the tree',
    );
    assert.ok(rows.some((row) => /^lone⟨U\+D800⟩key v⟨U\+DC00⟩/.test(row)), rows.join('\n'));
    assert.ok(rows.some((row) => /^odd-types expiry unreadable/.test(row)), rows.join('\n'));
    const dom = await waitFor(() => bridge.webviewDom({ titleContains: 'Token Inspector' }), (d) => d.text.includes('lone⟨U+D800⟩key'), 'the odd token in the inspector');
    assert.doesNotMatch(dom.text, /Could not show/);
    await bridge.screenshot('hostile-odd-token');
  });

  it('keeps the inspector webview inert: nothing injected, only vetted links, markers shown', async () => {
    const values = corpus.filter((v) => v.value.length <= 50_000);
    const token = makeJwt({
      sub: 'hostile-inspector',
      exp: 4102444800,
      website: 'https://example.com/profile',
      // An entity in a link: its text must stay the target as written, not what HTML makes of it.
      profile: 'https://example.com/p?a=1&amp;b=2',
      picture: `${canary}/avatar.png`,
      ...Object.fromEntries(values.map(({ value }, i) => [`c${i}${value}`, value])),
      'urn:zitadel:iam:user:metadata': Object.fromEntries(values.slice(0, 40).map(({ value }, i) => [`m${i}${value}`, b64url(value)])),
    }, { alg: 'RS256', kid: values[0].value, typ: values[10].value });
    await vscode.commands.executeCommand('tokenInspector.inspectText', token);
    const dom = await waitFor(() => bridge.webviewDom({ titleContains: 'Token Inspector' }), (d) => d.text.includes('hostile-inspector'), 'the hostile token in the inspector');
    assert.equal(dom.scripts, 1, 'only the inspector\'s own script');
    assert.ok(!hasHidden(dom.text.replace(/[\n\t]/g, '')), 'a hidden character in the inspector');
    assert.match(dom.text, /admin⟨U\+202E⟩nigeb/);
    const probe = await bridge.evalInWebview<{ pwned: unknown; injected: string[]; handlers: number; links: { href: string; text: string }[] }>(
      `({ pwned: window.__pwned ?? null,
          injected: [...document.querySelectorAll('#app :is(img, svg:not(.codicon), script, iframe, object, embed, video, audio, style, form, input, b)')].map((e) => e.outerHTML.slice(0, 100)),
          handlers: [...document.querySelectorAll('#app *')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
          links: [...document.querySelectorAll('#app a')].map((a) => ({ href: a.getAttribute('href'), text: a.textContent })) })`,
      { titleContains: 'Token Inspector' },
    );
    assert.deepEqual({ pwned: probe.pwned, injected: probe.injected, handlers: probe.handlers }, { pwned: null, injected: [], handlers: 0 });
    for (const link of probe.links) {
      assert.match(link.href, /^https?:\/\//, `a non-http link: ${link.href}`);
      assert.equal(link.text, link.href, 'a link whose text is not its target');
    }
    assert.ok(probe.links.some((l) => l.href === 'https://example.com/profile'), 'a plain https claim is still a link');
    assert.ok(probe.links.some((l) => l.href === 'https://example.com/p?a=1&amp;b=2'), 'a link with an entity in its query');
    assert.ok(!probe.links.some((l) => /accounts\.example\.com@|\\/.test(l.href)), 'a look-alike became a link');
    await bridge.screenshot('hostile-inspector');
  });
});
