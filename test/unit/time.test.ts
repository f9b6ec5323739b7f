import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { describeTimeClaim, describeUnreadableTime, describeValidity, formatDuration, formatRelative, readTimeClaim, tokenValidity } from '../../src/core/claims/time';

const now = Date.UTC(2026, 10, 28, 12, 0, 0);
const s = (ms: number) => Math.floor(ms / 1000);

describe('time claims', () => {
  it('reads seconds as an ISO time', () => {
    const t = readTimeClaim('exp', s(now) + 2520)!;
    assert.equal(t.iso, '2026-11-28T12:42:00.000Z');
    assert.equal(t.looksLikeMilliseconds, false);
    assert.equal(describeTimeClaim(t, now), '2026-11-28T12:42:00.000Z (in 42 min)');
  });
  it('flags a value that looks like milliseconds and reads it as such', () => {
    const t = readTimeClaim('exp', now + 60_000)!;
    assert.equal(t.looksLikeMilliseconds, true);
    assert.equal(t.iso, '2026-11-28T12:01:00.000Z');
    assert.match(describeTimeClaim(t, now), /in 1 min\) \(value looks like milliseconds/);
  });
  it('ignores values that are not finite numbers', () => {
    for (const v of ['1700000000', null, NaN, Infinity, {}, 1e300]) assert.equal(readTimeClaim('exp', v), undefined, String(v));
  });
  it('reads absurd times within the range of dates, refuses the rest, and never throws describing them', () => {
    assert.equal(readTimeClaim('exp', 1e13)?.iso, '2286-11-20T17:46:40.000Z', '1e13 reads as milliseconds');
    assert.equal(readTimeClaim('exp', 8.64e15)?.iso, '+275760-09-13T00:00:00.000Z', 'the last date there is');
    assert.equal(readTimeClaim('exp', -8.64e15)?.iso, '-271821-04-20T00:00:00.000Z', 'the first');
    for (const v of [8.64e15 + 1, -8.64e15 - 1, 1e300, -1e300, Number.MAX_VALUE, -Number.MAX_VALUE]) assert.equal(readTimeClaim('exp', v), undefined, String(v));
    for (const v of [8.64e15, -8.64e15, 1e13, 1e11, -1e11, 0, -0.5]) {
      const t = readTimeClaim('exp', v)!;
      for (const nowMs of [now, -8.64e15, 8.64e15]) {
        assert.match(describeTimeClaim(t, nowMs), /\d+ (s|min|h|d|mo|y)|\(now\)/);
        assert.match(describeValidity(tokenValidity({ exp: v, nbf: v }, nowMs), nowMs), /\d+ (s|min|h|d|mo|y)/);
      }
    }
    assert.equal(formatDuration(NaN), 'NaN y', 'no throw on NaN');
    assert.match(describeUnreadableTime(1e300), /^is 1e\+300, outside the range of dates/);
    assert.match(describeUnreadableTime({ toString: 1 }), /but is \{"toString":1\}$/);
  });
  it('says an exp it cannot read is unreadable, not that there is no expiry', () => {
    for (const exp of [1e300, -1e300, '2030-01-01', null]) {
      const validity = tokenValidity({ exp }, now);
      assert.deepEqual(validity, { state: 'valid', expUnreadable: true }, String(exp));
      assert.equal(describeValidity(validity, now), 'expiry unreadable (exp is not a usable time)');
    }
    assert.equal(describeValidity(tokenValidity({ exp: 1e300, nbf: s(now) + 300 }, now), now), 'not yet valid, starts in 5 min');
  });
  it('formats distances in one unit, rounded down', () => {
    assert.equal(formatDuration(5_900), '5 s');
    assert.equal(formatDuration(-42 * 60_000), '42 min');
    assert.equal(formatDuration(3 * 3600_000 + 59 * 60_000), '3 h');
    assert.equal(formatDuration(3 * 86400_000), '3 d');
    assert.equal(formatDuration(90 * 86400_000), '3 mo');
    assert.equal(formatDuration(5 * 365 * 86400_000), '5 y');
    assert.equal(formatRelative(now - 3 * 3600_000, now), '3 h ago');
    assert.equal(formatRelative(now + 42 * 60_000, now), 'in 42 min');
    assert.equal(formatRelative(now + 999, now), 'now', 'not "in 0 s"');
    assert.equal(formatRelative(now - 999, now), 'now', 'not "0 s ago"');
    assert.equal(formatRelative(now + 1000, now), 'in 1 s');
    assert.equal(formatRelative(now - 1000, now), '1 s ago');
  });
  it('tells expired, not yet valid and valid tokens apart', () => {
    const expired = tokenValidity({ exp: s(now) - 3 * 3600 }, now);
    assert.equal(expired.state, 'expired');
    assert.equal(describeValidity(expired, now), 'expired 3 h ago');
    const early = tokenValidity({ exp: s(now) + 7200, nbf: s(now) + 300 }, now);
    assert.equal(describeValidity(early, now), 'not yet valid, starts in 5 min');
    assert.equal(describeValidity(tokenValidity({ exp: s(now) + 2520 }, now), now), 'expires in 42 min');
    assert.equal(describeValidity(tokenValidity({}, now), now), 'no expiry');
    assert.equal(tokenValidity({ exp: s(now) }, now).state, 'expired', 'exp is exclusive');
  });

  it('takes a token whose nbf is this very moment as valid (nbf is inclusive)', () => {
    const now = Date.UTC(2026, 0, 1);
    assert.equal(tokenValidity({ nbf: now / 1000 }, now).state, 'valid');
    assert.equal(tokenValidity({ nbf: now / 1000 + 1 }, now).state, 'not-yet-valid');
  });

  it('translates "now" by its key with the translators\' comment', () => {
    l10n.config({ contents: { 'now/a time within a second of the current one, as in "Valid until 12:00:00 (now)"': 'maintenant' } });
    try {
      assert.equal(formatRelative(1_000, 1_500), 'maintenant');
    } finally {
      l10n.config({ contents: {} });
    }
  });
});
