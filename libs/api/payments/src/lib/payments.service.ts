import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, Database, NotFoundError, Tx, UserClaims, WorkspaceAccess } from '@raptorflow/api-platform';
import { BillingPeriod, findPlan, InitiatePaymentResponse, Plan, PLANS, PaymentView, PlanId } from '@raptorflow/contracts';
import { randomBytes } from 'node:crypto';
import { PaymentGateway } from './gateway/payment-gateway';
import { PaymentGatewayError } from './gateway/payment-gateway.errors';
import { PaymentSettlementService } from './payment-settlement.service';
import { PaymentsError } from './payments.errors';
import { PaymentRow, PaymentsRepository, PaymentViewRow } from './payments.repository';

// PhonePe accepts 300..3600 s; 20 minutes leaves time for UPI approvals.
const CHECKOUT_EXPIRY_SECONDS = 1200;

const FAILURE_REASONS: Record<string, string> = {
  EXPIRED: 'The payment window expired before the payment was completed.',
  AMOUNT_MISMATCH: 'The amount paid did not match the plan price. Any money taken will be refunded.',
  ORDER_NOT_CREATED: 'The payment provider did not start the payment.',
  PROVIDER_REJECTED: 'The payment provider refused to start the payment.',
};

export function toPaymentView(row: PaymentViewRow): PaymentView {
  return {
    merchantOrderId: row.merchant_order_id,
    planId: row.plan_id,
    period: row.period,
    amount: row.amount,
    state: row.state,
    failureReason: row.state === 'FAILED' ? FAILURE_REASONS[row.error_code ?? ''] ?? 'The payment did not go through.' : null,
    refundedAmount: row.refunded_amount,
    createdAt: new Date(row.created_at).toISOString(),
    completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
  };
}

export function newMerchantOrderId(ucid: string): string {
  return `RF_${ucid}_${randomBytes(6).toString('hex')}`;
}

@Injectable()
export class PaymentsService {
  private readonly logger = new Logger(PaymentsService.name);

  constructor(
    private readonly db: Database,
    private readonly payments: PaymentsRepository,
    private readonly gateway: PaymentGateway,
    private readonly settlement: PaymentSettlementService,
    private readonly config: AppConfig,
    private readonly access: WorkspaceAccess,
  ) {}

  plans(): readonly Plan[] {
    return PLANS;
  }

  /**
   * Starts a checkout for the user's workspace. The amount comes from our catalog, never the client; the
   * PENDING row exists before PhonePe is called, so a timeout can always be reconciled. While a checkout of
   * the same plan is still open, the same one is returned.
   */
  async initiate(claims: UserClaims, planId: PlanId, period: BillingPeriod): Promise<InitiatePaymentResponse> {
    const plan = findPlan(planId);
    if (!plan) throw new PaymentsError('PLAN_NOT_FOUND', `There is no plan "${planId}".`);
    const { workspaceId, ucid } = await this.db.asUser(claims, async (tx) => {
      const me = await tx.selectFrom('users').select('ucid').where('id', '=', claims.sub).executeTakeFirst();
      if (!me) throw new NotFoundError('Workspace');
      return { workspaceId: await ownedWorkspace(this.access, tx, claims, 'pay for a plan'), ucid: me.ucid };
    });
    const open = await this.db.asService((tx) => this.payments.findOpenCheckout(tx, workspaceId, claims.sub, planId, period));
    if (open?.checkout_url) return toInitiateResponse(open);

    const merchantOrderId = newMerchantOrderId(ucid);
    const amount = plan.prices[period];
    await this.db.asService((tx) =>
      this.payments.insertPending(tx, { merchant_order_id: merchantOrderId, workspace_id: workspaceId, user_id: claims.sub, plan_id: planId, period, amount }),
    );
    try {
      const session = await this.gateway.createCheckout({
        merchantOrderId,
        amount,
        redirectUrl: `${this.config.WEB_URL}/onboarding/payment/return?order=${merchantOrderId}`,
        expireAfterSeconds: CHECKOUT_EXPIRY_SECONDS,
        metaInfo: { udf1: workspaceId, udf2: planId, udf3: period },
        message: `RaptorFlow ${plan.name} (${period})`,
      });
      const row = await this.db.asService(async (tx) => {
        await this.payments.update(tx, merchantOrderId, { provider_order_id: session.orderId, checkout_url: session.redirectUrl, expire_at: new Date(session.expireAt) });
        return this.payments.findByOrderId(tx, merchantOrderId);
      });
      await this.settlement.scheduleReconcile(merchantOrderId, 0);
      return toInitiateResponse(row as PaymentRow);
    } catch (error) {
      if (!(error instanceof PaymentGatewayError)) throw error;
      this.logger.warn(`checkout ${merchantOrderId} not started: ${error.code}`);
      if (error.transient) {
        // The order may exist at PhonePe: the reconciler settles it either way.
        await this.settlement.scheduleReconcile(merchantOrderId, 0);
        throw new PaymentsError('PROVIDER_UNAVAILABLE', 'The payment provider is not answering. Please try again in a minute.');
      }
      await this.settlement.apply(merchantOrderId, { state: 'FAILED', amount, errorCode: 'PROVIDER_REJECTED', payload: { code: error.code } });
      throw new PaymentsError('PROVIDER_REJECTED', 'The payment provider refused to start this payment.');
    }
  }

