import { Injectable, Logger } from '@nestjs/common';
import { WorkspaceDirectory } from '@raptorflow/api-auth';
import { createHash } from 'node:crypto';
import {
  lateCaptureRefundEmail,
  Outbox,
  emailMessage,
  paymentFailedEmail,
  paymentReceiptEmail,
  refundCompletedEmail,
  welcomeEmail,
} from '@raptorflow/api-email';
import { TaxDocumentsService } from '@raptorflow/api-billing';
import { AppConfig, AuditEntry, AuditLog, Database, ReadCache, Tx } from '@raptorflow/api-platform';
import { findPlan } from '@raptorflow/contracts';
import { OrderStatus, PaymentGateway, RefundStatus, WebhookEvent } from './gateway/payment-gateway';
import { PaymentGatewayError, WebhookVerificationError } from './gateway/payment-gateway.errors';
import { MandateHints } from './mandates/mandate-hints';
import { PaymentsError } from './payments.errors';
import { PaymentJobs } from './payments.jobs';
import { PaymentRow, PaymentsRepository, RefundRow } from './payments.repository';
import { PlanChangeSettlement } from './plan-change.settlement';
import { awaitsProvider, decideOrder, lateCaptureRefundId } from './settlement.rules';

/** Who asks for a refund, for the audit row written with it. */
export type RefundActor = Pick<AuditEntry, 'actorId' | 'actorEmail' | 'actorKind' | 'reason' | 'requestId'>;

export interface Settled<T> {
  row: T;
  /** Whether this call moved money state. */
  changed: boolean;
}

/**
 * Settles payments and refunds. A webhook is only a hint: it is authenticated, stored and answered, and the
 * state that moves money comes from PhonePe's status API. Every move (payment state, subscription, refund,
 * and the emails and checks that must follow, written to the outbox) is one transaction.
 */
@Injectable()
export class PaymentSettlementService {
  private readonly logger = new Logger(PaymentSettlementService.name);

  constructor(
    private readonly db: Database,
    private readonly payments: PaymentsRepository,
    private readonly gateway: PaymentGateway,
    private readonly outbox: Outbox,
    private readonly config: AppConfig,
    private readonly readCache: ReadCache,
    private readonly taxDocuments: TaxDocumentsService,
    private readonly audit: AuditLog,
    private readonly directory: WorkspaceDirectory,
    private readonly mandateHints: MandateHints,
    private readonly planChanges: PlanChangeSettlement,
  ) {}

  /** Authenticates a PhonePe callback, records it once and, in the same transaction, owes a status check. */
  async handleWebhook(authorization: string | undefined, rawBody: string): Promise<{ outcome: string }> {
    let event: WebhookEvent;
    try {
      event = this.gateway.verifyWebhook(authorization, rawBody);
    } catch (error) {
      if (error instanceof WebhookVerificationError) {
        throw new PaymentsError('WEBHOOK_UNAUTHORIZED', error.reason === 'MALFORMED_BODY' ? 'Malformed webhook body' : 'Webhook authorization failed');
      }
      throw error;
    }
    if (event.kind === 'unknown') return { outcome: `ignored ${event.event}` };
    // Only a verbatim repeat is a duplicate: a claim seen first must not swallow a later, different callback.
    const bodyHash = createHash('sha256').update(rawBody).digest('hex').slice(0, 32);
    return this.db.asService(async (tx) => {
      if (event.kind === 'mandate') return this.mandateHints.record(tx, event, bodyHash);
      if (event.kind === 'order') {
        const fresh = await this.payments.recordWebhook(tx, `${event.event}:${event.merchantOrderId}:${bodyHash}`, event.event, event.merchantOrderId, event.state, event);
        if (!fresh) return { outcome: 'duplicate' };
        await this.mandateHints.setupOrderChanged(tx, event.merchantOrderId);
        const row = await this.payments.findByOrderId(tx, event.merchantOrderId);
        if (!row) return { outcome: 'unknown order' };
        if (awaitsProvider(row)) await this.outbox.add(tx, PaymentJobs.reconcile(row.merchant_order_id, row.status_checks, false));
        return { outcome: 'accepted' };
      }
      const fresh = await this.payments.recordWebhook(tx, `${event.event}:${event.merchantRefundId}:${bodyHash}`, event.event, event.originalMerchantOrderId, event.state, event);
      if (!fresh) return { outcome: 'duplicate' };
      const refund = await this.payments.findRefund(tx, event.merchantRefundId);
      if (!refund) return { outcome: 'unknown refund' };
      if (refund.state === 'PENDING') await this.outbox.add(tx, PaymentJobs.refund(refund.merchant_refund_id, refund.status_checks, false));
      return { outcome: 'accepted' };
    });
  }

