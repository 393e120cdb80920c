import { PaymentJobs, reconcileDelayMs } from './payments.jobs';

describe('PaymentJobs', () => {
  it('gives the same next check the same id from every producer, and a new id after a check ran', () => {
    expect(PaymentJobs.reconcile('RF_RF-2026-0001_ab', 3, false).jobId).toBe(PaymentJobs.reconcile('RF_RF-2026-0001_ab', 3, false).jobId);
    expect(PaymentJobs.reconcile('RF_RF-2026-0001_ab', 4, false).jobId).not.toBe(PaymentJobs.reconcile('RF_RF-2026-0001_ab', 3, false).jobId);
    // A webhook hint is not swallowed by the scheduled poll of the same check.
    expect(PaymentJobs.reconcile('RF_1', 0, true).jobId).not.toBe(PaymentJobs.reconcile('RF_1', 0, false).jobId);
    expect(PaymentJobs.refund('RFR_1', 0, false).jobId).not.toBe(PaymentJobs.reconcile('RFR_1', 0, false).jobId);
  });

  it('uses ids BullMQ and the outbox accept, with retries, and the polling schedule only when delayed', () => {
    const later = PaymentJobs.reconcile('RF_RF-2026-0001_ab', 2, true);
    expect(later.jobId).toMatch(/^[A-Za-z0-9_-]{1,200}$/);
    expect(later.opts).toMatchObject({ attempts: 5, backoff: { type: 'exponential' }, delay: reconcileDelayMs(2) });
    expect(PaymentJobs.refund('RFR_1', 0, false).opts?.delay).toBe(0);
    expect(reconcileDelayMs(0)).toBe(20_000);
    expect(reconcileDelayMs(99)).toBe(60_000);
  });
});
