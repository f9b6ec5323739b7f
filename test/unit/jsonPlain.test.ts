import { strict as assert } from 'node:assert';
import { jsonForMessage, parseJson } from '../../src/core/json';

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

  it('shows any value in a message, saying so when it is nested too deeply or cannot be JSON at all', () => {
    let object: unknown = {};
    let array: unknown = [];
    for (let i = 0; i < 100_000; i++) {
      object = { a: object };
      array = [array];
    }
    assert.equal(jsonForMessage(object), '(an object nested too deeply to show)');
    assert.equal(jsonForMessage(array), '(an array nested too deeply to show)');
    assert.equal(jsonForMessage({ n: 10n }), '(a value that cannot be shown as JSON)');
    assert.equal(jsonForMessage(undefined), 'undefined');
    assert.equal(jsonForMessage({ a: [1, 'x'] }), '{"a":[1,"x"]}');
  });
});
