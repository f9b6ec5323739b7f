// A checklist in the sidebar as whole nodes: the section's icon and ids, each row's icon by
// status, and how the Signature row and the Verification section are placed on a token.
import { strict as assert } from 'node:assert';
import type { CheckId } from '../../src/core/oidc/jwtChecks';
import { inspectToken } from '../../src/core/inspect';
import { checksNode, withSignatureOutcome, withVerification } from '../../src/core/view/checksTree';
import { tokenNode, type ViewNode } from '../../src/core/view/treeModel';
import { makeJwt } from '../fixtures/tokens';
import { children, shown } from '../support/viewNodes';

const nowMs = Date.UTC(2026, 10, 28, 12, 0, 0);
const check = (id: CheckId, status: 'pass' | 'fail' | 'skip', detail = `${id} ${status}`) => ({ id, label: `${id} label`, status, detail });
const TOKEN = makeJwt({ sub: 'alice' });

describe('checklist nodes', () => {
  it('shows an all-passed checklist collapsed with a green tick, of no token by default', () => {
    const node = checksNode('profile:Demo/checks', 'ID token checks', [check('signature', 'pass'), check('exp', 'pass')]);
    assert.deepEqual(shown(node), {
      id: 'profile:Demo/checks',
      kind: 'section',
      fingerprint: '',
      label: 'ID token checks',
      description: 'all passed',
      icon: { id: 'pass', color: 'testing.iconPassed' },
      expanded: false,
    });
    assert.deepEqual(children(node).map((c) => [c.id, c.fingerprint]), [
      ['profile:Demo/checks/signature', ''],
      ['profile:Demo/checks/exp', ''],
    ]);
  });

  it('shows a checklist with failures expanded with a red error, each row with its status icon', () => {
    const node = checksNode('fp/verification', 'Verification', [check('signature', 'pass'), check('exp', 'fail', 'expired 3 h ago'), check('aud', 'skip')], 'fp', 'JWKS of the issuer');
    assert.deepEqual(shown(node), {
      id: 'fp/verification',
      kind: 'section',
      fingerprint: 'fp',
      label: 'Verification',
      description: '1 failed · JWKS of the issuer',
      icon: { id: 'error', color: 'testing.iconFailed' },
      expanded: true,
    });
    assert.deepEqual(children(node), [
      { id: 'fp/verification/signature', kind: 'check', fingerprint: 'fp', label: 'signature label', description: 'signature pass', tooltip: '**signature label**: passed  \nsignature pass', icon: { id: 'pass', color: 'testing.iconPassed' } },
      { id: 'fp/verification/exp', kind: 'check', fingerprint: 'fp', label: 'exp label', description: 'expired 3 h ago', tooltip: '**exp label**: failed  \nexpired 3 h ago', icon: { id: 'error', color: 'testing.iconFailed' } },
      { id: 'fp/verification/aud', kind: 'check', fingerprint: 'fp', label: 'aud label', description: 'aud skip', tooltip: '**aud label**: skipped  \naud skip', icon: { id: 'circle-slash' } },
    ]);
  });

  it('changes only the Signature row of a token when the signature check is known', () => {
    const node = tokenNode(inspectToken(TOKEN), nowMs);
    const before = children(node);
    const after = children(withSignatureOutcome(node, check('signature', 'pass'), 'key k1'));
    assert.deepEqual(after.map((c) => c.label), ['Header', 'Payload', 'Signature']);
    assert.deepEqual(shown(after[0]), shown(before[0]));
    assert.deepEqual(shown(after[1]), shown(before[1]));
    assert.equal(after[2].description, 'verified with key k1');
  });

  it("reads the Verification's signature check by its id, wherever it is in the list", () => {
    const node = tokenNode(inspectToken(TOKEN), nowMs);
    const verified = withVerification(node, [check('exp', 'fail'), check('signature', 'pass'), check('aud', 'fail')], 'pasted JWK');
    const rows = children(verified);
    assert.deepEqual(rows.map((c) => [c.id, c.label]), [
      [`${node.id}/verification`, 'Verification'],
      [`${node.id}/header`, 'Header'],
      [`${node.id}/payload`, 'Payload'],
      [`${node.id}/signature`, 'Signature'],
    ]);
    assert.equal(rows[0].description, '2 failed · pasted JWK');
    assert.equal(rows[3].description, 'verified with pasted JWK');
    const failed = children(withVerification(node, [check('signature', 'fail', 'bad signature'), check('exp', 'pass')], 'pasted JWK'));
    assert.equal(failed[3].description, 'verification FAILED');
    const none = children(withVerification(node, [check('exp', 'pass')], 'pasted JWK'));
    assert.equal(none[3].description, shown(children(node)[2]).description, 'no signature check: the row stays as decoded');
    assert.match(none[3].description!, /chars, not verified$/);
  });

  it('leaves a node without children as it is', () => {
    const leaf: ViewNode = { id: 'leaf', kind: 'value', fingerprint: 'fp', label: 'leaf' };
    assert.equal(withVerification(leaf, [check('signature', 'pass')], 'k'), leaf);
    assert.equal(withSignatureOutcome(leaf, check('signature', 'pass'), 'k'), leaf);
  });
});
