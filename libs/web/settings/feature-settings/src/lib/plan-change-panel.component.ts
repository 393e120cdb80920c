import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { Store } from '@ngrx/store';
import { findPlan, type ScheduledPlanChange } from '@raptorflow/contracts';
import { AuthApiActions, AuthApiService, selectProfile } from '@raptorflow/web-auth-data-access';
import { toApiErrorMessage } from '@raptorflow/web-bcm-data-access';
import { PlanChangeApiService } from '@raptorflow/web-payments-data-access';
import { ErrorBannerComponent, IndianDatePipe, confirmAction, formatDate } from '@raptorflow/web-ui';
import { type Observable, filter, switchMap } from 'rxjs';
import { openPlanChangeDialog } from './plan-change-dialog.component';

/**
 * Settings' plan controls beside the subscription summary: "Change plan", a scheduled change with "Keep current
 * plan", and resuming a cancelled subscription before its period ends. Cancelling stays with the Settings page.
 */
@Component({
  selector: 'rf-plan-change-panel',
  imports: [MatButtonModule, ErrorBannerComponent, IndianDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (scheduled(); as change) {
      <p data-testid="scheduled-change">
        Scheduled: {{ planLabel(change) }} from {{ change.effectiveAt | inDate }}, when the current period ends.
      </p>
    }
    @if (notice(); as text) {
      <p role="status" class="muted">{{ text }}</p>
    }
    <rf-error-banner [message]="error()" />
    @if (isOwner()) {
      <div class="actions">
        @if (changeable()) {
          <button mat-stroked-button type="button" data-testid="change-plan" [disabled]="busy()" (click)="changePlan()">Change plan</button>
        }
        @if (scheduled() && changeable()) {
          <button mat-button type="button" data-testid="keep-plan" [disabled]="busy()" (click)="keepCurrentPlan()">Keep current plan</button>
        }
        @if (resumable()) {
          <button mat-flat-button type="button" data-testid="resume-subscription" [disabled]="busy()" (click)="resume()">Resume subscription</button>
        }
      </div>
    }
  `,
  styles: `
    :host { display: block; margin: 12px 0; }
    .actions { display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 12px; }
    .muted { color: var(--mat-sys-on-surface-variant); font-size: 0.875rem; }
  `,
})
export class PlanChangePanelComponent {
  private readonly store = inject(Store);
  private readonly api = inject(PlanChangeApiService);
  private readonly authApi = inject(AuthApiService);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);

  private readonly profile = this.store.selectSignal(selectProfile);
  private readonly subscription = computed(() => this.profile()?.subscription ?? null);
  protected readonly isOwner = computed(() => this.profile()?.workspace.role === 'owner');
  private readonly running = computed(() => {
    const end = this.subscription()?.currentPeriodEnd;
    return !!end && new Date(end).getTime() > Date.now();
  });
  protected readonly changeable = computed(() => this.subscription()?.status === 'active' && this.running());
  protected readonly resumable = computed(() => this.subscription()?.status === 'cancelled' && this.running());
  protected readonly scheduled = signal<ScheduledPlanChange | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);

  constructor() {
    // A cancel (on the Settings page) drops a scheduled change: the state is read again whenever the subscription changes.
    effect(() => {
      const subscription = this.subscription();
      if (!subscription || subscription.status === 'none') return;
      untracked(() => this.run(this.api.state(), (state) => this.scheduled.set(state.scheduled), false));
    });
  }

  protected planLabel(change: ScheduledPlanChange): string {
    return `${findPlan(change.planId)?.name ?? change.planId} (${change.period === 'year' ? 'yearly' : 'monthly'})`;
  }

  protected changePlan(): void {
    const subscription = this.subscription();
    if (!subscription?.planId || !subscription.period || !subscription.currentPeriodEnd) return;
    const plan = findPlan(subscription.planId);
    if (!plan) return;
    openPlanChangeDialog(this.dialog, { planId: plan.id, period: subscription.period, currentPeriodEnd: subscription.currentPeriodEnd })
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe((result) => {
        if (result === 'scheduled') {
          this.run(this.api.state(), (state) => {
            this.scheduled.set(state.scheduled);
            this.notice.set('Plan change scheduled.');
          });
        } else {
          this.refreshProfile('Plan changed.');
        }
      });
  }

  protected keepCurrentPlan(): void {
    this.run(this.api.keepCurrentPlan(), () => {
      this.scheduled.set(null);
      this.notice.set('You keep your current plan.');
    });
  }

  protected resume(): void {
    const end = this.subscription()?.currentPeriodEnd;
    const confirmed = confirmAction(this.dialog, {
      title: 'Resume subscription',
      // Cancelling revoked any UPI Autopay mandate at PhonePe, and a revoked mandate cannot come back: say so.
      message: `Your subscription continues after ${end ? formatDate(end) : 'the current period'}. Cancelling also stopped UPI Autopay, if you had it: we remind you before the period ends to renew with a one-time payment.`,
      confirmLabel: 'Resume subscription',
      cancelLabel: 'Not now',
    });
    confirmed.pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef)).subscribe(() =>
      this.run(this.api.resume().pipe(switchMap(() => this.authApi.verifyProfile())), (profile) => {
        this.store.dispatch(AuthApiActions.profileVerified({ profile }));
        this.notice.set('Subscription resumed.');
      }),
    );
  }

  private refreshProfile(message: string): void {
    this.run(this.authApi.verifyProfile(), (profile) => {
      this.store.dispatch(AuthApiActions.profileVerified({ profile }));
      this.notice.set(message);
    });
  }

  private run<T>(request: Observable<T>, done: (value: T) => void, marksBusy = true): void {
    if (marksBusy) this.busy.set(true);
    this.error.set(null);
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (value) => {
        this.busy.set(false);
        done(value);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(toApiErrorMessage(error));
      },
    });
  }
}