  /**
   * Asks PhonePe for the order's state and settles it. Throws when PhonePe cannot be asked: the payment stays
   * as it is and the caller (job retry, sweep) asks again later.
   */
  async reconcile(merchantOrderId: string): Promise<PaymentRow | undefined> {
    const row = await this.db.asService((tx) => this.payments.findByOrderId(tx, merchantOrderId));
    if (!row || !awaitsProvider(row)) return row;
    let status: OrderStatus | 'NOT_FOUND';
    try {
      status = await this.gateway.getOrderStatus(merchantOrderId);
    } catch (error) {
      if (!(error instanceof PaymentGatewayError && error.code === 'NOT_FOUND')) throw error;
      status = 'NOT_FOUND';
    }
    return (await this.settleOrder(merchantOrderId, status))?.row;
  }

  /** Closes a checkout PhonePe refused to start (it has no order there). */
  async rejectCheckout(merchantOrderId: string): Promise<void> {
    await this.moveOrder(merchantOrderId, (tx, row) => this.fail(tx, row, 'PROVIDER_REJECTED', null));
  }

  private settleOrder(merchantOrderId: string, status: OrderStatus | 'NOT_FOUND'): Promise<Settled<PaymentRow> | undefined> {
    return this.moveOrder(merchantOrderId, async (tx, row) => {
      const decision = decideOrder(row, status, Date.now());
      const seen = status === 'NOT_FOUND' ? {} : { provider_order_id: status.orderId, last_payload: JSON.stringify(status) };
      const confirmed = status === 'NOT_FOUND' ? undefined : status;
      await this.payments.update(tx, merchantOrderId, { ...seen, status_checks: row.status_checks + 1 });
      switch (decision.kind) {
        case 'wait':
          return false;
        case 'complete': {
          if (row.purpose === 'upgrade') {
            await this.completeUpgrade(tx, row, decision.captured, confirmed?.paymentDetails.at(-1)?.transactionId ?? null);
            return true;
          }
          // Checkouts of two plans paid at once: the one that lands second would re-price the running term.
          // While a term runs, a renewal buys its plan, or the plan a scheduled change moves it to.
          const running = row.workspace_id ? await this.payments.runningSubscription(tx, row.workspace_id) : undefined;
          const renewal = running && row.workspace_id ? await this.planChanges.renewalPlan(tx, row.workspace_id, running) : undefined;
          if (renewal && (renewal.planId !== row.plan_id || renewal.period !== row.period)) {
            await this.fail(tx, row, 'PLAN_CHANGE_REQUIRED', null, false);
            await this.refundLateCapture(tx, row, decision.captured);
            return true;
          }
          await this.complete(tx, row, decision.captured, confirmed?.paymentDetails.at(-1)?.transactionId ?? null, !!renewal?.scheduled);
          return true;
        }
        case 'fail':
          await this.fail(tx, row, decision.errorCode, confirmed?.paymentDetails.at(-1)?.transactionId ?? null);
          return true;
        case 'refund-capture':
          if (row.state === 'PENDING') await this.fail(tx, row, decision.errorCode ?? 'AMOUNT_MISMATCH', null, false);
          await this.refundLateCapture(tx, row, decision.captured);
          return true;
      }
    });
  }

  /** Locks the payment, lets `move` change it, and tells readers of the workspace after the commit. */
  private async moveOrder(merchantOrderId: string, move: (tx: Tx, row: PaymentRow) => Promise<boolean>): Promise<Settled<PaymentRow> | undefined> {
    const result = await this.db.asService(async (tx) => {
      const row = await this.payments.findByOrderId(tx, merchantOrderId, true);
      if (!row) return undefined;
      const changed = await move(tx, row);
      return { row: (await this.payments.findByOrderId(tx, merchantOrderId)) as PaymentRow, changed };
    });
    if (result?.changed && result.row.workspace_id) {
      // The browser's next verify-profile must already see the new subscription.
      await this.readCache.announce(result.row.workspace_id).catch(() => undefined);
    }
    return result;
  }

