import { Injectable, Logger } from '@nestjs/common';
import { WorkspaceDirectory } from '@raptorflow/api-auth';
import { emailMessage, Outbox } from '@raptorflow/api-email';
import { AppConfig, Database, ReadCache, Tx } from '@raptorflow/api-platform';
import { findPlan } from '@raptorflow/contracts';
import { AutopayGateway, type RedemptionStatus, type SubscriptionStatus } from '../gateway/autopay-gateway';
import { PaymentGatewayError } from '../gateway/payment-gateway.errors';
import { PaymentSettlementService } from '../payment-settlement.service';
import { PaymentJobs } from '../payments.jobs';
import { PaymentsRepository } from '../payments.repository';
import { PlanChangeSettlement } from '../plan-change.settlement';
import { autopayFailedEmail, preDebitEmail } from './mandate.emails';
import { DEBIT_WINDOW_MS, executeAt, mandateDebitFor, MAX_ATTEMPTS, NOTICE_LEAD_MS, newRedemptionOrderId, nextMandateState, notifyAt, retryDueAt, SETUP_NOT_CREATED_AFTER_MS } from './mandate.rules';
import { AUTOPAY_SWEEP_EVERY_MS, DEBIT_EXECUTE_JOB, DEBIT_NOTIFY_JOB, MandateJobs } from './mandates.jobs';
import { DebitRow, DueCycle, MandateRow, MandatesRepository } from './mandates.repository';

const RETRY_LATER_MS = 60_000;

/**
 * The Autopay cycle. A mandate's state comes from PhonePe's subscription status (webhooks only hint); each
 * cycle is planned once per period end, notified at least 24 h ahead (PhonePe notify plus our own mail),
 * executed on its due date as a payment_transactions row that the payment settlement completes like a
 * checkout (subscription extension, GST invoice, receipt), and retried on AUTOPAY_RETRY_DAYS when it fails.
 * Every method is safe to run twice and from any number of workers: states move under row locks, and
 * PhonePe redeems an order at most once.
 */
@Injectable()
export class MandateCycleService {
  private readonly logger = new Logger(MandateCycleService.name);

  constructor(
    private readonly db: Database,
    private readonly mandates: MandatesRepository,
    private readonly payments: PaymentsRepository,
    private readonly gateway: AutopayGateway,
    private readonly settlement: PaymentSettlementService,
    private readonly outbox: Outbox,
    private readonly config: AppConfig,
    private readonly readCache: ReadCache,
    private readonly directory: WorkspaceDirectory,
    private readonly planChanges: PlanChangeSettlement,
  ) {}

  /** Asks PhonePe for the mandate's state and applies it; returns the mandate after. Throws while PhonePe cannot be asked. */
  async check(merchantSubscriptionId: string): Promise<MandateRow | undefined> {
    const before = await this.db.asService((tx) => this.mandates.bySubscriptionId(tx, merchantSubscriptionId));
    if (!before) return undefined;
    let status: SubscriptionStatus | 'NOT_FOUND';
    try {
      status = await this.gateway.getSubscriptionStatus(merchantSubscriptionId);
    } catch (error) {
      if (!(error instanceof PaymentGatewayError && error.code === 'NOT_FOUND')) throw error;
      status = 'NOT_FOUND';
    }
    let duplicate = false;
    const after = await this.db.asService(async (tx) => {
      const row = (await this.mandates.bySubscriptionId(tx, merchantSubscriptionId, true)) as MandateRow;
      const notCreated = status === 'NOT_FOUND' && row.state === 'pending' && Date.now() - new Date(row.created_at).getTime() > SETUP_NOT_CREATED_AFTER_MS;
      let next = notCreated ? { state: 'failed' as const, paused_by: null } : status === 'NOT_FOUND' ? undefined : nextMandateState(row, status.state);
      // Two setups approved (two tabs): the workspace keeps the mandate it had; the second one is revoked at PhonePe.
      const running = next?.state === 'active' && row.state === 'pending' ? await this.mandates.running(tx, row.workspace_id, true) : undefined;
      if (running && running.id !== row.id) {
        next = { state: 'revoked', paused_by: null };
        duplicate = true;
      }
      await this.mandates.update(tx, row.id, {
        status_checks: row.status_checks + 1,
        ...(status === 'NOT_FOUND' ? {} : { provider_subscription_id: status.subscriptionId, last_payload: status }),
        ...(next ?? {}),
      });
      if (next) await this.mandates.refreshNextDebit(tx, row.id);
      const updated = (await this.mandates.byId(tx, row.id)) as MandateRow;
      if (updated.state === 'pending') await this.outbox.add(tx, MandateJobs.check(merchantSubscriptionId, updated.status_checks, true));
      return updated;
    });
    if (duplicate) {
      this.logger.warn(`mandate ${merchantSubscriptionId}: a second mandate for workspace ${after.workspace_id}; cancelling it at PhonePe`);
      await this.gateway.cancelSubscription(merchantSubscriptionId).catch((error) => this.logger.warn(`cancel of duplicate mandate failed: ${(error as Error).message}`));
    }
    if (after.state !== before.state) {
      this.logger.log(`mandate ${merchantSubscriptionId}: ${before.state} -> ${after.state}`);
      await this.readCache.announce(after.workspace_id).catch(() => undefined);
      if (after.state === 'active') await this.plan(after.id);
    }
    return after;
  }

