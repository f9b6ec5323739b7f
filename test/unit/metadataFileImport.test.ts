// What an import preview says about entries and files it cannot use (pure: no server needed to plan).
import { strict as assert } from 'node:assert';
import { planMetadataImport } from '../../src/core/zitadel/metadataFile';

const SHAPES = 'Use an export of Token Inspector ({"metadata": [{"key": …, "value": …}]}), a list of {"key", "value" | "json" | "base64"}, or an object of key to value.';

describe('metadata files: import refusals in words', () => {
  it('refuses entries without a key, without a value, or with base64 that is not text, naming the entry', () => {
    const plan = planMetadataImport([], JSON.stringify([{ value: 'v' }, { key: 7, value: 'v' }, { key: 'k' }, { key: 'b', base64: 5 }, [1], { key: 'ok', value: 'v' }]));
    assert.deepEqual(
      plan.rows.map(({ key, status, reason }) => ({ key, status, reason })),
      [
        { key: '#1', status: 'refused', reason: 'Entry 1 has no "key" text.' },
        { key: '7', status: 'refused', reason: 'Entry 2 has no "key" text.' },
        { key: 'k', status: 'refused', reason: 'Give exactly one of "value" (text), "json" or "base64"; this entry has none.' },
        { key: 'b', status: 'refused', reason: '"base64" must be text.' },
        { key: '#5', status: 'refused', reason: 'Entry 5 is not an object with "key" and a value.' },
        { key: 'ok', status: 'added', reason: undefined },
      ],
    );
    assert.deepEqual(plan.writes, [{ key: 'ok', base64: 'dg==' }]);
  });

  it('refuses a file that holds no metadata, saying which shapes it reads', () => {
    for (const [text, shown] of [['42', '42'], ['"text"', '"text"'], ['null', 'null']]) {
      assert.throws(
        () => planMetadataImport([], text),
        (err: Error) => err.name === 'ZitadelApiError' && err.message === `The file holds ${shown}, not metadata. ${SHAPES}`,
        text,
      );
    }
    assert.throws(
      () => planMetadataImport([], '{"format":"token-inspector.zitadel-metadata","version":1}'),
      (err: Error) => err.message === 'The file says it is a Token Inspector metadata export but has no "metadata" list.',
    );
  });
});