  private async complete(tx: Tx, row: PaymentRow, captured: number, transactionId: string | null, intoScheduledChange = false): Promise<void> {
    const now = await this.markCompleted(tx, row, captured, transactionId);
    // A workspace deleted while its payment was pending has nothing left to extend; the money record stays.
    if (!row.workspace_id) return;
    // A renewal into a scheduled change adds the next term and keeps the plan until the change applies at the end;
    // any other purchase starts a term of its own, so a scheduled change left from an ended term is dropped.
    const term = intoScheduledChange
      ? { ...(await this.planChanges.extendKeepingPlan(tx, row.workspace_id, row.period)), firstActivation: false }
      : await this.payments.extendSubscription(tx, row.workspace_id, row.plan_id, row.period);
    if (!intoScheduledChange) await this.planChanges.dropScheduled(tx, row.workspace_id, { actorId: null, actorKind: 'system' }, 'a new term was bought');
    await this.mandateHints.termChanged(tx, row.workspace_id);
    await this.payments.update(tx, row.merchant_order_id, { covers_from: term.periodStart, covers_until: term.periodEnd });
    const contact = await this.invoiceAndReceipt(tx, row, row.workspace_id, now, term.periodEnd);
    if (contact && term.firstActivation) {
      await this.outbox.add(tx, emailMessage(contact.email, welcomeEmail({ customerName: contact.data.customerName, appUrl: `${this.config.WEB_URL}/app/dashboard` }), `welcome/${row.workspace_id}`));
    }
  }

  /**
   * A confirmed upgrade payment: the plan switches now, keeping the period end, when the subscription is still the
   * one it was quoted on; otherwise the payment fails and what was captured is refunded (the late-capture rule).
   */
  private async completeUpgrade(tx: Tx, row: PaymentRow, captured: number, transactionId: string | null): Promise<void> {
    const applied = await this.planChanges.applyUpgrade(tx, row);
    if (!applied || !row.workspace_id) {
      await this.fail(tx, row, 'PLAN_CHANGE_REQUIRED', null, false);
      await this.refundLateCapture(tx, row, captured);
      return;
    }
    const now = await this.markCompleted(tx, row, captured, transactionId);
    await this.invoiceAndReceipt(tx, row, row.workspace_id, now, applied.periodEnd, applied.description);
  }

  /** The payment is COMPLETED and applied now; returns that moment. */
  private async markCompleted(tx: Tx, row: PaymentRow, captured: number, transactionId: string | null): Promise<Date> {
    const now = new Date();
    await this.payments.update(tx, row.merchant_order_id, {
      state: 'COMPLETED',
      error_code: null,
      captured_amount: captured,
      provider_transaction_id: transactionId ?? row.provider_transaction_id,
      completed_at: now,
      applied_at: now,
    });
    return now;
  }

  /** Issues the payment's GST tax invoice and owes its receipt with the invoice attached; returns whom it mailed. */
  private async invoiceAndReceipt(tx: Tx, row: PaymentRow, workspaceId: string, paidAt: Date, periodEnd: Date, description?: string) {
    const id = row.merchant_order_id;
    // The GST tax invoice is numbered in this transaction: a settlement that rolls back consumes no number.
    const invoice = await this.taxDocuments.issueInvoice(tx, { merchantOrderId: id, workspaceId, amount: row.amount, planId: row.plan_id, period: row.period, paidAt, description });
    const contact = await this.contact(tx, row);
    if (!contact) return undefined;
    const receipt = paymentReceiptEmail({ ...contact.data, period: row.period, amountPaise: row.amount, merchantOrderId: id, paidAt, periodEnd, invoiceNumber: invoice.number });
    await this.outbox.add(tx, emailMessage(contact.email, receipt, `receipt/${id}`, [await this.taxDocuments.attachment(tx, invoice)]));
    return contact;
  }

  private async fail(tx: Tx, row: PaymentRow, errorCode: string, transactionId: string | null, email = true): Promise<boolean> {
    if (row.state !== 'PENDING') return false;
    await this.payments.update(tx, row.merchant_order_id, { state: 'FAILED', error_code: errorCode, provider_transaction_id: transactionId ?? row.provider_transaction_id });
    if (row.purpose === 'upgrade') await this.planChanges.closeUpgrade(tx, row.merchant_order_id);
    const contact = email ? await this.contact(tx, row) : undefined;
    if (!contact) return true;
    // An upgrade is retried from Settings' "Change plan", not the plan page (which refuses another plan mid-term).
    const retryUrl = row.purpose === 'upgrade' ? `${this.config.WEB_URL}/app/settings` : `${this.config.WEB_URL}/onboarding/payment?plan=${row.plan_id}&period=${row.period}`;
    const failed = paymentFailedEmail({ ...contact.data, period: row.period, amountPaise: row.amount, merchantOrderId: row.merchant_order_id, failedAt: new Date(), retryUrl });
    await this.outbox.add(tx, emailMessage(contact.email, failed, `payment-failed/${row.merchant_order_id}`));
    return true;
  }

