import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatRadioModule } from '@angular/material/radio';
import { type BillingPeriod, PLANS, type PlanChangeQuote, type PlanId } from '@raptorflow/contracts';
import { toApiErrorMessage } from '@raptorflow/web-bcm-data-access';
import { CHECKOUT_REDIRECT, PlanChangeApiService } from '@raptorflow/web-payments-data-access';
import { ErrorBannerComponent, IndianDatePipe, RupeesPipe } from '@raptorflow/web-ui';
import type { Observable } from 'rxjs';

export interface PlanChangeDialogData {
  planId: PlanId;
  period: BillingPeriod;
  currentPeriodEnd: string;
}

/** How the dialog ended: the plan switched now, a change was scheduled, or nothing changed. */
export type PlanChangeDialogResult = 'switched' | 'scheduled' | undefined;

interface Choice {
  key: string;
  planId: PlanId;
  period: BillingPeriod;
  label: string;
  price: number;
}

const PERIOD = { month: 'monthly', year: 'yearly' } as const;

/** Pick another plan or period; the API's quote says what is paid now or from when it applies, before anything happens. */
@Component({
  selector: 'rf-plan-change-dialog',
  imports: [MatDialogModule, MatButtonModule, MatRadioModule, MatProgressSpinnerModule, ErrorBannerComponent, IndianDatePipe, RupeesPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Change plan</h2>
    <mat-dialog-content>
      <p>You are on {{ currentLabel }} until {{ data.currentPeriodEnd | inDate }}.</p>
      <mat-radio-group class="choices" aria-label="New plan" (change)="choose($event.value)">
        @for (choice of choices; track choice.key) {
          <mat-radio-button [value]="choice.key" [attr.data-testid]="'choice-' + choice.key">{{ choice.label }}, {{ choice.price | rupees }}</mat-radio-button>
        }
      </mat-radio-group>
      <div aria-live="polite" data-testid="plan-change-quote">
        @if (loading()) {
          <mat-spinner diameter="24" aria-label="Working out the price" />
        } @else if (quote(); as q) {
          @if (q.kind === 'upgrade' && q.amount > 0) {
            <p>You pay <strong>{{ q.amount | rupees }}</strong> now for the days left until {{ data.currentPeriodEnd | inDate }}; the new plan starts as soon as PhonePe confirms the payment.</p>
          } @else if (q.kind === 'upgrade') {
            <p>Less than ₹1 is left to pay for this period, so the new plan starts now at no charge.</p>
          } @else {
            <p>The change takes effect on <strong>{{ q.effectiveAt | inDate }}</strong>, when your current period ends. Nothing is charged now.</p>
          }
        }
      </div>
      <rf-error-banner [message]="error()" />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Keep current plan</button>
      <button mat-flat-button type="button" data-testid="confirm-plan-change" [disabled]="!quote() || busy()" (click)="confirm()">{{ confirmLabel() }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .choices { display: flex; flex-direction: column; gap: 4px; margin: 8px 0 16px; }
  `,
})
export class PlanChangeDialogComponent {
  protected readonly data = inject<PlanChangeDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<PlanChangeDialogComponent, PlanChangeDialogResult>>(MatDialogRef);
  private readonly api = inject(PlanChangeApiService);
  private readonly redirect = inject(CHECKOUT_REDIRECT);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly choices: Choice[] = PLANS.flatMap((plan) =>
    (['month', 'year'] as const)
      .filter((period) => plan.id !== this.data.planId || period !== this.data.period)
      .map((period) => ({ key: `${plan.id}-${period}`, planId: plan.id, period, label: `${plan.name} (${PERIOD[period]})`, price: plan.prices[period] })),
  );
  protected readonly currentLabel = `${PLANS.find((p) => p.id === this.data.planId)?.name ?? this.data.planId} (${PERIOD[this.data.period]})`;
  protected readonly quote = signal<PlanChangeQuote | null>(null);
  protected readonly loading = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected confirmLabel(): string {
    const q = this.quote();
    if (!q) return 'Change plan';
    if (q.kind === 'scheduled') return 'Schedule the change';
    return q.amount > 0 ? 'Pay with PhonePe' : 'Switch now';
  }

  protected choose(key: string): void {
    const choice = this.choices.find((c) => c.key === key);
    if (!choice) return;
    this.quote.set(null);
    this.error.set(null);
    this.loading.set(true);
    this.run(this.api.quote(choice.planId, choice.period), (quote) => this.quote.set(quote), () => this.loading.set(false));
  }

  protected confirm(): void {
    const q = this.quote();
    if (!q) return;
    this.busy.set(true);
    this.error.set(null);
    this.run(
      this.api.change(q.planId, q.period),
      (result) => {
        if (result.checkout) {
          this.redirect(result.checkout.checkoutUrl);
          return;
        }
        this.ref.close(result.kind === 'scheduled' ? 'scheduled' : 'switched');
      },
      () => this.busy.set(false),
    );
  }

  private run<T>(request: Observable<T>, done: (value: T) => void, always: () => void): void {
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (value) => {
        always();
        done(value);
      },
      error: (error: unknown) => {
        always();
        this.error.set(toApiErrorMessage(error));
      },
    });
  }
}

export function openPlanChangeDialog(dialog: MatDialog, data: PlanChangeDialogData): Observable<PlanChangeDialogResult> {
  return dialog
    .open<PlanChangeDialogComponent, PlanChangeDialogData, PlanChangeDialogResult>(PlanChangeDialogComponent, { data, width: '520px', maxWidth: 'calc(100vw - 32px)', autoFocus: 'first-tabbable' })
    .afterClosed();
}
