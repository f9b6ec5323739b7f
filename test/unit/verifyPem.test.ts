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

describe('verify: DER lengths at the boundaries of their encodings', () => {
  /** The SEQUENCE's tag and length bytes, then the BIT STRING's (after the 15 algorithm bytes). */
  const headers = (pkcs1Length: number, outer: number, inner: number) => {
    const spki = [...(spkiFromPkcs1(Buffer.alloc(pkcs1Length, 1).toString('base64')) ?? [])];
    return [spki.slice(0, outer), spki.slice(outer + 15, outer + 15 + inner)];
  };

  it('writes a length of 128 in the long form (one byte after 0x81), 127 in the short form', () => {
    // BIT STRING content = 1 unused-bits byte + the key; SEQUENCE content = 15 algorithm bytes + the BIT STRING.
    assert.deepEqual(headers(126, 3, 2), [[0x30, 0x81, 144], [0x03, 127]]);
    assert.deepEqual(headers(127, 3, 3), [[0x30, 0x81, 146], [0x03, 0x81, 128]]);
  });

  it('writes a length of 256 in two bytes after 0x82, 255 in one after 0x81', () => {
    assert.deepEqual(headers(254, 4, 3), [[0x30, 0x82, 0x01, 0x11], [0x03, 0x81, 255]]);
    assert.deepEqual(headers(255, 4, 4), [[0x30, 0x82, 0x01, 0x13], [0x03, 0x82, 0x01, 0x00]]);
  });

  it('writes a length of 65536 in three bytes after 0x83, 65535 in two after 0x82', () => {
    assert.deepEqual(headers(65534, 5, 4), [[0x30, 0x83, 0x01, 0x00, 0x12], [0x03, 0x82, 0xff, 0xff]]);
    assert.deepEqual(headers(65535, 5, 5), [[0x30, 0x83, 0x01, 0x00, 0x14], [0x03, 0x83, 0x01, 0x00, 0x00]]);
  });
});
