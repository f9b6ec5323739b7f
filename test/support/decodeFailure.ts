// The TokenError the decoder throws for an input, failing when it decodes instead.
import { strict as assert } from 'node:assert';
import { decodeJwtText } from '../../src/core/jwt/decode';
import { TokenError } from '../../src/core/jwt/errors';

export function failure(input: string): TokenError {
  try {
    decodeJwtText(input);
  } catch (e) {
    assert.ok(e instanceof TokenError, String(e));
    return e;
  }
  assert.fail(`decoded ${JSON.stringify(input.slice(0, 60))}`);
}
