import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Store } from '@ngrx/store';
import { AuthPageActions, SupabaseAuthClient, selectProfile, toAuthErrorView } from '@raptorflow/web-auth-data-access';
import { toApiErrorMessage } from '@raptorflow/web-bcm-data-access';
import { SettingsApiService } from '@raptorflow/web-settings-data-access';
import { ErrorBannerComponent, confirmAction } from '@raptorflow/web-ui';
import { catchError, filter, from, of, switchMap } from 'rxjs';

// Answers of the auth server that belong to a field rather than the banner.
const PASSWORD_ERRORS: Record<string, string> = { invalid_credentials: 'That password is not right' };
const CODE_ERRORS: Record<string, string> = { otp_expired: 'That code is wrong or has expired. Send a new one if it is older than a day.' };

/**
 * Settings > Delete account. The API wants a sign-in younger than RECENT_AUTHENTICATION_SECONDS, so the user proves it
 * is them again just before: with the password, or, for a user without one (Google only), with a mailed 6-digit code
 * (a passwordless sign-in, amr `otp`). A user with two-factor then passes the code dialog the API's AAL2_REQUIRED opens.
 */
@Component({
  selector: 'rf-delete-account',
  imports: [ReactiveFormsModule, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined">
      <mat-card-content>
        <h2>Delete account</h2>
        <p>
          This deletes your sign-in, your profile and every workspace you own, with its onboarding answers, manifests, moves and
          campaigns. Members of your workspaces lose access to them. Payment records are kept for accounting. This cannot be undone.
        </p>
        <rf-error-banner [message]="error()" />
        <form [formGroup]="form" (ngSubmit)="deleteAccount()" novalidate aria-label="Delete account">
          <mat-form-field appearance="outline" class="delete-confirm">
            <mat-label>Type {{ email() }} to confirm</mat-label>
            <input matInput data-testid="delete-confirm" formControlName="confirmEmail" autocomplete="off" />
          </mat-form-field>
          @if (hasPassword() === false) {
            @if (codeSentTo(); as address) {
              <p class="muted" role="status">We emailed a 6-digit code to {{ address }}. It confirms it is you.</p>
              <mat-form-field appearance="outline" class="delete-confirm">
                <mat-label>Code from the email</mat-label>
                <input matInput data-testid="delete-code" formControlName="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" />
                @if (form.controls.code.hasError('server')) {
                  <mat-error>{{ form.controls.code.getError('server') }}</mat-error>
                } @else {
                  <mat-error>Enter the 6 digits from the email</mat-error>
                }
              </mat-form-field>
            } @else {
              <p class="muted">You sign in without a password, so we email you a 6-digit code to confirm it is you.</p>
            }
            <div class="actions">
              <button mat-stroked-button type="button" data-testid="delete-send-code" [disabled]="busy()" (click)="sendCode()">
                {{ codeSentTo() ? 'Send a new code' : 'Email me a code' }}
              </button>
            </div>
          } @else {
            <mat-form-field appearance="outline" class="delete-confirm">
              <mat-label>Your password</mat-label>
              <input matInput type="password" data-testid="delete-password" formControlName="password" autocomplete="current-password" />
              <mat-hint>We ask for it again before anything is deleted</mat-hint>
              @if (form.controls.password.hasError('server')) {
                <mat-error>{{ form.controls.password.getError('server') }}</mat-error>
              } @else {
                <mat-error>Enter your password</mat-error>
              }
            </mat-form-field>
          }
          <button mat-flat-button color="warn" type="submit" data-testid="delete-account" [disabled]="!canDelete() || busy()">Delete my account</button>
        </form>
      </mat-card-content>
    </mat-card>
  `,
  // The same look as the other Settings cards (their styles are the page's, which do not reach in here).
  styles: `
    :host { display: block; }
    mat-card { margin-bottom: 16px; }
    h2 { margin: 0 0 12px; font-size: 1.125rem; font-weight: 500; }
    .delete-confirm { width: 100%; max-width: 420px; }
    .muted { color: var(--mat-sys-on-surface-variant); font-size: 0.875rem; }
    .actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 4px 0 12px; }
  `,
})
export class DeleteAccountComponent {
  private readonly store = inject(Store);
  private readonly api = inject(SettingsApiService);
  private readonly auth = inject(SupabaseAuthClient);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly email = computed(() => this.store.selectSignal(selectProfile)()?.profile.email ?? '');
  /** Null until the auth server has said; the password field shows meanwhile, as for most users. */
  protected readonly hasPassword = signal<boolean | null>(null);
  protected readonly codeSentTo = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    confirmEmail: [''],
    password: ['', Validators.required],
    code: ['', [Validators.required, Validators.pattern(/^\d{6}$/)]],
  });
  private readonly values = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });

  protected readonly canDelete = computed(() => {
    const { confirmEmail = '', password = '', code = '' } = this.values();
    const email = this.email();
    const confirmed = !!email && confirmEmail.trim().toLowerCase() === email.toLowerCase();
    return confirmed && (this.hasPassword() === false ? !!this.codeSentTo() && /^\d{6}$/.test(code.trim()) : password.length > 0);
  });

  constructor() {
    from(this.auth.hasPassword())
      .pipe(
        catchError(() => of(true)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((has) => this.hasPassword.set(has));
  }

  protected sendCode(): void {
    const email = this.email();
    this.busy.set(true);
    this.error.set(null);
    from(this.auth.sendSignInLink(email))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.codeSentTo.set(email);
          this.form.controls.code.reset('');
          this.busy.set(false);
        },
        error: (error: unknown) => {
          this.error.set(toAuthErrorView(error).message);
          this.busy.set(false);
        },
      });
  }

  protected deleteAccount(): void {
    if (!this.canDelete() || this.busy()) return;
    const confirmed = confirmAction(this.dialog, {
      title: 'Delete account',
      message: 'Your sign-in, profile and every workspace you own are deleted now, for good. Payment records are kept for accounting.',
      confirmLabel: 'Delete my account',
    });
    confirmed.pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef)).subscribe(() => this.proveAndDelete());
  }

  // A wrong password or code fails at the sign-in, with supabase-js's error, and nothing is deleted.
  private proveAndDelete(): void {
    const email = this.email();
    const { password, code, confirmEmail } = this.form.getRawValue();
    const byCode = this.hasPassword() === false;
    const field = byCode ? this.form.controls.code : this.form.controls.password;
    const fieldErrors = byCode ? CODE_ERRORS : PASSWORD_ERRORS;
    this.busy.set(true);
    this.error.set(null);
    const signInAgain = byCode ? this.auth.verifyEmailCode(email, code.trim()) : this.auth.signIn({ email, password });
    from(signInAgain)
      .pipe(
        catchError((error: unknown) => {
          const view = toAuthErrorView(error);
          const message = fieldErrors[view.code ?? ''];
          if (message) {
            field.setErrors({ server: message });
            field.markAsTouched();
          } else {
            this.error.set(view.message);
          }
          this.busy.set(false);
          return of(null);
        }),
        filter((session) => session !== null),
        switchMap(() => this.api.deleteAccount(confirmEmail.trim())),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        // The sign-in is gone, so the session ends here and the guards send the user to /login.
        next: () => this.store.dispatch(AuthPageActions.signOutClicked()),
        error: (error: unknown) => {
          this.error.set(toApiErrorMessage(error));
          this.busy.set(false);
        },
      });
  }
}
