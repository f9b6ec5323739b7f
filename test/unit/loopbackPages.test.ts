// The pages the loopback receiver shows in the browser: parsed by an independent HTML parser
// (parse5, the WHATWG algorithm browsers use), so escaping is judged by what a browser would
// build, not by string matching. Every hostile value must end up as text, never markup.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { PAGE_CSP, resultPage, type PageTone } from '../../src/core/oidc/pages';
import { startLoopbackReceiver, type LoopbackReceiver } from '../../src/core/oidc/loopback';
import { inline, visible } from '../../src/core/text';
import { hostileValues } from '../fixtures/hostile';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** The only elements and attributes our pages are made of. */
const ELEMENTS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'main', 'header', 'svg', 'circle', 'path', 'h1', 'p', 'dl', 'dt', 'dd', 'code', 'pre', 'footer']);
const ATTRIBUTES = new Set(['lang', 'charset', 'name', 'content', 'class', 'viewBox', 'viewbox', 'aria-hidden', 'cx', 'cy', 'r', 'd']);

function elements(node: Node, out: Element[] = []): Element[] {
  if ('tagName' in node) out.push(node);
  for (const child of 'childNodes' in node ? node.childNodes : []) elements(child, out);
  if ('content' in node && node.content) elements(node.content as Node, out);
  return out;
}

function text(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return ('childNodes' in node ? node.childNodes : []).map(text).join('');
}

function byTag(doc: Node, tag: string): Element[] {
  return elements(doc).filter((e) => e.tagName === tag);
}

/** dt text → dd text. */
function facts(doc: Node): Record<string, string> {
  const dts = byTag(doc, 'dt');
  const dds = byTag(doc, 'dd');
  return Object.fromEntries(dts.map((dt, i) => [text(dt), text(dds[i])]));
}

function assertOnlyOurMarkup(html: string, what: string): Node {
  const doc = parse(html);
  for (const el of elements(doc)) {
    assert.ok(ELEMENTS.has(el.tagName), `${what}: unexpected <${el.tagName}>`);
    for (const attr of el.attrs) assert.ok(ATTRIBUTES.has(attr.name), `${what}: unexpected attribute ${attr.name} on <${el.tagName}>`);
  }
  assert.equal(byTag(doc, 'style').length, 1, `${what}: one stylesheet`);
  return doc;
}

