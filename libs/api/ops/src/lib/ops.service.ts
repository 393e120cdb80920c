import { Injectable } from '@nestjs/common';
import { BcmRebuildQueue } from '@raptorflow/api-bcm';
import { BillingRepository, GstMonthExport } from '@raptorflow/api-billing';
import { emailJobId, Outbox, OutboxMessage } from '@raptorflow/api-email';
import { PaymentSettlementService, PaymentsRepository, PaymentsService, toPaymentView, toRefundView } from '@raptorflow/api-payments';
import { AuditEntry, AuditLog, Database, ServiceUnavailableError, Tx, UserClaims } from '@raptorflow/api-platform';
import type { Selectable } from 'kysely';
import type { AuditLogTable } from '@raptorflow/api-platform';
import type { AuditEntryView, OpsPaymentStory, OpsQueues, OpsSearchHit, OpsStoryEvent, OpsWorkspace, RefundView } from '@raptorflow/contracts';
import { OpsError } from './ops.errors';
import { OpsQueueName, OpsQueuesService } from './ops.queues';
import { OpsRepository } from './ops.repository';

const DAY_MS = 24 * 60 * 60 * 1000;
const iso = (d: Date | string | null): string | null => (d ? new Date(d).toISOString() : null);

/** Who acts and why: every operator action writes one audit row with these. */
export interface OpsActor {
  claims: UserClaims;
  reason: string;
  requestId: string | null;
}

export function toAuditView(row: Selectable<AuditLogTable>): AuditEntryView {
  return {
    id: String(row.id),
    at: new Date(row.at).toISOString(),
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    actorKind: row.actor_kind,
    action: row.action,
    workspaceId: row.workspace_id,
    target: row.target,
    before: row.before,
    after: row.after,
    reason: row.reason,
    requestId: row.request_id,
  };
}

@Injectable()
export class OpsService {
  constructor(
    private readonly db: Database,
    private readonly ops: OpsRepository,
    private readonly payments: PaymentsRepository,
    private readonly paymentsService: PaymentsService,
    private readonly settlement: PaymentSettlementService,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly bcmQueue: BcmRebuildQueue,
    private readonly billing: BillingRepository,
    private readonly gstExport: GstMonthExport,
    private readonly jobQueues: OpsQueuesService,
  ) {}

  search(q: string): Promise<OpsSearchHit[]> {
    const text = q.trim();
    return this.db.asService(async (tx) => {
      const [users, workspaces, orders] = await Promise.all([this.ops.searchUsers(tx, text), this.ops.searchWorkspaces(tx, text), this.ops.searchOrders(tx, text)]);
      return [
        ...orders.payments.map((p): OpsSearchHit => ({ kind: 'payment', workspaceId: p.workspace_id, label: p.merchant_order_id, merchantOrderId: p.merchant_order_id })),
        ...orders.refunds.map((r): OpsSearchHit => ({ kind: 'refund', workspaceId: r.workspace_id, label: `${r.merchant_refund_id} (${r.merchant_order_id})`, merchantOrderId: r.merchant_order_id })),
        ...users.map((u): OpsSearchHit => ({ kind: 'user', workspaceId: u.workspace_id, label: `${u.email} · ${u.ucid} · ${u.role} of ${u.workspace_name}`, merchantOrderId: null })),
        ...workspaces.map((w): OpsSearchHit => ({ kind: 'workspace', workspaceId: w.id, label: w.name, merchantOrderId: null })),
      ];
    });
  }

