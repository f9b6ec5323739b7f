// Localization end to end, in Node: the English bundle exported from src (what translators start
// from), pseudo-translated by `vscode-l10n-dev generate-pseudo` (qps-ploc, VS Code's pseudo
// language), and given to @vscode/l10n as the extension does at activation. Then the core's error
// messages, the tree's labels, descriptions and tooltips and the ID token checks come out in the
// pseudo language, their arguments intact, and untrusted arguments still escaped: Markdown from a
// token stays text in a translated tooltip. English comes back when the bundle is empty.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
import { marked } from 'marked';
import { inspectToken } from '../../src/core/inspect';
import { decodeJwtText } from '../../src/core/jwt/decode';
import { TokenError } from '../../src/core/jwt/errors';
import { checkIdToken } from '../../src/core/oidc/idTokenChecks';
import type { JwksSource } from '../../src/core/oidc/jwks';
import { decodeSession } from '../../src/core/session';
import { mdText } from '../../src/core/text';
import { profileNode } from '../../src/core/view/sessionTree';
import { tokenNode, type ViewNode } from '../../src/core/view/treeModel';
import { makeJwt } from '../fixtures/tokens';

type Bundle = Record<string, string | { message: string; comment: string[] }>;

const CLI = 'node_modules/@vscode/l10n-dev/dist/cli.js';
const nowMs = Date.UTC(2026, 11, 1, 12);
const nowS = nowMs / 1000;
const HOSTILE = '[Click me](command:tokenInspectorTest.pwned) **bold** $(error)';
const ISSUER = 'https://issuer.example';

