// Metadata files, more cases (pure functions called directly): export order, when an import changes
// a value (bytes, or JSON compared as JSON), the size bound, a byte order mark, and the clipped
// texts of refusals; and a JSON value's several problems in one line.
import { strict as assert } from 'node:assert';
import { decodeMetadataValue, type MetadataEntry } from '../../src/core/zitadel/metadata';
import { exportMetadata, MAX_METADATA_FILE, planMetadataImport } from '../../src/core/zitadel/metadataFile';

const entry = (key: string, text: string): MetadataEntry => decodeMetadataValue(key, Buffer.from(text).toString('base64'));
const statuses = (current: MetadataEntry[], file: unknown) => planMetadataImport(current, JSON.stringify(file)).rows.map((r) => `${r.key}:${r.status}`);
const SHAPES = 'Use an export of Token Inspector ({"metadata": [{"key": …, "value": …}]}), a list of {"key", "value" | "json" | "base64"}, or an object of key to value.';

describe('metadata files: more', () => {
  it('exports entries sorted by key whatever their order, entries of the same key in their order', () => {
    const text = exportMetadata([entry('c', 'three'), entry('a', 'one'), entry('b', 'two'), entry('a', 'again'), entry('a', 'last')], { now: new Date(0) });
    const file = JSON.parse(text) as { metadata: { key: string; value: string }[] };
    assert.deepEqual(
      file.metadata.map((e) => `${e.key}=${e.value}`),
      ['a=one', 'a=again', 'a=last', 'b=two', 'c=three'],
    );
  });

  it('a value is changed when its bytes differ, even where one is the start of the other or they are as long', () => {
    const current = [entry('short', 'ab'), entry('same', 'ab'), entry('first', 'xb'), entry('equal', 'ab')];
    assert.deepEqual(statuses(current, { short: 'abc', same: 'ax', first: 'ab', equal: 'ab' }), ['short:changed', 'same:changed', 'first:changed', 'equal:unchanged']);
  });

  it('JSON values are compared as JSON: arrays are not objects, and every key and value counts', () => {
    const current = [entry('list', '[]'), entry('more', '{"a":1}'), entry('other', '{"a":1,"b":2}'), entry('typed', '{"a":1}'), entry('spaced', '{ "b": 2, "a": [1, {"c": null}] }')];
    const file = [
      { key: 'list', json: {} },
      { key: 'more', json: { a: 1, b: 2 } },
      { key: 'other', json: { a: 1, b: 3 } },
      { key: 'typed', json: 5 },
      { key: 'spaced', json: { a: [1, { c: null }], b: 2 } },
    ];
    assert.deepEqual(statuses(current, file), ['list:changed', 'more:changed', 'other:changed', 'typed:changed', 'spaced:unchanged']);
  });

  it('a key missing on one side is a change even when the counts match', () => {
    assert.deepEqual(statuses([entry('k', '{"a":1,"b":2}')], [{ key: 'k', json: { a: 1, c: 2 } }]), ['k:changed']);
  });

  it(`reads a file of exactly ${MAX_METADATA_FILE} characters, and refuses one more`, () => {
    const small = '{"k":"v"}';
    const exact = small + ' '.repeat(MAX_METADATA_FILE - small.length);
    assert.deepEqual(planMetadataImport([], exact).counts, { added: 1, changed: 0, unchanged: 0, refused: 0 });
    assert.throws(() => planMetadataImport([], `${exact} `), { message: `The file has ${MAX_METADATA_FILE + 1} characters; metadata files are limited to 16 MB.` });
  });

  it('drops a byte order mark at the start of the file only, keeping one inside a value', () => {
    assert.equal(planMetadataImport([], '\uFEFF{"k":"a\uFEFFb"}').rows[0].after?.value, 'a\uFEFFb');
    // The value's own leading mark is written (EF BB BF 62), though shown without it.
    assert.deepEqual(planMetadataImport([], '{"k":"\uFEFFb"}').writes, [{ key: 'k', base64: '77u/Yg==' }]);
  });

  it('shows at most 40 characters of a file that holds no metadata, and 80 of a wrong format', () => {
    const long = 'x'.repeat(100);
    assert.throws(() => planMetadataImport([], JSON.stringify(long)), { message: `The file holds "${'x'.repeat(39)}, not metadata. ${SHAPES}` });
    assert.throws(() => planMetadataImport([], JSON.stringify({ format: long, metadata: [] })), {
      message: `The file's "format" is "${'x'.repeat(79)}, not token-inspector.zitadel-metadata.`,
    });
  });

  it('refuses a null entry and a non-text "value", showing at most 40 characters of it', () => {
    const plan = planMetadataImport([], JSON.stringify([null, { key: 'n', value: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20] }]));
    assert.deepEqual(
      plan.rows.map((r) => r.reason),
      ['Entry 1 is not an object with "key" and a value.', '"value" is text; for [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16, use "json".'],
    );
  });

  it("lists a JSON value's problems in one line, separated by semicolons", () => {
    assert.equal(
      entry('k', '{"a":1e999,"b":-1e999}').problem,
      '"a" holds a number too large to represent, shown as the text "Infinity"; "b" holds a number too large to represent, shown as the text "-Infinity"',
    );
  });
});
