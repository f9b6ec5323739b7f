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

  it('replaces a block whatever the length of its label', () => {
    for (const label of ['PRIVATE KEY', `${'X'.repeat(37)} PRIVATE KEY`, `${'X'.repeat(38)} PRIVATE KEY`, `${'X'.repeat(200)} PRIVATE KEY`]) {
      assert.equal(redactTokens(`${block(label)} x`), `${KEY} x`, label);
    }
    assert.equal(redactTokens(`-----BEGIN ${'X'.repeat(38)} PRIVATE KEY----- x`), KEY);
  });

  it('replaces a block whose BEGIN line lacks its closing dashes, with real or escaped line breaks', () => {
    const body = BODY.repeat(3); // longer than any label: the END line's dashes are far away
    assert.equal(redactTokens(`key: -----BEGIN RSA PRIVATE KEY\n${body}\n-----END RSA PRIVATE KEY----- ok`), `key: ${KEY} ok`);
    assert.equal(redactTokens(`-----BEGIN PRIVATE KEY\n${body}\n-----END PRIVATE KEY-----\n", "id": "1"`), `${KEY}\n", "id": "1"`);
    assert.equal(redactTokens(`-----BEGIN EC PRIVATE KEY\r\n${body}`), KEY);
    assert.equal(redactTokens(`-----BEGIN EC PRIVATE KEY\n${body}`), KEY);
    assert.equal(redactTokens(`{"key":"-----BEGIN PRIVATE KEY\\n${body}","id":"1"}`), `{"key":"${KEY}","id":"1"}`);
  });

  it('keeps a BEGIN line without closing dashes that is not followed by a key body', () => {
    for (const text of ['-----BEGIN PRIVATE KEY\nthen more', '"-----BEGIN PRIVATE KEY" was expected', `-----BEGIN PRIVATE KEY\n${BODY.slice(0, 15)}`]) {
      assert.equal(redactTokens(text), text);
    }
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

  it('redacts a bare value that starts with a backslash, up to where a bare value ends', () => {
    assert.equal(redactTokens('password: \\S3cret, user: bob'), `password: ${REDACTED}, user: bob`);
    assert.equal(redactTokens('password=\\\\S3cret&user=bob'), `password=${REDACTED}&user=bob`);
    assert.equal(redactTokens('password: \\'), `password: ${REDACTED}`);
  });

  it('redacts the elements of an array value, keeping the brackets and what follows', () => {
    assert.equal(redactTokens('{"credentials": ["S3cret"], "user": "bob"}'), `{"credentials": [${REDACTED}], "user": "bob"}`);
    assert.equal(redactTokens('{"credentials":["S3cret", "2nd", 3],"user":"bob"}'), `{"credentials":[${REDACTED}],"user":"bob"}`);
    assert.equal(redactTokens('{"tokens": ["a]b", "c"]}'), `{"tokens": [${REDACTED}]}`);
    assert.equal(redactTokens('{\\"secrets\\": [\\"S3cret\\", \\"x\\"], \\"user\\": 1}'), `{\\"secrets\\": [${REDACTED}], \\"user\\": 1}`);
    assert.equal(redactTokens('password=[S3cret]&user=bob'), `password=[${REDACTED}]&user=bob`);
    assert.equal(redactTokens('secrets: [S3cret, 2nd'), `secrets: [${REDACTED}`);
  });

  it('treats the plural of a secret name as secret', () => {
    for (const key of ['tokens', 'client_secrets', 'Passwords', 'apiKeys', 'cookies']) assert.equal(redactTokens(`${key}: S3cret`), `${key}: ${REDACTED}`, key);
    assert.equal(redactTokens('tokenset: 1, tokensx: 2'), 'tokenset: 1, tokensx: 2');
  });

  it('keeps an empty array, and looks into an array of objects instead of replacing it', () => {
    assert.equal(redactTokens('{"credentials": [], "user": "bob"}'), '{"credentials": [], "user": "bob"}');
    assert.equal(redactTokens('{"credentials": [ {"user":"bob","password":"pw1"} ]}'), `{"credentials": [ {"user":"bob","password":"${REDACTED}"} ]}`);
  });

  it('keeps markers already in the text: redacting twice changes nothing', () => {
    for (const text of ['{"credentials": ["S3cret"]}', 'secrets: [S3cret]', 'tokens: [[token 0123abcd], S3cret]', 'password: \\S3cret', '-----BEGIN PRIVATE KEY\\n' + BODY]) {
      const once = redactTokens(text);
      assert.equal(redactTokens(once), once);
    }
  });

  it('ends an unterminated quoted value at the end of its line (LF or CR)', () => {
    assert.equal(redactTokens('password: "pw1\nuser: "bob"'), `password: "${REDACTED}\nuser: "bob"`);
    assert.equal(redactTokens('password: "pw1\ruser: "bob"'), `password: "${REDACTED}\ruser: "bob"`);
  });
});