  /** The late-capture rule (see settlement.rules): record the capture, reserve a full refund once, say so. */
  private async refundLateCapture(tx: Tx, row: PaymentRow, captured: number): Promise<void> {
    await this.payments.update(tx, row.merchant_order_id, { captured_amount: captured });
    const merchantRefundId = lateCaptureRefundId(row.merchant_order_id);
    const fresh = await this.payments.insertRefund(tx, {
      merchant_refund_id: merchantRefundId,
      merchant_order_id: row.merchant_order_id,
      amount: captured,
      reason: 'late_capture',
      requested_by: 'system:late-capture',
      provider_refund_id: null,
    });
    if (!fresh) return;
    this.logger.warn(`late capture of ${row.merchant_order_id}: refunding ${captured} paise as ${merchantRefundId}`);
    await this.outbox.add(tx, PaymentJobs.refund(merchantRefundId, 0, false));
    const contact = await this.contact(tx, row);
    if (!contact) return;
    const closed = (await this.payments.findByOrderId(tx, row.merchant_order_id))?.error_code;
    const email = lateCaptureRefundEmail({
      ...contact.data,
      period: row.period,
      amountPaise: captured,
      merchantOrderId: row.merchant_order_id,
      capturedAt: new Date(),
      why: closed === 'PLAN_CHANGE_REQUIRED' ? 'another-plan' : closed === 'AMOUNT_MISMATCH' ? 'wrong-amount' : 'closed',
    });
    await this.outbox.add(tx, emailMessage(contact.email, email, `late-capture/${row.merchant_order_id}`));
  }

  /**
   * Reserves a refund of a completed payment under its row lock (the amount counts against what was captured
   * before PhonePe is called) and owes its delivery to PhonePe in the same transaction.
   */
  reserveRefund(merchantOrderId: string, amount: number | undefined, actor: RefundActor, merchantRefundId: string): Promise<RefundRow> {
    const requestedBy = actor.actorId as string;
    return this.db.asService(async (tx) => {
      const row = await this.payments.findByOrderId(tx, merchantOrderId, true);
      if (!row) throw new PaymentsError('PAYMENT_NOT_FOUND', `Payment ${merchantOrderId} not found.`);
      if (row.state !== 'COMPLETED' || row.captured_amount === null) {
        throw new PaymentsError('REFUND_INVALID', `merchantOrderId: a ${row.state.toLowerCase()} payment cannot be refunded.`);
      }
      const refundable = row.captured_amount - (await this.payments.reservedTotal(tx, merchantOrderId));
      const value = amount ?? refundable;
      if (value < 100 || value > refundable) {
        throw new PaymentsError('REFUND_INVALID', `amount: ${refundable} paise of this payment can still be refunded (at least 100 per refund).`);
      }
      await this.payments.insertRefund(tx, { merchant_refund_id: merchantRefundId, merchant_order_id: merchantOrderId, amount: value, requested_by: requestedBy, provider_refund_id: null });
      await this.outbox.add(tx, PaymentJobs.refund(merchantRefundId, 0, false));
      await this.audit.record(tx, {
        ...actor,
        action: 'payment.refund',
        workspaceId: row.workspace_id,
        target: merchantOrderId,
        before: { refundable },
        after: { merchantRefundId, amount: value },
      });
      return (await this.payments.findRefund(tx, merchantRefundId)) as RefundRow;
    });
  }

  /**
   * Sends a reserved refund to PhonePe (safe to repeat: PhonePe refuses a second refund with the same
   * merchantRefundId) and settles it from PhonePe's refund status. Throws while PhonePe cannot be asked.
   */
  async pushRefund(merchantRefundId: string): Promise<RefundRow | undefined> {
    const refund = await this.db.asService((tx) => this.payments.findRefund(tx, merchantRefundId));
    if (!refund || refund.state !== 'PENDING') return refund;
    let refused = false;
    if (!refund.provider_refund_id) {
      try {
        const sent = await this.gateway.refund({ merchantRefundId, merchantOrderId: refund.merchant_order_id, amount: refund.amount });
        await this.db.asService((tx) => this.payments.updateRefund(tx, merchantRefundId, { provider_refund_id: sent.refundId }));
      } catch (error) {
        // Refused (or already there from an earlier attempt): the refund's status says which.
        if (!(error instanceof PaymentGatewayError && error.code === 'REJECTED')) throw error;
        refused = true;
      }
    }
    let status: RefundStatus | 'NOT_FOUND';
    try {
      status = await this.gateway.getRefundStatus(merchantRefundId);
    } catch (error) {
      // Unknown to PhonePe after it refused the refund call: it will never exist. Otherwise ask again later.
      if (!(refused && error instanceof PaymentGatewayError && error.code === 'NOT_FOUND')) throw error;
      status = 'NOT_FOUND';
    }
    return this.settleRefund(merchantRefundId, status);
  }

