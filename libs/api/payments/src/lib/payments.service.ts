import { Injectable, Logger } from '@nestjs/common';
import { WorkspaceDirectory } from '@raptorflow/api-auth';
import { AppConfig, AuditLog, Database, NotFoundError, Tx, UserClaims, WorkspaceAccess } from '@raptorflow/api-platform';
import { BillingPeriod, findPlan, InitiatePaymentResponse, Plan, PLANS, PaymentView, PlanId, RefundView } from '@raptorflow/contracts';
import { randomBytes } from 'node:crypto';
import { PaymentGateway } from './gateway/payment-gateway';
import { newMerchantOrderId, ownerActor } from './payment-ids';
import { PaymentGatewayError } from './gateway/payment-gateway.errors';
import { PaymentSettlementService } from './payment-settlement.service';
import { PaymentsError } from './payments.errors';
import { PaymentJobs } from './payments.jobs';
import { PaymentRow, PaymentsRepository, PaymentViewRow, RefundViewRow } from './payments.repository';
import { MandateError } from './mandates/mandates.errors';
import { MandatesService } from './mandates/mandates.service';
import { PlanChangeSettlement } from './plan-change.settlement';
import { Outbox } from '@raptorflow/api-email';

// PhonePe accepts 300..3600 s; 20 minutes leaves time for UPI approvals.
const CHECKOUT_EXPIRY_SECONDS = 1200;

const FAILURE_REASONS: Record<string, string> = {
  EXPIRED: 'The payment window expired before the payment was completed.',
  AMOUNT_MISMATCH: 'The amount paid did not match the plan price. Any money taken will be refunded.',
  ORDER_NOT_CREATED: 'The payment provider did not start the payment.',
  PROVIDER_REJECTED: 'The payment provider refused to start the payment.',
  PLAN_CHANGE_REQUIRED: 'A different plan was already running when this payment completed, so it is refunded in full.',
};
const LATE_CAPTURE_REASON = 'The payment arrived after this order had closed, so it did not activate a plan. It is refunded in full.';

export function toRefundView(row: RefundViewRow): RefundView {
  return {
    merchantRefundId: row.merchant_refund_id,
    merchantOrderId: row.merchant_order_id,
    amount: row.amount,
    state: row.state,
    reason: row.reason,
    createdAt: new Date(row.created_at).toISOString(),
    completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
  };
}

export function toPaymentView(row: PaymentViewRow, refunds: RefundViewRow[] = []): PaymentView {
  const reason = FAILURE_REASONS[row.error_code ?? ''];
  const failureReason = row.captured_amount !== null && row.error_code !== 'PLAN_CHANGE_REQUIRED' && row.error_code !== 'AMOUNT_MISMATCH' ? LATE_CAPTURE_REASON : reason ?? 'The payment did not go through.';
  return {
    merchantOrderId: row.merchant_order_id,
    planId: row.plan_id,
    period: row.period,
    purpose: row.purpose,
    amount: row.amount,
    state: row.state,
    failureReason: row.state === 'FAILED' ? failureReason : null,
    refundedAmount: row.refunded_amount,
    refunds: refunds.filter((r) => r.merchant_order_id === row.merchant_order_id).map(toRefundView),
    createdAt: new Date(row.created_at).toISOString(),
    completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
  };
}

@Injectable()
export class PaymentsService {
  private readonly logger = new Logger(PaymentsService.name);

  constructor(
    private readonly db: Database,
    private readonly payments: PaymentsRepository,
    private readonly gateway: PaymentGateway,
    private readonly settlement: PaymentSettlementService,
    private readonly outbox: Outbox,
    private readonly config: AppConfig,
    private readonly access: WorkspaceAccess,
    private readonly audit: AuditLog,
    private readonly directory: WorkspaceDirectory,
    private readonly planChanges: PlanChangeSettlement,
    private readonly mandates: MandatesService,
  ) {}

  plans(): readonly Plan[] {
    return PLANS;
  }

