// VS Code for the web (issue 12): what decoding, the hover, the tree and the inspector use from
// src/core is bundled as esbuild bundles it for a web worker (platform browser: a Node built-in
// fails the build) and run in a bare context with only what a web worker has (no Buffer, process
// or require). It must give exactly what Node gives.
import { strict as assert } from 'node:assert';
import { runInNewContext } from 'node:vm';
import * as esbuild from 'esbuild';
import { compareTokens } from '../../src/core/compare';
import { inspectToken } from '../../src/core/inspect';
import { redactTokens } from '../../src/core/redact';
import { IssuerKeyCache, verifyToken } from '../../src/core/verify';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { tokenNode } from '../../src/core/view/treeModel';
import { decodeMetadataValue } from '../../src/core/zitadel/metadata';
import { hostileValues } from '../fixtures/hostile';
import { b64url, makeJwt, zitadelClaims } from '../fixtures/tokens';

const ENTRY = `
  export { inspectToken } from './src/core/inspect';
  export { findJwtAt, looksLikeJwt } from './src/core/jwt/locate';
  export { tokenNode } from './src/core/view/treeModel';
  export { profileNode } from './src/core/view/sessionTree';
  export { compareTokens } from './src/core/compare';
  export { redactTokens } from './src/core/redact';
  export { decodeMetadataValue } from './src/core/zitadel/metadata';
  export { mdText, inline } from './src/core/text';
  export { verifyToken, IssuerKeyCache } from './src/core/verify';
`;

type Core = {
  verifyToken: typeof verifyToken;
  IssuerKeyCache: typeof IssuerKeyCache;
  inspectToken: typeof inspectToken;
  tokenNode: typeof tokenNode;
  compareTokens: typeof compareTokens;
  redactTokens: typeof redactTokens;
  decodeMetadataValue: typeof decodeMetadataValue;
};

describe('the core in a web worker', function () {
  this.timeout(60_000);
  let core: Core;
  let bundleBytes = 0;

  before(async () => {
    const result = await esbuild.build({ stdin: { contents: ENTRY, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, platform: 'browser', format: 'iife', globalName: 'core', target: 'es2022', write: false, logLevel: 'silent' });
    const code = result.outputFiles[0].text;
    bundleBytes = code.length;
    // What a web worker offers; nothing from Node.
    const worker = { atob, btoa, TextEncoder, TextDecoder, console, crypto: globalThis.crypto, URL, Intl, Date, Math, JSON, fetch, AbortSignal, Headers, Request, Response, Uint8Array, ArrayBuffer, DataView, Promise, Error, TypeError, Symbol, Object, Array, Map, Set, WeakMap, RegExp, Number, String, Boolean };
    core = runInNewContext(`${code}; core`, worker) as Core;
  });

  it('bundles for the browser without Node built-ins', () => {
    assert.ok(bundleBytes > 10_000);
    assert.throws(() => runInNewContext('Buffer', {}), /Buffer is not defined/);
  });

  it('decodes exactly as in Node, fingerprints included', () => {
    const tokens = [
      makeJwt(zitadelClaims(1_750_000_000)),
      makeJwt({ sub: 'ü €', big: 1e400, name: 'a\uD800b', '__proto__': { x: 1 } }),
      `Bearer ${makeJwt({ sub: 'x' })}`,
      makeJwt({ sub: 'x', pad: 'y'.repeat(300_000) }),
      `${b64url('{"alg":"none"}')}.${Buffer.from('{"sub":"std+/"}').toString('base64')}.`,
      `${b64url('\uFEFF{"alg":"HS256"}')}.${b64url('{"sub":1}')}.sig`,
      `${b64url('{"alg":"RS256"}')}.${b64url(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]))}.sig`,
    ];
    for (const token of tokens) {
      let expected: unknown;
      try {
        expected = inspectToken(token);
      } catch (err) {
        expected = { error: (err as Error).message };
      }
      let actual: unknown;
      try {
        actual = core.inspectToken(token);
      } catch (err) {
        actual = { error: (err as Error).message };
      }
      assert.deepEqual(JSON.parse(JSON.stringify(actual)), JSON.parse(JSON.stringify(expected)), token.slice(0, 60));
    }
  });

  it('refuses bad input with the same messages', () => {
    for (const text of ['', 'abc', 'a.b', 'a.b.c.d.e', `${b64url('{"alg":"RS256"}')}.e!J.sig`, `${'['.repeat(100)}`]) {
      const message = (fn: () => unknown) => {
        try {
          fn();
          return 'decoded';
        } catch (err) {
          return (err as Error).message;
        }
      };
      assert.equal(message(() => core.inspectToken(text)), message(() => inspectToken(text)), text);
    }
  });

  it('builds the same tree, metadata values, comparison and redaction', () => {
    const a = makeJwt(zitadelClaims(1_750_000_000));
    const b = makeJwt({ ...zitadelClaims(1_750_003_600), 'urn:zitadel:iam:user:metadata': { 'P-ID': b64url('1') } });
    const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
    assert.deepEqual(plain(core.tokenNode(core.inspectToken(a), 1_750_000_100_000)), plain(tokenNode(inspectToken(a), 1_750_000_100_000)));
    assert.deepEqual(plain(core.compareTokens(core.inspectToken(a), core.inspectToken(b))), plain(compareTokens(inspectToken(a), inspectToken(b))));
    for (const raw of ['AAEC/w==', '_wAQgA', b64url('{"a":1}'), b64url('text'), '!!', Buffer.alloc(1000, 7).toString('base64')]) {
      assert.deepEqual(plain(core.decodeMetadataValue('k', raw)), plain(decodeMetadataValue('k', raw)), raw);
    }
    const log = `token ${a} and ${hostileValues().map((v) => v.value).join(' ').slice(0, 5000)} client_secret=abc`;
    assert.equal(core.redactTokens(log), redactTokens(log));
  });

  it('verifies with a pasted key or secret as in Node (jose and WebCrypto only)', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ sub: 'x', iat: now, exp: now + 60, at_hash: 'x' }).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
    const text = JSON.stringify(await exportJWK(publicKey));
    const strip = (v: { checks: unknown; ok: boolean }) => JSON.parse(JSON.stringify({ checks: v.checks, ok: v.ok }));
    const inWorker = await core.verifyToken(token, { kind: 'key', text }, { now: now * 1000 });
    assert.equal(inWorker.ok, true, JSON.stringify(inWorker.checks));
    assert.deepEqual(strip(inWorker), strip(await verifyToken(token, { kind: 'key', text }, { now: now * 1000 })));
    const mac = await new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('s'.repeat(32)));
    assert.equal((await core.verifyToken(mac, { kind: 'secret', secret: 's'.repeat(32) })).ok, true);
    // The issuer's keys need fetch; without an issuer that answers, the signature row says why.
    const noIssuer = await core.verifyToken(token, { kind: 'issuer', cache: new core.IssuerKeyCache() });
    assert.match(noIssuer.checks.find((c) => c.id === 'signature')!.detail, /has no "iss" claim/);
  });
});
