import { Injectable } from '@nestjs/common';
import { Tx } from '@raptorflow/api-platform';
import { sql } from 'kysely';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const likePrefix = (text: string): string => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The operator console's reads across workspaces (service role: callers are operators, checked by the guard). */
@Injectable()
export class OpsRepository {
  async searchUsers(tx: Tx, q: string) {
    return tx
      .selectFrom('users as u')
      .innerJoin('workspace_members as m', 'm.user_id', 'u.id')
      .innerJoin('workspaces as w', 'w.id', 'm.workspace_id')
      .select(['u.id', 'u.email', 'u.ucid', 'm.role', 'w.id as workspace_id', 'w.name as workspace_name'])
      .where((eb) =>
        eb.or([
          eb('u.ucid', '=', q.toUpperCase()),
          eb(sql`lower(u.email)`, 'like', likePrefix(q.toLowerCase())),
          ...(UUID.test(q) ? [eb('u.id', '=', q)] : []),
        ]),
      )
      .orderBy('u.email')
      .limit(20)
      .execute();
  }

  async searchWorkspaces(tx: Tx, q: string) {
    return tx
      .selectFrom('workspaces')
      .select(['id', 'name'])
      .where((eb) => (UUID.test(q) ? eb('id', '=', q) : eb('name', 'ilike', `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)))
      .orderBy('created_at', 'desc')
      .limit(20)
      .execute();
  }

  async searchOrders(tx: Tx, q: string) {
    const payments = await tx.selectFrom('payment_transactions').select(['merchant_order_id', 'workspace_id']).where('merchant_order_id', '=', q).execute();
    const refunds = await tx
      .selectFrom('refunds as r')
      .innerJoin('payment_transactions as p', 'p.merchant_order_id', 'r.merchant_order_id')
      .select(['r.merchant_refund_id', 'r.merchant_order_id', 'p.workspace_id'])
      .where('r.merchant_refund_id', '=', q)
      .execute();
    return { payments, refunds };
  }

  workspace(tx: Tx, workspaceId: string) {
    return tx.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).executeTakeFirst();
  }

  members(tx: Tx, workspaceId: string) {
    return tx
      .selectFrom('workspace_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.id', 'u.email', 'u.full_name', 'u.ucid', 'm.role'])
      .where('m.workspace_id', '=', workspaceId)
      .orderBy('m.created_at')
      .execute();
  }

  invitations(tx: Tx, workspaceId: string) {
    return tx.selectFrom('workspace_invitations').select(['email', 'role', 'created_at']).where('workspace_id', '=', workspaceId).orderBy('created_at').execute();
  }

  subscription(tx: Tx, workspaceId: string, lock = false) {
    const query = tx.selectFrom('subscriptions').selectAll().where('workspace_id', '=', workspaceId);
    return (lock ? query.forUpdate() : query).executeTakeFirst();
  }

  updateSubscription(tx: Tx, workspaceId: string, changes: { status?: 'active' | 'expired'; current_period_end: Date }) {
    return tx.updateTable('subscriptions').set(changes).where('workspace_id', '=', workspaceId).returningAll().executeTakeFirstOrThrow();
  }

  bcmState(tx: Tx, workspaceId: string) {
    return tx.selectFrom('bcm_state').select(['latest_version', 'status']).where('workspace_id', '=', workspaceId).executeTakeFirst();
  }

  webhooks(tx: Tx, merchantOrderId: string) {
    return tx.selectFrom('webhook_events').select(['id', 'event', 'state', 'outcome', 'received_at', 'payload']).where('merchant_order_id', '=', merchantOrderId).orderBy('id').execute();
  }

  history(tx: Tx, merchantOrderId: string) {
    return tx.selectFrom('payment_history').selectAll().where('merchant_order_id', '=', merchantOrderId).orderBy('id').execute();
  }

  /** Outbox messages about the order or its refunds (their job ids embed those ids). */
  outbox(tx: Tx, ids: string[]) {
    return tx
      .selectFrom('outbox')
      .select(['job_id', 'queue', 'job_name', 'attempts', 'available_at', 'delivered_at', 'last_error', 'created_at'])
      .where((eb) => eb.or(ids.map((id) => eb(sql`strpos(job_id, ${id})`, '>', 0))))
      .orderBy('id')
      .execute();
  }

  outboxMessage(tx: Tx, jobId: string) {
    return tx.selectFrom('outbox').select(['queue', 'job_name', 'data', 'opts']).where('job_id', '=', jobId).executeTakeFirst();
  }

  audit(tx: Tx, filter: { workspaceId?: string; target?: string }, limit = 500) {
    let query = tx.selectFrom('audit_log').selectAll();
    if (filter.workspaceId) query = query.where('workspace_id', '=', filter.workspaceId);
    if (filter.target) query = query.where('target', '=', filter.target);
    return query.orderBy('id', 'desc').limit(limit).execute();
  }

  countAudit(tx: Tx, action: string, target: string): Promise<number> {
    return tx
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', '=', action)
      .where('target', '=', target)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  }
}
