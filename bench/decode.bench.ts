// Decode throughput, side by side in one process: Token Inspector's decoder, jose's
// decodeJwt alone, and the floor (split, base64url-decode, JSON.parse of header and payload).
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { decodeJwtText } from '../src/core/jwt/decode';
import { inspectToken } from '../src/core/inspect';
import { makeJwt, zitadelClaims } from '../test/fixtures/tokens';

/** A ZITADEL-shaped token padded with metadata to about `bytes` characters. */
function tokenOfSize(bytes: number): string {
  const { iss, sub, aud, azp, exp, iat, 'urn:zitadel:iam:user:metadata': seed } = zitadelClaims();
  const claims = { iss, sub, aud, azp, exp, iat };
  const metadata: Record<string, string> = { 'P-ID': seed['P-ID'] };
  for (let i = 0; makeJwt({ ...claims, 'urn:zitadel:iam:user:metadata': metadata }).length < bytes; i++) {
    metadata[`key-${i}`] = Buffer.from(`value number ${i} for the benchmark`).toString('base64url');
  }
  return makeJwt({ ...claims, 'urn:zitadel:iam:user:metadata': metadata });
}

function floor(token: string): unknown {
  const [h, p] = token.split('.');
  return [JSON.parse(Buffer.from(h, 'base64url').toString()), JSON.parse(Buffer.from(p, 'base64url').toString())];
}

/** Iterations that take about 50 ms, found once per function so every round is timed alike. */
function calibrate(fn: (t: string) => unknown, token: string): number {
  let iterations = 100;
  for (;;) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn(token);
    if (Number(process.hrtime.bigint() - start) > 50e6) return iterations;
    iterations *= 2;
  }
}

/**
 * Operations per second for each function: rounds are interleaved (a, b, c, a, b, c, ...)
 * so drift in machine load hits every candidate alike; the median round is reported.
 */
function opsPerSecond(fns: ((t: string) => unknown)[], token: string, rounds = 11): number[] {
  const iterations = fns.map((fn) => calibrate(fn, token)); // also the warm-up
  const samples: number[][] = fns.map(() => []);
  for (let round = 0; round < rounds; round++) {
    fns.forEach((fn, f) => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < iterations[f]; i++) fn(token);
      samples[f].push(iterations[f] / (Number(process.hrtime.bigint() - start) / 1e9));
    });
  }
  return samples.map((s) => s.sort((a, b) => a - b)[Math.floor(s.length / 2)]);
}

const candidates: [string, (t: string) => unknown][] = [
  ['floor: JSON.parse(base64url)', floor],
  ['jose decodeJwt', decodeJwt],
  ['jose decodeJwt + decodeProtectedHeader', (t) => [decodeProtectedHeader(t), decodeJwt(t)]],
  ['Token Inspector decodeJwtText', decodeJwtText],
  ['Token Inspector inspectToken (+ metadata, roles, times, fingerprint)', inspectToken],
];

export function runDecodeBench(): { size: string; name: string; opsPerSec: number; vsJose: number }[] {
  const rows = [];
  for (const [size, bytes] of [['1 KB', 1024], ['16 KB', 16 * 1024]] as const) {
    const token = tokenOfSize(bytes);
    const ops = opsPerSecond(candidates.map(([, fn]) => fn), token);
    const results = candidates.map(([name], i) => ({ name, ops: ops[i] }));
    const jose = results.find((r) => r.name === 'jose decodeJwt')!.ops;
    for (const r of results) rows.push({ size: `${size} (${token.length} chars)`, name: r.name, opsPerSec: Math.round(r.ops), vsJose: Number((r.ops / jose).toFixed(2)) });
  }
  return rows;
}
