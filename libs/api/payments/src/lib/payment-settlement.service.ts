import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, Database, QUEUE_CALL_TIMEOUT_MS, ReadCache, withTimeout } from '@raptorflow/api-platform';
import { EmailService, paymentFailedEmail, paymentReceiptEmail, welcomeEmail } from '@raptorflow/api-email';
import { findPlan, PaymentState } from '@raptorflow/contracts';
import type { Queue } from 'bullmq';
import { PaymentGateway, WebhookEvent } from './gateway/payment-gateway';
import { PaymentGatewayError, WebhookVerificationError } from './gateway/payment-gateway.errors';
import { PaymentsError } from './payments.errors';
import { PAYMENT_RECONCILE_QUEUE, RECONCILE_JOB, ReconcileJob, reconcileDelayMs, reconcileJobId } from './payments.jobs';
import { PaymentRow, PaymentsRepository } from './payments.repository';

export interface ProviderOutcome {
  state: PaymentState;
  amount: number;
  providerOrderId?: string;
  providerTransactionId?: string;
  errorCode?: string;
  payload: unknown;
}

type Applied = { row: PaymentRow; changed: boolean; firstActivation?: boolean; periodEnd?: Date };

// An order still PENDING this long after its expiry is treated as failed.
const EXPIRY_GRACE_MS = 2 * 60_000;

/**
 * Settles payments. Webhooks and the reconciler both end in `apply`, one transaction that moves a
 * payment PENDING -> COMPLETED | FAILED at most once and extends the subscription exactly once.
 */
@Injectable()
export class PaymentSettlementService {
  private readonly logger = new Logger(PaymentSettlementService.name);

  constructor(
    private readonly db: Database,
    private readonly payments: PaymentsRepository,
    private readonly gateway: PaymentGateway,
    private readonly emails: EmailService,
    private readonly config: AppConfig,
    @InjectQueue(PAYMENT_RECONCILE_QUEUE) private readonly reconcileQueue: Queue<ReconcileJob>,
    private readonly readCache: ReadCache,
  ) {}

  /** Authenticates a PhonePe callback, records it once, and applies it. Duplicates are no-ops. */
  async handleWebhook(authorization: string | undefined, rawBody: string): Promise<{ outcome: string }> {
    let event: WebhookEvent;
    try {
      event = this.gateway.verifyWebhook(authorization, rawBody);
    } catch (error) {
      if (error instanceof WebhookVerificationError) {
        throw new PaymentsError('WEBHOOK_UNAUTHORIZED', error.reason === 'MALFORMED_BODY' ? 'Malformed webhook body' : 'Webhook authorization failed');
      }
      throw error;
    }
    if (event.kind !== 'order') return { outcome: `ignored ${event.event}` };
    const fresh = await this.db.asService((tx) =>
      this.payments.recordWebhook(tx, `${event.event}:${event.merchantOrderId}:${event.state}`, event.event, event.merchantOrderId, event.state, event),
    );
    if (!fresh) return { outcome: 'duplicate' };
    const last = event.paymentDetails.at(-1);
    const result = await this.apply(event.merchantOrderId, {
      state: event.state,
      amount: event.amount,
      providerOrderId: event.orderId,
      providerTransactionId: last?.transactionId,
      errorCode: event.errorCode ?? last?.errorCode,
      payload: event,
    });
    return { outcome: result ? (result.changed ? `applied ${result.row.state}` : 'no change') : 'unknown order' };
  }

  /** Asks PhonePe for the order's state and applies it; expired orders become FAILED. */
  async reconcile(merchantOrderId: string): Promise<PaymentRow | undefined> {
    const row = await this.db.asService((tx) => this.payments.findByOrderId(tx, merchantOrderId));
    if (!row || row.state !== 'PENDING') return row;
    try {
      const status = await this.gateway.getOrderStatus(merchantOrderId);
      const expired = status.state === 'PENDING' && status.expireAt + EXPIRY_GRACE_MS < Date.now();
      const last = status.paymentDetails.at(-1);
      const result = await this.apply(merchantOrderId, {
        state: expired ? 'FAILED' : status.state,
        amount: status.amount,
        providerOrderId: status.orderId,
        providerTransactionId: last?.transactionId,
        errorCode: expired ? 'EXPIRED' : status.errorCode ?? last?.errorCode,
        payload: status,
      });
      return result?.row;
    } catch (error) {
      // PhonePe never created the order (our pay call failed or timed out before it did).
      if (error instanceof PaymentGatewayError && error.code === 'NOT_FOUND' && row.created_at.getTime() + 10 * 60_000 < Date.now()) {
        return (await this.apply(merchantOrderId, { state: 'FAILED', amount: row.amount, errorCode: 'ORDER_NOT_CREATED', payload: null }))?.row;
      }
      throw error;
    }
  }

