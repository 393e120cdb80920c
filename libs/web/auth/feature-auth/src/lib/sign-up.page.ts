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

// 8 matches the auth server's minimum; bcrypt ignores everything after 72 bytes.
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 72;

@Component({
  selector: 'rf-sign-up-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule, MatProgressSpinnerModule, ErrorBannerComponent, GoogleSignInComponent, PasswordToggleComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="rf-page rf-auth">
      <mat-card appearance="outlined">
        <mat-card-content>
          <h1>Create your account</h1>
            <p class="rf-auth-lead">Start with your account; plans and your business come next.</p>
            <rf-error-banner [message]="error()?.message" />
            <rf-google-sign-in />
            <form [formGroup]="form" (ngSubmit)="submit()" novalidate aria-label="Sign up">
              <mat-form-field appearance="outline">
                <mat-label>Full name</mat-label>
                <input matInput formControlName="fullName" autocomplete="name" required />
                @if (form.controls.fullName.hasError('maxlength')) {
                  <mat-error>Use at most 100 characters</mat-error>
                } @else {
                  <mat-error>Enter your full name</mat-error>
                }
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>Email</mat-label>
                <input matInput type="email" formControlName="email" autocomplete="email" required />
                @if (form.controls.email.hasError('required')) {
                  <mat-error>Enter your email</mat-error>
                } @else {
                  <mat-error>Enter a valid email address</mat-error>
                }
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>Password</mat-label>
                <input matInput [type]="isPasswordVisible() ? 'text' : 'password'" formControlName="password" autocomplete="new-password" required />
                <rf-password-toggle matSuffix [(visible)]="isPasswordVisible" />
                <mat-hint>At least {{ minLength }} characters</mat-hint>
                @if (form.controls.password.hasError('required')) {
                  <mat-error>Choose a password</mat-error>
                } @else if (form.controls.password.hasError('minlength')) {
                  <mat-error>Use at least {{ minLength }} characters</mat-error>
                } @else {
                  <mat-error>Use at most {{ maxLength }} characters</mat-error>
                }
              </mat-form-field>
              <button mat-flat-button class="rf-submit" type="submit" [disabled]="loading()">
                @if (loading()) {
                  <mat-spinner diameter="18" aria-label="Creating your account" />
                }
                Create account
              </button>
            </form>
            <p class="rf-switch">Already have an account? <a routerLink="/login">Log in</a></p>
        </mat-card-content>
      </mat-card>
    </section>
  `,
  styles: AUTH_PAGE_STYLES,
})
export class SignUpPage {
  private readonly store = inject(Store);

  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly maxLength = PASSWORD_MAX_LENGTH;
  protected readonly loading = this.store.selectSignal(selectLoading);
  protected readonly error = this.store.selectSignal(selectError);
  protected readonly isPasswordVisible = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    fullName: ['', [Validators.required, Validators.pattern(/\S/), Validators.maxLength(100)]],
    email: [prefilledEmail(), [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });

  constructor() {
    this.store.dispatch(AuthPageActions.opened());
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { fullName, email, password } = this.form.getRawValue();
    this.store.dispatch(AuthPageActions.signUpSubmitted({ fullName: fullName.trim(), email: email.trim(), password }));
  }
}
