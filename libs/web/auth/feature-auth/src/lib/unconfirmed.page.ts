import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { AuthPageActions, selectMailSent, selectError, selectLoading } from '@raptorflow/web-auth-data-access';
import { ErrorBannerComponent } from '@raptorflow/web-ui';
import { Store } from '@ngrx/store';
import { map } from 'rxjs';
import { AUTH_PAGE_STYLES } from './auth-page.styles';

/** After a sign-up (or a log-in) with an address still to confirm: what to do, and a way to get the mail again. */
@Component({
  selector: 'rf-unconfirmed-page',
  imports: [RouterLink, MatButtonModule, MatCardModule, MatProgressSpinnerModule, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="rf-page rf-auth">
      <mat-card appearance="outlined">
        <mat-card-content>
          <h1>Confirm your email</h1>
          @if (email(); as address) {
            <p class="rf-auth-lead">
              We sent a link to <strong data-testid="unconfirmed-email">{{ address }}</strong>. Open it to confirm your address; it signs you in and takes you
              on to your plan.
            </p>
            <p>Nothing arrived after a minute? Look in your spam folder, or send the link again.</p>
            <!-- The auth server answers a sign-up with a registered address like a new one and mails nothing (it must not tell). -->
            <p data-testid="unconfirmed-existing">
              Already have an account with this address? Then no link comes: <a routerLink="/login" [queryParams]="{ email: address }">log in</a> or
              <a routerLink="/recover" [queryParams]="{ email: address }">reset your password</a>.
            </p>
            <rf-error-banner [message]="error()?.message" />
            @if (resent()) {
              <p role="status">Sent again. Check your inbox.</p>
            }
            <button mat-stroked-button class="rf-submit" type="button" [disabled]="loading()" (click)="resend(address)">
              @if (loading()) {
                <mat-spinner diameter="18" aria-label="Sending" />
              }
              Send the link again
            </button>
          } @else {
            <p class="rf-auth-lead">Open the link we sent to your inbox to confirm your address, then log in.</p>
          }
          <p class="rf-switch">Wrong address? <a routerLink="/signup">Sign up again</a> · <a routerLink="/login">Log in</a></p>
        </mat-card-content>
      </mat-card>
    </section>
  `,
  styles: AUTH_PAGE_STYLES,
})
export class UnconfirmedPage {
  private readonly store = inject(Store);
  private readonly query = toSignal(inject(ActivatedRoute).queryParamMap.pipe(map((params) => params.get('email') ?? '')), { initialValue: '' });

  protected readonly email = computed(() => this.query().trim());
  protected readonly loading = this.store.selectSignal(selectLoading);
  protected readonly error = this.store.selectSignal(selectError);
  protected readonly resent = this.store.selectSignal(selectMailSent);

  constructor() {
    this.store.dispatch(AuthPageActions.opened());
  }

  protected resend(email: string): void {
    this.store.dispatch(AuthPageActions.resendConfirmationClicked({ email }));
  }
}
