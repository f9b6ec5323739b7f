// The common error contract (src/core/errors.ts): stable ids, cancellation, and `instanceof`
// that holds across the two bundles (the extension and the lazily loaded clients bundle each
// have their own copy of the error classes).
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { InspectorError, isCancellation } from '../../src/core/errors';
import { TokenError } from '../../src/core/jwt/errors';
import { OidcError } from '../../src/core/oidc/errors';
import { ZitadelApiError } from '../../src/core/zitadel/api/errors';

describe('error contract', () => {
  it('gives every error a stable domain/code id and says whose message names the operation', () => {
    assert.equal(new TokenError('too-deep', 'x').id, 'jwt/too-deep');
    assert.equal(new OidcError('timeout', 'x').id, 'oidc/timeout');
    assert.equal(new ZitadelApiError('invalid-audience', 'x').id, 'zitadel/invalid-audience');
    assert.equal(new OidcError('timeout', 'x').namesOperation, false);
    assert.equal(new ZitadelApiError('timeout', 'Listing your metadata failed: x').namesOperation, true);
  });

  it('recognises cancellation: ours, and an AbortError', () => {
    assert.ok(isCancellation(new OidcError('cancelled', 'x')));
    assert.ok(isCancellation(new ZitadelApiError('cancelled', 'x')));
    assert.ok(isCancellation(Object.assign(new Error('aborted'), { name: 'AbortError' })));
    assert.ok(!isCancellation(new OidcError('timeout', 'x')));
    assert.ok(!isCancellation(new Error('cancelled')));
  });

  it('keeps instanceof by domain for errors from another bundle, and only for ours', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'errors-bundle-'));
    try {
      const outfile = join(dir, 'other.js');
      await esbuild.build({ stdin: { contents: "export { OidcError } from './oidc/errors'; export { TokenError } from './jwt/errors';", resolveDir: join(process.cwd(), 'src/core'), loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'silent' });
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded as the extension loads dist/clients.js
      const other = require(outfile) as { OidcError: typeof OidcError; TokenError: typeof TokenError };
      assert.notEqual(other.OidcError, OidcError, 'a separate copy of the class');
      const foreign = new other.OidcError('timeout', 'the provider did not answer');
      assert.ok(foreign instanceof OidcError);
      assert.ok(foreign instanceof InspectorError);
      assert.ok(!(foreign instanceof TokenError));
      assert.ok(!(foreign instanceof ZitadelApiError));
      assert.ok(new other.TokenError('empty', 'x') instanceof TokenError);
      assert.ok(!(Object.assign(new Error('x'), { domain: 'oidc', code: 'timeout' }) instanceof OidcError), 'shape alone is not enough');
      assert.ok(!((null as unknown) instanceof InspectorError) && !(('oidc' as unknown) instanceof InspectorError));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
