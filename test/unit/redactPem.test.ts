// Exactly what the log redaction removes and keeps around PEM blocks, cookie headers and
// secret-named values whose shape is unusual: whole outputs, so a marker in the wrong place,
// a leftover piece of a key or a value redacted too far all show.
import { strict as assert } from 'node:assert';
import { PRIVATE_KEY_REDACTED as KEY, REDACTED, redactTokens } from '../../src/core/redact';

const BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7';
const block = (label: string, nl = '\n') => `-----BEGIN ${label}-----${nl}${BODY}${nl}-----END ${label}-----`;

describe('log redaction: PEM private keys', () => {
  it('replaces a private key block in a log line, from its BEGIN through its END line, and keeps the text around it', () => {
    assert.equal(redactTokens(`loaded key ${block('PRIVATE KEY')} for signing`), `loaded key ${KEY} for signing`);
    assert.equal(redactTokens(block('RSA PRIVATE KEY')), KEY);
  });

  it('replaces a quoted JSON key with escaped line breaks up to its END line, keeping the closing quote and the other fields', () => {
    const json = `{"type":"serviceaccount","key":"${block('RSA PRIVATE KEY', '\\n')}\\n","keyId":"170"}`;
    assert.equal(redactTokens(json), `{"type":"serviceaccount","key":"${KEY}\\n","keyId":"170"}`);
  });

  it('replaces each of two key blocks on their own, keeping what lies between them', () => {
    assert.equal(redactTokens(`a ${block('PRIVATE KEY')} b ${block('EC PRIVATE KEY')} c`), `a ${KEY} b ${KEY} c`);
  });

  it('keeps a certificate or public key (not private) and still replaces a private key after it', () => {
    const cert = block('CERTIFICATE');
    const pub = block('PUBLIC KEY');
    assert.equal(redactTokens(`${cert} ${pub} ${block('PRIVATE KEY')}`), `${cert} ${pub} ${KEY}`);
    assert.equal(redactTokens(`${cert} end`), `${cert} end`);
  });

  it('writes one marker for a BEGIN line repeated inside a block already replaced', () => {
    const nested = `-----BEGIN PRIVATE KEY-----\n${BODY}\n-----BEGIN PRIVATE KEY-----\n${BODY}\n-----END PRIVATE KEY----- tail`;
    assert.equal(redactTokens(nested), `${KEY} tail`);
  });

  it('without an END line: up to the end of the JSON string, or of the text', () => {
    assert.equal(redactTokens(`{"key":"-----BEGIN PRIVATE KEY-----\\n${BODY}","keyId":"1"}`), `{"key":"${KEY}","keyId":"1"}`);
    assert.equal(redactTokens(`key -----BEGIN PRIVATE KEY-----\n${BODY}\n${BODY}`), `key ${KEY}`);
  });

  it('an END line cut off before its closing dashes: up to the end of the text', () => {
    assert.equal(redactTokens(`key -----BEGIN PRIVATE KEY-----\n${BODY}\n-----END PRIVATE KEY`), `key ${KEY}`);
  });

  it('treats a label of up to 49 characters as a PEM label, and keeps text where "-----" follows later', () => {
    const label49 = `${'X'.repeat(37)} PRIVATE KEY`; // BEGIN line through its label: 60 characters
    assert.equal(label49.length, 49);
    assert.equal(redactTokens(`${block(label49)} x`), `${KEY} x`);
    const prose = `-----BEGIN ${'X'.repeat(38)} PRIVATE KEY----- x`;
    assert.equal(redactTokens(prose), prose);
  });

  it('keeps a message that only names the BEGIN line of a private key', () => {
    const message = 'the key file must start with -----BEGIN PRIVATE KEY';
    assert.equal(redactTokens(message), message);
  });

  it('redacts many JSON-embedded keys without END lines in one linear pass', () => {
    const text = `{"key":"-----BEGIN PRIVATE KEY-----abc"}`.repeat(40_000);
    const started = Date.now();
    const out = redactTokens(text);
    const elapsed = Date.now() - started;
    assert.equal(out, `{"key":"${KEY}"}`.repeat(40_000));
    assert.ok(elapsed < 3000, `took ${elapsed} ms`);
  });
});

