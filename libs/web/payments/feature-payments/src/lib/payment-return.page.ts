import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router, RouterLink } from '@angular/router';
import { NEXT_STEP_PATHS, findPlan } from '@raptorflow/contracts';
import {
  PaymentReturnPageActions,
  selectPayment,
  selectPhase,
  selectProfileError,
  selectProfileRefreshed,
  selectStatusError,
} from '@raptorflow/web-payments-data-access';
import { selectNextStep } from '@raptorflow/web-auth-data-access';
import { ErrorBannerComponent, formatRupees } from '@raptorflow/web-ui';
import { Store } from '@ngrx/store';

/** `/onboarding/payment/return?order=…`: PhonePe sends the browser here; we confirm the outcome with the API. */
@Component({
  selector: 'rf-payment-return-page',
  imports: [MatButtonModule, MatProgressSpinnerModule, RouterLink, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="rf-page rf-return">
      @if (!order()) {
        <h1>No payment to confirm</h1>
        <p>This link is missing its order. Choose a plan to start a payment.</p>
        <a mat-flat-button routerLink="/onboarding/payment">Choose a plan</a>
      } @else {
        @switch (phase()) {
          @case ('completed') {
            <h1>Payment received</h1>
            <p role="status">
              Thank you! {{ summary() }} is active. A receipt is on its way to your inbox.
            </p>
            <rf-error-banner [message]="profileError()?.message" />
            @if (profileError()) {
              <button mat-flat-button type="button" (click)="refreshProfile()">Try again</button>
            } @else {
              <button mat-flat-button type="button" [disabled]="!profileRefreshed()" (click)="continue()">{{ nextStep() === 'app' ? 'Continue to the app' : 'Continue to onboarding' }}</button>
            }
          }
          @case ('failed') {
            <h1>Payment failed</h1>
            <p role="alert" class="rf-reason">{{ payment()?.failureReason || 'PhonePe did not complete the payment.' }}</p>
            <p>Nothing was charged. You can try again with the same plan.</p>
            <a mat-flat-button routerLink="/onboarding/payment" [queryParams]="{ plan: payment()?.planId, period: payment()?.period }">Try again</a>
          }
          @case ('still-pending') {
            <h1>Payment still pending</h1>
            <p role="status">PhonePe has not confirmed your payment yet. We'll email you as soon as it does; you can also check again.</p>
            <button mat-flat-button type="button" (click)="checkAgain()">Check again</button>
          }
          @case ('error') {
            <h1>We couldn't confirm this payment</h1>
            <rf-error-banner [message]="statusError()?.message" />
            <a mat-flat-button routerLink="/onboarding/payment">Choose a plan</a>
          }
          @default {
            <h1>Confirming your payment</h1>
            <div class="rf-pending" role="status">
              <mat-spinner diameter="32" aria-hidden="true" />
              <span>Confirming your payment with PhonePe…</span>
            </div>
            @if (statusError(); as error) {
              <p class="rf-muted">{{ error.message }} Still trying…</p>
            }
          }
        }
      }
    </section>
  `,
  styles: `
    :host { display: block; }
    .rf-return { max-width: 560px; }
    h1 { margin: 0 0 16px; font-size: 1.75rem; font-weight: 500; }
    .rf-pending { display: flex; align-items: center; gap: 16px; }
    .rf-reason { font-weight: 500; }
    .rf-muted { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class PaymentReturnPage {
  private readonly store = inject(Store);
  private readonly router = inject(Router);

  /** The merchant order id PhonePe returns with (`?order=`). */
  readonly order = input<string>();

  protected readonly phase = this.store.selectSignal(selectPhase);
  protected readonly payment = this.store.selectSignal(selectPayment);
  protected readonly statusError = this.store.selectSignal(selectStatusError);
  protected readonly profileRefreshed = this.store.selectSignal(selectProfileRefreshed);
  protected readonly profileError = this.store.selectSignal(selectProfileError);
  protected readonly nextStep = this.store.selectSignal(selectNextStep);
  protected readonly summary = computed(() => {
    const payment = this.payment();
    if (!payment) return 'Your plan';
    return `${findPlan(payment.planId)?.name ?? payment.planId} (${formatRupees(payment.amount)} per ${payment.period})`;
  });

  constructor() {
    effect(() => {
      const merchantOrderId = this.order();
      if (merchantOrderId) untracked(() => this.store.dispatch(PaymentReturnPageActions.opened({ merchantOrderId })));
    });
  }

  protected checkAgain(): void {
    const merchantOrderId = this.order();
    if (merchantOrderId) this.store.dispatch(PaymentReturnPageActions.checkAgainClicked({ merchantOrderId }));
  }

  protected refreshProfile(): void {
    this.store.dispatch(PaymentReturnPageActions.refreshProfileClicked());
  }

  protected continue(): void {
    const next = this.nextStep();
    void this.router.navigateByUrl(next ? NEXT_STEP_PATHS[next] : NEXT_STEP_PATHS.onboarding);
  }
}