  /**
   * The planner (the sweep runs it for all mandates, a job for one): a first attempt for every cycle within
   * the notice lead, a next attempt for every failed one while the schedule has one, past_due when it has
   * none; then the next job of every debit in flight. Returns how many debits it handed to jobs.
   */
  async plan(mandateId: string | null = null): Promise<DebitRow[]> {
    const live = await this.db.asService(async (tx) => {
      for (const cycle of await this.mandates.dueCycles(tx, NOTICE_LEAD_MS, mandateId)) {
        const mandate = await this.followPlan(tx, (await this.mandates.byId(tx, cycle.mandate_id)) as MandateRow, cycle);
        if (!mandate) continue;
        const cycleEnd = new Date(cycle.cycle_end);
        if (cycle.attempt === null) {
          await this.mandates.insertDebit(tx, { mandate_id: mandate.id, cycle_end: cycleEnd, attempt: 1, merchant_order_id: newRedemptionOrderId(), amount: mandate.amount, due_at: cycleEnd });
          continue;
        }
        const due = cycle.attempt < MAX_ATTEMPTS ? retryDueAt(cycle.attempt, new Date(cycle.failed_at as Date)) : undefined;
        if (due) {
          await this.mandates.insertDebit(tx, { mandate_id: mandate.id, cycle_end: cycleEnd, attempt: cycle.attempt + 1, merchant_order_id: newRedemptionOrderId(), amount: mandate.amount, due_at: due });
        } else if (await this.mandates.markPastDue(tx, mandate.id, cycleEnd)) {
          this.logger.warn(`mandate ${mandate.merchant_subscription_id}: ${MAX_ATTEMPTS} debits of the cycle ending ${cycleEnd.toISOString()} failed; past_due`);
          const contact = await this.directory.contact(tx, mandate.workspace_id, null);
          if (contact) {
            const email = autopayFailedEmail({ planName: findPlan(mandate.plan_id)?.name ?? mandate.plan_id, amountPaise: mandate.amount, renewUrl: this.renewUrl(mandate) });
            await this.outbox.add(tx, emailMessage(contact.email, email, `autopay-failed/${mandate.id}/${cycleEnd.getTime()}`));
          }
        }
      }
      const debits = await this.mandates.liveDebits(tx, mandateId);
      for (const id of new Set(debits.map((d) => d.mandate_id))) await this.mandates.refreshNextDebit(tx, id);
      if (mandateId) await this.mandates.refreshNextDebit(tx, mandateId);
      for (const debit of debits) await this.outbox.add(tx, this.nextJob(debit, Date.now()));
      return debits;
    });
    return live;
  }

