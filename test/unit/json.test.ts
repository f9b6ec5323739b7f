import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { exceedsJsonDepth, jsonForMessage, MAX_JSON_DEPTH, parseJson, parseStructuredJson, toPlainJson, TOO_DEEP_PLACEHOLDER } from '../../src/core/json';

const arrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('untrusted JSON', () => {
  it('measures nesting without parsing: strings skipped, escapes respected', () => {
    assert.equal(exceedsJsonDepth(arrays(MAX_JSON_DEPTH)), false);
    assert.equal(exceedsJsonDepth(arrays(MAX_JSON_DEPTH + 1)), true);
    assert.equal(exceedsJsonDepth(`{"a":${arrays(64)},"b":${arrays(64)}}`), true, '65 with the outer object');
    assert.equal(exceedsJsonDepth(`["${'['.repeat(500)}", "\\"${'{'.repeat(500)}\\\\", []]`), false);
    assert.equal(exceedsJsonDepth(`["\\\\"${'['.repeat(100)}`), true, 'an escaped backslash does not escape the quote');
    assert.equal(exceedsJsonDepth('['.repeat(1_000_000)), true);
  });

  it('agrees with the depth of what JSON.parse builds', () => {
    const depthOf = (v: unknown): number => (typeof v === 'object' && v !== null ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0);
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 0, max: 7 }), (value, max) => {
        const text = JSON.stringify(value);
        assert.equal(exceedsJsonDepth(text, max), depthOf(value) > max, text);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses too deep a text before parsing, and explains other failures', () => {
    assert.deepEqual(parseJson(arrays(100_000)), { ok: false, reason: 'it nests objects and arrays more than 64 levels deep', tooDeep: true });
    const bad = parseJson('{"a":');
    assert.equal(bad.ok, false);
    assert.match(!bad.ok ? bad.reason : '', /^invalid JSON: /);
    assert.equal(parseStructuredJson(arrays(65)), undefined);
    assert.deepEqual(parseStructuredJson(' {"a":[1]}'), { a: [1] });
    assert.equal(parseStructuredJson('1234'), undefined);
  });

  it('makes parsed values plain JSON: no Infinity, no -0, a placeholder below the depth limit', () => {
    const parsed = parseJson('{"big":1e999,"list":[-1e999,-0,0.5],"__proto__":{"polluted":true}}');
    assert.ok(parsed.ok);
    assert.deepStrictEqual(parsed.value, JSON.parse('{"big":"Infinity","list":["-Infinity",0,0.5],"__proto__":{"polluted":true}}'));
    assert.deepEqual(parsed.problems, ['"big" holds a number too large to represent, shown as the text "Infinity"', '"list[0]" holds a number too large to represent, shown as the text "-Infinity"']);
    assert.equal(({} as { polluted?: boolean }).polluted, undefined, 'no prototype was touched');

    const deep = JSON.parse(`{"a":{"b":${arrays(10_000)}}}`);
    const problems: string[] = [];
    const plain = toPlainJson(deep, problems, 3) as { a: { b: unknown[] } };
    assert.deepEqual(plain, { a: { b: [TOO_DEEP_PLACEHOLDER] } });
    assert.deepEqual(problems, ['"a.b[0]" nests objects and arrays more than 3 levels deep; the deeper part is not shown']);
    assert.doesNotThrow(() => JSON.stringify(toPlainJson(JSON.parse(arrays(100_000)))));
  });

  it('reports the first few problems and how many more', () => {
    const problems: string[] = [];
    toPlainJson(JSON.parse(`[${Array(1000).fill('1e999').join(',')}]`), problems);
    assert.equal(problems.length, 4);
    assert.equal(problems[3], '997 more like these');
  });

  it('writes any value for a message without throwing', () => {
    assert.equal(jsonForMessage({ toString: 1, valueOf: 1 }), '{"toString":1,"valueOf":1}');
    assert.equal(jsonForMessage(JSON.parse(arrays(100_000))), '(an array nested too deeply to show)');
    assert.equal(jsonForMessage(undefined), 'undefined');
    assert.equal(jsonForMessage('\ud800'), '"\\ud800"');
    assert.equal(jsonForMessage(10n), '(a value that cannot be shown as JSON)');
  });
});
