import { Injectable, Logger } from '@nestjs/common';
import { WorkspaceDirectory } from '@raptorflow/api-auth';
import { Outbox } from '@raptorflow/api-email';
import { AppConfig, AuditLog, Database, NotFoundError, Tx, UserClaims, WorkspaceAccess } from '@raptorflow/api-platform';
import { AUTOPAY_MAX_DEBIT_PAISE, autopayEligible, BillingPeriod, findPlan, MandateSetupResponse, MandateView, PlanId } from '@raptorflow/contracts';
import { AutopayGateway } from '../gateway/autopay-gateway';
import { PaymentGatewayError } from '../gateway/payment-gateway.errors';
import { PaymentSettlementService } from '../payment-settlement.service';
import { PaymentJobs } from '../payments.jobs';
import { PaymentsRepository } from '../payments.repository';
import { newMerchantOrderId, ownerActor } from '../payment-ids';
import { MandateCycleService } from './mandate-cycle.service';
import { frequencyOf, MANDATE_VALIDITY_YEARS, newMerchantSubscriptionId } from './mandate.rules';
import { MandateError } from './mandates.errors';
import { MandateJobs } from './mandates.jobs';
import { MandateRow, MandatesRepository, MandateViewRow } from './mandates.repository';

// PhonePe accepts 300..3600 s; 20 minutes leaves time for the UPI app's mandate approval.
const SETUP_EXPIRY_SECONDS = 1200;

/** The founder's Autopay: set up at checkout, see it in Settings, pause, resume or cancel it. Owner only. */
@Injectable()
export class MandatesService {
  private readonly logger = new Logger(MandatesService.name);

  constructor(
    private readonly db: Database,
    private readonly mandates: MandatesRepository,
    private readonly payments: PaymentsRepository,
    private readonly gateway: AutopayGateway,
    private readonly settlement: PaymentSettlementService,
    private readonly cycle: MandateCycleService,
    private readonly outbox: Outbox,
    private readonly config: AppConfig,
    private readonly access: WorkspaceAccess,
    private readonly audit: AuditLog,
    private readonly directory: WorkspaceDirectory,
  ) {}