describe('loopback pages', () => {
  it('carry a CSP without scripts whose style hash matches the one inline stylesheet', () => {
    const page = resultPage({ status: 200, tone: 'success', title: 'Signed in', lead: 'ok' });
    assert.equal(page.headers['Content-Security-Policy'], PAGE_CSP);
    assert.match(PAGE_CSP, /^default-src 'none'; /);
    assert.doesNotMatch(PAGE_CSP, /script-src|unsafe-inline|unsafe-eval|https?:|\*/);
    for (const directive of ["base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"]) assert.ok(PAGE_CSP.includes(directive), directive);
    const doc = assertOnlyOurMarkup(page.body, 'success');
    const style = text(byTag(doc, 'style')[0]);
    const hash = createHash('sha256').update(style).digest('base64');
    assert.ok(PAGE_CSP.includes(`style-src 'sha256-${hash}'`), 'the CSP allows exactly the inline stylesheet');
    assert.equal(page.headers['X-Content-Type-Options'], 'nosniff');
    assert.equal(page.headers['Cache-Control'], 'no-store');
    assert.equal(page.headers['Referrer-Policy'], 'no-referrer');
  });

  it('follow the browser between light and dark', () => {
    const { body } = resultPage({ status: 200, tone: 'success', title: 't', lead: 'l' });
    assert.match(body, /<meta name="color-scheme" content="light dark">/);
    assert.match(body, /@media \(prefers-color-scheme:dark\)\{:root\{[^}]*--bg:#0d1117/);
  });

  for (const tone of ['success', 'error', 'notice'] as PageTone[]) {
    it(`${tone}: keeps every hostile value as visible text (profile, issuer, lead, details)`, () => {
      for (const { name, value } of hostileValues()) {
        const page = resultPage({ status: 200, tone, title: 'Signed in', lead: `Lead ${value}`, names: { profile: value, issuer: value }, details: `error: ${value}` });
        const doc = assertOnlyOurMarkup(page.body, `${tone} / ${name}`);
        const shown = facts(doc);
        assert.equal(shown.Profile, inline(value, 200), `${name}: profile`);
        assert.equal(shown.Issuer, inline(value, 300), `${name}: issuer`);
        assert.equal(text(byTag(doc, 'p')[0]), inline(`Lead ${value}`, 2000), `${name}: lead`);
        const pre = text(byTag(doc, 'pre')[0]);
        assert.ok(visible(`error: ${value}`, { keepLayout: true }).startsWith(pre.replace(/…$/, '')), `${name}: details`);
        assert.equal(byTag(doc, 'main')[0].attrs.find((a) => a.name === 'class')?.value, tone);
      }
    });
  }

  it('say the tab can be closed, and leave out what was not given', () => {
    const doc = parse(resultPage({ status: 200, tone: 'success', title: 'Signed in', lead: 'Done.' }).body);
    assert.equal(byTag(doc, 'dl').length, 0, 'no names, no list');
    assert.equal(byTag(doc, 'pre').length, 0);
    assert.match(text(byTag(doc, 'main')[0]), /You can close this tab and return to VS Code\./);
    const quiet = parse(resultPage({ status: 410, tone: 'notice', title: 'Finished', lead: 'Gone.', closeHint: false }).body);
    assert.doesNotMatch(text(quiet), /close this tab/);
  });

  it('escape the title too (it is in <title> and <h1>)', () => {
    const doc = parse(resultPage({ status: 400, tone: 'error', title: '</title><script>x</script>', lead: 'l' }).body);
    assert.equal(byTag(doc, 'script').length, 0);
    assert.equal(text(byTag(doc, 'h1')[0]), '</title><script>x</script>');
    assert.equal(text(byTag(doc, 'title')[0]), '</title><script>x</script> · Token Inspector');
  });
});

describe('loopback receiver pages', () => {
  const STATE = 'state-pages-0123456789';
  const receivers: LoopbackReceiver[] = [];
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });
  async function start(options: Partial<Parameters<typeof startLoopbackReceiver>[0]> = {}) {
    const receiver = await startLoopbackReceiver({ expectedState: STATE, timeoutMs: 10_000, ...options });
    receivers.push(receiver);
    return receiver;
  }
  const get = async (url: string) => {
    const res = await fetch(url, { redirect: 'manual' });
    return { status: res.status, type: res.headers.get('content-type') ?? '', csp: res.headers.get('content-security-policy'), body: await res.text() };
  };
  const profile = '<img src=x onerror=alert(1)> [Click](command:x) \u202Eevil';
  const issuer = 'https://issuer.example/"><script>alert(1)</script>';

  it('names the profile and issuer on the success page, escaped', async () => {
    const receiver = await start({ names: { profile, issuer } });
    await get(`${receiver.redirectUri}?code=c&state=${STATE}`);
    const done = await get(`http://127.0.0.1:${receiver.port}/done`);
    assert.equal(done.status, 200);
    assert.equal(done.csp, PAGE_CSP);
    const doc = assertOnlyOurMarkup(done.body, 'done');
    assert.deepEqual(facts(doc), { Profile: inline(profile), Issuer: inline(issuer) });
    assert.equal(text(byTag(doc, 'h1')[0]), 'Signed in at the provider');
    assert.match(text(doc), /You can close this tab and return to VS Code\./);
  });

  it('names them on the error page, with the provider error as text', async () => {
    const receiver = await start({ names: { profile, issuer } });
    const description = '<b>nope</b>\nsecond line';
    const answer = await get(`${receiver.redirectUri}?error=access_denied&error_description=${encodeURIComponent(description)}&state=${STATE}`);
    assert.equal(answer.status, 400);
    assert.equal(answer.csp, PAGE_CSP);
    const doc = assertOnlyOurMarkup(answer.body, 'error');
    assert.equal(text(byTag(doc, 'h1')[0]), 'Sign-in failed');
    assert.deepEqual(facts(doc), { Profile: inline(profile), Issuer: inline(issuer) });
    assert.equal(text(byTag(doc, 'pre')[0]), `error: access_denied\nerror_description: ${description}`);
    await receiver.result.catch(() => undefined);
  });

  it('tells a request with the wrong state nothing about the profile or issuer', async () => {
    const receiver = await start({ names: { profile: 'Secret profile', issuer: 'https://secret.example' } });
    const answer = await get(`${receiver.redirectUri}?code=c&state=wrong`);
    assert.equal(answer.status, 400);
    assert.match(answer.type, /^text\/html/);
    assert.equal(answer.csp, PAGE_CSP);
    assert.doesNotMatch(answer.body, /Secret profile|secret\.example/);
    assert.match(text(parse(answer.body)), /"state" is missing or wrong/);
  });

  it('titles a sign-out page as such', async () => {
    const receiver = await start({ path: '/signed-out', expectCode: false, successTitle: 'Signed out at the provider', successPage: 'Ended.', names: { profile: 'p', issuer: 'https://i.example' } });
    await get(`${receiver.redirectUri}?state=${STATE}`);
    const doc = parse((await get(`http://127.0.0.1:${receiver.port}/done`)).body);
    assert.equal(text(byTag(doc, 'h1')[0]), 'Signed out at the provider');
    assert.deepEqual(facts(doc), { Profile: 'p', Issuer: 'https://i.example' });
  });
});
