import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { findPlan, type PaymentView, type TaxDocumentView } from '@raptorflow/contracts';
import { IndianDateTimePipe, formatRupees } from '@raptorflow/web-ui';

/** What a founder reads in the Status column: a refund changes "Paid" to "Refunded" or "Partly refunded". */
export function paymentStatusLabel(payment: PaymentView): string {
  if (payment.state === 'PENDING') return 'Pending';
  if (payment.state === 'FAILED') return payment.failureReason ? `Failed: ${payment.failureReason}` : 'Failed';
  if (payment.refundedAmount >= payment.amount) return 'Refunded';
  return payment.refundedAmount > 0 ? 'Partly refunded' : 'Paid';
}

/** Refunded (COMPLETED) amount, what is still on its way back, and whether it was a late payment. */
export function refundLabel(payment: PaymentView): string {
  const pending = payment.refunds.filter((r) => r.state === 'PENDING').reduce((sum, r) => sum + r.amount, 0);
  const parts = [...(payment.refundedAmount > 0 ? [formatRupees(payment.refundedAmount)] : []), ...(pending > 0 ? [`${formatRupees(pending)} pending`] : [])];
  if (parts.length === 0) return '–';
  return `${parts.join(' + ')}${payment.refunds.some((r) => r.reason === 'late_capture') ? ' (late payment)' : ''}`;
}

export function planLabel(payment: PaymentView): string {
  const plan = `${findPlan(payment.planId)?.name ?? payment.planId} (${payment.period === 'year' ? 'yearly' : 'monthly'})`;
  return payment.purpose === 'upgrade' ? `Upgrade to ${plan}` : plan;
}

/**
 * The one billing-history table (plan page and Settings): each payment with its status, refunds, and its GST
 * invoice and credit notes to download. The host loads the rows and saves the PDF (`download`).
 */
@Component({
  selector: 'rf-billing-history-table',
  imports: [IndianDateTimePipe, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (payments().length === 0) {
      <p class="rf-muted" data-testid="billing-history">No payments yet.</p>
    } @else {
      <div class="rf-table-scroll" tabindex="0" role="region" aria-label="Billing history table">
        <table aria-label="Billing history" data-testid="billing-history">
          <thead>
            <tr>
              <th scope="col">Date</th><th scope="col">Plan</th><th scope="col">Amount</th><th scope="col">Status</th><th scope="col">Refunded</th>
              @if (showDocuments()) {
                <th scope="col">Tax documents</th>
              }
            </tr>
          </thead>
          <tbody>
            @for (payment of payments(); track payment.merchantOrderId) {
              <tr>
                <td>{{ payment.createdAt | inDateTime }}</td>
                <td>{{ plan(payment) }}</td>
                <td>{{ rupees(payment.amount) }}</td>
                <td><span class="rf-chip" [attr.data-state]="payment.state">{{ status(payment) }}</span></td>
                <td>{{ refunded(payment) }}</td>
                @if (showDocuments()) {
                  <td>
                    @for (doc of documentsOf().get(payment.merchantOrderId) ?? []; track doc.id) {
                      <button mat-button type="button" [attr.aria-label]="(doc.kind === 'invoice' ? 'Download tax invoice ' : 'Download credit note ') + doc.number" (click)="download.emit(doc)">
                        {{ doc.kind === 'invoice' ? '' : 'Credit note ' }}{{ doc.number }}
                      </button>
                    } @empty {
                      –
                    }
                  </td>
                }
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
  `,
  styles: `
    :host { display: block; }
    .rf-muted { color: var(--mat-sys-on-surface-variant); font-size: 0.875rem; }
    table { width: 100%; border-collapse: collapse; font-size: 0.875rem; }
    th, td { text-align: left; padding: 8px; border-bottom: 1px solid var(--mat-sys-outline-variant, #ddd); vertical-align: top; }
    .rf-chip { display: inline-block; padding: 2px 10px; border-radius: 12px; font-size: 0.75rem; background: var(--mat-sys-surface-variant, #eee); }
    .rf-chip[data-state='COMPLETED'] { background: #d7f5dd; color: #0b5318; }
    .rf-chip[data-state='FAILED'] { background: var(--mat-sys-error-container, #ffdad6); color: var(--mat-sys-on-error-container, #410002); }
  `,
})
export class BillingHistoryTableComponent {
  /** Newest first, as the host wants them shown. */
  readonly payments = input.required<readonly PaymentView[]>();
  /** The workspace's invoices and credit notes (owners only); null hides the column. */
  readonly documents = input<readonly TaxDocumentView[] | null>(null);
  readonly download = output<TaxDocumentView>();

  protected readonly showDocuments = computed(() => this.documents() !== null);
  protected readonly documentsOf = computed(() => {
    const byOrder = new Map<string, TaxDocumentView[]>();
    // The invoice first, then its credit notes in the order they were issued.
    const sorted = [...(this.documents() ?? [])].sort((a, b) => (a.kind === b.kind ? a.issuedAt.localeCompare(b.issuedAt) : a.kind === 'invoice' ? -1 : 1));
    for (const doc of sorted) byOrder.set(doc.merchantOrderId, [...(byOrder.get(doc.merchantOrderId) ?? []), doc]);
    return byOrder;
  });

  protected readonly plan = planLabel;
  protected readonly status = paymentStatusLabel;
  protected readonly refunded = refundLabel;
  protected readonly rupees = formatRupees;
}
