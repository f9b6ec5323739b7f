import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { exceedsJsonDepth, jsonForMessage, parseJson } from '../../src/core/json';

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

describe('JSON made plain: where the problems are, and how deep is too deep', () => {
  it('counts a run of 309 nines as a number that may overflow, in a large text without exponents', () => {
    const parsed = parseJson(`["${'x'.repeat(70_000)}",${'9'.repeat(309)},${'9'.repeat(308)}]`);
    assert.ok(parsed.ok);
    const [, big, fine] = parsed.value as unknown[];
    assert.equal(big, 'Infinity');
    assert.equal(typeof fine, 'number');
  });

  it('names where a number overflowed: array indexes and keys, the path cut after 80 characters', () => {
    const said = (text: string) => {
      const parsed = parseJson(text);
      assert.ok(parsed.ok);
      return parsed.problems;
    };
    assert.deepEqual(said('[{"a":1e999}]'), ['"[0].a" holds a number too large to represent, shown as the text "Infinity"']);
    assert.deepEqual(said('1e999'), ['the value holds a number too large to represent, shown as the text "Infinity"']);
    const key = 'k'.repeat(100);
    assert.deepEqual(said(`{"${key}":1e999}`), [`"${'k'.repeat(80)}…" holds a number too large to represent, shown as the text "Infinity"`]);
    assert.deepEqual(said(`{"${'k'.repeat(80)}":1e999}`), [`"${'k'.repeat(80)}" holds a number too large to represent, shown as the text "Infinity"`]);
  });

  it('translates the place and the whole-value messages by their keys with the translators\' comments', () => {
    l10n.config({
      contents: {
        '"{0}" {1}/A place in a JSON value, then what is odd about it': '« {0} » {1}',
        'the value {0}/{0}: what is odd about the value, e.g. "holds a number too large to represent"': 'la valeur {0}',
      },
    });
    try {
      const at = parseJson('{"a":1e999}');
      const whole = parseJson('1e999');
      assert.ok(at.ok && whole.ok);
      assert.match(at.problems[0], /^« a » /);
      assert.match(whole.problems[0], /^la valeur /);
    } finally {
      l10n.config({ contents: {} });
    }
  });

  it('finds nesting one level too deep when the text starts with its first bracket', () => {
    assert.equal(exceedsJsonDepth('[[[', 2), true);
    assert.equal(exceedsJsonDepth('[[', 2), false);
    assert.equal(exceedsJsonDepth(' [[[', 2), true);
  });
});
