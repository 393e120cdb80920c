import { Injectable } from '@nestjs/common';
import { WorkspaceDirectory } from '@raptorflow/api-auth';
import { AuditLog, Database, NotFoundError, ReadCache, Tx, UserClaims, WorkspaceAccess } from '@raptorflow/api-platform';
import { Outbox } from '@raptorflow/api-email';
import {
  findPlan,
  MIN_CHARGE_PAISE,
  prorate,
  type BillingPeriod,
  type Plan,
  type PlanChangeQuote,
  type PlanChangeResponse,
  type PlanId,
  type ScheduledPlanChange,
  type SubscriptionChangeState,
} from '@raptorflow/contracts';
import { PlanChangeError } from './plan-change.errors';
import { PlanChangeRepository, SubscriptionChangeRow, SubscriptionTerm } from './plan-change.repository';
import { PlanChangeSettlement } from './plan-change.settlement';
import { PaymentJobs } from './payments.jobs';
import { newMerchantOrderId, ownerActor } from './payment-ids';
import { PaymentsService } from './payments.service';

type Decision = { kind: 'upgrade'; amount: number; term: SubscriptionTerm } | { kind: 'scheduled'; term: SubscriptionTerm };

function toScheduled(row: SubscriptionChangeRow | undefined): ScheduledPlanChange | null {
  if (!row) return null;
  return { planId: row.to_plan_id, period: row.to_period, effectiveAt: new Date(row.period_end).toISOString(), requestedAt: new Date(row.created_at).toISOString() };
}

const seats = (n: number) => `${n} seat${n === 1 ? '' : 's'}`;

/**
 * Plan changes while a paid term runs (README "Plan changes"): an upgrade is paid for now, prorated, and switches
 * when PhonePe confirms the payment; a downgrade or a switch of period waits for the period end. Owner only.
 */
@Injectable()
export class PlanChangeService {
  constructor(
    private readonly db: Database,
    private readonly changes: PlanChangeRepository,
    private readonly settlement: PlanChangeSettlement,
    private readonly paymentsService: PaymentsService,
    private readonly outbox: Outbox,
    private readonly access: WorkspaceAccess,
    private readonly audit: AuditLog,
    private readonly readCache: ReadCache,
    private readonly directory: WorkspaceDirectory,
  ) {}

  /** What a change would cost now, or when it would take effect; nothing is written. */
  quote(claims: UserClaims, planId: PlanId, period: BillingPeriod): Promise<PlanChangeQuote> {
    const plan = this.plan(planId);
    return this.db.asUser(claims, async (tx) => {
      const workspaceId = await this.access.owned(tx, claims.sub, 'change the plan').then((g) => g.workspaceId);
      return this.toQuote(await this.decide(tx, workspaceId, plan, period), plan, period);
    });
  }