  workspace(workspaceId: string): Promise<OpsWorkspace> {
    return this.db.asService(async (tx) => {
      const ws = await this.ops.workspace(tx, workspaceId);
      if (!ws) throw new OpsError('WORKSPACE_NOT_FOUND', `workspaceId: there is no workspace ${workspaceId}.`);
      const [members, invitations, sub, rows, bcm, documents] = await Promise.all([
        this.ops.members(tx, workspaceId),
        this.ops.invitations(tx, workspaceId),
        this.ops.subscription(tx, workspaceId),
        this.payments.history(tx, workspaceId),
        this.ops.bcmState(tx, workspaceId),
        this.billing.listDocuments(tx, workspaceId),
      ]);
      const refunds = await this.payments.refundsOf(tx, rows.map((r) => r.merchant_order_id));
      return {
        id: ws.id,
        name: ws.name,
        ownerId: ws.owner_id,
        onboardingStatus: ws.onboarding_status,
        createdAt: new Date(ws.created_at).toISOString(),
        members: members.map((m) => ({ userId: m.id, email: m.email, fullName: m.full_name, ucid: m.ucid, role: m.role })),
        invitations: invitations.map((i) => ({ email: i.email, role: i.role, createdAt: new Date(i.created_at).toISOString() })),
        subscription: sub
          ? { planId: sub.plan_id, period: sub.period, status: sub.status, currentPeriodStart: new Date(sub.current_period_start).toISOString(), currentPeriodEnd: new Date(sub.current_period_end).toISOString(), trialEndsAt: iso(sub.trial_ends_at) }
          : null,
        payments: rows.map((row) => toPaymentView(row, refunds)),
        taxDocuments: documents.map((d) => ({ id: d.id, kind: d.kind, number: d.number, issuedAt: new Date(d.issued_at).toISOString(), total: d.total })),
        manifestVersion: bcm?.latest_version ?? null,
        bcmStatus: bcm?.status ?? null,
      };
    });
  }

  /** The month's GSTR-1 CSV for the accountant; who exported it is in the audit trail. */
  gstExportCsv(month: string, actor: Pick<OpsActor, 'claims' | 'requestId'>): Promise<string> {
    return this.db.asService(async (tx) => {
      await this.audit.record(tx, { actorId: actor.claims.sub, actorEmail: actor.claims.email ?? null, actorKind: 'operator', action: 'gst.export', target: month, requestId: actor.requestId });
      return this.gstExport.csv(tx, month);
    });
  }

  /** Everything the tables record about one payment, oldest first. */
  story(merchantOrderId: string): Promise<OpsPaymentStory> {
    return this.db.asService(async (tx) => {
      const row = await this.payments.findByOrderId(tx, merchantOrderId);
      if (!row) throw new OpsError('PAYMENT_NOT_FOUND', `merchantOrderId: there is no payment ${merchantOrderId}.`);
      const refunds = await this.payments.refundsOf(tx, [merchantOrderId]);
      const [webhooks, history, outbox, audit] = await Promise.all([
        this.ops.webhooks(tx, merchantOrderId),
        this.ops.history(tx, merchantOrderId),
        this.ops.outbox(tx, [merchantOrderId, ...refunds.map((r) => r.merchant_refund_id)]),
        this.ops.audit(tx, { target: merchantOrderId }),
      ]);
      const events: OpsStoryEvent[] = [
        { at: new Date(row.created_at).toISOString(), kind: 'request', summary: `Checkout requested: ${row.amount} paise for ${row.plan_id} (${row.period})`, detail: { providerOrderId: row.provider_order_id, expireAt: iso(row.expire_at) } },
        ...webhooks.map((w): OpsStoryEvent => ({
          at: new Date(w.received_at).toISOString(),
          kind: 'webhook',
          // Only callbacks whose Authorization matched are stored; refused ones are answered 401 and not kept.
          summary: `Webhook ${w.event} (${w.state ?? 'no state'}): authorization verified`,
          detail: { outcome: w.outcome, payload: w.payload },
        })),
        ...history.map((h): OpsStoryEvent => {
          const subject = h.merchant_refund_id ? `Refund ${h.merchant_refund_id}` : 'Payment';
          if (h.kind === 'status_check') return { at: new Date(h.at).toISOString(), kind: 'status_check', summary: `${subject}: PhonePe status checked (${h.to_state})`, detail: { state: h.to_state } };
          if (h.kind === 'created') return { at: new Date(h.at).toISOString(), kind: h.merchant_refund_id ? 'refund' : 'transition', summary: `${subject} created as ${h.to_state}`, detail: { state: h.to_state } };
          return { at: new Date(h.at).toISOString(), kind: 'transition', summary: `${subject}: ${h.from_state} → ${h.to_state}${h.error_code ? ` (${h.error_code})` : ''}`, detail: { from: h.from_state, to: h.to_state, errorCode: h.error_code } };
        }),
        ...outbox.map((o): OpsStoryEvent => ({
          at: new Date(o.created_at).toISOString(),
          kind: 'outbox',
          summary: `Outbox ${o.queue}/${o.job_name} ${o.job_id}: ${o.delivered_at ? 'delivered' : 'not delivered yet'} after ${o.attempts} attempt(s)`,
          detail: { jobId: o.job_id, attempts: o.attempts, availableAt: iso(o.available_at), deliveredAt: iso(o.delivered_at), lastError: o.last_error },
        })),
        ...audit.map((a): OpsStoryEvent => ({ at: new Date(a.at).toISOString(), kind: 'audit', summary: `${a.action} by ${a.actor_email ?? a.actor_kind}${a.reason ? `: ${a.reason}` : ''}`, detail: { after: a.after } })),
      ];
      events.sort((a, b) => a.at.localeCompare(b.at));
      return {
        payment: { ...toPaymentView(row, refunds), workspaceId: row.workspace_id, userId: row.user_id, capturedAmount: row.captured_amount, providerOrderId: row.provider_order_id },
        refunds: refunds.map(toRefundView),
        events,
      };
    });
  }

