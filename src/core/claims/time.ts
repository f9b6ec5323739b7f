// Readable times for NumericDate claims. No Node or VS Code APIs: the webview bundles this
// too, to run its live relative clock.
import * as l10n from '@vscode/l10n';
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
    return l10n.t('is {0}, outside the range of dates (seconds since 1970 within about ±275,000 years)', value);
  }
  return l10n.t('should be a number of seconds since 1970 but is {0}', jsonForMessage(value));
}

const UNITS: [limitSeconds: number, divisor: number, format: (n: number) => string][] = [
  [60, 1, (n) => l10n.t({ message: '{0} s', args: [n], comment: ['seconds, abbreviated'] })],
  [3600, 60, (n) => l10n.t({ message: '{0} min', args: [n], comment: ['minutes, abbreviated'] })],
  [86400, 3600, (n) => l10n.t({ message: '{0} h', args: [n], comment: ['hours, abbreviated'] })],
  [86400 * 60, 86400, (n) => l10n.t({ message: '{0} d', args: [n], comment: ['days, abbreviated'] })],
  [86400 * 365 * 2, 86400 * 30, (n) => l10n.t({ message: '{0} mo', args: [n], comment: ['months, abbreviated'] })],
  [Infinity, 86400 * 365, (n) => l10n.t({ message: '{0} y', args: [n], comment: ['years, abbreviated'] })],
];

/** "42 min", "3 h", "5 d": the distance between two instants, rounded down to one unit. */
export function formatDuration(ms: number): string {
  const seconds = Math.floor(Math.abs(ms) / 1000);
  const [, divisor, format] = UNITS.find(([limit]) => seconds < limit) ?? UNITS[UNITS.length - 1]; // NaN: never throw
  return format(Math.floor(seconds / divisor));
}

/** "in 42 min", "3 h ago", or "now" within a second (not "in 0 s" for a token issued this second). */
export function formatRelative(targetMs: number, nowMs: number): string {
  if (Math.abs(targetMs - nowMs) < 1000) return l10n.t({ message: 'now', comment: ['a time within a second of the current one, as in "Valid until 12:00:00 (now)"'] });
  const distance = formatDuration(targetMs - nowMs);
  return targetMs >= nowMs ? l10n.t('in {0}', distance) : l10n.t('{0} ago', distance);
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
      return l10n.t('expired {0} ago', formatDuration(nowMs - validity.expiresAtMs));
    case 'not-yet-valid':
      return l10n.t('not yet valid, starts {0}', formatRelative(validity.notBeforeMs, nowMs));
    case 'valid':
      if (validity.expUnreadable) return l10n.t('expiry unreadable (exp is not a usable time)');
      return validity.expiresAtMs === undefined ? l10n.t('no expiry') : l10n.t('expires {0}', formatRelative(validity.expiresAtMs, nowMs));
  }
}

/** ISO time plus relative time, as shown next to a time claim. */
export function describeTimeClaim(time: TimeClaim, nowMs: number): string {
  const relative = formatRelative(time.epochMs, nowMs);
  return time.looksLikeMilliseconds ? l10n.t('{0} ({1}) (value looks like milliseconds, JWTs use seconds)', time.iso, relative) : `${time.iso} (${relative})`;
}
