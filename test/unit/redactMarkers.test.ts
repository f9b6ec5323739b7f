import { strict as assert } from 'node:assert';
import { redactTokens } from '../../src/core/redact';
import { sha256Hex } from '../../src/core/sha256';
import { makeJwt } from '../fixtures/tokens';

describe('redaction markers for many tokens', () => {
  it('fingerprints the first 1000 distinct tokens of a text and marks any further one as a bare [token]', () => {
    const tokens = Array.from({ length: 1002 }, (_, i) => makeJwt({ sub: `user-${i}` }));
    const text = [...tokens, tokens[0], tokens[1001]].join('\n');
    const lines = redactTokens(text).split('\n');
    assert.equal(lines.length, 1004);
    assert.equal(lines[0], `[token ${sha256Hex(tokens[0]).slice(0, 8)}]`);
    assert.equal(lines[999], `[token ${sha256Hex(tokens[999]).slice(0, 8)}]`);
    assert.deepEqual(lines.slice(1000, 1002), ['[token]', '[token]']);
    assert.equal(lines[1002], lines[0], 'a token seen before keeps its marker');
    assert.equal(lines[1003], '[token]');
    assert.ok(!lines.some((l) => l.includes('eyJ')), 'no token left');
  });
});
