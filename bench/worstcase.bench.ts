// Worst-case inputs: pathological texts at the 1 MB input limit through every core path that
// sees untrusted text (decode, the input box's validation, locating a token under the cursor
// or mouse, ZITADEL metadata values, log redaction). Each must stay linear: ≤ 50 ms per input.
import { inspectToken } from '../src/core/inspect';
import { TokenError } from '../src/core/jwt/errors';
import { findJwtAt, looksLikeJwt, MAX_INPUT_LENGTH } from '../src/core/jwt/locate';
import { redactTokens } from '../src/core/redact';
import { decodeMetadataValue } from '../src/core/zitadel/metadata';

export const TARGET_MS = 50;

export interface WorstCase {
  area: 'decode' | 'validate' | 'locate' | 'metadata' | 'redact';
  name: string;
  /** Builds the input (not timed). */
  input: () => string;
  /** The path under test; returns a short description of the outcome. */
  run: (input: string) => string;
}

const N = MAX_INPUT_LENGTH;
const b64url = (text: string) => Buffer.from(text).toString('base64url');
const b64 = (text: string) => Buffer.from(text).toString('base64');
/** `unit` repeated to exactly `length` characters. */
const fill = (unit: string, length = N) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
/** How many characters of JSON text fit in a payload segment of a token of about 1 MB. */
const PAYLOAD_CHARS = Math.floor(((N - 200) * 3) / 4);
const HEADER = b64url('{"alg":"RS256","typ":"JWT"}');
const tokenWithPayload = (json: string) => `${HEADER}.${b64url(json)}.c2ln`;
const TOKEN = tokenWithPayload('{"sub":"alice","exp":2000000000}');
/** A JSON object of about `chars` characters made of `count` members from `member(i)`. */
function objectOf(member: (i: number) => string, chars = PAYLOAD_CHARS): string {
  const members: string[] = [];
  for (let length = 2, i = 0; length + member(i).length + 1 < chars; i++) {
    members.push(member(i));
    length += member(i).length + 1;
  }
  return `{${members.join(',')}}`;
}
const nested = (open: string, close: string, chars: number, inner = '1') => {
  const depth = Math.floor((chars - inner.length) / (open.length + close.length));
  return open.repeat(depth) + inner + close.repeat(depth);
};

function decodeOutcome(input: string): string {
  try {
    const inspection = inspectToken(input);
    return `decoded (${inspection.warnings.length} warnings)`;
  } catch (e) {
    if (e instanceof TokenError) return `refused: ${e.code}`;
    return `THREW ${(e as Error).name}`;
  }
}

const decode = (name: string, input: () => string): WorstCase => ({ area: 'decode', name, input, run: decodeOutcome });
const validate = (name: string, input: () => string): WorstCase => ({ area: 'validate', name, input, run: (t) => (looksLikeJwt(t) ? 'looks like a JWT' : 'not a JWT') });
const locate = (name: string, input: () => string): WorstCase => ({
  area: 'locate',
  name,
  input,
  run: (line) => {
    const found = findJwtAt(line, line.length >> 1);
    return found ? `token of ${found.token.length} chars` : 'none';
  },
});
const metadata = (name: string, input: () => string): WorstCase => ({
  area: 'metadata',
  name,
  input,
  run: (raw) => {
    const entry = decodeMetadataValue('key', raw);
    return `${entry.encoding}${entry.problem ? ` (${entry.problem.slice(0, 40)})` : ''}`;
  },
});
const redact = (name: string, input: () => string): WorstCase => ({
  area: 'redact',
  name,
  input,
  run: (text) => `${((redactTokens(text).length / text.length) * 100).toFixed(0)}% of the length kept`,
});