  async change(claims: UserClaims, planId: PlanId, period: BillingPeriod, requestId: string | null): Promise<PlanChangeResponse> {
    const plan = this.plan(planId);
    const { workspaceId, ucid } = await this.db.asUser(claims, async (tx) => {
      const ucid = await this.directory.ucid(tx, claims.sub);
      if (!ucid) throw new NotFoundError('Workspace');
      return { workspaceId: await this.access.owned(tx, claims.sub, 'change the plan').then((g) => g.workspaceId), ucid };
    });
    const actor = { ...ownerActor(claims), requestId };
    type Outcome = { quote: PlanChangeQuote; scheduled: ScheduledPlanChange | null; checkout: { merchantOrderId: string; amount: number; url: string | null } | null; switched?: boolean };
    const outcome: Outcome = await this.db.asService(async (tx): Promise<Outcome> => {
      const decision = await this.decide(tx, workspaceId, plan, period, true);
      const quote = this.toQuote(decision, plan, period);
      const { term } = decision;
      const from = { workspace_id: workspaceId, from_plan_id: term.plan_id, from_period: term.period, to_plan_id: plan.id, to_period: period, period_end: term.current_period_end, requested_by: claims.sub };
      if (decision.kind === 'scheduled') {
        await this.settlement.dropScheduled(tx, workspaceId, ownerActor(claims), 'replaced by another change', requestId);
        const row = await this.changes.insert(tx, { ...from, kind: 'scheduled' }).catch((error: unknown) => {
        // A member joined between the count and the insert: the database's seat check refused it.
        if ((error as { constraint?: string }).constraint === 'subscription_changes_seat_limit') {
          throw new PlanChangeError('SEATS_IN_USE', `planId: ${plan.name} has ${seats(plan.seats)}, fewer than this workspace's members; remove members first.`);
        }
        throw error;
      });
        await this.audit.record(tx, { ...actor, action: 'subscription.change_scheduled', workspaceId, target: row.id, before: { planId: term.plan_id, period: term.period }, after: { planId, period, effectiveAt: row.period_end } });
        return { quote, scheduled: toScheduled(row), checkout: null };
      }
      if (decision.amount < MIN_CHARGE_PAISE) {
        // Below PhonePe's minimum there is nothing to pay: the switch is immediate and free.
        const row = await this.changes.insert(tx, { ...from, kind: 'upgrade', amount: 0 });
        await this.settlement.switchTo(tx, workspaceId, row, 'subscription.upgraded', { amount: 0, free: true }, actor);
        return { quote: { ...quote, amount: 0 }, scheduled: null, checkout: null, switched: true };
      }
      const open = await this.changes.openUpgrade(tx, workspaceId, plan.id, period, term.current_period_end);
      if (open) return { quote: { ...quote, amount: open.amount }, scheduled: null, checkout: { merchantOrderId: open.merchant_order_id, amount: open.amount, url: open.checkout_url } };
      const merchantOrderId = newMerchantOrderId(ucid);
      await this.changes.insertUpgradePayment(tx, { merchant_order_id: merchantOrderId, workspace_id: workspaceId, user_id: claims.sub, plan_id: plan.id, period, amount: decision.amount });
      const row = await this.changes.insert(tx, { ...from, kind: 'upgrade', amount: decision.amount, merchant_order_id: merchantOrderId });
      await this.outbox.add(tx, PaymentJobs.reconcile(merchantOrderId, 0, true));
      await this.audit.record(tx, { ...actor, action: 'subscription.upgrade_started', workspaceId, target: merchantOrderId, before: { planId: term.plan_id, period: term.period }, after: { planId, period, amount: decision.amount, change: row.id } });
      return { quote, scheduled: null, checkout: { merchantOrderId, amount: decision.amount, url: null } };
    });
    if (outcome.switched) await this.readCache.announce(workspaceId).catch(() => undefined);
    if (!outcome.checkout) return { ...outcome.quote, checkout: null, scheduled: outcome.scheduled };
    const { merchantOrderId, amount, url } = outcome.checkout;
    const checkout = url
      ? { merchantOrderId, amount, checkoutUrl: url, expiresAt: null }
      : await this.paymentsService.openCheckout(merchantOrderId, workspaceId, plan, period, amount, `RaptorFlow upgrade to ${plan.name} (${period})`);
    return { ...outcome.quote, amount, checkout, scheduled: null };
  }

  /** The scheduled change, if any (any member may see it). */
  state(claims: UserClaims): Promise<SubscriptionChangeState> {
    return this.db.asUser(claims, async (tx) => {
      const grant = await this.access.of(tx, claims.sub);
      if (!grant) throw new NotFoundError('Workspace');
      return { scheduled: toScheduled(await this.changes.scheduled(tx, grant.workspaceId)) };
    });
  }

  /** "Keep current plan": the scheduled change is cancelled (a no-op without one). */
  async keepCurrentPlan(claims: UserClaims, requestId: string | null): Promise<SubscriptionChangeState> {
    const workspaceId = await this.db.asUser(claims, (tx) => this.access.owned(tx, claims.sub, 'change the plan').then((g) => g.workspaceId));
    await this.db.asService((tx) => this.settlement.dropScheduled(tx, workspaceId, ownerActor(claims), 'kept the current plan', requestId));
    await this.readCache.announce(workspaceId).catch(() => undefined);
    return { scheduled: null };
  }

