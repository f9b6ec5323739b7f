import { strict as assert } from 'node:assert';
import { MAX_LABEL_LENGTH, normaliseLabel, parseTokenList } from '../../src/core/tokenList';
import { makeJwt } from '../fixtures/tokens';

describe('stored token list: problems and labels in detail', () => {
  it('says which stored entries were skipped and why, in order', () => {
    const good = makeJwt({ sub: 'a' });
    const text = JSON.stringify({ version: 1, tokens: [{ token: good, addedAt: 1 }, { token: good }, { addedAt: 2 }, null, 'text', { token: 'garbage', addedAt: 3 }] });
    const { entries, problems } = parseTokenList(text);
    assert.deepEqual(entries.map((e) => e.addedAt), [1]);
    assert.deepEqual(problems.slice(0, 4), Array(4).fill('a stored entry is malformed and was skipped'));
    assert.match(problems[4], /^a stored token no longer decodes \(.+\) and was skipped$/);
    assert.equal(problems.length, 5);
  });

  it('says the whole list was ignored when it is not JSON or of an unknown format', () => {
    assert.deepEqual(parseTokenList('{'), { entries: [], problems: ['the stored token list is not JSON; it was ignored'] });
    for (const text of ['{"version":2,"tokens":[]}', '{"version":1,"tokens":{}}', '{"tokens":[]}', '[]']) {
      assert.deepEqual(parseTokenList(text), { entries: [], problems: ['the stored token list has an unknown format; it was ignored'] }, text);
    }
  });

  it('cuts a long label at the limit, without trailing space, and keeps a label of exactly the limit whole', () => {
    assert.equal(normaliseLabel(`${'a'.repeat(MAX_LABEL_LENGTH - 1)} tail`), 'a'.repeat(MAX_LABEL_LENGTH - 1));
    assert.equal(normaliseLabel(`  ${'b'.repeat(MAX_LABEL_LENGTH)}  `), 'b'.repeat(MAX_LABEL_LENGTH));
    assert.equal(normaliseLabel(`${'c'.repeat(MAX_LABEL_LENGTH - 2)}😀`), `${'c'.repeat(MAX_LABEL_LENGTH - 2)}😀`, 'an emoji ending exactly at the limit is kept');
    assert.equal(normaliseLabel(' \t\n '), undefined);
  });

  it('keeps a label of exactly the limit whole, even when it ends in half an emoji', () => {
    const label = `${'c'.repeat(MAX_LABEL_LENGTH - 1)}\uD83D`;
    assert.equal(normaliseLabel(label), label);
    assert.equal(normaliseLabel(`${label}\uDE00`), 'c'.repeat(MAX_LABEL_LENGTH - 1), 'one unit over: the pair is not split, it goes');
  });
});
