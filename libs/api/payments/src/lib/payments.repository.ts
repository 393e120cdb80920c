import { Injectable } from '@nestjs/common';
import { Tx } from '@raptorflow/api-platform';
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { PaymentTransactionsTable } from '@raptorflow/api-platform';

export type PaymentRow = Selectable<PaymentTransactionsTable>;

// The columns `authenticated` may select (migration 20261201110000): payloads, checkout URLs and provider ids are
// read by the service role only.
const USER_VISIBLE = ['merchant_order_id', 'plan_id', 'period', 'amount', 'state', 'error_code', 'refunded_amount', 'created_at', 'completed_at'] as const;
export type PaymentViewRow = Pick<PaymentRow, (typeof USER_VISIBLE)[number]>;

/** Payment SQL. Callers choose the transaction: asUser for reads a user makes, asService for settlement. */
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
      .where('checkout_url', 'is not', null)
      .where('expire_at', '>', sql<Date>`now() + interval '2 minutes'`)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
  }

  insertPending(tx: Tx, row: Pick<PaymentRow, 'merchant_order_id' | 'workspace_id' | 'user_id' | 'plan_id' | 'period' | 'amount'>): Promise<PaymentRow> {
    return tx.insertInto('payment_transactions').values(row).returningAll().executeTakeFirstOrThrow();
  }

  update(tx: Tx, merchantOrderId: string, changes: Partial<Omit<PaymentRow, 'id' | 'merchant_order_id' | 'created_at' | 'updated_at'>>) {
    return tx.updateTable('payment_transactions').set(changes).where('merchant_order_id', '=', merchantOrderId).executeTakeFirst();
  }

  history(tx: Tx, workspaceId: string): Promise<PaymentViewRow[]> {
    return tx.selectFrom('payment_transactions').select(USER_VISIBLE).where('workspace_id', '=', workspaceId).orderBy('created_at', 'desc').limit(100).execute();
  }

  pendingOlderThan(tx: Tx, seconds: number): Promise<string[]> {
    return tx
      .selectFrom('payment_transactions')
      .select('merchant_order_id')
      .where('state', '=', 'PENDING')
      .where('created_at', '<', sql<Date>`now() - make_interval(secs => ${seconds})`)
      .orderBy('created_at')
      .limit(500)
      .execute()
      .then((rows) => rows.map((r) => r.merchant_order_id));
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
   * period end (an expired subscription starts afresh). Returns whether this is the first activation.
   */
  async extendSubscription(tx: Tx, workspaceId: string, planId: string, period: 'month' | 'year'): Promise<{ firstActivation: boolean; periodEnd: Date }> {
    const interval = period === 'year' ? '1 year' : '1 month';
    const existing = await tx.selectFrom('subscriptions').select('id').where('workspace_id', '=', workspaceId).forUpdate().executeTakeFirst();
    const row = await sql<{ current_period_end: Date }>`
      insert into public.subscriptions (workspace_id, plan_id, period, status, current_period_start, current_period_end)
      values (${workspaceId}, ${planId}, ${period}, 'active', now(), now() + ${interval}::interval)
      on conflict (workspace_id) do update set
        plan_id = excluded.plan_id,
        period = excluded.period,
        status = 'active',
        trial_ends_at = null,
        current_period_start = greatest(now(), case when subscriptions.status = 'expired' then now() else subscriptions.current_period_end end),
        current_period_end = greatest(now(), case when subscriptions.status = 'expired' then now() else subscriptions.current_period_end end) + ${interval}::interval
      returning current_period_end`.execute(tx);
    return { firstActivation: !existing, periodEnd: row.rows[0].current_period_end };
  }

  async ownerContact(tx: Tx, workspaceId: string, userId: string | null): Promise<{ email: string; fullName: string | null } | undefined> {
    return tx
      .selectFrom('users')
      .select(['email', 'full_name as fullName'])
      .where((eb) => (userId ? eb('id', '=', userId) : eb('id', '=', eb.selectFrom('workspaces').select('owner_id').where('id', '=', workspaceId))))
      .executeTakeFirst();
  }
}
