// The provider's clock, measured from the Date header of its answers, and how the offset is worded.
import { strict as assert } from 'node:assert';
import { createServer } from 'node:http';
import { ProviderClock, describeOffset } from '../../src/core/oidc/providerClock';

describe('oidc provider clock', () => {
  it('words an offset of at most a second as in step, whichever way', () => {
    for (const s of [0, 1, -1, 0.6, -0]) assert.equal(describeOffset(s), "The provider's clock is in step with this computer's", String(s));
  });

  it('words offsets under two minutes in seconds, ahead when the provider is later and behind when earlier', () => {
    assert.equal(describeOffset(2), "The provider's clock is 2 s ahead of this computer's");
    assert.equal(describeOffset(95), "The provider's clock is 95 s ahead of this computer's");
    assert.equal(describeOffset(119), "The provider's clock is 119 s ahead of this computer's");
    assert.equal(describeOffset(-2), "The provider's clock is 2 s behind this computer's");
    assert.equal(describeOffset(-119), "The provider's clock is 119 s behind this computer's");
  });

  it('words offsets from two minutes to under two hours in whole minutes', () => {
    assert.equal(describeOffset(120), "The provider's clock is 2 min ahead of this computer's");
    assert.equal(describeOffset(-120), "The provider's clock is 2 min behind this computer's");
    assert.equal(describeOffset(300), "The provider's clock is 5 min ahead of this computer's");
    assert.equal(describeOffset(-1769), "The provider's clock is 29 min behind this computer's");
    assert.equal(describeOffset(7199), "The provider's clock is 120 min ahead of this computer's");
  });

  it('words offsets of two hours and more in whole hours', () => {
    assert.equal(describeOffset(7200), "The provider's clock is 2 h ahead of this computer's");
    assert.equal(describeOffset(-7200), "The provider's clock is 2 h behind this computer's");
    assert.equal(describeOffset(-3 * 3600 - 1700), "The provider's clock is 3 h behind this computer's");
    assert.equal(describeOffset(26 * 3600 + 1900), "The provider's clock is 27 h ahead of this computer's");
  });

  it("records the provider time minus ours from an answer's Date header, in whole seconds", () => {
    const clock = new ProviderClock();
    const now = Date.parse('2026-01-01T12:00:00Z');
    clock.record(new Response(null, { headers: { date: 'Thu, 01 Jan 2026 12:01:35 GMT' } }), now);
    assert.equal(clock.offsetSeconds, 95);
    clock.record(new Response(null, { headers: { date: 'Thu, 01 Jan 2026 11:59:58 GMT' } }), now + 400);
    assert.equal(clock.offsetSeconds, -2, 'the latest answer counts, rounded');
  });

  it('keeps the last offset when an answer has no Date header or an unreadable one', () => {
    const clock = new ProviderClock();
    clock.record(new Response(null));
    assert.equal(clock.offsetSeconds, undefined);
    clock.record(new Response(null, { headers: { date: 'Thu, 01 Jan 2026 12:00:10 GMT' } }), Date.parse('2026-01-01T12:00:00Z'));
    clock.record(new Response(null, { headers: { date: 'yesterday-ish' } }));
    clock.record(new Response(null));
    assert.equal(clock.offsetSeconds, 10);
  });

  it("its fetch returns the provider's answer and records the provider's clock from it", async () => {
    const ahead = new Date(Date.now() + 3 * 3600 * 1000).toUTCString();
    const server = createServer((_req, res) => res.writeHead(200, { date: ahead, 'content-type': 'text/plain' }).end('hello'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const clock = new ProviderClock();
      const response = await clock.fetch()(`http://127.0.0.1:${(server.address() as { port: number }).port}/`, { method: 'GET', headers: {} } as never);
      assert.equal(await response.text(), 'hello');
      assert.ok(clock.offsetSeconds !== undefined && Math.abs(clock.offsetSeconds - 3 * 3600) <= 2, String(clock.offsetSeconds));
      assert.equal(describeOffset(clock.offsetSeconds), "The provider's clock is 3 h ahead of this computer's");
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