  /** The payment as the user may see it; while pending, PhonePe is asked (the browser polls this). */
  async status(claims: UserClaims, merchantOrderId: string): Promise<PaymentView> {
    const row = await this.db.asUser(claims, (tx) => this.payments.viewByOrderId(tx, merchantOrderId));
    if (!row) throw new PaymentsError('PAYMENT_NOT_FOUND', `Payment ${merchantOrderId} not found.`);
    if (row.state !== 'PENDING') return toPaymentView(row);
    try {
      return toPaymentView((await this.settlement.reconcile(merchantOrderId)) ?? row);
    } catch (error) {
      // Provider trouble: report what we know; the reconciler keeps trying.
      this.logger.warn(`status check of ${merchantOrderId} failed: ${(error as Error).message}`);
      return toPaymentView(row);
    }
  }

  /** Owner only: the subscription stops renewing and runs to the end of the paid period. */
  async cancel(claims: UserClaims): Promise<{ status: 'cancelled'; currentPeriodEnd: string }> {
    const workspaceId = await this.db.asUser(claims, (tx) => ownedWorkspace(this.access, tx, claims, 'cancel the subscription'));
    const row = await this.db.asService((tx) =>
      tx
        .updateTable('subscriptions')
        .set({ status: 'cancelled' })
        .where('workspace_id', '=', workspaceId)
        .where('status', 'in', ['active', 'trialing', 'past_due'])
        .returning('current_period_end')
        .executeTakeFirst(),
    );
    if (!row) throw new PaymentsError('PAYMENT_NOT_FOUND', 'There is no running subscription to cancel.');
    return { status: 'cancelled', currentPeriodEnd: new Date(row.current_period_end).toISOString() };
  }

  /** Operators only (ADMIN_EMAILS): refunds part or all of a completed payment. */
  async refund(claims: UserClaims, merchantOrderId: string, amount?: number): Promise<PaymentView> {
    if (!claims.email || !this.config.adminEmails.includes(claims.email.toLowerCase())) {
      throw new PaymentsError('ADMIN_REQUIRED', 'Only operators can issue refunds.');
    }
    const row = await this.db.asService((tx) => this.payments.findByOrderId(tx, merchantOrderId));
    if (!row) throw new PaymentsError('PAYMENT_NOT_FOUND', `Payment ${merchantOrderId} not found.`);
    const refundable = row.amount - row.refunded_amount;
    const value = amount ?? refundable;
    if (row.state !== 'COMPLETED' || value < 100 || value > refundable) {
      throw new PaymentsError('REFUND_INVALID', `Refundable: ${refundable} paise of a ${row.state.toLowerCase()} payment.`);
    }
    const merchantRefundId = `RFR_${randomBytes(8).toString('hex')}`;
    // Recorded before the call, like a checkout, so an unknown outcome can be looked up later.
    await this.db.asService((tx) =>
      tx.insertInto('refunds').values({ merchant_refund_id: merchantRefundId, merchant_order_id: merchantOrderId, amount: value, provider_refund_id: null, requested_by: claims.email ?? null }).execute(),
    );
    const result = await this.gateway.refund({ merchantRefundId, merchantOrderId, amount: value });
    return this.db.asService(async (tx) => {
      await tx.updateTable('refunds').set({ provider_refund_id: result.refundId, state: result.state }).where('merchant_refund_id', '=', merchantRefundId).execute();
      await this.payments.update(tx, merchantOrderId, { refunded_amount: row.refunded_amount + value });
      return toPaymentView({ ...row, refunded_amount: row.refunded_amount + value });
    });
  }

  async history(claims: UserClaims): Promise<PaymentView[]> {
    return this.db.asUser(claims, async (tx) => {
      const grant = await this.access.of(tx, claims.sub);
      return grant ? (await this.payments.history(tx, grant.workspaceId)).map(toPaymentView) : [];
    });
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

/** The caller's current workspace, refused unless they own it (only the owner pays or cancels). */
async function ownedWorkspace(access: WorkspaceAccess, tx: Tx, claims: UserClaims, action: string): Promise<string> {
  const grant = await access.of(tx, claims.sub);
  if (!grant) throw new NotFoundError('Workspace');
  if (grant.role !== 'owner') throw new PaymentsError('OWNER_REQUIRED', `Only the workspace owner can ${action}.`);
  return grant.workspaceId;
}
