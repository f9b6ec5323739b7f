import { strict as assert } from 'node:assert';
import { describeTimeClaim, describeValidity, formatDuration, formatRelative, readTimeClaim, tokenValidity } from '../../src/core/claims/time';

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
  it('formats distances in one unit, rounded down', () => {
    assert.equal(formatDuration(5_900), '5 s');
    assert.equal(formatDuration(-42 * 60_000), '42 min');
    assert.equal(formatDuration(3 * 3600_000 + 59 * 60_000), '3 h');
    assert.equal(formatDuration(3 * 86400_000), '3 d');
    assert.equal(formatDuration(90 * 86400_000), '3 mo');
    assert.equal(formatDuration(5 * 365 * 86400_000), '5 y');
    assert.equal(formatRelative(now - 3 * 3600_000, now), '3 h ago');
    assert.equal(formatRelative(now + 42 * 60_000, now), 'in 42 min');
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
});
