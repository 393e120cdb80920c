// The one producer of payment jobs against real Redis: the same next check is one job, whoever adds it.
import { Queue } from 'bullmq';
import { PAYMENT_RECONCILE_QUEUE, PaymentJob, PaymentJobs, reconcileDelayMs } from './payments.jobs';

describe('PaymentJobs', () => {
  const redisUrl = new URL(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  let queue: Queue<PaymentJob>;
  let jobs: PaymentJobs;

  beforeAll(() => {
    queue = new Queue(PAYMENT_RECONCILE_QUEUE, {
      connection: { host: redisUrl.hostname, port: Number(redisUrl.port || 6379), maxRetriesPerRequest: null },
      prefix: `${process.env['REDIS_PREFIX']}:jobs${Date.now()}`,
    });
    jobs = new PaymentJobs(queue);
  });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('makes one job of the same next check from every producer, and a new one after a check ran', async () => {
    await jobs.add(PaymentJobs.reconcile('RF_RF-2026-0001_ab', 3, false));
    await jobs.add(PaymentJobs.reconcile('RF_RF-2026-0001_ab', 3, false));
    expect(await queue.getJobCountByTypes('waiting')).toBe(1);
    await jobs.add(PaymentJobs.reconcile('RF_RF-2026-0001_ab', 4, false));
    // A webhook hint is not swallowed by the scheduled poll of the same check.
    await jobs.add(PaymentJobs.reconcile('RF_RF-2026-0001_ab', 4, true));
    await jobs.add(PaymentJobs.refund('RFR_1', 0, false));
    expect(await queue.getJobCountByTypes('waiting')).toBe(3);
    expect(await queue.getJobCountByTypes('delayed')).toBe(1);
  });

  it('retries with backoff and follows the polling schedule only when delayed', async () => {
    const later = PaymentJobs.reconcile('RF_RF-2026-0001_cd', 2, true);
    expect(later.jobId).toMatch(/^[A-Za-z0-9_-]{1,200}$/);
    await jobs.add(later);
    const job = await queue.getJob(later.jobId);
    expect(job?.opts).toMatchObject({ attempts: 5, backoff: { type: 'exponential', delay: 5_000 }, delay: reconcileDelayMs(2) });
    expect(PaymentJobs.refund('RFR_2', 0, false).opts?.delay).toBe(0);
    expect([reconcileDelayMs(0), reconcileDelayMs(99)]).toEqual([20_000, 60_000]);
  });
});
