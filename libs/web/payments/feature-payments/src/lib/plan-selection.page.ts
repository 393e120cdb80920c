import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatRadioModule } from '@angular/material/radio';
import { type BillingDetails, type BillingPeriod, type Plan, type PlanId } from '@raptorflow/contracts';
import { BillingDetailsEditor, BillingHistoryActions, TrialStarter, PlanSelectionPageActions, selectCheckoutError, selectHasHistory, selectInitiating, selectPlans } from '@raptorflow/web-payments-data-access';
import { BillingDetailsFormComponent, ErrorBannerComponent, formatRupees } from '@raptorflow/web-ui';
import { Store } from '@ngrx/store';
import { AutopayOptionComponent } from './autopay-option.component';
import { BillingHistoryComponent } from './billing-history.component';

function asPeriod(value: string | undefined): BillingPeriod {
  return value === 'year' ? 'year' : 'month';
}

/** `/onboarding/payment?plan=&period=`: pick a plan and period, then pay on PhonePe. */
@Component({
  selector: 'rf-plan-selection-page',
  imports: [AutopayOptionComponent, MatButtonModule, MatProgressSpinnerModule, MatRadioModule, BillingDetailsFormComponent, ErrorBannerComponent, BillingHistoryComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="rf-page">
      <h1>Choose your plan</h1>
      <p class="rf-lead">Pay securely with PhonePe (UPI, cards, net banking). You can change plans later.</p>
      <rf-error-banner [message]="checkoutError()?.message ?? trial.error()?.message" />

      <mat-radio-group class="rf-periods" aria-label="Billing period" [value]="selectedPeriod()" (change)="selectedPeriod.set($event.value)">
        <mat-radio-button value="month">Monthly</mat-radio-button>
        <mat-radio-button value="year">Yearly (2 months free)</mat-radio-button>
      </mat-radio-group>

      <div class="rf-plans" role="radiogroup" aria-label="Plan">
        @for (plan of plans(); track plan.id) {
          <label class="rf-plan" [class.rf-selected]="plan.id === planId()">
            <input type="radio" name="plan" [value]="plan.id" [checked]="plan.id === planId()" [attr.aria-label]="plan.name" (change)="planId.set(plan.id)" />
            <span class="rf-plan-name">{{ plan.name }}</span>
            <span class="rf-price" [attr.data-testid]="'price-' + plan.id">{{ price(plan) }}</span>
            <span class="rf-per">per {{ selectedPeriod() }}, incl. GST</span>
            <ul>
              <li>{{ plan.seats === 1 ? '1 seat' : plan.seats + ' seats' }}</li>
              <li>{{ plan.rebuildsPerDay }} BCM rebuilds a day</li>
            </ul>
          </label>
        }
      </div>

      @if (trial.availability()?.reason === 'used') {
        <p class="rf-trial-used">This workspace has used its free trial.</p>
      }
      @for (plan of trialPlans(); track plan.id) {
        <div class="rf-trial">
          <p><strong>Try {{ plan.name }} free for {{ plan.trialDays }} days.</strong> No payment needed; pick a plan before the trial ends.</p>
          <button mat-stroked-button type="button" [attr.data-testid]="'start-trial-' + plan.id" [disabled]="trial.busy() || initiating()" (click)="trial.start(plan.id)">
            Start {{ plan.trialDays }}-day free trial
          </button>
        </div>
      }

      <details class="rf-gst" [open]="billingOpen()" (toggle)="billingOpen.set($any($event.target).open)">
        <summary>Need a GST invoice for your business? Add billing details (optional)</summary>
        @if (billingSaved()) {
          <p role="status" class="rf-saved">Saved: your tax invoice will be made out to {{ billingSaved() }}.</p>
        }
        <rf-billing-details-form [details]="billingForm.details()" [serverErrors]="billingForm.errors()" [saving]="billingForm.saving()" (save)="saveBillingDetails($event)" />
      </details>

      <button mat-flat-button class="rf-continue" type="button" [disabled]="!planId() || initiating()" (click)="continue()">
        @if (initiating()) {
          <mat-spinner diameter="18" aria-label="Starting checkout" />
        }
        Continue to payment
      </button>
      <rf-autopay-option [planId]="planId()" [period]="selectedPeriod()" />

      @if (hasHistory()) {
        <h2>Previous attempts</h2>
        <rf-billing-history />
      }
    </section>
  `,
  styles: `
    :host { display: block; }
    h1 { margin: 0 0 8px; font-size: 1.75rem; font-weight: 500; }
    h2 { margin: 40px 0 8px; font-size: 1.125rem; font-weight: 500; }
    .rf-lead { margin: 0 0 16px; color: var(--mat-sys-on-surface-variant); }
    .rf-periods { display: flex; gap: 16px; margin-bottom: 16px; }
    .rf-plans { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 16px; margin-bottom: 24px; }
    .rf-plan { display: flex; flex-direction: column; gap: 4px; padding: 16px; border: 1px solid var(--mat-sys-outline-variant, #ccc); border-radius: 12px; cursor: pointer; }
    .rf-plan.rf-selected { border: 2px solid var(--mat-sys-primary, #005cbb); padding: 15px; }
    .rf-plan input { align-self: flex-end; margin: 0; }
    .rf-plan-name { font-size: 1.25rem; font-weight: 500; }
    .rf-price { font-size: 1.5rem; font-weight: 600; }
    .rf-per { font-size: 0.8125rem; color: var(--mat-sys-on-surface-variant); }
    ul { margin: 8px 0 0; padding-left: 18px; }
    .rf-continue { height: 44px; }
    .rf-gst { margin: 0 0 24px; }
    .rf-trial { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; margin: 0 0 24px; padding: 12px 16px; border-radius: 12px; background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
    .rf-trial p { margin: 0; flex: 1 1 240px; }
    .rf-trial-used { margin: 0 0 24px; color: var(--mat-sys-on-surface-variant); }
    .rf-gst summary { cursor: pointer; margin-bottom: 12px; color: var(--mat-sys-primary); }
    .rf-saved { color: var(--mat-sys-on-surface-variant); }
    .rf-continue mat-spinner { display: inline-block; margin-right: 8px; vertical-align: middle; }
  `,
})
export class PlanSelectionPage {
  private readonly store = inject(Store);

  /** Query parameters (the failure email links here with both). */
  readonly plan = input<string>();
  readonly period = input<string>();

  protected readonly plans = this.store.selectSignal(selectPlans);
  protected readonly initiating = this.store.selectSignal(selectInitiating);
  protected readonly checkoutError = this.store.selectSignal(selectCheckoutError);
  protected readonly hasHistory = this.store.selectSignal(selectHasHistory);
  protected readonly planId = linkedSignal<PlanId | null>(() => this.plans().find((p) => p.id === this.plan())?.id ?? null);
  protected readonly selectedPeriod = linkedSignal<BillingPeriod>(() => asPeriod(this.period()));

  // Plans whose catalog entry carries trial days (a workspace gets one trial; the API refuses a second).
  protected readonly trialPlans = computed(() => (this.trial.availability()?.available ? this.plans().filter((p) => p.trialDays > 0) : []));
  protected readonly trial = new TrialStarter();

  protected readonly billingOpen = signal(false);
  protected readonly billingForm = new BillingDetailsEditor();
  protected readonly billingSaved = signal<string | null>(null);

  constructor() {
    // Billing details already given (an owner paying again).
    this.billingForm.load();
    this.trial.load();
    this.store.dispatch(PlanSelectionPageActions.opened());
    // Past attempts (e.g. a failed payment) are listed under the cards once loaded.
    this.store.dispatch(BillingHistoryActions.opened());
  }

  protected price(plan: Plan): string {
    return formatRupees(plan.prices[this.selectedPeriod()]);
  }

  protected saveBillingDetails(details: BillingDetails): void {
    this.billingForm.save(
      details,
      (saved) => this.billingSaved.set(saved.legalName),
      () => this.billingForm.errors.set({ legalName: 'Could not save the billing details; try again.' }),
    );
  }

  protected continue(): void {
    const planId = this.planId();
    if (planId) this.store.dispatch(PlanSelectionPageActions.continueClicked({ planId, period: this.selectedPeriod() }));
  }
}
