import { Injectable } from '@nestjs/common';
import { Tx } from '@raptorflow/api-platform';
import type { MandateState } from '@raptorflow/contracts';
import { sql } from 'kysely';
import type { PausedBy } from './mandate.rules';

export interface MandateRow {
  id: string;
  workspace_id: string;
  user_id: string | null;
  merchant_subscription_id: string;
  provider_subscription_id: string | null;
  setup_order_id: string;
  plan_id: 'starter' | 'growth' | 'pro';
  period: 'month' | 'year';
  state: MandateState;
  paused_by: PausedBy;
  max_amount: number;
  amount: number;
  frequency: 'MONTHLY' | 'YEARLY';
  valid_until: Date;
  next_debit_at: Date | null;
  next_debit_amount: number | null;
  status_checks: number;
  created_at: Date;
}

export type DebitState = 'scheduled' | 'notified' | 'executing' | 'completed' | 'failed' | 'skipped';
export interface DebitRow {
  id: string;
  mandate_id: string;
  cycle_end: Date;
  attempt: number;
  merchant_order_id: string;
  amount: number;
  due_at: Date;
  state: DebitState;
  notified_at: Date | null;
  executed_at: Date | null;
  error_code: string | null;
  provider_order_id: string | null;
  checks: number;
  updated_at: Date;
}

// The columns `authenticated` may select (migration 20261202120000).
const VISIBLE = sql`id, workspace_id, plan_id, period, state, paused_by, max_amount, amount, frequency, valid_until, next_debit_at, next_debit_amount, created_at`;
export type MandateViewRow = Pick<MandateRow, 'id' | 'workspace_id' | 'plan_id' | 'period' | 'state' | 'paused_by' | 'max_amount' | 'amount' | 'frequency' | 'valid_until' | 'next_debit_at' | 'next_debit_amount' | 'created_at'>;

/** A cycle that is due for its first attempt, or whose last attempt failed. */
export interface DueCycle {
  mandate_id: string;
  cycle_end: Date;
  attempt: number | null;
  failed_at: Date | null;
  /** The running term's plan and period (the renewal may be for a scheduled change's). */
  term_plan_id: string;
  term_period: string;
}

/** All Autopay SQL (mandates, mandate_debits). Callers choose the transaction, as in PaymentsRepository. */
@Injectable()
export class MandatesRepository {
  async insert(tx: Tx, row: Pick<MandateRow, 'workspace_id' | 'user_id' | 'merchant_subscription_id' | 'setup_order_id' | 'plan_id' | 'period' | 'max_amount' | 'amount' | 'frequency' | 'valid_until'>): Promise<MandateRow> {
    const result = await sql<MandateRow>`
      insert into public.mandates (workspace_id, user_id, merchant_subscription_id, setup_order_id, plan_id, period, max_amount, amount, frequency, valid_until)
      values (${row.workspace_id}, ${row.user_id}, ${row.merchant_subscription_id}, ${row.setup_order_id}, ${row.plan_id}, ${row.period}, ${row.max_amount}, ${row.amount}, ${row.frequency}, ${row.valid_until})
      returning *`.execute(tx);
    return result.rows[0];
  }

  async bySubscriptionId(tx: Tx, merchantSubscriptionId: string, lock = false): Promise<MandateRow | undefined> {
    const result = lock
      ? await sql<MandateRow>`select * from public.mandates where merchant_subscription_id = ${merchantSubscriptionId} for update`.execute(tx)
      : await sql<MandateRow>`select * from public.mandates where merchant_subscription_id = ${merchantSubscriptionId}`.execute(tx);
    return result.rows[0];
  }

  async bySetupOrder(tx: Tx, merchantOrderId: string): Promise<MandateRow | undefined> {
    return (await sql<MandateRow>`select * from public.mandates where setup_order_id = ${merchantOrderId}`.execute(tx)).rows[0];
  }

