import { strict as assert } from 'node:assert';
import { parseJson } from '../../src/core/json';

describe('JSON made plain in large texts', () => {
  it('turns a number too large for a double into the text "Infinity" also in a text of 64 KiB or more without exponents', () => {
    const text = `{"pad":"${'x'.repeat(70_000)}","big":1${'0'.repeat(309)},"fine":1${'0'.repeat(300)}}`;
    const parsed = parseJson(text);
    assert.ok(parsed.ok);
    const value = parsed.value as Record<string, unknown>;
    assert.equal(value.big, 'Infinity');
    assert.equal(value.fine, 1e300);
    assert.equal(parsed.problems.length, 1, parsed.problems.join('; '));
    assert.match(parsed.problems[0], /big/);
  });
});
