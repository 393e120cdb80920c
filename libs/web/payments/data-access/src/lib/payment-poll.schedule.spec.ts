import { paymentPollDelays } from './payment-poll.schedule';

describe('paymentPollDelays', () => {
  it('backs off 1 s, 2 s, 3 s, then checks every 5 s', () => {
    expect(paymentPollDelays().slice(0, 6)).toEqual([1000, 2000, 3000, 5000, 5000, 5000]);
  });

  it('stops after about two minutes', () => {
    const delays = paymentPollDelays();
    const total = delays.reduce((sum, d) => sum + d, 0);
    expect(total).toBeGreaterThanOrEqual(120_000);
    expect(total - delays[delays.length - 1]).toBeLessThan(120_000);
  });

  it('never waits longer than the cap', () => {
    expect(Math.max(...paymentPollDelays(60_000, 2000))).toBe(2000);
  });
});
