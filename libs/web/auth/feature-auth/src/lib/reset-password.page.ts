import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { AuthPageActions, selectEmail, selectError, selectIsSignedIn, selectLoading } from '@raptorflow/web-auth-data-access';
import { ErrorBannerComponent } from '@raptorflow/web-ui';
import { Store } from '@ngrx/store';
import { AUTH_PAGE_STYLES } from './auth-page.styles';
import { PasswordToggleComponent } from './password-toggle.component';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './sign-up.page';

/** Where the recovery link leads (signed in by it): choose the new password. */
@Component({
  selector: 'rf-reset-password-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule, MatProgressSpinnerModule, ErrorBannerComponent, PasswordToggleComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="rf-page rf-auth">
      <mat-card appearance="outlined">
        <mat-card-content>
          <h1>Choose a new password</h1>
          @if (signedIn()) {
            <p class="rf-auth-lead">For {{ email() }}. Your other sessions end when you save it.</p>
            <rf-error-banner [message]="error()?.message" />
            <form [formGroup]="form" (ngSubmit)="submit()" novalidate aria-label="Choose a new password">
              <mat-form-field appearance="outline">
                <mat-label>New password</mat-label>
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
                  <mat-spinner diameter="18" aria-label="Saving" />
                }
                Save password
              </button>
            </form>
          } @else {
            <p class="rf-auth-lead">Open the link from the password-reset email first, or ask for a new one.</p>
            <p class="rf-switch"><a routerLink="/recover">Send a new link</a> · <a routerLink="/login">Log in</a></p>
          }
        </mat-card-content>
      </mat-card>
    </section>
  `,
  styles: AUTH_PAGE_STYLES,
})
export class ResetPasswordPage {
  private readonly store = inject(Store);

  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly maxLength = PASSWORD_MAX_LENGTH;
  protected readonly signedIn = this.store.selectSignal(selectIsSignedIn);
  protected readonly email = this.store.selectSignal(selectEmail);
  protected readonly loading = this.store.selectSignal(selectLoading);
  protected readonly error = this.store.selectSignal(selectError);
  protected readonly isPasswordVisible = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
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
    this.store.dispatch(AuthPageActions.newPasswordSubmitted({ password: this.form.getRawValue().password }));
  }
}
