import { strict as assert } from 'node:assert';
import { inspectToken } from '../../src/core/inspect';
import { parseFromWebview, textToCopy } from '../../src/webview/protocol';
import { makeJwt, zitadelClaims } from '../fixtures/tokens';

describe('webview message protocol', () => {
  it('accepts exactly the messages the inspector sends', () => {
    assert.deepEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromWebview({ type: 'copy', what: 'token', extra: 'dropped' }), { type: 'copy', what: 'token' });
    assert.deepEqual(parseFromWebview({ type: 'copy', what: 'claim', claim: 'sub' }), { type: 'copy', what: 'claim', claim: 'sub' });
    assert.deepEqual(parseFromWebview({ type: 'copy', what: 'metadata-raw', key: 'P-ID' }), { type: 'copy', what: 'metadata-raw', key: 'P-ID' });
  });
  it('rejects anything else', () => {
    for (const bad of [null, 'ready', 42, [], {}, { type: 'eval', code: 'x' }, { type: 'copy' }, { type: 'copy', what: 'clipboard', text: 'x' },
      { type: 'copy', what: 'claim' }, { type: 'copy', what: 'claim', claim: 1 }, { type: 'copy', what: 'metadata-value', key: {} }]) {
      assert.equal(parseFromWebview(bad), undefined, JSON.stringify(bad));
    }
  });
  it('looks the copied text up in the token itself', () => {
    const inspection = inspectToken(makeJwt(zitadelClaims()));
    assert.equal(textToCopy(inspection, { what: 'token' }), inspection.token);
    assert.equal(textToCopy(inspection, { what: 'signature' }), inspection.signature);
    assert.deepEqual(JSON.parse(textToCopy(inspection, { what: 'payload' })!), inspection.payload);
    assert.deepEqual(JSON.parse(textToCopy(inspection, { what: 'header' })!), inspection.header);
    assert.equal(textToCopy(inspection, { what: 'claim', claim: 'azp' }), JSON.stringify({ azp: '170086824411201793@portal' }, null, 2));
    assert.equal(textToCopy(inspection, { what: 'metadata-value', key: 'P-ID' }), '12351983');
    assert.equal(textToCopy(inspection, { what: 'metadata-raw', key: 'P-ID' }), 'MTIzNTE5ODM');
  });
  it('copies nothing for names the token does not have', () => {
    const inspection = inspectToken(makeJwt({ sub: 'a' }));
    assert.equal(textToCopy(inspection, { what: 'claim', claim: 'missing' }), undefined);
    assert.equal(textToCopy(inspection, { what: 'claim', claim: 'constructor' }), undefined);
    assert.equal(textToCopy(inspection, { what: 'metadata-value', key: 'P-ID' }), undefined);
  });
});