  /** A cancelled subscription before its period end becomes active again; after the end it is refused. */
  async resume(claims: UserClaims, requestId: string | null): Promise<{ status: 'active'; currentPeriodEnd: string }> {
    const workspaceId = await this.db.asUser(claims, (tx) => this.access.owned(tx, claims.sub, 'resume the subscription').then((g) => g.workspaceId));
    const row = await this.db.asService(async (tx) => {
      const term = await this.changes.term(tx, workspaceId, true);
      if (!term || term.status !== 'cancelled') {
        throw new PlanChangeError('SUBSCRIPTION_NOT_RUNNING', term?.status === 'active' ? 'The subscription is already active.' : 'There is no cancelled subscription to resume.');
      }
      const resumed = await this.changes.resume(tx, workspaceId);
      if (!resumed) {
        throw new PlanChangeError('RESUME_TOO_LATE', `The subscription ended on ${new Date(term.current_period_end).toISOString()}; choose a plan to start a new one.`);
      }
      await this.audit.record(tx, { ...ownerActor(claims), action: 'subscription.resume', workspaceId, before: { status: 'cancelled' }, after: { status: 'active' }, requestId });
      return resumed;
    });
    await this.readCache.announce(workspaceId).catch(() => undefined);
    return { status: 'active', currentPeriodEnd: new Date(row.current_period_end).toISOString() };
  }

  private plan(planId: string): Plan {
    const plan = findPlan(planId);
    if (!plan) throw new PlanChangeError('PLAN_NOT_FOUND', `planId: there is no plan "${planId}".`);
    return plan;
  }

  /** The rules of a change, in order; `lock` when the caller writes (the subscription row is locked). */
  private async decide(tx: Tx, workspaceId: string, plan: Plan, period: BillingPeriod, lock = false): Promise<Decision> {
    const now = new Date();
    const term = await this.changes.term(tx, workspaceId, lock);
    if (!term || !['active', 'cancelled'].includes(term.status) || new Date(term.current_period_end) <= now) {
      throw new PlanChangeError('SUBSCRIPTION_NOT_RUNNING', 'No paid term is running: choose a plan on the plan page instead.');
    }
    if (term.status === 'cancelled') throw new PlanChangeError('SUBSCRIPTION_CANCELLED', 'The subscription is cancelled: resume it before changing plan.');
    if (term.plan_id === plan.id && term.period === period) {
      throw new PlanChangeError('PLAN_UNCHANGED', `planId/period: the workspace is already on ${plan.name} (${period}ly). To drop a scheduled change, keep the current plan.`);
    }
    const scheduled = await this.changes.scheduled(tx, workspaceId);
    if (scheduled && new Date(term.current_period_end) > new Date(scheduled.period_end)) {
      // A renewal was already paid at the scheduled plan's price.
      throw new PlanChangeError('CHANGE_LOCKED', `The next period is already paid for on ${scheduled.to_plan_id} (${scheduled.to_period}ly); change plan again after ${new Date(scheduled.period_end).toISOString()}.`);
    }
    const current = findPlan(term.plan_id) as Plan;
    const quote = prorate({
      current: { planId: current.id, period: term.period, price: current.prices[term.period], periodStart: new Date(term.current_period_start), periodEnd: new Date(term.current_period_end) },
      target: { planId: plan.id, period, price: plan.prices[period] },
      now,
    });
    if (quote.kind === 'upgrade') return { kind: 'upgrade', amount: quote.amount, term };
    const members = await this.changes.memberCount(tx, workspaceId);
    if (members > plan.seats) {
      const free = members - plan.seats;
      throw new PlanChangeError(
        'SEATS_IN_USE',
        `planId: ${plan.name} has ${seats(plan.seats)} and this workspace has ${members} members; remove ${free} member${free === 1 ? '' : 's'} first.`,
        { members, seats: plan.seats, free },
      );
    }
    return { kind: 'scheduled', term };
  }

  private toQuote(decision: Decision, plan: Plan, period: BillingPeriod): PlanChangeQuote {
    return {
      kind: decision.kind,
      planId: plan.id,
      period,
      amount: decision.kind === 'upgrade' && decision.amount >= MIN_CHARGE_PAISE ? decision.amount : 0,
      effectiveAt: decision.kind === 'upgrade' ? new Date().toISOString() : new Date(decision.term.current_period_end).toISOString(),
    };
  }
}
