import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { HttpErrorResponse } from '@angular/common/http';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { AUTOPAY_MAX_DEBIT_PAISE, autopayEligible, findPlan, type MandateView, type PlanId, type SubscriptionSummary } from '@raptorflow/contracts';
import { AutopayApiService, CHECKOUT_REDIRECT } from '@raptorflow/web-payments-data-access';
import { ErrorBannerComponent, IndianDatePipe, RupeesPipe, confirmAction, formatDate, formatRupees } from '@raptorflow/web-ui';
import { filter } from 'rxjs';

const STATES: Record<MandateView['state'], string> = {
  pending: 'Waiting for approval in your UPI app',
  active: 'Active',
  paused: 'Paused',
  revoked: 'Cancelled',
  expired: 'Expired',
  failed: 'Not set up',
};

/**
 * Settings: the owner's UPI Autopay mandate (max amount, frequency, validity, next debit) with pause, resume, cancel.
 * During a trial (the plan page is behind the founder by then) it offers the setup itself: the first period is paid
 * now and starts when the trial ends, so no trial day is lost.
 */
@Component({
  selector: 'rf-autopay-card',
  imports: [MatButtonModule, MatCardModule, ErrorBannerComponent, IndianDatePipe, RupeesPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (loaded() && !mandate() && trialOffer(); as offer) {
      <mat-card appearance="outlined" data-testid="autopay-offer">
        <mat-card-content>
          <h2>UPI Autopay</h2>
          <rf-error-banner [message]="error()" />
          <p>
            Pay {{ offer.price }} now and approve a UPI mandate of up to {{ offer.cap }} a debit: each month it debits your plan's price. Your paid month starts when the trial ends on
            {{ offer.trialEnd }}, so you keep every trial day; after that we debit the renewals, emailing you at least 24 hours before each.
          </p>
          <button mat-stroked-button type="button" data-testid="autopay-offer-setup" [disabled]="busy()" (click)="setUp(offer.planId)">Set up UPI Autopay</button>
        </mat-card-content>
      </mat-card>
    }
    @if (loaded() && mandate(); as m) {
      <mat-card appearance="outlined" data-testid="autopay-card">
        <mat-card-content>
          <h2>UPI Autopay</h2>
          <rf-error-banner [message]="error()" />
          <dl>
            <dt>Status</dt>
            <dd data-testid="autopay-state">{{ stateLabel(m) }}</dd>
            <dt>Plan</dt>
            <dd>{{ planName(m) }} ({{ m.period === 'year' ? 'yearly' : 'monthly' }})</dd>
            <dt>Maximum per debit</dt>
            <dd data-testid="autopay-max">{{ m.maxAmount | rupees }}</dd>
            <dt>Frequency</dt>
            <dd>{{ m.frequency === 'YEARLY' ? 'Every year' : 'Every month' }}</dd>
            <dt>Valid until</dt>
            <dd>{{ m.validUntil | inDate }}</dd>
            <dt>Next debit</dt>
            <dd data-testid="autopay-next">{{ m.nextDebitAt ? (m.nextDebitAmount ?? m.amount | rupees) + ' on ' + (m.nextDebitAt | inDate) : '–' }}</dd>
          </dl>
          @if (m.state === 'active') {
            <p class="muted">We email you at least 24 hours before each debit.</p>
            <div class="rf-actions">
              <button mat-stroked-button type="button" data-testid="autopay-pause" [disabled]="busy()" (click)="act('pause')">Pause Autopay</button>
              <button mat-button type="button" data-testid="autopay-cancel" [disabled]="busy()" (click)="cancel()">Cancel Autopay</button>
            </div>
          } @else if (m.state === 'paused') {
            <p class="muted">
              No debits while paused{{ m.pausedBy === 'customer' ? ' (paused in your UPI app: resume it there)' : '' }}. You keep access until the
              period ends; <a [href]="m.renewUrl">renew with a one-time payment</a>.
            </p>
            <div class="rf-actions">
              @if (m.pausedBy === 'founder') {
                <button mat-stroked-button type="button" data-testid="autopay-resume" [disabled]="busy()" (click)="act('resume')">Resume Autopay</button>
              }
              <button mat-button type="button" data-testid="autopay-cancel" [disabled]="busy()" (click)="cancel()">Cancel Autopay</button>
            </div>
          } @else if (m.state !== 'pending') {
            <p class="muted">Autopay will not renew your plan. <a [href]="m.renewUrl">Renew with a one-time payment</a> before the period ends.</p>
          }
        </mat-card-content>
      </mat-card>
    }
  `,
  styles: `
    :host { display: block; }
    h2 { margin: 0 0 8px; font-size: 1.25rem; font-weight: 500; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 12px; }
    dt { color: var(--mat-sys-on-surface-variant); }
    dd { margin: 0; }
    .muted { color: var(--mat-sys-on-surface-variant); }
    .rf-actions { display: flex; flex-wrap: wrap; gap: 8px; }
    button { min-height: 44px; }
    @media (max-width: 420px) { dl { grid-template-columns: 1fr; } dd { margin-bottom: 8px; } }
  `,
})
export class AutopayCardComponent {
  /** The workspace's subscription (Settings passes the profile's), for the setup offer during a trial. */
  readonly subscription = input<SubscriptionSummary | null>(null);

  private readonly api = inject(AutopayApiService);
  private readonly redirect = inject(CHECKOUT_REDIRECT);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly mandate = signal<MandateView | null>(null);
  protected readonly loaded = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.load();
    // Cancelling the subscription cancels the mandate too (and a payment may register one): read it again when the status changes.
    let seen: string | null | undefined;
    effect(() => {
      const status = this.subscription()?.status ?? null;
      untracked(() => {
        if (seen !== undefined && seen !== null && status !== seen) this.load();
        seen = status;
      });
    });
  }

  private load(): void {
    // A member (not the owner) gets 403 and sees no card.
    this.api
      .mandate()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: ({ mandate }) => (this.mandate.set(mandate), this.loaded.set(true)), error: () => this.loaded.set(false) });
  }

  protected readonly trialOffer = computed(() => {
    const s = this.subscription();
    if (s?.status !== 'trialing' || !s.trialEndsAt || s.period !== 'month') return null;
    const plan = findPlan(s.planId ?? '');
    if (!plan || !autopayEligible(plan.id, 'month')) return null;
    return { planId: plan.id, price: formatRupees(plan.prices.month), cap: formatRupees(AUTOPAY_MAX_DEBIT_PAISE), trialEnd: formatDate(s.trialEndsAt) };
  });

  protected setUp(planId: PlanId): void {
    this.busy.set(true);
    this.error.set(null);
    this.api
      .setup(planId, 'month')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (started) => this.redirect(started.checkoutUrl),
        error: (error: unknown) => {
          this.busy.set(false);
          this.error.set((error instanceof HttpErrorResponse ? (error.error?.message as string | undefined) : undefined) ?? 'Could not start the Autopay setup; try again.');
        },
      });
  }

  protected stateLabel(m: MandateView): string {
    return STATES[m.state];
  }

  protected planName(m: MandateView): string {
    return findPlan(m.planId)?.name ?? m.planId;
  }

  protected act(action: 'pause' | 'resume' | 'cancel'): void {
    this.busy.set(true);
    this.error.set(null);
    this.api
      .change(action)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ mandate }) => (this.mandate.set(mandate), this.busy.set(false)),
        error: (error: unknown) => {
          this.busy.set(false);
          this.error.set((error instanceof HttpErrorResponse ? (error.error?.message as string | undefined) : undefined) ?? 'Could not change Autopay; try again.');
        },
      });
  }

  protected cancel(): void {
    confirmAction(this.dialog, {
      title: 'Cancel UPI Autopay?',
      message: 'Your plan will no longer renew by itself. You keep access until the current period ends and can renew with a one-time payment.',
      confirmLabel: 'Cancel Autopay',
      cancelLabel: 'Keep Autopay',
    })
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.act('cancel'));
  }
}
