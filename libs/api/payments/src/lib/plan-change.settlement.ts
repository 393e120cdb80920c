import { Injectable, Logger } from '@nestjs/common';
import { AuditLog, Database, ReadCache, Tx } from '@raptorflow/api-platform';
import { findPlan, type BillingPeriod, type PlanId } from '@raptorflow/contracts';
import { PlanChangeRepository, SubscriptionChangeRow } from './plan-change.repository';
import type { PaymentRow } from './payments.repository';

const SYSTEM = { actorId: null, actorKind: 'system' as const };
export type ChangeActor = { actorId: string | null; actorEmail?: string | null; actorKind: 'owner' | 'system'; requestId?: string | null };

/** What a renewal payment may buy while a term runs: its own plan, or the scheduled change's, taking effect at the end. */
export interface RenewalPlan {
  planId: PlanId;
  period: BillingPeriod;
  scheduled: SubscriptionChangeRow | undefined;
}

/**
 * The settlement side of plan changes, inside the caller's service transaction: an upgrade payment switches the
 * plan once confirmed; renewals honour a scheduled change; scheduled changes apply at the period end.
 */
@Injectable()
export class PlanChangeSettlement {
  private readonly logger = new Logger(PlanChangeSettlement.name);

  constructor(
    private readonly db: Database,
    private readonly changes: PlanChangeRepository,
    private readonly audit: AuditLog,
    private readonly readCache: ReadCache,
  ) {}

  /**
   * Applies the upgrade an order paid for: only while the subscription is still on the plan, period and period end
   * it was quoted against. Returns the invoice line, or undefined when the quote went stale (the caller refunds).
   */
  async applyUpgrade(tx: Tx, row: PaymentRow): Promise<{ periodEnd: Date; description: string } | undefined> {
    const change = await this.changes.upgradeOf(tx, row.merchant_order_id, true);
    if (!change || change.status !== 'pending' || !row.workspace_id) return undefined;
    const term = await this.changes.term(tx, row.workspace_id, true);
    const stillQuoted =
      !!term &&
      ['active', 'cancelled'].includes(term.status) &&
      term.plan_id === change.from_plan_id &&
      term.period === change.from_period &&
      new Date(term.current_period_end).getTime() === new Date(change.period_end).getTime() &&
      new Date(term.current_period_end).getTime() > Date.now();
    if (!stillQuoted) {
      await this.changes.resolve(tx, change.id, 'cancelled');
      this.logger.warn(`upgrade ${row.merchant_order_id} no longer matches the subscription: refunded`);
      return undefined;
    }
    await this.switchTo(tx, row.workspace_id, change, 'subscription.upgraded', { merchantOrderId: row.merchant_order_id, amount: change.amount });
    const from = findPlan(change.from_plan_id)?.name ?? change.from_plan_id;
    const to = findPlan(change.to_plan_id)?.name ?? change.to_plan_id;
    return {
      periodEnd: term.current_period_end,
      description: `RaptorFlow ${to} plan (${change.to_period}ly), upgrade from ${from} prorated to ${indianDate(term.current_period_end)} (software as a service)`,
    };
  }

  /** An upgrade whose payment failed is over. */
  async closeUpgrade(tx: Tx, merchantOrderId: string): Promise<void> {
    const change = await this.changes.upgradeOf(tx, merchantOrderId, true);
    if (change?.status === 'pending') await this.changes.resolve(tx, change.id, 'cancelled');
  }

  extendKeepingPlan(tx: Tx, workspaceId: string, period: BillingPeriod) {
    return this.changes.extendKeepingPlan(tx, workspaceId, period);
  }

  /** Switches the plan now (keeping the term), records the change applied and drops a scheduled one it replaces. */
  async switchTo(tx: Tx, workspaceId: string, change: SubscriptionChangeRow, action: string, after: Record<string, unknown>, actor: ChangeActor = SYSTEM): Promise<void> {
    await this.changes.switchPlan(tx, workspaceId, change.to_plan_id, change.to_period);
    await this.changes.resolve(tx, change.id, 'applied');
    await this.dropScheduled(tx, workspaceId, SYSTEM, 'replaced by an upgrade');
    await this.audit.record(tx, {
      ...actor,
      action,
      workspaceId,
      target: change.id,
      before: { planId: change.from_plan_id, period: change.from_period },
      after: { planId: change.to_plan_id, period: change.to_period, ...after },
    });
  }

  /** The plan and period a renewal must be for while `term` runs. */
  async renewalPlan(tx: Tx, workspaceId: string, term: { plan_id: string; period: string }): Promise<RenewalPlan> {
    // With a change scheduled, every renewal before it applies is for the plan it moves to.
    const scheduled = await this.changes.scheduled(tx, workspaceId);
    if (scheduled) {
      return { planId: scheduled.to_plan_id, period: scheduled.to_period, scheduled };
    }
    return { planId: term.plan_id as PlanId, period: term.period as BillingPeriod, scheduled: undefined };
  }

  /** Cancels the pending scheduled change, if any (cancel, "keep current plan", an upgrade, a fresh term). */
  async dropScheduled(tx: Tx, workspaceId: string, actor: ChangeActor, reason: string, requestId: string | null = null): Promise<SubscriptionChangeRow | undefined> {
    const scheduled = await this.changes.scheduled(tx, workspaceId, true);
    if (!scheduled) return undefined;
    await this.changes.resolve(tx, scheduled.id, 'cancelled');
    await this.audit.record(tx, {
      ...actor,
      action: 'subscription.change_cancelled',
      workspaceId,
      target: scheduled.id,
      before: { planId: scheduled.to_plan_id, period: scheduled.to_period, effectiveAt: scheduled.period_end },
      reason,
      requestId,
    });
    return scheduled;
  }

  /**
   * The period-end sweep: every scheduled change whose time has come switches the plan, when the subscription is
   * still the one it was scheduled on (same plan and period, and not a fresh term bought after the end).
   */
  async applyDue(): Promise<number> {
    const due = await this.db.asService((tx) => this.changes.due(tx));
    let applied = 0;
    for (const { id, workspace_id } of due) {
      const done = await this.db.asService(async (tx) => {
        const term = await this.changes.term(tx, workspace_id, true);
        const change = await this.changes.findById(tx, id, true);
        if (!change || change.status !== 'pending') return false;
        const sameTerm =
          !!term && term.plan_id === change.from_plan_id && term.period === change.from_period && new Date(term.current_period_start).getTime() <= new Date(change.period_end).getTime();
        if (!sameTerm) {
          await this.changes.resolve(tx, id, 'cancelled');
          await this.audit.record(tx, { ...SYSTEM, action: 'subscription.change_cancelled', workspaceId: workspace_id, target: id, reason: 'the subscription changed before the period end' });
          return true;
        }
        await this.changes.applyScheduled(tx, workspace_id, change);
        await this.changes.resolve(tx, id, 'applied');
        await this.audit.record(tx, {
          ...SYSTEM,
          action: 'subscription.change_applied',
          workspaceId: workspace_id,
          target: id,
          before: { planId: change.from_plan_id, period: change.from_period },
          after: { planId: change.to_plan_id, period: change.to_period },
        });
        applied += 1;
        return true;
      });
      if (done) await this.readCache.announce(workspace_id).catch(() => undefined);
    }
    return applied;
  }
}

function indianDate(date: Date): string {
  return new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Asia/Kolkata' }).format(new Date(date));
}
