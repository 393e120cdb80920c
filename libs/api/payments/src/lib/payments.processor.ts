import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Database } from '@raptorflow/api-platform';
import { Job } from 'bullmq';
import { PaymentSettlementService } from './payment-settlement.service';
import { PAYMENT_RECONCILE_QUEUE, PaymentJob, PaymentJobs, ReconcileJob, REFUND_JOB, RefundJob, SWEEP_JOB } from './payments.jobs';
import { PaymentsRepository } from './payments.repository';
import { PlanChangeSettlement } from './plan-change.settlement';

@Processor(PAYMENT_RECONCILE_QUEUE)
export class PaymentReconcileProcessor extends WorkerHost {
  constructor(
    private readonly settlement: PaymentSettlementService,
    private readonly jobs: PaymentJobs,
    private readonly db: Database,
    private readonly payments: PaymentsRepository,
    private readonly planChanges: PlanChangeSettlement,
  ) {
    super();
  }

  async process(job: Job<PaymentJob>): Promise<string> {
    if (job.name === SWEEP_JOB) return this.sweep();
    if (job.name === REFUND_JOB) {
      const refund = await this.settlement.pushRefund((job.data as RefundJob).merchantRefundId);
      if (refund?.state === 'PENDING') await this.jobs.add(PaymentJobs.refund(refund.merchant_refund_id, refund.status_checks, true));
      return refund?.state ?? 'unknown';
    }
    const row = await this.settlement.reconcile((job.data as ReconcileJob).merchantOrderId);
    if (row?.state === 'PENDING') await this.jobs.add(PaymentJobs.reconcile(row.merchant_order_id, row.status_checks, true));
    return row?.state ?? 'unknown';
  }

  /** Safety net for lost jobs: every payment or refund still open after 2 minutes gets its next check. */
  async sweep(): Promise<string> {
    const { orders, refunds } = await this.db.asService(async (tx) => ({
      orders: await this.payments.dueForCheck(tx, 120),
      refunds: await this.payments.pendingRefunds(tx, 120),
    }));
    await Promise.all([
      ...orders.map((o) => this.jobs.add(PaymentJobs.reconcile(o.merchant_order_id, o.status_checks, false))),
      ...refunds.map((r) => this.jobs.add(PaymentJobs.refund(r.merchant_refund_id, r.status_checks, false))),
    ]);
    // Scheduled plan changes whose period end has come (at most one sweep period late).
    const changes = await this.planChanges.applyDue();
    return `swept ${orders.length} payments, ${refunds.length} refunds, applied ${changes} plan changes`;
  }
}

@Injectable()
export class PaymentSweepScheduler implements OnApplicationBootstrap {
  constructor(private readonly jobs: PaymentJobs) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.keepSweep();
  }
}
