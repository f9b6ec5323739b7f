import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { decodeBase64Tolerant, decodeBase64UrlStrict, encodeBase64, isBase64UrlSegment, toHex, utf8OrUndefined } from '../../src/core/jwt/base64';

const text = (s: string) => Buffer.from(decodeBase64Tolerant(s)!.bytes).toString('utf8');

describe('base64 (tolerant)', () => {
  it('decodes base64url without padding, as ZITADEL claims carry it', () => {
    assert.equal(text('MTIzNA'), '1234');
    assert.deepEqual(
      { ...decodeBase64Tolerant('MTIzNA'), bytes: undefined },
      { bytes: undefined, flavour: 'base64url', padded: false },
    );
  });
  it('decodes standard padded base64, as ZITADEL REST APIs send it', () => {
    assert.equal(text('MTIzNTE5ODM='), '12351983');
    assert.equal(decodeBase64Tolerant('MTIzNA==')!.padded, true);
  });
  it('tells the alphabets apart', () => {
    assert.equal(decodeBase64Tolerant('-_8')!.flavour, 'base64url');
    assert.equal(decodeBase64Tolerant('+/8=')!.flavour, 'base64');
    assert.deepEqual([...decodeBase64Tolerant('-_8')!.bytes], [0xfb, 0xff]);
    assert.deepEqual([...decodeBase64Tolerant('+/8=')!.bytes], [0xfb, 0xff]);
  });
  it('refuses what is not base64', () => {
    for (const bad of ['a', 'abcde', 'ab=c', 'MTIzNA===', 'MT!zNA', 'ab+_', 'MTIzNA=', 'é']) {
      assert.equal(decodeBase64Tolerant(bad), undefined, bad);
    }
  });
  it('refuses more than two "=" of padding however long the run, and anything after it', () => {
    for (const bad of [`MTIzNA${'='.repeat(100_000)}`, `${'='.repeat(100_000)}A`, `MTIz${'='.repeat(100_000)}NA`, '===', '=', 'MTIzNA=', 'MTIzNTE=9']) {
      assert.equal(decodeBase64Tolerant(bad), undefined, bad.slice(0, 12));
    }
    assert.equal(text('MTIzNDU2Nw=='), '1234567');
    assert.equal(decodeBase64Tolerant('=='), undefined, 'padding alone');
  });
  it('decodes the empty string to no bytes', () => {
    assert.equal(decodeBase64Tolerant('')!.bytes.length, 0);
  });
  it('checks JWT segments strictly', () => {
    assert.ok(isBase64UrlSegment('eyJhbGciOiJub25lIn0'));
    assert.ok(!isBase64UrlSegment('eyJhbGciOiJub25lIn0='));
    assert.ok(!isBase64UrlSegment('ab+/'));
    assert.ok(!isBase64UrlSegment('abcde'));
  });
  it('round-trips with standard encoding and reports UTF-8 validity', () => {
    const bytes = new TextEncoder().encode('grüezi');
    assert.equal(encodeBase64(bytes), 'Z3LDvGV6aQ==');
    assert.equal(utf8OrUndefined(bytes), 'grüezi');
    assert.equal(utf8OrUndefined(Uint8Array.from([0xff, 0xfe])), undefined);
    assert.equal(toHex(Uint8Array.from([0, 15, 255])), '000fff');
  });
  describe('strict base64url (the hot path of the decoder)', () => {
    const agreesWithRegex = (s: string) => {
      const strict = /^[A-Za-z0-9_-]*$/.test(s) && s.length % 4 !== 1;
      assert.equal(decodeBase64UrlStrict(s) !== undefined, strict, JSON.stringify(s));
    };
    it('accepts exactly the unpadded base64url alphabet, for every UTF-16 code unit', () => {
      for (let c = 0; c < 0x10000; c++) {
        const ch = String.fromCharCode(c);
        for (const s of [`${ch}AAA`, `AA${ch}`, `AAAA${ch}A`]) agreesWithRegex(s);
      }
    });
    it('agrees with the regular expression on random strings', () => {
      fc.assert(fc.property(fc.string({ maxLength: 40, unit: 'binary' }), agreesWithRegex), { numRuns: 20000 });
      const alphabet = fc.constantFrom(...'AZaz09-_+/= \n.!é\u0141'.split(''));
      fc.assert(fc.property(fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')), agreesWithRegex), { numRuns: 20000 });
    });
    it('decodes the same bytes as the tolerant decoder', () => {
      assert.deepEqual([...decodeBase64UrlStrict('-_8')!], [0xfb, 0xff]);
      assert.equal(Buffer.from(decodeBase64UrlStrict('MTIzNA')!).toString(), '1234');
    });
  });
});
