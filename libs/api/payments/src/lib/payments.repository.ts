import { Injectable } from '@nestjs/common';
import { Tx } from '@raptorflow/api-platform';
import type { PaymentTransactionsTable, RefundsTable } from '@raptorflow/api-platform';
import type { Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';

export type PaymentRow = Selectable<PaymentTransactionsTable>;
export type RefundRow = Selectable<RefundsTable>;
type PaymentChanges = Partial<Omit<PaymentRow, 'id' | 'merchant_order_id' | 'created_at' | 'updated_at' | 'refunded_amount'>>;
type RefundChanges = Partial<Pick<RefundRow, 'state' | 'provider_refund_id' | 'error_code' | 'completed_at' | 'status_checks'>>;

// The columns `authenticated` may select (migrations 20261201110000, 20261201110100): payloads, checkout URLs,
// provider ids and who asked for a refund are read by the service role only.
const USER_VISIBLE = ['merchant_order_id', 'plan_id', 'period', 'purpose', 'amount', 'state', 'error_code', 'refunded_amount', 'captured_amount', 'created_at', 'completed_at'] as const;
export type PaymentViewRow = Pick<PaymentRow, (typeof USER_VISIBLE)[number]>;
const REFUND_VISIBLE = ['merchant_refund_id', 'merchant_order_id', 'amount', 'state', 'reason', 'created_at', 'completed_at'] as const;
export type RefundViewRow = Pick<RefundRow, (typeof REFUND_VISIBLE)[number]>;

export interface RunningSubscription {
  plan_id: string;
  period: string;
  status: string;
  current_period_end: Date;
}

/** All payment SQL. Callers choose the transaction: asUser for reads a user makes, asService for settlement. */
@Injectable()
export class PaymentsRepository {
  findByOrderId(tx: Tx, merchantOrderId: string, lock = false): Promise<PaymentRow | undefined> {
    const query = tx.selectFrom('payment_transactions').selectAll().where('merchant_order_id', '=', merchantOrderId);
    return (lock ? query.forUpdate() : query).executeTakeFirst();
  }

  /** What a member may see of a payment; asUser, so row-level security decides which. */
  viewByOrderId(tx: Tx, merchantOrderId: string): Promise<PaymentViewRow | undefined> {
    return tx.selectFrom('payment_transactions').select(USER_VISIBLE).where('merchant_order_id', '=', merchantOrderId).executeTakeFirst();
  }

  /** A checkout of the same plan this user started that can still be paid (service role: it reads the checkout URL). */
  findOpenCheckout(tx: Tx, workspaceId: string, userId: string, planId: string, period: string): Promise<PaymentRow | undefined> {
    return tx
      .selectFrom('payment_transactions')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .where('plan_id', '=', planId as PaymentRow['plan_id'])
      .where('period', '=', period as PaymentRow['period'])
      .where('state', '=', 'PENDING')
      .where('purpose', '=', 'subscription')
      .where('checkout_url', 'is not', null)
      .where('expire_at', '>', sql<Date>`now() + interval '2 minutes'`)
      // An Autopay setup order is its own checkout (mandates.service.ts), not a one-time payment to resume.
      .where(sql<boolean>`not exists (select 1 from public.mandates m where m.setup_order_id = payment_transactions.merchant_order_id)`)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
  }

  /** The workspace's paid term while it still runs (active, or cancelled but not yet at its end). */
  runningSubscription(tx: Tx, workspaceId: string): Promise<RunningSubscription | undefined> {
    return tx
      .selectFrom('subscriptions')
      .select(['plan_id', 'period', 'status', 'current_period_end'])
      .where('workspace_id', '=', workspaceId)
      .where('status', 'in', ['active', 'cancelled'])
      .where('current_period_end', '>', sql<Date>`now()`)
      .executeTakeFirst();
  }

  insertPending(tx: Tx, row: Pick<PaymentRow, 'merchant_order_id' | 'workspace_id' | 'user_id' | 'plan_id' | 'period' | 'amount'>): Promise<PaymentRow> {
    return tx.insertInto('payment_transactions').values(row).returningAll().executeTakeFirstOrThrow();
  }

  update(tx: Tx, merchantOrderId: string, changes: PaymentChanges) {
    return tx.updateTable('payment_transactions').set(changes).where('merchant_order_id', '=', merchantOrderId).executeTakeFirst();
  }

  history(tx: Tx, workspaceId: string): Promise<PaymentViewRow[]> {
    return tx.selectFrom('payment_transactions').select(USER_VISIBLE).where('workspace_id', '=', workspaceId).orderBy('created_at', 'desc').limit(100).execute();
  }

  /** What a member may see of a payment's refunds. */
  refundsOf(tx: Tx, merchantOrderIds: string[]): Promise<RefundViewRow[]> {
    if (merchantOrderIds.length === 0) return Promise.resolve([]);
    return tx.selectFrom('refunds').select(REFUND_VISIBLE).where('merchant_order_id', 'in', merchantOrderIds).orderBy('created_at').execute();
  }

  /**
   * What the sweeper re-checks: payments pending for two minutes, and payments we failed on our own
   * (expired, never created) in the last day, which PhonePe may still complete (a late capture).
   */
  dueForCheck(tx: Tx, seconds: number): Promise<{ merchant_order_id: string; status_checks: number }[]> {
    return tx
      .selectFrom('payment_transactions')
      .select(['merchant_order_id', 'status_checks'])
      .where('created_at', '<', sql<Date>`now() - make_interval(secs => ${seconds})`)
      .where((eb) =>
        eb.or([
          eb('state', '=', 'PENDING'),
          eb.and([
            eb('state', '=', 'FAILED'),
            eb('captured_amount', 'is', null),
            eb('error_code', 'in', ['EXPIRED', 'ORDER_NOT_CREATED']),
            eb('created_at', '>', sql<Date>`now() - interval '1 day'`),
          ]),
        ]),
      )
      .orderBy('created_at')
      .limit(500)
      .execute();
  }

  pendingRefunds(tx: Tx, seconds: number): Promise<{ merchant_refund_id: string; status_checks: number }[]> {
    return tx
      .selectFrom('refunds')
      .select(['merchant_refund_id', 'status_checks'])
      .where('state', '=', 'PENDING')
      .where('created_at', '<', sql<Date>`now() - make_interval(secs => ${seconds})`)
      .orderBy('created_at')
      .limit(500)
      .execute();
  }

  /** False when this exact event was seen before. */
  async recordWebhook(tx: Tx, dedupeKey: string, event: string, merchantOrderId: string | null, state: string | null, payload: unknown): Promise<boolean> {
    const row = await tx
      .insertInto('webhook_events')
      .values({ dedupe_key: dedupeKey, event, merchant_order_id: merchantOrderId, state, payload: JSON.stringify(payload), outcome: null })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    return !!row;
  }

  /**
   * Activates or extends the workspace subscription by one period from the later of now and the current
   * period end (an expired subscription starts afresh). Returns the period this payment covers and whether
   * this is the first activation.
   */
  async extendSubscription(
    tx: Tx,
    workspaceId: string,
    planId: string,
    period: 'month' | 'year',
  ): Promise<{ firstActivation: boolean; periodStart: Date; periodEnd: Date }> {
    const interval = period === 'year' ? '1 year' : '1 month';
    const existing = await tx.selectFrom('subscriptions').select('id').where('workspace_id', '=', workspaceId).forUpdate().executeTakeFirst();
    const start = sql`greatest(now(), case when subscriptions.status = 'expired' then now() else subscriptions.current_period_end end)`;
    const row = await sql<{ current_period_start: Date; current_period_end: Date }>`
      insert into public.subscriptions (workspace_id, plan_id, period, status, current_period_start, current_period_end)
      values (${workspaceId}, ${planId}, ${period}, 'active', now(), now() + ${interval}::interval)
      on conflict (workspace_id) do update set
        plan_id = excluded.plan_id,
        period = excluded.period,
        status = 'active',
        trial_ends_at = null,
        current_period_start = ${start},
        current_period_end = ${start} + ${interval}::interval
      returning current_period_start, current_period_end`.execute(tx);
    return { firstActivation: !existing, periodStart: row.rows[0].current_period_start, periodEnd: row.rows[0].current_period_end };
  }

  /**
   * Takes the period a fully refunded payment paid for off the subscription; a subscription left with no
   * time ends now.
   */
  async endRefundedPeriod(tx: Tx, workspaceId: string, coversFrom: Date, coversUntil: Date): Promise<void> {
    const length = sql`(${coversUntil}::timestamptz - ${coversFrom}::timestamptz)`;
    await sql`
      update public.subscriptions set
        status = case when current_period_end - ${length} <= now() then 'expired' else status end,
        current_period_start = case when current_period_end - ${length} <= now() then least(current_period_start, now() - interval '1 second') else current_period_start end,
        current_period_end = case when current_period_end - ${length} <= now() then now() else current_period_end - ${length} end
      where workspace_id = ${workspaceId} and status in ('active', 'cancelled', 'past_due')`.execute(tx);
  }

  async cancelSubscription(tx: Tx, workspaceId: string): Promise<{ current_period_end: Date; previous_status: string } | undefined> {
    const running = await tx
      .selectFrom('subscriptions')
      .select('status')
      .where('workspace_id', '=', workspaceId)
      .where('status', 'in', ['active', 'trialing', 'past_due'])
      .forUpdate()
      .executeTakeFirst();
    if (!running) return undefined;
    const row = await tx.updateTable('subscriptions').set({ status: 'cancelled' }).where('workspace_id', '=', workspaceId).returning('current_period_end').executeTakeFirstOrThrow();
    return { ...row, previous_status: running.status };
  }

  findRefund(tx: Tx, merchantRefundId: string, lock = false): Promise<RefundRow | undefined> {
    const query = tx.selectFrom('refunds').selectAll().where('merchant_refund_id', '=', merchantRefundId);
    return (lock ? query.forUpdate() : query).executeTakeFirst();
  }

  /** Reserved (PENDING) plus COMPLETED refunds of a payment. Lock the payment row first. */
  async reservedTotal(tx: Tx, merchantOrderId: string): Promise<number> {
    const row = await tx
      .selectFrom('refunds')
      .select(sql<number>`coalesce(sum(amount), 0)::int`.as('total'))
      .where('merchant_order_id', '=', merchantOrderId)
      .where('state', '<>', 'FAILED')
      .executeTakeFirstOrThrow();
    return row.total;
  }

  /** False when the refund already exists (a late capture is refunded once). */
  async insertRefund(tx: Tx, refund: Insertable<RefundsTable>): Promise<boolean> {
    const row = await tx.insertInto('refunds').values(refund).onConflict((oc) => oc.doNothing()).returning('merchant_refund_id').executeTakeFirst();
    return !!row;
  }

  updateRefund(tx: Tx, merchantRefundId: string, changes: RefundChanges) {
    return tx.updateTable('refunds').set(changes).where('merchant_refund_id', '=', merchantRefundId).executeTakeFirst();
  }
}
