// The hostile corpus through the sidebar's plain data (src/core/view): every label and
// description is one visible line, every tooltip renders (with marked, VS Code's Markdown
// library) to text with no link, image or HTML, and ids never throw and stay unique.
import { strict as assert } from 'node:assert';
import { marked } from 'marked';
import { inspectToken } from '../../src/core/inspect';
import { hasHidden } from '../../src/core/text';
import { myMetadataNode, usersNode } from '../../src/core/view/metadataTree';
import { profileNode } from '../../src/core/view/sessionTree';
import { tokenNode, type ViewNode } from '../../src/core/view/treeModel';
import { decodeMetadataValue } from '../../src/core/zitadel/metadata';
import { b64url, makeJwt } from '../fixtures/tokens';
import { hostileValues } from '../fixtures/hostile';
import { decodeSession } from '../../src/core/session';

const nowMs = Date.UTC(2026, 11, 1, 12);
const nowS = nowMs / 1000;

/** Every node below `root`, children expanded. */
function allNodes(root: ViewNode): ViewNode[] {
  const out: ViewNode[] = [];
  const walk = (n: ViewNode, depth: number) => {
    out.push(n);
    if (depth < 12) for (const c of n.children?.() ?? []) walk(c, depth + 1);
  };
  walk(root, 0);
  return out;
}

function assertInert(nodes: ViewNode[], what: string): void {
  const ids = new Set<string>();
  for (const n of nodes) {
    assert.ok(!ids.has(n.id), `${what}: duplicate id ${n.id}`);
    ids.add(n.id);
    for (const text of [n.label, n.description ?? '']) {
      assert.ok(!hasHidden(text), `${what}: hidden character in ${JSON.stringify(text.slice(0, 80))}`);
      assert.ok(text.length <= 400, `${what}: ${text.length} characters in one line`);
    }
    if (n.tooltip) {
      const html = marked.parse(n.tooltip, { async: false });
      assert.ok(!/<a[\s>]|<img[\s>]|<(script|svg|iframe|style|details|b|div)[\s>]/i.test(html), `${what}: markup in tooltip of ${n.label}: ${html.slice(0, 400)}`);
      assert.ok(!/\$\((?!key\)|warning\))/.test(html.replace(/<pre>[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>/g, '')), `${what}: icon syntax left in ${n.label}`);
    }
  }
}

describe('hostile values in the sidebar tree model', () => {
  for (const { name, value } of hostileValues()) {
    it(`keeps "${name}" inert as claim, key, role, org and metadata`, () => {
      const payload = {
        sub: value,
        iss: value,
        [value]: value,
        nested: { [value]: [value, { [value]: value }] },
        exp: nowS + 600,
        'urn:zitadel:iam:user:metadata': { [value]: b64url(value), plain: b64url(value) },
        'urn:zitadel:iam:org:project:roles': { [value]: { [value]: value } },
      };
      const inspection = inspectToken(makeJwt(payload, { alg: 'RS256', kid: value, typ: value }));
      assertInert(allNodes(tokenNode(inspection, nowMs)), name);
    });
  }

  it('keeps a signed-in profile, its userinfo, checks and metadata sources inert', () => {
    for (const { name, value } of hostileValues()) {
      const idToken = makeJwt({ sub: 'u', iss: 'https://issuer.example', exp: nowS + 600, preferred_username: value, 'urn:zitadel:iam:user:metadata': { [value]: b64url(value) } });
      const session = {
        tokens: { access_token: 'opaque', id_token: idToken, token_type: 'Bearer', expires_at: nowS + 600 },
        userinfo: { sub: value, [value]: value },
        idTokenChecks: { ok: false, checks: [{ id: 'iss', label: 'Issuer', status: 'fail' as const, detail: value }] },
      };
      const profile = { name: value, issuer: 'https://issuer.example', clientId: value, scopes: ['openid', value] };
      const api = { myMetadata: { entries: [decodeMetadataValue(value, Buffer.from(value).toString('base64'))], error: value } };
      const users = [{ userId: value, orgId: value, entries: [decodeMetadataValue(value, 'x')], error: value }];
      assertInert(allNodes(profileNode(profile, decodeSession(session as never), nowMs, { ...api, users })), `profile: ${name}`);
      assertInert(allNodes(myMetadataNode(value, decodeSession(session as never), api.myMetadata)), `my metadata: ${name}`);
      assertInert(allNodes(usersNode(value, users)), `users: ${name}`);
    }
  });
});