  /** Asks PhonePe now; a settled payment is left as it is. */
  async reconcile(merchantOrderId: string, actor: OpsActor): Promise<OpsPaymentStory> {
    const before = await this.db.asService((tx) => this.payments.findByOrderId(tx, merchantOrderId));
    if (!before) throw new OpsError('PAYMENT_NOT_FOUND', `merchantOrderId: there is no payment ${merchantOrderId}.`);
    const after = await this.settlement.reconcile(merchantOrderId).catch(() => {
      throw new ServiceUnavailableError('PhonePe is not answering; the scheduled checks keep trying.');
    });
    // The settlement commits its own transaction; the audit row follows it.
    await this.db.asService((tx) => this.record(tx, actor, { action: 'payment.reconcile', workspaceId: before.workspace_id, target: merchantOrderId, before: { state: before.state }, after: { state: after?.state ?? before.state } }));
    return this.story(merchantOrderId);
  }

  refund(merchantOrderId: string, amount: number | undefined, actor: OpsActor): Promise<RefundView> {
    return this.paymentsService.refund(actor.claims, merchantOrderId, amount, actor.reason, actor.requestId);
  }

  /** Sends the payment's receipt again through the outbox, under a new idempotency key per resend. */
  resendReceipt(merchantOrderId: string, actor: OpsActor): Promise<{ jobId: string }> {
    return this.db.asService(async (tx) => {
      const row = await this.payments.findByOrderId(tx, merchantOrderId, true);
      if (!row) throw new OpsError('PAYMENT_NOT_FOUND', `merchantOrderId: there is no payment ${merchantOrderId}.`);
      const original = await this.ops.outboxMessage(tx, emailJobId(`receipt/${merchantOrderId}`));
      if (!original) throw new OpsError('RECEIPT_UNAVAILABLE', `merchantOrderId: no receipt was sent for ${merchantOrderId} in the last week.`);
      const n = (await this.ops.countAudit(tx, 'payment.resend_receipt', merchantOrderId)) + 1;
      const key = `receipt/${merchantOrderId}/resend-${n}`;
      const data = original.data as { message: unknown };
      const message: OutboxMessage = { queue: original.queue, name: original.job_name, jobId: emailJobId(key), data: { message: data.message, idempotencyKey: key }, opts: original.opts as OutboxMessage['opts'] };
      await this.outbox.add(tx, message);
      await this.record(tx, actor, { action: 'payment.resend_receipt', workspaceId: row.workspace_id, target: merchantOrderId, after: { jobId: message.jobId } });
      return { jobId: message.jobId };
    });
  }

