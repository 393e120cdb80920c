import { Injectable } from '@nestjs/common';
import { Tx } from '@raptorflow/api-platform';
import type { SubscriptionChangesTable } from '@raptorflow/api-platform';
import type { BillingPeriod, PlanId } from '@raptorflow/contracts';
import type { Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';

export type SubscriptionChangeRow = Selectable<SubscriptionChangesTable>;

export interface SubscriptionTerm {
  plan_id: PlanId;
  period: BillingPeriod;
  status: string;
  current_period_start: Date;
  current_period_end: Date;
}

/** The SQL of plan changes (subscription_changes, and the subscription's plan when one applies). */
@Injectable()
export class PlanChangeRepository {
  term(tx: Tx, workspaceId: string, lock = false): Promise<SubscriptionTerm | undefined> {
    const query = tx
      .selectFrom('subscriptions')
      .select(['plan_id', 'period', 'status', 'current_period_start', 'current_period_end'])
      .where('workspace_id', '=', workspaceId);
    return (lock ? query.forUpdate() : query).executeTakeFirst();
  }

  async memberCount(tx: Tx, workspaceId: string): Promise<number> {
    const row = await tx.selectFrom('workspace_members').select(sql<number>`count(*)::int`.as('n')).where('workspace_id', '=', workspaceId).executeTakeFirstOrThrow();
    return row.n;
  }

  /** The workspace's pending scheduled change (at most one: a unique index). */
  scheduled(tx: Tx, workspaceId: string, lock = false): Promise<SubscriptionChangeRow | undefined> {
    const query = tx.selectFrom('subscription_changes').selectAll().where('workspace_id', '=', workspaceId).where('kind', '=', 'scheduled').where('status', '=', 'pending');
    return (lock ? query.forUpdate() : query).executeTakeFirst();
  }

  insert(tx: Tx, change: Insertable<SubscriptionChangesTable>): Promise<SubscriptionChangeRow> {
    return tx.insertInto('subscription_changes').values(change).returningAll().executeTakeFirstOrThrow();
  }

  resolve(tx: Tx, id: string, status: 'applied' | 'cancelled') {
    return tx.updateTable('subscription_changes').set({ status, resolved_at: new Date() }).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  }

  upgradeOf(tx: Tx, merchantOrderId: string, lock = false): Promise<SubscriptionChangeRow | undefined> {
    const query = tx.selectFrom('subscription_changes').selectAll().where('merchant_order_id', '=', merchantOrderId);
    return (lock ? query.forUpdate() : query).executeTakeFirst();
  }

  /** An upgrade checkout of this target still open against this period end (service role: it reads the checkout URL). */
  openUpgrade(tx: Tx, workspaceId: string, planId: PlanId, period: BillingPeriod, periodEnd: Date) {
    return tx
      .selectFrom('subscription_changes as c')
      .innerJoin('payment_transactions as p', 'p.merchant_order_id', 'c.merchant_order_id')
      .selectAll('p')
      .where('c.workspace_id', '=', workspaceId)
      .where('c.status', '=', 'pending')
      .where('c.kind', '=', 'upgrade')
      .where('c.to_plan_id', '=', planId)
      .where('c.to_period', '=', period)
      .where('c.period_end', '=', periodEnd)
      .where('p.state', '=', 'PENDING')
      .where('p.checkout_url', 'is not', null)
      .where('p.expire_at', '>', sql<Date>`now() + interval '2 minutes'`)
      .orderBy('p.created_at', 'desc')
      .executeTakeFirst();
  }

  /** The PENDING payment of an upgrade (purpose 'upgrade'), recorded before PhonePe hears of it. */
  insertUpgradePayment(tx: Tx, row: { merchant_order_id: string; workspace_id: string; user_id: string; plan_id: PlanId; period: BillingPeriod; amount: number }) {
    return tx.insertInto('payment_transactions').values({ ...row, purpose: 'upgrade' }).executeTakeFirstOrThrow();
  }

  /** Changes the plan and period; the term (start and end) stays as it is. */
  switchPlan(tx: Tx, workspaceId: string, planId: PlanId, period: BillingPeriod) {
    return tx.updateTable('subscriptions').set({ plan_id: planId, period }).where('workspace_id', '=', workspaceId).executeTakeFirst();
  }

  /**
   * A renewal paid at a scheduled change's price: one `period` is added at the end, and plan and period start stay
   * until the change applies (applyScheduled).
   */
  async extendKeepingPlan(tx: Tx, workspaceId: string, period: BillingPeriod): Promise<{ periodStart: Date; periodEnd: Date }> {
    const interval = period === 'year' ? '1 year' : '1 month';
    const row = await sql<{ start: Date; end: Date }>`
      update public.subscriptions set status = 'active', current_period_end = current_period_end + ${interval}::interval
      where workspace_id = ${workspaceId}
      returning current_period_end - ${interval}::interval as start, current_period_end as "end"`.execute(tx);
    return { periodStart: row.rows[0].start, periodEnd: row.rows[0].end };
  }

  /** A scheduled change at its time: the plan switches, and a term paid on beyond it starts at the change. */
  applyScheduled(tx: Tx, workspaceId: string, change: SubscriptionChangeRow) {
    return sql`
      update public.subscriptions set plan_id = ${change.to_plan_id}, period = ${change.to_period},
        current_period_start = case when current_period_end > ${change.period_end} then ${change.period_end} else current_period_start end
      where workspace_id = ${workspaceId}`.execute(tx);
  }

  /** Scheduled changes whose period end has come. */
  async due(tx: Tx, limit = 200): Promise<{ id: string; workspace_id: string }[]> {
    return tx
      .selectFrom('subscription_changes')
      .select(['id', 'workspace_id'])
      .where('kind', '=', 'scheduled')
      .where('status', '=', 'pending')
      .where('period_end', '<=', sql<Date>`now()`)
      .orderBy('period_end')
      .limit(limit)
      .execute();
  }

  findById(tx: Tx, id: string, lock = false): Promise<SubscriptionChangeRow | undefined> {
    const query = tx.selectFrom('subscription_changes').selectAll().where('id', '=', id);
    return (lock ? query.forUpdate() : query).executeTakeFirst();
  }

  /** Back to active before the period end; undefined when it is not cancelled or its period is over. */
  resume(tx: Tx, workspaceId: string): Promise<{ current_period_end: Date } | undefined> {
    return tx
      .updateTable('subscriptions')
      .set({ status: 'active' })
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'cancelled')
      .where('current_period_end', '>', sql<Date>`now()`)
      .returning('current_period_end')
      .executeTakeFirst();
  }
}
