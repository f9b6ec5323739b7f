// PEM blocks found in pasted text, and PKCS#1 RSA keys wrapped as SubjectPublicKeyInfo, compared
// with what Node's crypto (OpenSSL) writes for the same keys.
import { strict as assert } from 'node:assert';
import { generateKeyPairSync } from 'node:crypto';
import { pemBlocks, spkiFromPkcs1, toPem } from '../../src/core/verify/pem';

const block = (label: string, body = 'AAAA') => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;

describe('verify: PEM blocks in pasted text', () => {
  it('finds a block after a BEGIN marker that is no block, and the blocks after it', () => {
    const text = `-----BEGIN bad-----\n${block('PUBLIC KEY', 'QUJD\nREVG')}\n${block('CERTIFICATE')}`;
    assert.deepEqual(pemBlocks(text), [
      { label: 'PUBLIC KEY', body: 'QUJDREVG' },
      { label: 'CERTIFICATE', body: 'AAAA' },
    ]);
  });

  it('takes only labels of capitals, digits and spaces, all of the label', () => {
    assert.deepEqual(pemBlocks(block('x PUBLIC KEY')), []);
    assert.deepEqual(pemBlocks(block('PUBLIC KEYx')), []);
    assert.deepEqual(pemBlocks(block('X'.repeat(41))), []);
    assert.deepEqual(pemBlocks(block('X'.repeat(40))), [{ label: 'X'.repeat(40), body: 'AAAA' }]);
  });

  it('removes every kind of whitespace from the body', () => {
    assert.deepEqual(pemBlocks(block('PUBLIC KEY', ' QU\r\n\tJD  ')), [{ label: 'PUBLIC KEY', body: 'QUJD' }]);
  });

  it('writes bodies in lines of 64 characters', () => {
    const pem = toPem('PUBLIC KEY', new Uint8Array(100).fill(0xff));
    const lines = pem.split('\n');
    assert.equal(lines[0], '-----BEGIN PUBLIC KEY-----');
    assert.deepEqual(lines.slice(1, -2).map((l) => l.length), [64, 64, 8]); // 136 base64 characters
    assert.equal(lines.at(-2), '-----END PUBLIC KEY-----');
    assert.equal(lines.at(-1), '');
  });
});

describe('verify: PKCS#1 RSA public keys as SubjectPublicKeyInfo', () => {
  for (const bits of [512, 1024, 2048]) {
    it(`wraps a ${bits}-bit key exactly as OpenSSL does`, () => {
      const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
      const pkcs1 = publicKey.export({ type: 'pkcs1', format: 'der' });
      const spki = publicKey.export({ type: 'spki', format: 'der' });
      assert.deepEqual(Buffer.from(spkiFromPkcs1(pkcs1.toString('base64')) ?? []), spki);
    });
  }

  it('writes a length over 65535 bytes in three bytes', () => {
    const spki = spkiFromPkcs1(Buffer.alloc(70_000, 1).toString('base64'));
    assert.ok(spki);
    const length = (n: number) => [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
    assert.deepEqual([...spki.subarray(0, 5)], [0x30, ...length(spki.length - 5)]);
    assert.deepEqual([...spki.subarray(20, 26)], [0x03, ...length(70_001), 0x00]); // after the 15-byte algorithm: the bit string
  });

  it('has no key for an empty or non-base64 body', () => {
    assert.equal(spkiFromPkcs1(''), undefined);
    assert.equal(spkiFromPkcs1('%%%'), undefined);
  });
});