/** The English bundle of src, pseudo-translated. */
function pseudoBundle(): Bundle {
  const dir = mkdtempSync(join(tmpdir(), 'l10n-pseudo-'));
  try {
    execFileSync(process.execPath, [CLI, 'export', '--outDir', dir, './src'], { stdio: 'pipe' });
    execFileSync(process.execPath, [CLI, 'generate-pseudo', join(dir, 'bundle.l10n.json')], { stdio: 'pipe' });
    return JSON.parse(readFileSync(join(dir, 'bundle.l10n.qps-ploc.json'), 'utf8')) as Bundle;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('localization end to end (pseudo language)', function () {
  this.timeout(60_000);
  let bundle: Bundle;

  /** What the pseudo bundle says for `key` (a message, or message/comment), arguments filled in. */
  function pseudo(key: string, ...args: (string | number)[]): string {
    const entry = bundle[key];
    assert.ok(entry !== undefined, `the bundle has ${JSON.stringify(key)}`);
    const text = typeof entry === 'string' ? entry : entry.message;
    return text.replace(/\{(\d+)\}/g, (match, i: string) => (args[Number(i)] === undefined ? match : String(args[Number(i)])));
  }

  before(() => {
    bundle = pseudoBundle();
    l10n.config({ contents: bundle });
  });

  after(() => l10n.config({ contents: {} }));

  it('is a real translation: every message changed, its placeholders kept', () => {
    const english = JSON.parse(readFileSync('l10n/bundle.l10n.json', 'utf8')) as Bundle;
    assert.deepEqual(Object.keys(bundle).sort(), Object.keys(english).sort());
    assert.ok(Object.keys(bundle).length > 300, `${Object.keys(bundle).length} messages`);
    for (const [key, value] of Object.entries(english)) {
      const en = typeof value === 'string' ? value : value.message;
      const translated = pseudo(key);
      if (/[a-z]{2}/.test(en)) assert.notEqual(translated, en, key);
      assert.deepEqual(translated.match(/\{\d+\}/g)?.sort(), en.match(/\{\d+\}/g)?.sort(), key);
    }
  });

  it("translates the core's error messages with their arguments", () => {
    const error = (text: string) => {
      try {
        decodeJwtText(text);
      } catch (e) {
        assert.ok(e instanceof TokenError);
        return e;
      }
      assert.fail('decoded');
    };
    assert.equal(error('   ').message, pseudo('Nothing to decode: paste a JWT (three base64url parts separated by dots).'));
    const parts = error('abc.def.ghi.jkl');
    assert.equal(parts.id, 'jwt/not-compact', 'the id stays as it is, for logs and tests');
    assert.equal(parts.message, pseudo('A JWT has three parts separated by dots (header.payload.signature); this has {0}. Check that the whole token was copied.', 4));
    assert.equal(
      error('eyJhbGciOiJSUzI1NiJ9.e$$.c2ln').message,
      pseudo('The {0} part is not valid base64url: {1}. Check that the whole token was copied unchanged./{0} is header or payload', pseudo('payload/The second part of a JWT'), pseudo('character {0} at position {1} is not base64url', '"$"', 2)),
    );
  });

  it('translates the tree: labels, counts, relative times, and tooltips with untrusted parts still escaped', () => {
    const inspection = inspectToken(makeJwt({ sub: HOSTILE, iss: ISSUER, exp: nowS + 600, a: 1, b: [1, 2] }));
    const root = tokenNode(inspection, nowMs);
    const children = root.children!();
    assert.deepEqual(
      children.map((c) => c.label),
      [pseudo('Header/The JOSE header of a JWT'), pseudo('Payload/The claims part of a JWT'), pseudo('Signature/The signature part of a JWT')],
    );
    assert.equal(children[1].description, pseudo('{0} claims', 5));
    assert.equal(root.description, `${pseudo('expires {0}', pseudo('in {0}', pseudo('{0} min/minutes, abbreviated', 10)))} · issuer.example`);
    assert.ok(root.tooltip!.includes(pseudo('**Subject:** {0}', mdText(HOSTILE))), root.tooltip);
    const html = marked.parse(root.tooltip!, { async: false });
    assert.ok(!/<a[\s>]|<strong>bold/.test(html), html);
    assert.ok(html.includes('[Click me](command:tokenInspectorTest.pwned)'), 'the value shown as text');
    assert.ok(html.includes(`<strong>${pseudo('**Subject:** {0}', '').replace(/\*\*(.*)\*\*\s*$/, '$1')}</strong>`), 'our Markdown still applies');
  });

  it('translates the ID token checks and their rows in the tree, the provider-chosen value kept as text', async () => {
    const empty = async () => ({ keys: [] });
    const jwks = { get: empty, keys: () => ({ kind: 'set', owner: 'issuer', get: empty, refreshable: true }) } as unknown as JwksSource;
    const idToken = makeJwt({ iss: HOSTILE, sub: 'alice', aud: 'client', exp: nowS + 600, iat: nowS - 10 });
    const result = await checkIdToken(idToken, { issuer: ISSUER, clientId: 'client', jwks, now: nowMs });
    const iss = result.checks.find((c) => c.id === 'iss')!;
    assert.equal(iss.label, pseudo('Issuer (iss)'));
    assert.equal(iss.detail, pseudo('{0} is not {1}.', JSON.stringify(HOSTILE), `"${ISSUER}"`));
    assert.equal(result.checks.find((c) => c.id === 'nonce')!.detail, pseudo('No nonce was sent with this sign-in.'));

    const session = { tokens: { access_token: 'opaque', id_token: idToken, token_type: 'Bearer', expires_at: nowS + 600 }, idTokenChecks: result, requestedScopes: ['openid'] };
    const profile = { name: 'Demo', issuer: ISSUER, clientId: 'client', scopes: ['openid'] };
    const node = profileNode(profile, decodeSession(session as never), nowMs);
    const checks = node.children!().find((c) => c.id.endsWith('/checks'))!;
    assert.equal(checks.label, pseudo('ID token checks'));
    const failed = result.checks.filter((c) => c.status === 'fail').length;
    assert.equal(checks.description, pseudo('{0} failed', failed));
    const row = checks.children!().find((c: ViewNode) => c.id.endsWith('/checks/iss'))!;
    assert.equal(row.label, pseudo('Issuer (iss)'));
    assert.equal(row.tooltip, `**${mdText(pseudo('Issuer (iss)'))}**: ${pseudo('failed')}  \n${mdText(iss.detail)}`);
    assert.ok(!/<a[\s>]/.test(marked.parse(row.tooltip!, { async: false })));
  });

  it('falls back to English without a bundle (the default, and what the English tests see)', () => {
    l10n.config({ contents: {} });
    try {
      assert.equal(tokenNode(inspectToken(makeJwt({ sub: 'alice' })), nowMs).children!()[0].label, 'Header');
    } finally {
      l10n.config({ contents: bundle });
    }
  });
});