  async byId(tx: Tx, id: string, lock = false): Promise<MandateRow | undefined> {
    const result = lock
      ? await sql<MandateRow>`select * from public.mandates where id = ${id} for update`.execute(tx)
      : await sql<MandateRow>`select * from public.mandates where id = ${id}`.execute(tx);
    return result.rows[0];
  }

  /** The workspace's mandate that matters now: the running one, else the latest. Runs asUser (owner RLS) or as service. */
  async current(tx: Tx, workspaceId: string): Promise<MandateViewRow | undefined> {
    const result = await sql<MandateViewRow>`
      select ${VISIBLE} from public.mandates where workspace_id = ${workspaceId}
      order by (state in ('active', 'paused')) desc, created_at desc limit 1`.execute(tx);
    return result.rows[0];
  }

  async running(tx: Tx, workspaceId: string, lock = false): Promise<MandateRow | undefined> {
    const lockClause = lock ? sql`for update` : sql``;
    const result = await sql<MandateRow>`select * from public.mandates where workspace_id = ${workspaceId} and state in ('active', 'paused') ${lockClause}`.execute(tx);
    return result.rows[0];
  }

  async update(tx: Tx, id: string, changes: Partial<Pick<MandateRow, 'state' | 'paused_by' | 'provider_subscription_id' | 'status_checks' | 'next_debit_at' | 'next_debit_amount' | 'plan_id' | 'amount'>> & { last_payload?: unknown }): Promise<void> {
    const sets = Object.entries(changes).map(([column, value]) => sql`${sql.ref(column)} = ${column === 'last_payload' ? JSON.stringify(value) : value}`);
    if (sets.length === 0) return;
    await sql`update public.mandates set ${sql.join(sets)} where id = ${id}`.execute(tx);
  }

  /** A setup of this plan the founder started that can still be approved (service role: it reads the checkout URL). */
  async openSetup(tx: Tx, workspaceId: string, planId: string, period: string): Promise<{ merchant_order_id: string; checkout_url: string; amount: number; max_amount: number } | undefined> {
    const result = await sql<{ merchant_order_id: string; checkout_url: string; amount: number; max_amount: number }>`
      select p.merchant_order_id, p.checkout_url, p.amount, m.max_amount from public.mandates m
      join public.payment_transactions p on p.merchant_order_id = m.setup_order_id
      where m.workspace_id = ${workspaceId} and m.plan_id = ${planId} and m.period = ${period} and m.state = 'pending'
        and p.state = 'PENDING' and p.checkout_url is not null and p.expire_at > now() + interval '2 minutes'
      order by m.created_at desc limit 1`.execute(tx);
    return result.rows[0];
  }

  /** Pending setups PhonePe has not decided yet, for the sweep. */
  async pending(tx: Tx, olderThanSeconds: number): Promise<{ merchant_subscription_id: string; status_checks: number }[]> {
    const result = await sql<{ merchant_subscription_id: string; status_checks: number }>`
      select merchant_subscription_id, status_checks from public.mandates
      where state = 'pending' and created_at < now() - make_interval(secs => ${olderThanSeconds}) and created_at > now() - interval '1 day'
      order by created_at limit 500`.execute(tx);
    return result.rows;
  }