  /**
   * Sends the pre-debit notice once PhonePe may take it (48 h before the due date) and records when PhonePe
   * confirms it; a late confirmation is polled. Returns the debit after.
   */
  async notify(debitId: string): Promise<DebitRow | undefined> {
    const found = await this.load(debitId);
    if (!found || found.debit.state !== 'scheduled') return found?.debit;
    const { debit, mandate } = found;
    if (mandate.state !== 'active') return this.skip(debit, `MANDATE_${mandate.state.toUpperCase()}`);
    if (Date.now() < notifyAt(new Date(debit.due_at)).getTime()) return this.later(debit, notifyAt(new Date(debit.due_at)));
    if (!debit.provider_order_id) {
      try {
        const sent = await this.gateway.notifyRedemption({
          merchantOrderId: debit.merchant_order_id,
          merchantSubscriptionId: mandate.merchant_subscription_id,
          amount: debit.amount,
          expireAt: new Date(debit.due_at).getTime() + DEBIT_WINDOW_MS,
          metaInfo: { udf1: mandate.workspace_id, udf2: mandate.plan_id, udf3: mandate.period },
        });
        await this.db.asService((tx) => this.mandates.updateDebit(tx, debit.id, { provider_order_id: sent.orderId }));
      } catch (error) {
        if (!(error instanceof PaymentGatewayError && error.code === 'REJECTED')) throw error;
        // Refused: a repeat of a notify that went through (the status says so), or a mandate PhonePe no longer runs.
        if (error.details.providerCode !== 'DUPLICATE_ORDER') {
          await this.db.asService((tx) => this.outbox.add(tx, MandateJobs.check(mandate.merchant_subscription_id, mandate.status_checks, false)));
          return this.skip(debit, error.details.providerCode ?? 'NOTIFY_REJECTED');
        }
      }
    }
    const status = await this.gateway.getRedemptionStatus(debit.merchant_order_id);
    const after = await this.db.asService(async (tx) => {
      const row = (await this.mandates.debit(tx, debit.id, true)) as DebitRow;
      if (row.state !== 'scheduled') return row;
      const checks = row.checks + 1;
      if (status.providerState === 'NOTIFICATION_FAILED') {
        // The bank refused the notice: this attempt failed, and the retry schedule takes over (plan below).
        await this.mandates.updateDebit(tx, row.id, { state: 'failed', error_code: status.errorCode ?? 'NOTIFICATION_FAILED', checks, provider_order_id: status.orderId });
        return (await this.mandates.debit(tx, row.id)) as DebitRow;
      }
      if (status.providerState !== 'NOTIFIED') {
        // A late notification: look again in a minute.
        await this.mandates.updateDebit(tx, row.id, { checks, provider_order_id: status.orderId });
        await this.outbox.add(tx, MandateJobs.debit(DEBIT_NOTIFY_JOB, row.id, checks, new Date(Date.now() + RETRY_LATER_MS)));
        return { ...row, checks };
      }
      const notifiedAt = new Date();
      await this.mandates.updateDebit(tx, row.id, { state: 'notified', notified_at: notifiedAt, checks, provider_order_id: status.orderId });
      const runAt = executeAt(new Date(row.due_at), notifiedAt);
      await this.outbox.add(tx, MandateJobs.debit(DEBIT_EXECUTE_JOB, row.id, checks, runAt));
      const contact = await this.directory.contact(tx, mandate.workspace_id, null);
      if (contact) {
        const email = preDebitEmail({ planName: findPlan(mandate.plan_id)?.name ?? mandate.plan_id, amountPaise: row.amount, debitOn: runAt, merchantOrderId: row.merchant_order_id, settingsUrl: `${this.config.WEB_URL}/app/settings` });
        await this.outbox.add(tx, emailMessage(contact.email, email, `pre-debit/${row.merchant_order_id}`));
      }
      await this.mandates.refreshNextDebit(tx, mandate.id);
      return (await this.mandates.debit(tx, row.id)) as DebitRow;
    });
    if (after.state === 'failed') await this.plan(mandate.id);
    return after;
  }

  /**
   * Executes a notified debit on its due date: the payment row (and its owed status check) is written and the
   * debit marked executing in one transaction, then PhonePe is asked to redeem unless it already has, then
   * the payment is settled. A crash anywhere is picked up by the next run from the debit's state.
   */
  async execute(debitId: string): Promise<DebitRow | undefined> {
    const found = await this.load(debitId);
    if (!found) return undefined;
    let { debit } = found;
    const { mandate } = found;
    if (debit.state === 'notified') {
      if (mandate.state !== 'active') return this.skip(debit, `MANDATE_${mandate.state.toUpperCase()}`);
      const runAt = executeAt(new Date(debit.due_at), new Date(debit.notified_at as Date));
      if (Date.now() < runAt.getTime()) return this.later(debit, runAt);
      const started = await this.db.asService(async (tx) => {
        const row = (await this.mandates.debit(tx, debit.id, true)) as DebitRow;
        if (row.state !== 'notified') return row;
        const locked = (await this.mandates.byId(tx, mandate.id, true)) as MandateRow;
        if (locked.state !== 'active') return row;
        await this.payments.insertPending(tx, { merchant_order_id: row.merchant_order_id, workspace_id: locked.workspace_id, user_id: locked.user_id, plan_id: locked.plan_id, period: locked.period, amount: row.amount });
        await this.outbox.add(tx, PaymentJobs.reconcile(row.merchant_order_id, 0, true));
        await this.mandates.updateDebit(tx, row.id, { state: 'executing', executed_at: new Date(), checks: row.checks + 1 });
        return (await this.mandates.debit(tx, row.id)) as DebitRow;
      });
      if (started.state === 'notified') return this.skip(started, 'MANDATE_NOT_ACTIVE');
      debit = started;
    }
    if (debit.state !== 'executing') return debit;
    let status: RedemptionStatus = await this.gateway.getRedemptionStatus(debit.merchant_order_id);
    if (status.providerState === 'NOTIFIED') {
      try {
        await this.gateway.executeRedemption(debit.merchant_order_id);
      } catch (error) {
        // Refused (already redeemed by a run we do not remember, too early, window passed): the status says which.
        if (!(error instanceof PaymentGatewayError && error.code === 'REJECTED')) throw error;
        this.logger.warn(`redeem ${debit.merchant_order_id} refused: ${error.message}`);
      }
      status = await this.gateway.getRedemptionStatus(debit.merchant_order_id);
    }
    await this.settlement.reconcile(debit.merchant_order_id);
    const after = (await this.db.asService((tx) => this.mandates.debit(tx, debit.id))) as DebitRow;
    if (after.state === 'executing') {
      const checks = after.checks + 1;
      await this.db.asService(async (tx) => {
        await this.mandates.updateDebit(tx, after.id, { checks });
        await this.outbox.add(tx, MandateJobs.debit(DEBIT_EXECUTE_JOB, after.id, checks, new Date(Date.now() + RETRY_LATER_MS)));
      });
      return { ...after, checks };
    }
    if (after.state === 'failed') this.logger.warn(`autopay debit ${after.merchant_order_id} (attempt ${after.attempt}) failed: ${after.error_code ?? status.errorCode}`);
    await this.plan(mandate.id);
    return after;
  }