describe('log redaction: cookie headers and unusual values', () => {
  it('replaces a whole cookie header, commas included, however its key is quoted or spaced', () => {
    assert.equal(redactTokens('Cookie: sid=1, theme=dark'), `Cookie: ${REDACTED}`);
    assert.equal(redactTokens('Cookie  : sid=1, theme=dark'), `Cookie  : ${REDACTED}`);
    assert.equal(redactTokens('Set-Cookie : sid=1, theme=dark'), `Set-Cookie : ${REDACTED}`);
    assert.equal(redactTokens('"Cookie": sid=1, theme=dark'), `"Cookie": ${REDACTED}`);
    assert.equal(redactTokens("'Cookie': sid=1, theme=dark"), `'Cookie': ${REDACTED}`);
    assert.equal(redactTokens('\\"Cookie\\": sid=1, theme=dark'), `\\"Cookie\\": ${REDACTED}`);
  });

  it('ends other bare values at a comma: only the cookie header runs to the end of the line', () => {
    assert.equal(redactTokens('password: pw1, user: bob'), `password: ${REDACTED}, user: bob`);
    assert.equal(redactTokens('"password" : pw1, user: bob'), `"password" : ${REDACTED}, user: bob`);
  });

  it('keeps JSON literals after a colon but redacts the same words after "=" and longer words', () => {
    assert.equal(redactTokens('{"password": null, "user": "bob"}'), '{"password": null, "user": "bob"}');
    assert.equal(redactTokens('password=true&user=bob'), `password=${REDACTED}&user=bob`);
    assert.equal(redactTokens('password: xnull'), `password: ${REDACTED}`);
    assert.equal(redactTokens('password: nullx'), `password: ${REDACTED}`);
  });

  it('keeps an empty quoted value, and looks into an object value instead of replacing its brace', () => {
    assert.equal(redactTokens('{"password":"","user":"bob"}'), '{"password":"","user":"bob"}');
    assert.equal(redactTokens('{"credentials": {"user":"bob","password":"pw1"}}'), `{"credentials": {"user":"bob","password":"${REDACTED}"}}`);
  });

  it('reads a scheme only inside the value: a bare "Bearer" followed by other words is the value', () => {
    assert.equal(redactTokens('token=Bearer x'), `token=${REDACTED} x`);
  });

  it('closes a quoted value at its own level of escaping, keeping the fields after it', () => {
    assert.equal(redactTokens('{\\"password\\":\\"pw1\\",\\"user\\":\\"bob\\"}'), `{\\"password\\":\\"${REDACTED}\\",\\"user\\":\\"bob\\"}`);
    assert.equal(redactTokens('{\\"password\\":\\"\\",\\"user\\":\\"bob\\"}'), '{\\"password\\":\\"\\",\\"user\\":\\"bob\\"}');
    assert.equal(redactTokens('{"password":"pw\\\\","user":"bob"}'), `{"password":"${REDACTED}","user":"bob"}`);
  });

  it('ends a single-quoted value at the next single quote: a backslash before it belongs to the value', () => {
    assert.equal(redactTokens("password: 'C:\\', user: 'bob'"), `password: '${REDACTED}', user: 'bob'`);
  });

  it('ends an unterminated quoted value at the end of its line (LF or CR)', () => {
    assert.equal(redactTokens('password: "pw1\nuser: "bob"'), `password: "${REDACTED}\nuser: "bob"`);
    assert.equal(redactTokens('password: "pw1\ruser: "bob"'), `password: "${REDACTED}\ruser: "bob"`);
  });
});
