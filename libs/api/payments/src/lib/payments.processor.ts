import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Database, keepJobScheduler } from '@raptorflow/api-platform';
import { Job, Queue } from 'bullmq';
import { PaymentSettlementService } from './payment-settlement.service';
import { PAYMENT_RECONCILE_QUEUE, ReconcileJob, SWEEP_EVERY_MS, SWEEP_JOB } from './payments.jobs';
import { PaymentsRepository } from './payments.repository';

@Processor(PAYMENT_RECONCILE_QUEUE)
export class PaymentReconcileProcessor extends WorkerHost {
  constructor(
    private readonly settlement: PaymentSettlementService,
    private readonly db: Database,
    private readonly payments: PaymentsRepository,
  ) {
    super();
  }

  async process(job: Job<ReconcileJob>): Promise<string> {
    if (job.name === SWEEP_JOB) {
      // Safety net for lost jobs: every payment still pending after 2 minutes gets a fresh poll.
      const pending = await this.db.asService((tx) => this.payments.pendingOlderThan(tx, 120));
      await Promise.all(pending.map((id) => this.settlement.scheduleReconcile(id, 1000 + Math.floor(Date.now() / SWEEP_EVERY_MS))));
      return `swept ${pending.length}`;
    }
    const row = await this.settlement.reconcile(job.data.merchantOrderId);
    if (row?.state === 'PENDING') await this.settlement.scheduleReconcile(job.data.merchantOrderId, job.data.attempt + 1);
    return row?.state ?? 'unknown';
  }
}

@Injectable()
export class PaymentSweepScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(PAYMENT_RECONCILE_QUEUE) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await keepJobScheduler(this.queue, SWEEP_JOB, { every: SWEEP_EVERY_MS }, { name: SWEEP_JOB });
  }
}