  /** Polls again later while the order is pending (the job is idempotent by id). */
  async scheduleReconcile(merchantOrderId: string, attempt: number): Promise<void> {
    try {
      await withTimeout(QUEUE_CALL_TIMEOUT_MS, () =>
        this.reconcileQueue.add(RECONCILE_JOB, { merchantOrderId, attempt }, {
          jobId: reconcileJobId(merchantOrderId, attempt),
          delay: reconcileDelayMs(attempt),
          attempts: 5,
          backoff: { type: 'exponential', delay: 5_000 },
        }),
      );
    } catch (error) {
      // The sweeper finds every pending payment anyway.
      this.logger.warn(`reconcile of ${merchantOrderId} not scheduled: ${(error as Error).message}`);
    }
  }

  async apply(merchantOrderId: string, outcome: ProviderOutcome): Promise<Applied | undefined> {
    const result = await this.db.asService(async (tx): Promise<Applied | undefined> => {
      const row = await this.payments.findByOrderId(tx, merchantOrderId, true);
      if (!row) {
        this.logger.warn(`payment update for unknown order ${merchantOrderId}`);
        return undefined;
      }
      // First terminal state wins; later or repeated news is ignored.
      if (row.state !== 'PENDING') return { row, changed: false };
      if (outcome.state === 'PENDING') {
        await this.payments.update(tx, merchantOrderId, { last_payload: JSON.stringify(outcome.payload), provider_order_id: outcome.providerOrderId ?? row.provider_order_id });
        return { row, changed: false };
      }
      // A success for a different amount than we asked is not money we can count.
      const state = outcome.state === 'COMPLETED' && outcome.amount !== row.amount ? 'FAILED' : outcome.state;
      const now = new Date();
      const changes = {
        state,
        error_code: state === 'FAILED' ? (outcome.state === 'COMPLETED' ? 'AMOUNT_MISMATCH' : outcome.errorCode ?? 'PAYMENT_FAILED') : null,
        provider_order_id: outcome.providerOrderId ?? row.provider_order_id,
        provider_transaction_id: outcome.providerTransactionId ?? row.provider_transaction_id,
        last_payload: JSON.stringify(outcome.payload),
        completed_at: state === 'COMPLETED' ? now : null,
        applied_at: state === 'COMPLETED' ? now : null,
      };
      await this.payments.update(tx, merchantOrderId, changes);
      const updated = { ...row, ...changes, last_payload: outcome.payload } as PaymentRow;
      // A workspace deleted while its payment was pending has nothing left to extend; the money record stays.
      if (state !== 'COMPLETED' || !row.workspace_id) return { row: updated, changed: true };
      const { firstActivation, periodEnd } = await this.payments.extendSubscription(tx, row.workspace_id, row.plan_id, row.period);
      return { row: updated, changed: true, firstActivation, periodEnd };
    });
    if (result?.changed && result.row.workspace_id) {
      // The browser's next verify-profile must already see the new subscription.
      await this.readCache.announce(result.row.workspace_id).catch(() => undefined);
    }
    if (result?.changed) await this.notify(result);
    return result;
  }

  private async notify({ row, firstActivation, periodEnd }: Applied): Promise<void> {
    if (!row.workspace_id) return;
    const workspaceId = row.workspace_id;
    const contact = await this.db.asService((tx) => this.payments.ownerContact(tx, workspaceId, row.user_id));
    if (!contact) return;
    const plan = findPlan(row.plan_id);
    const planName = plan?.name ?? row.plan_id;
    const customerName = contact.fullName ?? undefined;
    const id = row.merchant_order_id;
    if (row.state === 'COMPLETED') {
      await this.emails.enqueue(
        contact.email,
        paymentReceiptEmail({ customerName, planName, period: row.period, amountPaise: row.amount, merchantOrderId: id, paidAt: new Date(), periodEnd }),
        `receipt/${id}`,
      );
      if (firstActivation) await this.emails.enqueue(contact.email, welcomeEmail({ customerName, appUrl: `${this.config.WEB_URL}/app/dashboard` }), `welcome/${row.workspace_id}`);
    } else {
      const retryUrl = `${this.config.WEB_URL}/onboarding/payment?plan=${row.plan_id}&period=${row.period}`;
      await this.emails.enqueue(
        contact.email,
        paymentFailedEmail({ customerName, planName, period: row.period, amountPaise: row.amount, merchantOrderId: id, failedAt: new Date(), retryUrl }),
        `payment-failed/${id}`,
      );
    }
  }
}
