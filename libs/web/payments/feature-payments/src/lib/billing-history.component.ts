import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { BillingHistoryActions, selectHistory, selectHistoryError, selectHistoryLoading, selectSortedHistory } from '@raptorflow/web-payments-data-access';
import { findPlan, type PaymentState, type PaymentView } from '@raptorflow/contracts';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Store } from '@ngrx/store';
import { IndianDateTimePipe, formatRupees } from '@raptorflow/web-ui';

const STATE_LABELS: Record<PaymentState, string> = { PENDING: 'Pending', COMPLETED: 'Paid', FAILED: 'Failed' };

/**
 * The workspace's payments, newest first. Loads them itself; the route that shows it must provide
 * `providePayments()` (from @raptorflow/web-payments-data-access).
 */
@Component({
  selector: 'rf-billing-history',
  imports: [IndianDateTimePipe, MatProgressSpinnerModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error(); as failure) {
      <p class="rf-muted" role="alert">Billing history is unavailable: {{ failure.message }}</p>
    } @else if (loading() && payments().length === 0) {
      <mat-spinner diameter="24" aria-label="Loading billing history" />
    } @else if (payments().length === 0) {
      <p class="rf-muted">No payments yet.</p>
    } @else {
      <table class="rf-history" aria-label="Billing history">
        <thead>
          <tr><th scope="col">Date</th><th scope="col">Plan</th><th scope="col">Amount</th><th scope="col">Status</th><th scope="col">Refunded</th></tr>
        </thead>
        <tbody>
          @for (payment of payments(); track payment.merchantOrderId) {
            <tr>
              <td>{{ payment.createdAt | inDateTime }}</td>
              <td>{{ planLabel(payment) }}</td>
              <td>{{ amount(payment.amount) }}</td>
              <td><span class="rf-chip" [attr.data-state]="payment.state">{{ stateLabel(payment.state) }}</span></td>
              <td>{{ refundLabel(payment) }}</td>
            </tr>
          }
        </tbody>
      </table>
    }
  `,
  styles: `
    :host { display: block; }
    .rf-muted { color: var(--mat-sys-on-surface-variant); }
    .rf-history { width: 100%; border-collapse: collapse; font-size: 0.875rem; }
    th, td { text-align: left; padding: 8px; border-bottom: 1px solid var(--mat-sys-outline-variant, #ddd); }
    .rf-chip { display: inline-block; padding: 2px 10px; border-radius: 12px; font-size: 0.75rem; background: var(--mat-sys-surface-variant, #eee); }
    .rf-chip[data-state='COMPLETED'] { background: #d7f5dd; color: #0b5318; }
    .rf-chip[data-state='FAILED'] { background: var(--mat-sys-error-container, #ffdad6); color: var(--mat-sys-on-error-container, #410002); }
  `,
})
export class BillingHistoryComponent {
  private readonly store = inject(Store);

  protected readonly payments = this.store.selectSignal(selectSortedHistory);
  protected readonly loading = this.store.selectSignal(selectHistoryLoading);
  protected readonly error = this.store.selectSignal(selectHistoryError);

  constructor() {
    // A host page may have loaded it already.
    if (this.store.selectSignal(selectHistory)() === null && !this.loading()) this.store.dispatch(BillingHistoryActions.opened());
  }

  protected planLabel(payment: PaymentView): string {
    const plan = `${findPlan(payment.planId)?.name ?? payment.planId} · ${payment.period === 'year' ? 'yearly' : 'monthly'}`;
    return payment.purpose === 'upgrade' ? `Upgrade to ${plan}` : plan;
  }

  protected amount(paise: number): string {
    return formatRupees(paise);
  }

  /** Refunded (COMPLETED) amount, what is still on its way back, and whether it was a late payment. */
  protected refundLabel(payment: PaymentView): string {
    const pending = payment.refunds.filter((r) => r.state === 'PENDING').reduce((sum, r) => sum + r.amount, 0);
    const parts = [
      ...(payment.refundedAmount > 0 ? [formatRupees(payment.refundedAmount)] : []),
      ...(pending > 0 ? [`${formatRupees(pending)} pending`] : []),
    ];
    if (parts.length === 0) return '-';
    return `${parts.join(' + ')}${payment.refunds.some((r) => r.reason === 'late_capture') ? ' (late payment)' : ''}`;
  }

  protected stateLabel(state: PaymentState): string {
    return STATE_LABELS[state];
  }
}
