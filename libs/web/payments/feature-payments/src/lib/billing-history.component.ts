import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Store } from '@ngrx/store';
import { BillingHistoryActions, selectHistory, selectHistoryError, selectHistoryLoading, selectSortedHistory } from '@raptorflow/web-payments-data-access';
import { BillingHistoryTableComponent } from '@raptorflow/web-payments-ui';

/**
 * The workspace's payments, newest first, from the payments store. Loads them itself; the route that shows it must
 * provide `providePayments()` (from @raptorflow/web-payments-data-access). Settings shows the same table with documents.
 */
@Component({
  selector: 'rf-billing-history',
  imports: [BillingHistoryTableComponent, MatProgressSpinnerModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error(); as failure) {
      <p class="rf-muted" role="alert">Billing history is unavailable: {{ failure.message }}</p>
    } @else if (loading() && payments().length === 0) {
      <mat-spinner diameter="24" aria-label="Loading billing history" />
    } @else {
      <rf-billing-history-table [payments]="payments()" />
    }
  `,
  styles: `
    :host { display: block; }
    .rf-muted { color: var(--mat-sys-on-surface-variant); }
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
}
