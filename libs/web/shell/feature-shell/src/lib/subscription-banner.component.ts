import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Store } from '@ngrx/store';
import { type BillingPeriod, findPlan, type PlanId, subscriptionNotice } from '@raptorflow/contracts';
import { selectProfile } from '@raptorflow/web-auth-data-access';
import { RenewalCheckout } from '@raptorflow/web-payments-data-access';
import { ErrorBannerComponent, IndianDatePipe } from '@raptorflow/web-ui';

/**
 * The workspace's billing banner (rules in `subscriptionNotice`): a running trial, a term ending within 7 days, or
 * the read-only grace after an unpaid end, with the owner's one-click checkout of the same plan and period.
 */
@Component({
  selector: 'rf-subscription-banner',
  imports: [MatButtonModule, IndianDatePipe, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (notice(); as n) {
      <div class="banner" [class.warn]="n.kind === 'past_due' || n.kind === 'trial_ended'" role="status" data-testid="subscription-banner" [attr.data-kind]="n.kind">
        <p>
          @switch (n.kind) {
            @case ('trial') {
              Your {{ planName() }} trial ends on {{ n.endsAt | inDate }} ({{ days(n.daysLeft) }} left). Pay any time to keep your workspace after it.
            }
            @case ('renewal') {
              Your {{ planName() }} plan ends on {{ n.endsAt | inDate }} ({{ days(n.daysLeft) }} left). Renewing now adds a full period after that date.
            }
            @case ('trial_ended') {
              Your free trial has ended, so the app is read-only. Pay within {{ days(n.graceDaysLeft) }} to keep your workspace.
            }
            @case ('past_due') {
              Your subscription payment is overdue, so the app is read-only for now. {{ days(n.graceDaysLeft) }} of grace left: renew to make changes again.
            }
          }
        </p>
        @if (isOwner()) {
          <button mat-flat-button type="button" data-testid="subscription-pay" [disabled]="checkout.busy()" (click)="pay()">{{ n.kind === 'renewal' || n.kind === 'past_due' ? 'Renew now' : 'Pay now' }}</button>
        } @else {
          <p class="owner">Only the workspace owner can pay.</p>
        }
      </div>
      <rf-error-banner [message]="checkout.error()?.message" />
    }
  `,
  styles: `
    .banner { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; padding: 10px 16px; margin-bottom: 16px; border-radius: 8px; background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
    .banner.warn { background: var(--mat-sys-tertiary-container); color: var(--mat-sys-on-tertiary-container); }
    p { margin: 0; flex: 1 1 240px; }
    .owner { flex: 0 1 auto; }
  `,
})
export class SubscriptionBannerComponent {
  private readonly profile = inject(Store).selectSignal(selectProfile);
  protected readonly checkout = new RenewalCheckout();

  protected readonly notice = computed(() => {
    const subscription = this.profile()?.subscription;
    return subscription ? subscriptionNotice(subscription, new Date()) : null;
  });
  protected readonly planName = computed(() => findPlan(this.profile()?.subscription.planId ?? '')?.name ?? 'current');
  protected readonly isOwner = computed(() => this.profile()?.workspace.role === 'owner');

  protected days(n: number): string {
    return n === 1 ? '1 day' : `${n} days`;
  }

  protected pay(): void {
    const { planId, period } = this.profile()?.subscription ?? {};
    if (planId && period) this.checkout.renew(planId as PlanId, period as BillingPeriod);
  }
}