export const WORST_CASES: WorstCase[] = [
  decode('run of "=" then a letter, as the header', () => `eyJ${fill('=', N - 13)}A.e30.c2ln`),
  decode('run of "=" then a letter, in a metadata value', () => tokenWithPayload(`{"urn:zitadel:iam:user:metadata":{"k":"${fill('=', PAYLOAD_CHARS - 50)}A"}}`)),
  decode('only double quotes', () => fill('"')),
  decode('a token inside 500k pairs of quotes', () => fill('"', (N - TOKEN.length) >> 1) + TOKEN + fill('"', (N - TOKEN.length) >> 1)),
  decode('"Bearer " repeated', () => fill('Bearer ')),
  decode('"Authorization: Bearer " repeated, then a token', () => fill('Authorization: Bearer ', N - TOKEN.length) + TOKEN),
  decode('only dots', () => fill('.')),
  decode('"eyJ" repeated', () => fill('eyJ')),
  decode('"eyJ." repeated', () => fill('eyJ.')),
  decode('only whitespace', () => fill(' \n\t')),
  decode('a token with a space after every character', () => tokenWithPayload(`{"x":"${fill('a', (PAYLOAD_CHARS >> 1) - 2000)}"}`).split('').join(' ')),
  decode('arrays nested 390k deep in the payload', () => tokenWithPayload(`{"a":${nested('[', ']', PAYLOAD_CHARS - 6)}}`)),
  decode('objects nested 130k deep in the payload', () => tokenWithPayload(nested('{"a":', '}', PAYLOAD_CHARS))),
  decode('arrays nested deep in the header', () => `${b64url(`{"alg":${nested('[', ']', PAYLOAD_CHARS - 8)}}`)}.e30.c2ln`),
  decode('a number of 780k digits', () => tokenWithPayload(`{"exp":${fill('9', PAYLOAD_CHARS - 8)}}`)),
  decode('130k numbers that overflow to Infinity', () => tokenWithPayload(`{"n":[${fill('1e400,', PAYLOAD_CHARS - 10)}1]}`)),
  decode('32k claim names with lone surrogates', () => tokenWithPayload(objectOf((i) => `"\\ud800${i}":"\\udfff"`))),
  decode('lone surrogates as the whole input', () => fill('\ud800')),
  decode('42k claims', () => tokenWithPayload(objectOf((i) => `"claim${i}":${i}`))),
  decode('42k ZITADEL metadata entries', () => tokenWithPayload(`{"urn:zitadel:iam:user:metadata":${objectOf((i) => `"k${i}":"dmFsdWU"`, PAYLOAD_CHARS - 40)}}`)),
  decode('38k ZITADEL role grants', () => tokenWithPayload(`{"urn:zitadel:iam:org:project:roles":${objectOf((i) => `"r${i}":{"1":"a.b"}`, PAYLOAD_CHARS - 40)}}`)),
  decode('a bad character at the end of a 1 MB header', () => `eyJ${fill('A', N - 14)}!.e30.c2ln`),
  decode('a JWE with a 1 MB protected header', () => `${b64url(`{"alg":"RSA-OAEP","enc":"A256GCM","x":"${fill('x', PAYLOAD_CHARS - 50)}"}`)}.a.b.c.d`),
  decode('a 1 MB header that is not JSON', () => `${b64url(fill('x', PAYLOAD_CHARS))}.e30.c2ln`),
  decode('a signature made of "="', () => `${TOKEN.slice(0, TOKEN.lastIndexOf('.') + 1)}${fill('=', N - TOKEN.length)}`),

  validate('only double quotes', () => fill('"')),
  validate('quotes of three kinds, nested', () => {
    const opening = fill('"\'`', N >> 1);
    return opening + opening.split('').reverse().join('');
  }),
  validate('"Bearer " repeated', () => fill('Bearer ')),
  validate('quoted "Bearer " repeated around a token', () => fill('"Bearer ', N >> 1) + TOKEN + fill('"', N >> 4)),
  validate('"authorization:" and spaces, repeated', () => fill('authorization:   ')),
  validate('only whitespace', () => fill(' ')),
  validate('"eyJ" repeated', () => fill('eyJ')),

  locate('"eyJ" repeated', () => fill('eyJ')),
  locate('one 1 MB token', () => `eyJ${fill('a', N - 10)}.b.c`),
  locate('"eyJa.b.c " repeated (116k tokens)', () => fill('eyJa.b.c ')),
  locate('"eyJ" then only dots', () => `eyJ${fill('.', N - 3)}`),
  locate('"eyJ." repeated', () => fill('eyJ.')),
  locate('".eyJ" repeated', () => fill('.eyJ')),
  locate('" eyJa" repeated (no dots)', () => fill(' eyJa')),
  locate('only letters', () => fill('a')),

  metadata('run of "=" then a letter', () => `${fill('=', N - 1)}A`),
  metadata('only "="', () => fill('=')),
  metadata('768 KB of zero bytes', () => fill('A')),
  metadata('JSON nested 390k deep', () => b64(nested('[', ']', PAYLOAD_CHARS))),
  metadata('768 KB of text', () => b64(fill('text '.repeat(10) + '\n', PAYLOAD_CHARS))),
  metadata('control characters', () => b64(fill('\u0001', PAYLOAD_CHARS))),
  metadata('not base64 at all', () => fill('!')),

  redact('unterminated "password":" repeated', () => fill('"password":"')),
  redact('{"access_token":"…"} repeated', () => fill('{"access_token":"abc","token_type":"Bearer"}\n')),
  redact('escaped JSON in JSON, repeated', () => fill('{\\"client_secret\\":\\"s3cr3t\\"}')),
  redact('"Bearer " repeated', () => fill('Bearer ')),
  redact('"Bearer", 1 MB of spaces, "!"', () => `Bearer${fill(' ', N - 7)}!`),
  redact('"://" repeated', () => fill('://')),
  redact('"https://user:" then 1 MB without "@"', () => `https://user:${fill('a', N - 13)}`),
  redact('only "="', () => fill('=')),
  redact('"a=" repeated', () => fill('a=')),
  redact('"password=" repeated', () => fill('password=')),
  redact('"-----BEGIN RSA PRIVATE KEY-----" repeated, never ended', () => fill('-----BEGIN RSA PRIVATE KEY-----')),
  redact('only backslashes', () => fill('\\')),
  redact('"token:" then 1 MB of spaces', () => `token:${fill(' ', N - 6)}`),
  redact('1 MB of letters then ":"', () => `${fill('a', N - 2)}:x`),
  redact('"pw=1&" repeated (174k tiny secrets)', () => fill('pw=1&')),
  redact('"d":"x", repeated (JWK private members)', () => fill('"d":"x",')),
  redact('"aPw=" repeated (camelCase short words)', () => fill('aPw=')),
  redact('"secrets": [ then 1 MB of one-letter elements', () => `"secrets": [${fill('"a", ', N - 12)}`),
  redact('"secrets":[ repeated (arrays never closed)', () => fill('"secrets":[')),
  redact('"password: \\" repeated', () => fill('password: \\')),
  redact('"-----BEGIN PRIVATE KEY\\n" repeated (no dashes)', () => fill('-----BEGIN PRIVATE KEY\\n')),
  redact('"-----BEGIN " then 1 MB of letters', () => `-----BEGIN ${fill('A', N - 11)}`),
  redact('"client_secret":" then escaped quotes', () => `"client_secret":"${fill('\\"', N - 17)}`),
  redact('105k distinct JWT-shaped tokens', () => {
    const parts: string[] = [];
    for (let i = 0, length = 0; length < N - 20; i++) {
      parts.push(`eyJa.b.${i}`);
      length += parts[parts.length - 1].length + 1;
    }
    return parts.join(' ');
  }),
  redact('"eyJ" repeated', () => fill('eyJ')),
  redact('"eyJa.b.c " repeated', () => fill('eyJa.b.c ')),
  redact('a realistic 1 MB log', () =>
    fill(
      [
        `POST /oauth/v2/token grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk`,
        `Authorization: Bearer ${TOKEN}`,
        `{"access_token":"${TOKEN}","token_type":"Bearer","expires_in":43199,"id_token":"${TOKEN}"}`,
        `{"code":5,"message":"User could not be found (QUERY-Dfbg2)","details":[]}`,
        'Cookie: session=abc123; theme=dark',
        '',
      ].join('\n'),
    ),
  ),
];

export interface WorstCaseRow {
  area: string;
  input: string;
  ms: number;
  outcome: string;
  verdict: string;
}

/** Median of `runs` timed runs after one untimed warm-up (one run only when that takes over a second). */
export function runWorstCaseBench(runs = 5, cases = WORST_CASES): WorstCaseRow[] {
  return cases.map((c) => {
    const input = c.input();
    if (input.length > N) throw new Error(`bench input "${c.name}" is ${input.length} chars, over the limit`);
    let start = process.hrtime.bigint();
    const outcome = c.run(input);
    const samples = [Number(process.hrtime.bigint() - start) / 1e6];
    if (samples[0] < 1000) {
      samples.length = 0;
      for (let i = 0; i < runs; i++) {
        start = process.hrtime.bigint();
        c.run(input);
        samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }
    const ms = Number(samples.sort((a, b) => a - b)[samples.length >> 1].toFixed(1));
    return { area: c.area, input: c.name, ms, outcome, verdict: ms <= TARGET_MS ? 'ok' : 'MISSES' };
  });
}
