import { HttpClient } from '@angular/common/http';
import { DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { Store } from '@ngrx/store';
import { type BillingPeriod, NEXT_STEP_PATHS, type PlanId, type StartTrialResponse, type TrialAvailability } from '@raptorflow/contracts';
import { AuthApiActions, AuthApiService } from '@raptorflow/web-auth-data-access';
import { switchMap } from 'rxjs';
import { PaymentsApiService } from './payments-api.service';
import { CHECKOUT_REDIRECT } from './payment-poll.schedule';
import { type PaymentsErrorView, toPaymentsErrorView } from './payments.errors';

const TRIAL_MESSAGES: Record<string, string> = {
  TRIAL_ALREADY_USED: 'This workspace has already used its free trial. Choose a plan to continue.',
  TRIAL_UNAVAILABLE: 'This workspace already has a subscription, so the free trial is not available.',
};

/**
 * Starts the workspace's one free trial (`POST /payments/trial`), then reloads the profile and goes where it says
 * (onboarding, or the app); `load()` asks first whether the workspace can still have one. Create it in a component's field initializer (it injects).
 */
export class TrialStarter {
  /** Null until known (or when it could not be asked): the page offers the trial only when true. */
  readonly availability = signal<TrialAvailability | null>(null);
  readonly busy = signal(false);
  readonly error = signal<PaymentsErrorView | null>(null);
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthApiService);
  private readonly store = inject(Store);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  load(): void {
    this.http
      .get<TrialAvailability>('/api/v1/payments/trial')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (availability) => this.availability.set(availability), error: () => undefined });
  }

  start(planId: PlanId): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    this.http
      .post<StartTrialResponse>('/api/v1/payments/trial', { planId })
      .pipe(
        switchMap(() => this.auth.verifyProfile()),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (profile) => {
          this.store.dispatch(AuthApiActions.profileVerified({ profile }));
          void this.router.navigateByUrl(NEXT_STEP_PATHS[profile.next]);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          const view = toPaymentsErrorView(error);
          this.error.set(TRIAL_MESSAGES[view.code] ? { code: view.code, message: TRIAL_MESSAGES[view.code] } : view);
        },
      });
  }
}

/**
 * One-click renewal from a banner: a checkout of the same plan and period (it extends from the current period end),
 * then off to PhonePe. Create it in a component's field initializer (it injects).
 */
export class RenewalCheckout {
  readonly busy = signal(false);
  readonly error = signal<PaymentsErrorView | null>(null);
  private readonly api = inject(PaymentsApiService);
  private readonly redirect = inject(CHECKOUT_REDIRECT);
  private readonly destroyRef = inject(DestroyRef);

  renew(planId: PlanId, period: BillingPeriod): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    this.api
      .initiate(planId, period)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        // `busy` stays on: the browser is leaving for PhonePe.
        next: (checkout) => this.redirect(checkout.checkoutUrl),
        error: (error: unknown) => {
          this.busy.set(false);
          this.error.set(toPaymentsErrorView(error));
        },
      });
  }
}
