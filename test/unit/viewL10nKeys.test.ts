// The tree's words that carry a translator comment are looked up as "message/comment", the key
// the exported bundle (l10n/bundle.l10n.json) gives them: with every commented message of that
// bundle marked «…», the section labels, the raw row, Userinfo and the per-source metadata tooltip
// come out marked, so none falls back to English for a key the bundle does not have.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as l10n from '@vscode/l10n';
import { inspectToken } from '../../src/core/inspect';
import { decodeSession, type Session } from '../../src/core/session';
import { myMetadataNode } from '../../src/core/view/metadataTree';
import { profileNode } from '../../src/core/view/sessionTree';
import { tokenNode, type ViewNode } from '../../src/core/view/treeModel';
import { b64url, makeJwt } from '../fixtures/tokens';

type Bundle = Record<string, string | { message: string; comment: string[] }>;

const nowMs = Date.UTC(2026, 10, 28, 12, 0, 0);
const children = (n: ViewNode) => n.children?.() ?? [];
const METADATA = 'urn:zitadel:iam:user:metadata';

describe('tree words with translator comments, from the exported bundle', () => {
  before(() => {
    const english = JSON.parse(readFileSync('l10n/bundle.l10n.json', 'utf8')) as Bundle;
    // Only the messages with a comment are marked: a plain message of the same words stays English.
    const marked = Object.fromEntries(Object.entries(english).map(([key, value]) => [key, typeof value === 'string' ? value : `«${value.message}»`]));
    l10n.config({ contents: marked });
  });

  after(() => l10n.config({ contents: {} }));

  it("translates a token's section labels and a metadata value's raw row", () => {
    const node = tokenNode(inspectToken(makeJwt({ sub: 'alice', [METADATA]: { k: b64url('v') } })), nowMs);
    const sections = children(node);
    assert.deepEqual(sections.map((c) => c.label), ['«Header»', '«Payload»', '«Signature»', '«Metadata»']);
    assert.deepEqual(children(children(sections[3])[0]).map((c) => c.label), ['«raw»']);
  });

  it("translates a session's Userinfo and Metadata sections and the metadata tooltip per source", () => {
    const session: Session = {
      tokens: { issuer: 'https://i.example', client_id: 'c', access_token: 'a', token_type: 'Bearer', obtained_at: 0, id_token: makeJwt({ sub: 'u', [METADATA]: { k: b64url('v') } }) },
      requestedScopes: [],
      userinfo: { sub: 'u' },
    };
    const decoded = decodeSession(session);
    const labels = children(profileNode({ name: 'Demo', issuer: 'https://i.example', clientId: 'c', scopes: ['openid'] }, decoded, nowMs)).map((c) => c.label);
    assert.ok(labels.includes('«Userinfo»'), labels.join(', '));
    const metadata = myMetadataNode('Demo', decoded, undefined);
    assert.equal(metadata.label, '«Metadata»');
    assert.equal(children(metadata)[0].tooltip, '«**ID token:** v (raw ` dg `)»');
  });
});
