import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { HttpErrorResponse } from '@angular/common/http';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { AUTOPAY_MAX_DEBIT_PAISE, autopayEligible, autopayEligiblePlans, findPlan, type BillingPeriod, type PlanId } from '@raptorflow/contracts';
import { AutopayApiService, CHECKOUT_REDIRECT } from '@raptorflow/web-payments-data-access';
import { ErrorBannerComponent, formatRupees } from '@raptorflow/web-ui';

/** On the checkout page: pay the first period and set up UPI Autopay for the renewals (prices up to ₹15,000). */
@Component({
  selector: 'rf-autopay-option',
  imports: [MatButtonModule, MatProgressSpinnerModule, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="rf-autopay" aria-labelledby="rf-autopay-title">
      <h2 id="rf-autopay-title">Renew automatically with UPI Autopay</h2>
      @if (eligible()) {
        <p>
          Pay {{ price() }} now and approve a UPI mandate of up to {{ cap }} a debit: each {{ period() }} it debits your plan's price ({{ price() }}
          today) and follows a plan change. We email you at least 24 hours before
          each debit; pause or cancel any time in Settings or in your UPI app.
        </p>
        <rf-error-banner [message]="error()" />
        <button mat-stroked-button type="button" data-testid="autopay-setup" [disabled]="busy()" (click)="setUp()">
          @if (busy()) {
            <mat-spinner diameter="18" aria-label="Starting Autopay setup" />
          }
          Set up UPI Autopay
        </button>
      } @else {
        <p class="rf-muted" data-testid="autopay-ineligible">{{ ineligibleText() }}</p>
      }
    </section>
  `,
  styles: `
    :host { display: block; margin: 0 0 24px; }
    h2 { margin: 0 0 4px; font-size: 1.125rem; font-weight: 500; }
    .rf-autopay { padding: 16px; border: 1px dashed var(--mat-sys-outline-variant, #ccc); border-radius: 12px; }
    .rf-muted { color: var(--mat-sys-on-surface-variant); margin: 0; }
    button { height: 44px; }
    mat-spinner { display: inline-block; margin-right: 8px; vertical-align: middle; }
  `,
})
export class AutopayOptionComponent {
  readonly planId = input<PlanId | null>(null);
  readonly period = input<BillingPeriod>('month');

  private readonly api = inject(AutopayApiService);
  private readonly redirect = inject(CHECKOUT_REDIRECT);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly cap = formatRupees(AUTOPAY_MAX_DEBIT_PAISE);

  protected readonly eligible = computed(() => {
    const planId = this.planId();
    return planId !== null && autopayEligible(planId, this.period());
  });
  protected readonly price = computed(() => {
    const plan = findPlan(this.planId() ?? '');
    return plan ? formatRupees(plan.prices[this.period()]) : '';
  });
  protected readonly ineligibleText = computed(() => {
    const names = autopayEligiblePlans().map((p) => `${findPlan(p.planId)?.name} ${p.period === 'month' ? 'monthly' : 'yearly'}`).join(' and ');
    const chosen = this.planId() ? 'This plan renews' : 'Plans above ₹15,000 renew';
    return `UPI Autopay is available for ${names} (RBI allows mandate debits up to ₹15,000 without approving each one). ${chosen} by a one-time payment; we remind you before the period ends.`;
  });

  protected setUp(): void {
    const planId = this.planId();
    if (!planId) return;
    this.busy.set(true);
    this.error.set(null);
    this.api
      .setup(planId, this.period())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (started) => this.redirect(started.checkoutUrl),
        error: (error: unknown) => {
          this.busy.set(false);
          const message = error instanceof HttpErrorResponse ? (error.error?.message as string | undefined) : undefined;
          this.error.set(message ?? 'Could not start UPI Autopay; try again or pay once.');
        },
      });
  }
}
