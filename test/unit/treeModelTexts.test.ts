// The words of a decoded token's sections in the sidebar: the unverified signature, raw metadata
// values, and the Signature row after a verification.
import type { CheckId } from '../../src/core/oidc/jwtChecks';
import { strict as assert } from 'node:assert';
import { inspectToken } from '../../src/core/inspect';
import { checksNode, withSignatureOutcome, withVerification } from '../../src/core/view/checksTree';
import { tokenNode } from '../../src/core/view/treeModel';
import { b64url, makeJwt } from '../fixtures/tokens';
import { child, children } from '../support/viewNodes';

const nowMs = Date.UTC(2026, 10, 28, 12, 0, 0);
const SIGNED = makeJwt({ sub: 'alice', 'urn:zitadel:iam:user:metadata': { k: 'dg' } });
const check = (id: CheckId, status: 'pass' | 'fail' | 'skip', detail = `${id} ${status}`) => ({ id, label: id, status, detail });

describe('decoded token sections: what they say', () => {
  it('says decoding does not verify a signature, and flags an unsecured token', () => {
    const signature = child(tokenNode(inspectToken(SIGNED), nowMs), 'Signature');
    assert.equal(signature.tooltip, "Decoding does not verify the signature: anyone can make a token that decodes. Verification against the issuer's keys comes with sign-in.");
    assert.equal(signature.description, `${SIGNED.split('.')[2].length} chars, not verified`);
    const unsecured = child(tokenNode(inspectToken(`${b64url('{"alg":"none"}')}.${b64url('{"sub":"a"}')}.`), nowMs), 'Signature');
    assert.equal(unsecured.description, 'none (unsecured)');
    assert.deepEqual(unsecured.icon, { id: 'unlock', color: 'list.warningForeground' });
  });

  it('explains the raw form of a metadata value', () => {
    const raw = child(child(child(tokenNode(inspectToken(SIGNED), nowMs), 'Metadata'), 'k'), 'raw');
    assert.equal(raw.description, 'dg');
    assert.equal(raw.tooltip, 'The value as sent: base64 (base64url without padding in tokens).');
  });

  it('says what the signature check found on the Signature row: verified with which key, or FAILED', () => {
    const node = tokenNode(inspectToken(SIGNED), nowMs);
    const passed = child(withSignatureOutcome(node, check('signature', 'pass'), 'RSA key "k1"'), 'Signature');
    assert.equal(passed.description, 'verified with RSA key "k1"');
    assert.deepEqual(passed.icon, { id: 'verified', color: 'testing.iconPassed' });
    const failed = child(withSignatureOutcome(node, check('signature', 'fail', 'bad signature'), 'RSA key "k1"'), 'Signature');
    assert.equal(failed.description, 'verification FAILED');
    assert.equal(failed.tooltip, 'bad signature');
    assert.deepEqual(failed.icon, { id: 'error', color: 'testing.iconFailed' });
  });

  it('puts the verification checklist first, counting failures, each row saying passed, failed or skipped', () => {
    const node = withVerification(tokenNode(inspectToken(SIGNED), nowMs), [check('signature', 'fail'), check('exp', 'pass'), check('aud', 'skip')], 'pasted JWK');
    const list = children(node)[0];
    assert.equal(list.label, 'Verification');
    assert.equal(list.description, '1 failed · pasted JWK');
    assert.equal(list.expanded, true);
    assert.deepEqual(children(list).map((c) => c.tooltip), ['**signature**: failed  \nsignature fail', '**exp**: passed  \nexp pass', '**aud**: skipped  \naud skip']);
    assert.equal(checksNode('x', 'Checks', [check('exp', 'pass')]).description, 'all passed');
  });
});
