// The runtime-neutral replacements for node:crypto and Buffer in the decode path give exactly
// what Node's own implementations give (Node is the reference here, in the tests only).
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { decodeBase64Tolerant, decodeBase64UrlStrict, encodeBase64, encodeBase64Url, toHex, utf8Bytes, utf8Lossy } from '../../src/core/jwt/base64';
import { sha256, sha256Hex } from '../../src/core/sha256';

const jsSha = (data: Uint8Array | string) => toHex(sha256(data));

const nodeSha = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

describe('runtime-neutral SHA-256', () => {
  it('matches the FIPS 180-4 examples', () => {
    const examples = [
      ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
      ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
      ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    ];
    for (const [text, digest] of examples) {
      assert.equal(jsSha(text), digest, 'the TypeScript hash (web worker)');
      assert.equal(sha256Hex(text), digest, 'the native hash (Node)');
    }
  });
  it('matches node:crypto at every length around the block and padding boundaries', () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 131 + 7) & 0xff);
    for (let n = 0; n <= 300; n++) assert.equal(jsSha(bytes.subarray(0, n)), nodeSha(bytes.subarray(0, n)), `length ${n}`);
  });
  it('hashes text as UTF-8, lone surrogates as node:crypto does (U+FFFD)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => jsSha(s) === nodeSha(s)), { numRuns: 2000 });
    assert.equal(jsSha('a\uD800b'), nodeSha('a\uD800b'));
  });
  it('hashes a megabyte like node:crypto', () => {
    const big = Uint8Array.from({ length: 1 << 20 }, (_, i) => i & 0xff);
    assert.equal(jsSha(big), nodeSha(big));
  });
});

describe('runtime-neutral base64 and UTF-8', () => {
  const bytesArb = fc.uint8Array({ maxLength: 200 });
  it('decodes what Buffer encodes, in both alphabets, padded or not', () => {
    fc.assert(
      fc.property(bytesArb, (bytes) => {
        const b = Buffer.from(bytes);
        for (const text of [b.toString('base64url'), b.toString('base64'), b.toString('base64').replace(/=+$/, '')]) {
          const decoded = decodeBase64Tolerant(text);
          if (!decoded || Buffer.compare(Buffer.from(decoded.bytes), b) !== 0) return false;
        }
        const strict = decodeBase64UrlStrict(b.toString('base64url'));
        return strict !== undefined && Buffer.compare(Buffer.from(strict), b) === 0;
      }),
      { numRuns: 3000 },
    );
  });
  it('encodes like Buffer', () => {
    fc.assert(fc.property(bytesArb, (bytes) => encodeBase64(bytes) === Buffer.from(bytes).toString('base64') && encodeBase64Url(bytes) === Buffer.from(bytes).toString('base64url') && toHex(bytes) === Buffer.from(bytes).toString('hex')), { numRuns: 3000 });
    const big = Uint8Array.from({ length: 100_001 }, (_, i) => (i * 7) & 0xff);
    assert.equal(encodeBase64(big), Buffer.from(big).toString('base64'));
    assert.equal(toHex(big), Buffer.from(big).toString('hex'));
  });
  it('decodes UTF-8 like Buffer, invalid sequences as U+FFFD and a byte-order mark kept', () => {
    fc.assert(fc.property(bytesArb, (bytes) => utf8Lossy(bytes) === Buffer.from(bytes).toString('utf8')), { numRuns: 5000 });
    assert.equal(utf8Lossy(Uint8Array.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d])), '\uFEFF{}');
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (s) => Buffer.compare(Buffer.from(utf8Bytes(s)), Buffer.from(s, 'utf8')) === 0), { numRuns: 2000 });
  });
});