  /**
   * Starts a checkout for the user's workspace. The amount comes from our catalog, never the client; the
   * PENDING row and its first status check exist before PhonePe is called, so a timeout is always
   * reconciled. While a checkout of the same plan is still open, the same one is returned. While a paid term
   * runs, only the same plan and period can be paid for (it extends from the period end).
   */
  async initiate(claims: UserClaims, planId: PlanId, period: BillingPeriod, requestId: string | null = null): Promise<InitiatePaymentResponse> {
    const plan = findPlan(planId);
    if (!plan) throw new PaymentsError('PLAN_NOT_FOUND', `planId: there is no plan "${planId}".`);
    const { workspaceId, ucid } = await this.db.asUser(claims, async (tx) => {
      const ucid = await this.directory.ucid(tx, claims.sub);
      if (!ucid) throw new NotFoundError('Workspace');
      const { workspaceId } = await this.access.owned(tx, claims.sub, 'pay for a plan');
      const running = await this.payments.runningSubscription(tx, workspaceId);
      // A renewal buys the running plan, or the one a scheduled change moves it to.
      const renewal = running ? await this.planChanges.renewalPlan(tx, workspaceId, running) : undefined;
      if (running && renewal && (renewal.planId !== planId || renewal.period !== period)) {
        const next = renewal.scheduled ? `, then ${renewal.planId} (${renewal.period}) as scheduled` : '';
        throw new PaymentsError(
          'PLAN_CHANGE_REQUIRED',
          `planId/period: the workspace is on ${running.plan_id} (${running.period}) until ${new Date(running.current_period_end).toISOString()}${next}; change plan with POST /api/v1/payments/subscription/change.`,
        );
      }
      return { workspaceId, ucid };
    });
    const open = await this.db.asService((tx) => this.payments.findOpenCheckout(tx, workspaceId, claims.sub, planId, period));
    if (open?.checkout_url) return toInitiateResponse(open);

    const merchantOrderId = newMerchantOrderId(ucid);
    const amount = plan.prices[period];
    await this.db.asService(async (tx) => {
      await this.payments.insertPending(tx, { merchant_order_id: merchantOrderId, workspace_id: workspaceId, user_id: claims.sub, plan_id: planId, period, amount });
      await this.outbox.add(tx, PaymentJobs.reconcile(merchantOrderId, 0, true));
      await this.audit.record(tx, { ...ownerActor(claims), action: 'payment.initiate', workspaceId, target: merchantOrderId, after: { planId, period, amount }, requestId });
    });
    return this.openCheckout(merchantOrderId, workspaceId, plan, period, amount, `RaptorFlow ${plan.name} (${period})`);
  }

  /**
   * Asks PhonePe for the checkout of a PENDING payment already recorded with its first status check owed (plan
   * purchases, and upgrades from PlanChangeService).
   */
  async openCheckout(merchantOrderId: string, workspaceId: string, plan: Plan, period: BillingPeriod, amount: number, message: string): Promise<InitiatePaymentResponse> {
    try {
      const session = await this.gateway.createCheckout({
        merchantOrderId,
        amount,
        redirectUrl: `${this.config.WEB_URL}/onboarding/payment/return?order=${merchantOrderId}`,
        expireAfterSeconds: CHECKOUT_EXPIRY_SECONDS,
        metaInfo: { udf1: workspaceId, udf2: plan.id, udf3: period },
        message,
      });
      const row = await this.db.asService(async (tx) => {
        await this.payments.update(tx, merchantOrderId, { provider_order_id: session.orderId, checkout_url: session.redirectUrl, expire_at: new Date(session.expireAt) });
        return this.payments.findByOrderId(tx, merchantOrderId);
      });
      return toInitiateResponse(row as PaymentRow);
    } catch (error) {
      if (!(error instanceof PaymentGatewayError)) throw error;
      this.logger.warn(`checkout ${merchantOrderId} not started: ${error.code}`);
      // The order may exist at PhonePe: the status check already owed settles it either way.
      if (error.transient) throw new PaymentsError('PROVIDER_UNAVAILABLE', 'The payment provider is not answering. Please try again in a minute.');
      await this.settlement.rejectCheckout(merchantOrderId);
      throw new PaymentsError('PROVIDER_REJECTED', 'The payment provider refused to start this payment.');
    }
  }

  /** The payment as the user may see it; while pending, PhonePe is asked (the browser polls this). */
  async status(claims: UserClaims, merchantOrderId: string): Promise<PaymentView> {
    const row = await this.db.asUser(claims, (tx) => this.payments.viewByOrderId(tx, merchantOrderId));
    if (!row) throw new PaymentsError('PAYMENT_NOT_FOUND', `Payment ${merchantOrderId} not found.`);
    if (row.state !== 'PENDING') return this.view(claims, row);
    try {
      return this.view(claims, (await this.settlement.reconcile(merchantOrderId)) ?? row);
    } catch (error) {
      // Provider trouble: report what we know; the reconciler keeps trying.
      this.logger.warn(`status check of ${merchantOrderId} failed: ${(error as Error).message}`);
      return this.view(claims, row);
    }
  }

