// Linear time on every input up to the 1 MB limit: random and adversarial texts through the
// decoder (which is also the input box's validation), normalisation, the locator (hover and
// "Decode JWT at Cursor"), metadata decoding and the redactor, each under a time bound per input.
//
// The bound is deliberately generous: this machine is shared and noisy, and the bench
// (`npm run bench worstcase`) is where speed is measured. Linear work here takes 1-100 ms at
// 1 MB; quadratic work takes minutes (a run of "=" took 5.6 s at only 80 KB before the fix), so
// a bound of seconds still tells them apart. Each input is run at 1/16, 1/4 and all of its size:
// synchronous work cannot be interrupted, so a quadratic path must fail at a small size (within
// about 16 times the bound) rather than hang at 1 MB. A run just over the bound is repeated once,
// so a scheduling hiccup cannot fail the test.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { inspectToken } from '../../src/core/inspect';
import { TokenError } from '../../src/core/jwt/errors';
import { findJwtAt, findJwts, looksLikeJwt, MAX_INPUT_LENGTH, normaliseTokenText } from '../../src/core/jwt/locate';
import { redactTokens } from '../../src/core/redact';
import { decodeMetadataValue } from '../../src/core/zitadel/metadata';
import { b64url, makeJwt } from '../fixtures/tokens';

const BOUND_MS = 2000;
const TOKEN = makeJwt({ sub: 'alice', exp: 2_000_000_000 });

function withinBound(what: string, input: string, run: () => unknown): void {
  for (let attempt = 1; ; attempt++) {
    const start = performance.now();
    run();
    const ms = performance.now() - start;
    if (ms <= BOUND_MS) return;
    if (attempt === 2 || ms > 4 * BOUND_MS) {
      assert.fail(`${what} took ${ms.toFixed(0)} ms (bound ${BOUND_MS} ms) on ${input.length} characters starting ${JSON.stringify(input.slice(0, 60))}`);
    }
  }
}

function decode(input: string): void {
  try {
    inspectToken(input);
  } catch (e) {
    if (!(e instanceof TokenError)) throw e;
  }
}

/** `unit` repeated to `length` characters. */
const repeatTo = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

// Pieces that made regular expressions or loops backtrack, re-scan or recurse.
const UNITS = [
  '=', '"', "'", '`', 'Bearer ', 'Authorization: ', 'DPoP ', '.', 'eyJ', 'eyJa.', ' ', '\n', '\t', '\u00a0', '[', '{"a":', ']', '}',
  '\\', '\\"', ':', '&', '\ud800', '\udfff', '-----BEGIN PRIVATE KEY-----', 'https://a:', '"password":"', 'token=', 'pw=', '"d":',
  'A', '-', '_', '+', '/', '%', '9', 'e', '1e400,',
];
/** Builds an input of a given size: the property tests run it at three sizes. */
type Input = (size: number) => string;
const length = fc.noBias(fc.oneof(fc.constant(MAX_INPUT_LENGTH), fc.integer({ min: 16, max: MAX_INPUT_LENGTH })));
const repeated = (prefix: string, unit: string, suffix: string): Input => (size) =>
  prefix + repeatTo(unit, Math.max(0, size - prefix.length - suffix.length)) + suffix;
const adversarial = fc
  .tuple(fc.array(fc.constantFrom(...UNITS), { minLength: 1, maxLength: 3 }), length, fc.constantFrom('', TOKEN, 'Bearer ', '"', 'eyJ', '{'), fc.constantFrom('', TOKEN, 'x', '"', '=', '.c2ln', '}'))
  .map(([units, n, prefix, suffix]) => [repeated(prefix, units.join(''), suffix), n] as const);
const random = fc.tuple(fc.string({ minLength: 1, maxLength: 300, unit: 'binary' }), length).map(([unit, n]) => [repeated('', unit, ''), n] as const);
/** A text as the payload of a token of at most 1 MB: what the JSON layer sees. */
const asPayload = (text: string) => `${b64url('{"alg":"RS256"}')}.${b64url(text.slice(0, Math.floor(((MAX_INPUT_LENGTH - 40) * 3) / 4)))}.c2ln`;

const RUNS = 12;

function allPaths(input: string, where = 0.5): void {
  withinBound('inspectToken', input, () => decode(input));
  withinBound('inspectToken of it as a payload', input, () => decode(asPayload(input)));
  withinBound('normaliseTokenText + looksLikeJwt', input, () => looksLikeJwt(input) && normaliseTokenText(input));
  withinBound('findJwtAt', input, () => findJwtAt(input, Math.floor(where * input.length)));
  withinBound('findJwts', input, () => findJwts(input));
  withinBound('decodeMetadataValue', input, () => decodeMetadataValue('key', input));
  withinBound('decodeMetadataValue of it in base64', input, () => decodeMetadataValue('key', Buffer.from(input.slice(0, 700_000)).toString('base64')));
  withinBound('redactTokens', input, () => redactTokens(input));
}

/** 1/16, 1/4, then all of `size`. */
function inSteps(input: Input, size: number, where?: number): void {
  for (const step of [size >> 4, size >> 2, size]) allPaths(input(step), where);
}

describe('linear time on every input up to 1 MB (time bound per input)', function () {
  this.timeout(10 * 60_000);

  it('every adversarial piece repeated to 1 MB, alone, then something else, and around a token', () => {
    for (const unit of UNITS) {
      for (const [prefix, suffix] of [['', ''], ['', 'x'], ['', TOKEN], [TOKEN, '']]) inSteps(repeated(prefix, unit, suffix), MAX_INPUT_LENGTH);
    }
  });

  for (const [name, inputs] of [
    ['adversarial repetitions', adversarial],
    ['random repeated text', random],
  ] as const) {
    it(`${name}: decoder, validation, locator, metadata values and the redactor`, () => {
      fc.assert(
        fc.property(inputs, fc.double({ min: 0, max: 1, noNaN: true }), ([input, size], where) => inSteps(input, size, where)),
        { numRuns: RUNS },
      );
    });
  }
});