  private async settleRefund(merchantRefundId: string, status: RefundStatus | 'NOT_FOUND'): Promise<RefundRow | undefined> {
    const result = await this.db.asService(async (tx) => {
      const refund = await this.payments.findRefund(tx, merchantRefundId, true);
      if (!refund || refund.state !== 'PENDING') return { refund, workspaceId: null };
      // Refund row, then payment row; nothing locks in the other order (the total trigger takes the payment row too).
      const payment = (await this.payments.findByOrderId(tx, refund.merchant_order_id, true)) as PaymentRow;
      const state = status === 'NOT_FOUND' ? 'FAILED' : status.state;
      const checks = { status_checks: refund.status_checks + 1 };
      if (state === 'PENDING') {
        await this.payments.updateRefund(tx, merchantRefundId, { ...checks, provider_refund_id: status === 'NOT_FOUND' ? refund.provider_refund_id : status.refundId });
        return { refund: { ...refund, ...checks }, workspaceId: null };
      }
      const errorCode = status === 'NOT_FOUND' ? 'REFUND_REJECTED' : status.errorCode ?? (state === 'FAILED' ? 'REFUND_FAILED' : null);
      await this.payments.updateRefund(tx, merchantRefundId, {
        ...checks,
        state,
        error_code: errorCode,
        completed_at: state === 'COMPLETED' ? new Date() : null,
        provider_refund_id: status === 'NOT_FOUND' ? refund.provider_refund_id : status.refundId,
      });
      if (state === 'FAILED') {
        this.logger.warn(`refund ${merchantRefundId} of ${refund.merchant_order_id} failed: ${errorCode}`);
        return { refund: (await this.payments.findRefund(tx, merchantRefundId)) as RefundRow, workspaceId: null };
      }
      const after = (await this.payments.findByOrderId(tx, refund.merchant_order_id)) as PaymentRow;
      // The full-refund rule: a payment refunded in full no longer pays for its period; a partial refund
      // leaves the period as it is.
      const full = after.state === 'COMPLETED' && after.refunded_amount === after.captured_amount;
      if (full && after.workspace_id && after.covers_from && after.covers_until) {
        await this.payments.endRefundedPeriod(tx, after.workspace_id, after.covers_from, after.covers_until);
      }
      const refundedAt = new Date();
      // A credit note against the payment's invoice (a late capture was never invoiced, so it gets none).
      const note = await this.taxDocuments.issueCreditNote(tx, { merchantRefundId, merchantOrderId: refund.merchant_order_id, amount: refund.amount, refundedAt });
      const contact = await this.contact(tx, payment);
      if (contact) {
        const email = refundCompletedEmail({ customerName: contact.data.customerName, amountPaise: refund.amount, merchantOrderId: refund.merchant_order_id, merchantRefundId, refundedAt, creditNoteNumber: note?.number });
        await this.outbox.add(tx, emailMessage(contact.email, email, `refund/${merchantRefundId}`, note ? [await this.taxDocuments.attachment(tx, note)] : undefined));
      }
      return { refund: (await this.payments.findRefund(tx, merchantRefundId)) as RefundRow, workspaceId: full ? after.workspace_id : null };
    });
    if (result.workspaceId) await this.readCache.announce(result.workspaceId).catch(() => undefined);
    return result.refund;
  }

  private async contact(tx: Tx, row: PaymentRow): Promise<{ email: string; data: { customerName?: string; planName: string } } | undefined> {
    if (!row.workspace_id) return undefined;
    const contact = await this.directory.contact(tx, row.workspace_id, row.user_id);
    if (!contact) return undefined;
    return { email: contact.email, data: { customerName: contact.fullName ?? undefined, planName: findPlan(row.plan_id)?.name ?? row.plan_id } };
  }
}
