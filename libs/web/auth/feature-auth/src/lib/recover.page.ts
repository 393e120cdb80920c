import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { AuthPageActions, selectError, selectLoading, selectMailSent } from '@raptorflow/web-auth-data-access';
import { ErrorBannerComponent } from '@raptorflow/web-ui';
import { Store } from '@ngrx/store';
import { AUTH_PAGE_STYLES } from './auth-page.styles';
import { prefilledEmail } from './prefilled-email';

/** "Forgot password?": asks for the address and mails a recovery link to it. */
@Component({
  selector: 'rf-recover-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule, MatProgressSpinnerModule, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="rf-page rf-auth">
      <mat-card appearance="outlined">
        <mat-card-content>
          <h1>Reset your password</h1>
          @if (sent() && sentTo()) {
            <p role="status">
              If an account exists for <strong>{{ sentTo() }}</strong>, we sent it a link to choose a new password. Open it on this device; it expires in a day.
            </p>
          } @else {
            <p class="rf-auth-lead">Enter the email you signed up with and we will send you a link to choose a new password.</p>
            <rf-error-banner [message]="error()?.message" />
            <form [formGroup]="form" (ngSubmit)="submit()" novalidate aria-label="Reset password">
              <mat-form-field appearance="outline">
                <mat-label>Email</mat-label>
                <input matInput type="email" formControlName="email" autocomplete="email" required />
                @if (form.controls.email.hasError('required')) {
                  <mat-error>Enter your email</mat-error>
                } @else {
                  <mat-error>Enter a valid email address</mat-error>
                }
              </mat-form-field>
              <button mat-flat-button class="rf-submit" type="submit" [disabled]="loading()">
                @if (loading()) {
                  <mat-spinner diameter="18" aria-label="Sending" />
                }
                Send the link
              </button>
            </form>
          }
          <p class="rf-switch">Remembered it? <a routerLink="/login">Log in</a></p>
        </mat-card-content>
      </mat-card>
    </section>
  `,
  styles: AUTH_PAGE_STYLES,
})
export class RecoverPage {
  private readonly store = inject(Store);

  protected readonly loading = this.store.selectSignal(selectLoading);
  protected readonly error = this.store.selectSignal(selectError);
  protected readonly sent = this.store.selectSignal(selectMailSent);
  protected readonly sentTo = signal('');
  protected readonly form = inject(NonNullableFormBuilder).group({ email: [prefilledEmail(), [Validators.required, Validators.email]] });

  constructor() {
    this.store.dispatch(AuthPageActions.opened());
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const email = this.form.getRawValue().email.trim();
    this.sentTo.set(email);
    this.store.dispatch(AuthPageActions.passwordResetRequested({ email }));
  }
}