  /**
   * Checkout with "Set up UPI Autopay": one PhonePe setup order whose amount is the first period (it settles
   * like any checkout) and whose approval registers the mandate for the following periods. Only prices up to
   * Rs 15,000 qualify (RBI: no AFA per debit below that).
   */
  async setup(claims: UserClaims, planId: PlanId, period: BillingPeriod, requestId: string | null): Promise<MandateSetupResponse> {
    const plan = findPlan(planId);
    if (!plan) throw new MandateError('PLAN_NOT_FOUND', `planId: there is no plan "${planId}".`);
    if (!autopayEligible(planId, period)) {
      throw new MandateError('AUTOPAY_NOT_ELIGIBLE', `planId/period: ${plan.name} (${period}) costs more than ₹15,000 a debit (RBI e-mandate limit without AFA), so it renews by one-time checkout.`);
    }
    const { workspaceId, ucid } = await this.db.asUser(claims, async (tx) => {
      const ucid = await this.directory.ucid(tx, claims.sub);
      if (!ucid) throw new NotFoundError('Workspace');
      const workspaceId = await this.ownedWorkspace(tx, claims);
      const running = await this.payments.runningSubscription(tx, workspaceId);
      if (running && (running.plan_id !== planId || running.period !== period)) {
        throw new MandateError('PLAN_CHANGE_REQUIRED', `planId/period: the workspace is on ${running.plan_id} (${running.period}); Autopay is set up for the running plan.`);
      }
      return { workspaceId, ucid };
    });
    // A double click, or a founder coming back from the mandate screen: the setup still open is the one.
    const open = await this.db.asService((tx) => this.mandates.openSetup(tx, workspaceId, planId, period));
    if (open) return { merchantOrderId: open.merchant_order_id, checkoutUrl: open.checkout_url, amount: open.amount, maxAmount: open.max_amount };
    const amount = plan.prices[period];
    const merchantOrderId = newMerchantOrderId(ucid);
    const merchantSubscriptionId = newMerchantSubscriptionId(ucid);
    const validUntil = new Date();
    validUntil.setUTCFullYear(validUntil.getUTCFullYear() + MANDATE_VALIDITY_YEARS);
    await this.db.asService(async (tx) => {
      if (await this.mandates.running(tx, workspaceId)) throw new MandateError('AUTOPAY_EXISTS', 'UPI Autopay is already set up for this workspace.');
      await this.payments.insertPending(tx, { merchant_order_id: merchantOrderId, workspace_id: workspaceId, user_id: claims.sub, plan_id: planId, period, amount });
      await this.mandates.insert(tx, { workspace_id: workspaceId, user_id: claims.sub, merchant_subscription_id: merchantSubscriptionId, setup_order_id: merchantOrderId, plan_id: planId, period, max_amount: AUTOPAY_MAX_DEBIT_PAISE, amount, frequency: frequencyOf(period), valid_until: validUntil });
      await this.outbox.add(tx, PaymentJobs.reconcile(merchantOrderId, 0, true));
      await this.outbox.add(tx, MandateJobs.check(merchantSubscriptionId, 0, true));
      await this.audit.record(tx, { ...ownerActor(claims), action: 'autopay.setup', workspaceId, target: merchantSubscriptionId, after: { planId, period, amount, maxAmount: AUTOPAY_MAX_DEBIT_PAISE, merchantOrderId }, requestId });
    });
    try {
      const session = await this.gateway.setupMandate({
        merchantOrderId,
        merchantSubscriptionId,
        amount,
        // VARIABLE up to the e-mandate cap: the debits follow the plan (an upgrade or a downgrade) without a new mandate.
        maxAmount: AUTOPAY_MAX_DEBIT_PAISE,
        frequency: frequencyOf(period),
        validUntil: validUntil.getTime(),
        redirectUrl: `${this.config.WEB_URL}/onboarding/payment/return?order=${merchantOrderId}`,
        expireAfterSeconds: SETUP_EXPIRY_SECONDS,
        metaInfo: { udf1: workspaceId, udf2: planId, udf3: period },
        message: `RaptorFlow ${plan.name} (${period}) with UPI Autopay`,
      });
      await this.db.asService((tx) => this.payments.update(tx, merchantOrderId, { provider_order_id: session.orderId, checkout_url: session.redirectUrl, expire_at: new Date(session.expireAt) }));
      return { merchantOrderId, checkoutUrl: session.redirectUrl, amount, maxAmount: AUTOPAY_MAX_DEBIT_PAISE };
    } catch (error) {
      if (!(error instanceof PaymentGatewayError)) throw error;
      this.logger.warn(`autopay setup ${merchantSubscriptionId} not started: ${error.code}`);
      if (error.transient) throw new MandateError('PROVIDER_UNAVAILABLE', 'The payment provider is not answering. Please try again in a minute.');
      await this.settlement.rejectCheckout(merchantOrderId);
      await this.db.asService(async (tx) => {
        const row = (await this.mandates.bySubscriptionId(tx, merchantSubscriptionId, true)) as MandateRow;
        await this.mandates.update(tx, row.id, { state: 'failed' });
      });
      throw new MandateError('PROVIDER_REJECTED', 'The payment provider refused to set up Autopay.');
    }
  }

  /** The workspace's mandate for the Settings card; a pending one is asked about at PhonePe first. */
  async view(claims: UserClaims): Promise<{ mandate: MandateView | null }> {
    let row = await this.db.asUser(claims, async (tx) => this.mandates.current(tx, await this.ownedWorkspace(tx, claims)));
    const pendingId = row?.state === 'pending' ? row.id : undefined;
    const pending = pendingId ? await this.db.asService((tx) => this.mandates.byId(tx, pendingId)) : undefined;
    if (pending) {
      try {
        await this.cycle.check(pending.merchant_subscription_id);
        row = await this.db.asUser(claims, async (tx) => this.mandates.current(tx, await this.ownedWorkspace(tx, claims)));
      } catch (error) {
        this.logger.warn(`mandate check failed: ${(error as Error).message}`);
      }
    }
    return { mandate: row ? this.toView(row) : null };
  }