  /** Owner only: the subscription stops renewing and runs to the end of the paid period. */
  async cancel(claims: UserClaims, requestId: string | null = null): Promise<{ status: 'cancelled'; currentPeriodEnd: string }> {
    const { workspaceId } = await this.db.asUser(claims, (tx) => this.access.owned(tx, claims.sub, 'cancel the subscription'));
    const row = await this.db.asService(async (tx) => {
      const cancelled = await this.payments.cancelSubscription(tx, workspaceId);
      if (cancelled) {
        await this.audit.record(tx, { ...ownerActor(claims), action: 'subscription.cancel', workspaceId, before: { status: cancelled.previous_status }, after: { status: 'cancelled' }, requestId });
        await this.afterCancel(tx, workspaceId, claims, requestId);
      }
      return cancelled;
    });
    if (!row) throw new PaymentsError('PAYMENT_NOT_FOUND', 'There is no running subscription to cancel.');
    await this.stopAutopay(claims, requestId);
    return { status: 'cancelled', currentPeriodEnd: new Date(row.current_period_end).toISOString() };
  }

  /**
   * Operators only (OperatorGuard on the route): refunds part or all of a completed payment. The amount is reserved
   * under the payment's lock before PhonePe hears of it; the answer is the refund, PENDING until PhonePe's
   * refund status says COMPLETED or FAILED.
   */
  async refund(claims: UserClaims, merchantOrderId: string, amount: number | undefined, reason: string | null, requestId: string | null): Promise<RefundView> {
    const merchantRefundId = `RFR_${randomBytes(8).toString('hex')}`;
    const actor = { actorId: claims.sub, actorEmail: claims.email ?? null, actorKind: 'operator' as const, reason, requestId };
    const reserved = await this.settlement.reserveRefund(merchantOrderId, amount, actor, merchantRefundId);
    try {
      return toRefundView((await this.settlement.pushRefund(merchantRefundId)) ?? reserved);
    } catch (error) {
      // PhonePe is not answering: the reserved refund is sent by the worker (the outbox owes it).
      this.logger.warn(`refund ${merchantRefundId} not sent yet: ${(error as Error).message}`);
      return toRefundView(reserved);
    }
  }

  async history(claims: UserClaims): Promise<PaymentView[]> {
    return this.db.asUser(claims, async (tx) => {
      const grant = await this.access.of(tx, claims.sub);
      if (!grant) return [];
      const rows = await this.payments.history(tx, grant.workspaceId);
      const refunds = await this.payments.refundsOf(tx, rows.map((r) => r.merchant_order_id));
      return rows.map((row) => toPaymentView(row, refunds));
    });
  }

  /**
   * The one place for what else a cancel stops, in the cancel's transaction: a scheduled plan change (and, with
   * UPI Autopay, the mandate's revocation belongs here too).
   */
  // Cancel stops the UPI Autopay mandate at PhonePe too, after the commit (a provider call never runs in a transaction).
  // Should PhonePe not answer, no debit follows anyway: cycles are only due for running subscriptions (mandates.repository).
  private async stopAutopay(claims: UserClaims, requestId: string | null): Promise<void> {
    await this.mandates.cancel(claims, requestId).catch((error: unknown) => {
      if (error instanceof MandateError && error.code === 'MANDATE_NOT_FOUND') return;
      this.logger.warn(`Autopay mandate not cancelled with the subscription: ${(error as Error).message}`);
    });
  }

  private async afterCancel(tx: Tx, workspaceId: string, claims: UserClaims, requestId: string | null): Promise<void> {
    await this.planChanges.dropScheduled(tx, workspaceId, ownerActor(claims), 'the subscription was cancelled', requestId);
  }

  private view(claims: UserClaims, row: PaymentViewRow): Promise<PaymentView> {
    return this.db.asUser(claims, async (tx) => toPaymentView(row, await this.payments.refundsOf(tx, [row.merchant_order_id])));
  }

}

function toInitiateResponse(row: PaymentRow): InitiatePaymentResponse {
  return {
    merchantOrderId: row.merchant_order_id,
    checkoutUrl: row.checkout_url as string,
    amount: row.amount,
    expiresAt: row.expire_at ? new Date(row.expire_at).toISOString() : null,
  };
}

