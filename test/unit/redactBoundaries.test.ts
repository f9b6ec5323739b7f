// Where log redaction stops: the characters that end a bare value, a URL's authority and an array
// element, each shown by the text just after it staying readable (or a secret staying hidden).
import { strict as assert } from 'node:assert';
import { REDACTED, redactTokens } from '../../src/core/redact';

const cases = (table: [string, string][]) => {
  for (const [input, expected] of table) assert.equal(redactTokens(input), expected, JSON.stringify(input));
};

describe('log redaction: where a value ends', () => {
  it('ends a bare value at a line break, a quote, a backslash or an angle bracket', () => {
    cases([
      ['password: pw1\rnext', `password: ${REDACTED}\rnext`],
      ['password: pw1\nnext', `password: ${REDACTED}\nnext`],
      ["password: pw1'next", `password: ${REDACTED}'next`],
      ['password: pw1"next', `password: ${REDACTED}"next`],
      ['password: pw1\\next', `password: ${REDACTED}\\next`],
      ['<p>password: pw1</p>', `<p>password: ${REDACTED}</p>`],
      ['password: pw1>next', `password: ${REDACTED}>next`],
    ]);
  });

  it('ends a value after "=" at "&", a space or a tab; one after ":" at a comma or a closing bracket', () => {
    cases([
      ['password=pw1&user=bob', `password=${REDACTED}&user=bob`],
      ['password=pw1 user=bob', `password=${REDACTED} user=bob`],
      ['password=pw1\tuser=bob', `password=${REDACTED}\tuser=bob`],
      ['password: pw1 and more, user: bob', `password: ${REDACTED}, user: bob`],
      ['{password: pw1} rest', `{password: ${REDACTED}} rest`],
      ['[password: pw1] rest', `[password: ${REDACTED}] rest`],
    ]);
  });

  it('skips spaces and tabs before a value, keeping them', () => {
    cases([
      ['password:\tpw1', `password:\t${REDACTED}`],
      ['password: \t pw1', `password: \t ${REDACTED}`],
    ]);
  });
});

describe('log redaction: arrays', () => {
  it('reads a quoted element whole, so a bracket or comma inside it does not end the array', () => {
    cases([
      ['secrets: [a, "b]c"] ok', `secrets: [${REDACTED}] ok`],
      ['secrets: ["a,b", "c"] ok', `secrets: [${REDACTED}] ok`],
    ]);
  });

  it('stops at the end of the line, and at an unterminated string\'s line break', () => {
    cases([
      ['secrets: [a\nnext]', `secrets: [${REDACTED}\nnext]`],
      ['secrets: [a\rnext]', `secrets: [${REDACTED}\rnext]`],
      ['secrets: ["abc\nnext]', `secrets: [${REDACTED}\nnext]`],
      ['secrets: [\nnext', 'secrets: [\nnext'],
    ]);
  });

  it('keeps a trailing comma and a marker that is the whole array', () => {
    cases([
      ['secrets: [a,', `secrets: [${REDACTED},`],
      ['secrets: [[token 0123abcd]] ok', 'secrets: [[token 0123abcd]] ok'],
    ]);
  });
});

describe('log redaction: passwords in URLs', () => {
  it('replaces the password of user:password@ only', () => {
    cases([
      ['https://user:pw@host/x', `https://user:${REDACTED}@host/x`],
      ['https://:pw@host', `https://:${REDACTED}@host`],
      ['https://a:b@c:d@host', `https://a:${REDACTED}@host`],
      ['https://user:@host', 'https://user:@host'],
      ['https://user@host:8080/', 'https://user@host:8080/'],
      ['https://user@host', 'https://user@host'],
    ]);
  });

  it('reads the authority only up to "/", "?", "#", whitespace, quotes, angle brackets or a backslash', () => {
    for (const stop of ['/', '?', '#', ' ', '\t', '"', "'", '<', '>', '\\']) {
      const text = `https://host${stop}a:b@c`;
      assert.equal(redactTokens(text), text, JSON.stringify(stop));
    }
  });
});