  /** Pause in RaptorFlow: no debits until resumed; access runs to the period end, one-time checkout renews. */
  async pause(claims: UserClaims, requestId: string | null): Promise<{ mandate: MandateView | null }> {
    await this.change(claims, requestId, 'autopay.pause', (m) => {
      if (m.state !== 'active') throw new MandateError('MANDATE_STATE', `Autopay is ${m.state}; only an active mandate can be paused.`);
      return { state: 'paused', paused_by: 'founder' };
    });
    return this.view(claims);
  }

  async resume(claims: UserClaims, requestId: string | null): Promise<{ mandate: MandateView | null }> {
    const mandate = await this.change(claims, requestId, 'autopay.resume', (m) => {
      if (m.state !== 'paused') throw new MandateError('MANDATE_STATE', `Autopay is ${m.state}; only a paused mandate can be resumed.`);
      if (m.paused_by === 'customer') throw new MandateError('MANDATE_STATE', 'Autopay was paused in your UPI app; resume it there.');
      return { state: 'active', paused_by: null };
    });
    await this.cycle.plan(mandate.id);
    return this.view(claims);
  }

  /** Cancels the mandate at PhonePe; the revocation comes back through its status. The paid period runs on. */
  async cancel(claims: UserClaims, requestId: string | null): Promise<{ mandate: MandateView | null }> {
    const workspaceId = await this.db.asUser(claims, (tx) => this.ownedWorkspace(tx, claims));
    const mandate = await this.db.asService((tx) => this.mandates.running(tx, workspaceId));
    if (!mandate) throw new MandateError('MANDATE_NOT_FOUND', 'There is no running UPI Autopay mandate.');
    try {
      await this.gateway.cancelSubscription(mandate.merchant_subscription_id);
    } catch (error) {
      if (error instanceof PaymentGatewayError && error.transient) throw new MandateError('PROVIDER_UNAVAILABLE', 'The payment provider is not answering. Please try again in a minute.');
      // Refused: PhonePe no longer runs it (revoked in the UPI app, expired); the check below records which.
      if (!(error instanceof PaymentGatewayError)) throw error;
    }
    await this.db.asService((tx) => this.audit.record(tx, { ...ownerActor(claims), action: 'autopay.cancel', workspaceId, target: mandate.merchant_subscription_id, before: { state: mandate.state }, requestId }));
    await this.cycle.check(mandate.merchant_subscription_id).catch((error) => this.logger.warn(`mandate check after cancel failed: ${(error as Error).message}`));
    return this.view(claims);
  }

  private async change(claims: UserClaims, requestId: string | null, action: string, decide: (m: MandateRow) => Pick<MandateRow, 'state' | 'paused_by'>): Promise<MandateRow> {
    const workspaceId = await this.db.asUser(claims, (tx) => this.ownedWorkspace(tx, claims));
    return this.db.asService(async (tx) => {
      const mandate = await this.mandates.running(tx, workspaceId, true);
      if (!mandate) throw new MandateError('MANDATE_NOT_FOUND', 'There is no running UPI Autopay mandate.');
      const next = decide(mandate);
      await this.mandates.update(tx, mandate.id, next);
      await this.mandates.refreshNextDebit(tx, mandate.id);
      await this.audit.record(tx, { ...ownerActor(claims), action, workspaceId, target: mandate.merchant_subscription_id, before: { state: mandate.state }, after: next, requestId });
      return { ...mandate, ...next };
    });
  }

  private toView(row: MandateViewRow): MandateView {
    return {
      state: row.state,
      pausedBy: row.paused_by,
      planId: row.plan_id,
      period: row.period,
      maxAmount: row.max_amount,
      amount: row.amount,
      frequency: row.frequency,
      validUntil: new Date(row.valid_until).toISOString(),
      nextDebitAt: row.next_debit_at ? new Date(row.next_debit_at).toISOString() : null,
      nextDebitAmount: row.next_debit_amount,
      renewUrl: this.cycle.renewUrl(row),
    };
  }

  /** Only the owner pays, so only the owner sees and changes Autopay. */
  private async ownedWorkspace(tx: Tx, claims: UserClaims): Promise<string> {
    return (await this.access.owned(tx, claims.sub, 'manage UPI Autopay')).workspaceId;
  }
}