  /** The mandate follows the plan (mandateDebitFor): switched to the renewal's plan and price, or undefined when it cannot debit it. */
  private async followPlan(tx: Tx, mandate: MandateRow, cycle: DueCycle): Promise<MandateRow | undefined> {
    const renewal = await this.planChanges.renewalPlan(tx, mandate.workspace_id, { plan_id: cycle.term_plan_id, period: cycle.term_period });
    const price = mandateDebitFor(mandate, renewal);
    if (price === undefined) {
      this.logger.warn(`mandate ${mandate.merchant_subscription_id}: cannot debit a renewal of ${renewal.planId} (${renewal.period}); renewal by checkout`);
      return undefined;
    }
    if (renewal.planId === mandate.plan_id && price === mandate.amount) return mandate;
    await this.mandates.update(tx, mandate.id, { plan_id: renewal.planId, amount: price });
    this.logger.log(`mandate ${mandate.merchant_subscription_id}: follows the plan ${mandate.plan_id} -> ${renewal.planId} (${price} paise)`);
    return { ...mandate, plan_id: renewal.planId, amount: price };
  }

  renewUrl(mandate: Pick<MandateRow, 'plan_id' | 'period'>): string {
    return `${this.config.WEB_URL}/onboarding/payment?plan=${mandate.plan_id}&period=${mandate.period}`;
  }

  /** The debit's next job; from the sweep (`now`), a step overdue by more than two sweeps is handed out again. */
  private nextJob(debit: DebitRow, now?: number) {
    const notify = debit.state === 'scheduled';
    const at = notify ? notifyAt(new Date(debit.due_at)) : debit.state === 'notified' ? executeAt(new Date(debit.due_at), new Date(debit.notified_at as Date)) : undefined;
    const overdue = now !== undefined && at !== undefined && at.getTime() < now - 2 * AUTOPAY_SWEEP_EVERY_MS ? Math.floor(now / AUTOPAY_SWEEP_EVERY_MS) : undefined;
    return MandateJobs.debit(notify ? DEBIT_NOTIFY_JOB : DEBIT_EXECUTE_JOB, debit.id, debit.checks, at, overdue);
  }

  private load(debitId: string): Promise<{ debit: DebitRow; mandate: MandateRow } | undefined> {
    return this.db.asService(async (tx) => {
      const debit = await this.mandates.debit(tx, debitId);
      if (!debit) return undefined;
      return { debit, mandate: (await this.mandates.byId(tx, debit.mandate_id)) as MandateRow };
    });
  }

  /** Not yet: the same step again at `at` (a job that ran early, e.g. after a clock change). */
  private async later(debit: DebitRow, at: Date): Promise<DebitRow> {
    return this.db.asService(async (tx) => {
      const checks = debit.checks + 1;
      await this.mandates.updateDebit(tx, debit.id, { checks });
      await this.outbox.add(tx, MandateJobs.debit(debit.state === 'scheduled' ? DEBIT_NOTIFY_JOB : DEBIT_EXECUTE_JOB, debit.id, checks, at));
      return { ...debit, checks };
    });
  }

  /** A paused or ended mandate does not debit; the founder renews by one-time checkout. */
  private async skip(debit: DebitRow, errorCode: string): Promise<DebitRow> {
    return this.db.asService(async (tx: Tx) => {
      const row = (await this.mandates.debit(tx, debit.id, true)) as DebitRow;
      if (row.state === 'scheduled' || row.state === 'notified') await this.mandates.updateDebit(tx, row.id, { state: 'skipped', error_code: errorCode });
      await this.mandates.refreshNextDebit(tx, row.mandate_id);
      return (await this.mandates.debit(tx, row.id)) as DebitRow;
    });
  }
}