  /**
   * Cycles owed an attempt (a cycle is its period end to the millisecond: what a JS Date carries): active mandates whose subscription (same plan and period, still renewing) ends
   * within the notice lead and has no attempt for that period end; and cycles whose latest attempt failed.
   */
  async dueCycles(tx: Tx, leadMs: number, mandateId: string | null): Promise<DueCycle[]> {
    const only = mandateId ? sql`and m.id = ${mandateId}` : sql``;
    const result = await sql<DueCycle>`
      select m.id as mandate_id, date_trunc('milliseconds', s.current_period_end) as cycle_end, last.attempt, case when last.state = 'failed' then last.updated_at end as failed_at,
        s.plan_id as term_plan_id, s.period as term_period
      from public.mandates m
      join public.subscriptions s on s.workspace_id = m.workspace_id
      left join lateral (
        select d.attempt, d.state, d.updated_at from public.mandate_debits d
        where d.mandate_id = m.id and d.cycle_end = date_trunc('milliseconds', s.current_period_end) order by d.attempt desc limit 1
      ) last on true
      where m.state = 'active' ${only}
        and s.status in ('active', 'past_due') and s.period = m.period
        and s.current_period_end <= now() + make_interval(secs => ${leadMs / 1000})
        and s.current_period_end < m.valid_until
        and (last.attempt is null or last.state = 'failed')
      limit 500`.execute(tx);
    return result.rows;
  }

  /** False when that attempt exists already (two planners, one row). */
  async insertDebit(tx: Tx, row: Pick<DebitRow, 'mandate_id' | 'cycle_end' | 'attempt' | 'merchant_order_id' | 'amount' | 'due_at'>): Promise<boolean> {
    const result = await sql<{ id: string }>`
      insert into public.mandate_debits (mandate_id, cycle_end, attempt, merchant_order_id, amount, due_at)
      values (${row.mandate_id}, ${row.cycle_end}, ${row.attempt}, ${row.merchant_order_id}, ${row.amount}, ${row.due_at})
      on conflict do nothing returning id`.execute(tx);
    return result.rows.length > 0;
  }

  async debit(tx: Tx, id: string, lock = false): Promise<DebitRow | undefined> {
    const lockClause = lock ? sql`for update` : sql``;
    return (await sql<DebitRow>`select * from public.mandate_debits where id = ${id} ${lockClause}`.execute(tx)).rows[0];
  }

  async updateDebit(tx: Tx, id: string, changes: Partial<Pick<DebitRow, 'state' | 'notified_at' | 'executed_at' | 'error_code' | 'provider_order_id' | 'checks' | 'due_at'>>): Promise<void> {
    const sets = Object.entries(changes).map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
    if (sets.length === 0) return;
    await sql`update public.mandate_debits set ${sql.join(sets)} where id = ${id}`.execute(tx);
  }

  /** Debits still in flight, for the sweep (and one mandate's, for its planner). */
  async liveDebits(tx: Tx, mandateId: string | null): Promise<DebitRow[]> {
    const only = mandateId ? sql`and mandate_id = ${mandateId}` : sql``;
    return (await sql<DebitRow>`select * from public.mandate_debits where state in ('scheduled', 'notified', 'executing') ${only} order by due_at limit 500`.execute(tx)).rows;
  }

  /** Cycles whose last attempt failed with none left: the subscription is past_due (once). */
  async markPastDue(tx: Tx, mandateId: string, cycleEnd: Date): Promise<boolean> {
    const result = await sql`
      update public.subscriptions s set status = 'past_due'
      from public.mandates m
      where m.id = ${mandateId} and s.workspace_id = m.workspace_id and date_trunc('milliseconds', s.current_period_end) = ${cycleEnd} and s.status = 'active'`.execute(tx);
    return Number(result.numAffectedRows ?? 0) > 0;
  }

  /** The next debit the card shows: the live attempt, else the period end of a running subscription. */
  async refreshNextDebit(tx: Tx, mandateId: string): Promise<void> {
    await sql`
      update public.mandates m set
        next_debit_at = case when m.state = 'active' then coalesce(
          (select d.due_at from public.mandate_debits d where d.mandate_id = m.id and d.state in ('scheduled', 'notified', 'executing') order by d.due_at limit 1),
          (select s.current_period_end from public.subscriptions s where s.workspace_id = m.workspace_id and s.status in ('active', 'past_due')
             and s.period = m.period and s.current_period_end < m.valid_until)) end,
        next_debit_amount = case when m.state = 'active' then m.amount end
      where m.id = ${mandateId}`.execute(tx);
  }
}
