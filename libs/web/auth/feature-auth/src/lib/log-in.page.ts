import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { prefilledEmail } from './prefilled-email';
import { AuthPageActions, selectError, selectLoading } from '@raptorflow/web-auth-data-access';
import { ErrorBannerComponent } from '@raptorflow/web-ui';
import { Store } from '@ngrx/store';
import { AUTH_PAGE_STYLES } from './auth-page.styles';
import { GoogleSignInComponent } from './google-sign-in.component';
import { PasswordToggleComponent } from './password-toggle.component';

@Component({
  selector: 'rf-log-in-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule, MatProgressSpinnerModule, ErrorBannerComponent, GoogleSignInComponent, PasswordToggleComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="rf-page rf-auth">
      <mat-card appearance="outlined">
        <mat-card-content>
          <h1>Log in</h1>
          <p class="rf-auth-lead">Welcome back to RaptorFlow.</p>
          <rf-error-banner [message]="error()?.message" />
          <rf-google-sign-in />
          <form [formGroup]="form" (ngSubmit)="submit()" novalidate aria-label="Log in">
            <mat-form-field appearance="outline">
              <mat-label>Email</mat-label>
              <input matInput type="email" formControlName="email" autocomplete="email" required />
              @if (form.controls.email.hasError('required')) {
                <mat-error>Enter your email</mat-error>
              } @else if (form.controls.email.hasError('email')) {
                <mat-error>Enter a valid email address</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Password</mat-label>
              <input matInput [type]="isPasswordVisible() ? 'text' : 'password'" formControlName="password" autocomplete="current-password" required />
              <rf-password-toggle matSuffix [(visible)]="isPasswordVisible" />
              <mat-error>Enter your password</mat-error>
            </mat-form-field>
            <button mat-flat-button class="rf-submit" type="submit" [disabled]="loading()">
              @if (loading()) {
                <mat-spinner diameter="18" aria-label="Logging in" />
              }
              Log in
            </button>
          </form>
          <div class="rf-passwordless">
            <span class="rf-or">or</span>
            <button mat-stroked-button type="button" (click)="emailMeALink()" [disabled]="loading()">Email me a sign-in link or code</button>
          </div>
          <p class="rf-forgot"><a routerLink="/recover">Forgot password?</a></p>
          <p class="rf-switch">New to RaptorFlow? <a routerLink="/signup">Create an account</a></p>
        </mat-card-content>
      </mat-card>
    </section>
  `,
  styles: [
    AUTH_PAGE_STYLES,
    `.rf-forgot { margin: 16px 0 0; }
    .rf-passwordless { display: flex; flex-direction: column; gap: 8px; margin-top: 16px; }
    .rf-or { text-align: center; color: var(--mat-sys-on-surface-variant); font-size: 0.875rem; }`,
  ],
})
export class LogInPage {
  private readonly store = inject(Store);

  protected readonly loading = this.store.selectSignal(selectLoading);
  protected readonly error = this.store.selectSignal(selectError);
  protected readonly isPasswordVisible = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: [prefilledEmail(), [Validators.required, Validators.email]],
    password: ['', [Validators.required]],
  });

  constructor() {
    this.store.dispatch(AuthPageActions.opened());
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { email, password } = this.form.getRawValue();
    this.store.dispatch(AuthPageActions.signInSubmitted({ email: email.trim(), password }));
  }

  // Passwordless needs the address only; the password field is left alone.
  protected emailMeALink(): void {
    const email = this.form.controls.email;
    if (email.invalid) {
      email.markAsTouched();
      return;
    }
    this.store.dispatch(AuthPageActions.signInLinkRequested({ email: email.value.trim() }));
  }
}