  /** Extends the paid period by some days, or ends the subscription now. */
  changeSubscription(workspaceId: string, change: { action: 'extend' | 'end'; days?: number }, actor: OpsActor): Promise<OpsWorkspace> {
    return this.db
      .asService(async (tx) => {
        const sub = await this.ops.subscription(tx, workspaceId, true);
        if (!sub) throw new OpsError('SUBSCRIPTION_NOT_FOUND', `workspaceId: workspace ${workspaceId} has no subscription.`);
        const now = new Date();
        const updated =
          change.action === 'extend'
            ? await this.ops.updateSubscription(tx, workspaceId, {
                status: 'active',
                current_period_end: new Date(Math.max(new Date(sub.current_period_end).getTime(), now.getTime()) + (change.days ?? 30) * DAY_MS),
              })
            : await this.ops.updateSubscription(tx, workspaceId, { status: 'expired', current_period_end: new Date(Math.max(now.getTime(), new Date(sub.current_period_start).getTime() + 1000)) });
        await this.record(tx, actor, {
          action: `subscription.${change.action}`,
          workspaceId,
          target: workspaceId,
          before: { status: sub.status, currentPeriodEnd: iso(sub.current_period_end) },
          after: { status: updated.status, currentPeriodEnd: iso(updated.current_period_end), days: change.action === 'extend' ? (change.days ?? 30) : undefined },
        });
      })
      .then(() => this.workspace(workspaceId));
  }

  /** Queues a BCM rebuild outside the plan's daily limit (the worker coalesces it with any waiting one). */
  async rebuildBcm(workspaceId: string, actor: OpsActor): Promise<{ jobId: string }> {
    if (!(await this.db.asService((tx) => this.ops.workspace(tx, workspaceId)))) throw new OpsError('WORKSPACE_NOT_FOUND', `workspaceId: there is no workspace ${workspaceId}.`);
    if (!this.bcmQueue.available) throw new ServiceUnavailableError('Rebuilds are paused for a moment; please try again shortly.');
    const jobId = await this.bcmQueue.enqueue(workspaceId, 'manual');
    await this.db.asService((tx) => this.record(tx, actor, { action: 'bcm.rebuild', workspaceId, target: workspaceId, after: { jobId } }));
    return { jobId };
  }

  queues(): Promise<OpsQueues> {
    return this.jobQueues.overview();
  }

  /** Puts a failed job back in its queue; the audit row follows the retry (Redis is never called inside a transaction). */
  async retryJob(queue: OpsQueueName, jobId: string, actor: OpsActor): Promise<OpsQueues> {
    const job = await this.jobQueues.retry(queue, jobId);
    const target = `${queue}/${jobId}`;
    await this.db.asService((tx) => this.record(tx, actor, { action: 'queue.retry', target, before: { state: 'failed', attemptsMade: job.attemptsMade, failedReason: job.failedReason }, after: { state: 'waiting' } }));
    return this.jobQueues.overview();
  }

  auditEntries(filter: { workspaceId?: string; target?: string }): Promise<AuditEntryView[]> {
    return this.db.asService(async (tx) => (await this.ops.audit(tx, filter, 5000)).map(toAuditView));
  }

  private record(tx: Tx, actor: OpsActor, entry: Omit<AuditEntry, 'actorId' | 'actorEmail' | 'actorKind' | 'reason' | 'requestId'>): Promise<void> {
    return this.audit.record(tx, { ...entry, actorId: actor.claims.sub, actorEmail: actor.claims.email ?? null, actorKind: 'operator', reason: actor.reason, requestId: actor.requestId });
  }
}
