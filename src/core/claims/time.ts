// Readable times for NumericDate claims. No Node or VS Code APIs: the webview bundles this
// too, to run its live relative clock.
import { jsonForMessage } from '../json';

/** Claims whose value is a NumericDate (seconds since the epoch). */
export const TIME_CLAIMS = ['exp', 'iat', 'nbf', 'auth_time', 'updated_at'] as const;

// 1e11 seconds is the year 5138; a larger "seconds" value is almost surely milliseconds.
const MILLISECONDS_THRESHOLD = 1e11;

export interface TimeClaim {
  claim: string;
  /** The value as sent. */
  value: number;
  /** The instant it most likely means, in epoch milliseconds. */
  epochMs: number;
  iso: string;
  /** The value looks like milliseconds rather than the seconds JWTs require. */
  looksLikeMilliseconds: boolean;
}

/**
 * Interprets a NumericDate claim value, or `undefined` when it is not a usable number: not a
 * finite number, or outside the range of dates (about ±275,000 years around 1970).
 */
export function readTimeClaim(claim: string, value: unknown): TimeClaim | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const looksLikeMilliseconds = Math.abs(value) >= MILLISECONDS_THRESHOLD;
  const epochMs = looksLikeMilliseconds ? value : value * 1000;
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) return undefined;
  return { claim, value, epochMs, iso: date.toISOString(), looksLikeMilliseconds };
}

/** Why readTimeClaim could not use a value: "should be a number of seconds since 1970 but is …". */
export function describeUnreadableTime(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return `is ${value}, outside the range of dates (seconds since 1970 within about ±275,000 years)`;
  }
  return `should be a number of seconds since 1970 but is ${jsonForMessage(value)}`;
}

const UNITS: [limitSeconds: number, divisor: number, unit: string][] = [
  [60, 1, 's'],
  [3600, 60, 'min'],
  [86400, 3600, 'h'],
  [86400 * 60, 86400, 'd'],
  [86400 * 365 * 2, 86400 * 30, 'mo'],
  [Infinity, 86400 * 365, 'y'],
];

/** "42 min", "3 h", "5 d": the distance between two instants, rounded down to one unit. */
export function formatDuration(ms: number): string {
  const seconds = Math.floor(Math.abs(ms) / 1000);
  const [, divisor, unit] = UNITS.find(([limit]) => seconds < limit) ?? UNITS[UNITS.length - 1]; // NaN: never throw
  return `${Math.floor(seconds / divisor)} ${unit}`;
}

/** "in 42 min" or "3 h ago". */
export function formatRelative(targetMs: number, nowMs: number): string {
  const distance = formatDuration(targetMs - nowMs);
  return targetMs >= nowMs ? `in ${distance}` : `${distance} ago`;
}

export type Validity =
  /** `expUnreadable`: there is an exp, but not a usable time (see readTimeClaim). */
  | { state: 'valid'; expiresAtMs?: number; expUnreadable?: true }
  | { state: 'expired'; expiresAtMs: number }
  | { state: 'not-yet-valid'; notBeforeMs: number };

/** Whether a token is expired or not yet valid at `nowMs`, from its exp and nbf claims. */
export function tokenValidity(payload: Record<string, unknown>, nowMs: number): Validity {
  const exp = readTimeClaim('exp', payload.exp);
  const nbf = readTimeClaim('nbf', payload.nbf);
  if (exp && exp.epochMs <= nowMs) return { state: 'expired', expiresAtMs: exp.epochMs };
  if (nbf && nbf.epochMs > nowMs) return { state: 'not-yet-valid', notBeforeMs: nbf.epochMs };
  if (!exp && payload.exp !== undefined) return { state: 'valid', expUnreadable: true };
  return { state: 'valid', expiresAtMs: exp?.epochMs };
}

/** "expires in 42 min", "expired 3 h ago", "not yet valid, starts in 5 min", "no expiry", "exp unreadable". */
export function describeValidity(validity: Validity, nowMs: number): string {
  switch (validity.state) {
    case 'expired':
      return `expired ${formatDuration(nowMs - validity.expiresAtMs)} ago`;
    case 'not-yet-valid':
      return `not yet valid, starts ${formatRelative(validity.notBeforeMs, nowMs)}`;
    case 'valid':
      if (validity.expUnreadable) return 'expiry unreadable (exp is not a usable time)';
      return validity.expiresAtMs === undefined ? 'no expiry' : `expires ${formatRelative(validity.expiresAtMs, nowMs)}`;
  }
}

/** ISO time plus relative time, as shown next to a time claim. */
export function describeTimeClaim(time: TimeClaim, nowMs: number): string {
  const suffix = time.looksLikeMilliseconds ? ' (value looks like milliseconds, JWTs use seconds)' : '';
  return `${time.iso} (${formatRelative(time.epochMs, nowMs)})${suffix}`;
}
