import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { isRecentSignIn } from '@raptorflow/contracts';
import { type AccountEmail, SupabaseAuthClient, toAuthErrorView } from '@raptorflow/web-auth-data-access';
import { ErrorBannerComponent } from '@raptorflow/web-ui';
import { from } from 'rxjs';
import { AccountSessionsComponent } from './account-sessions.component';

const MIN_PASSWORD_LENGTH = 8;
// Field-level messages for the auth server's answers; anything else goes to the banner.
const PASSWORD_FIELD_ERRORS: Record<string, string> = {
  weak_password: `Use at least ${MIN_PASSWORD_LENGTH} characters`,
  same_password: 'Choose a password different from your current one',
};
const EMAIL_FIELD_ERRORS: Record<string, string> = {
  email_exists: 'Another account already uses this email',
  email_address_invalid: 'Enter a valid email address',
  validation_failed: 'Enter a valid email address',
};

/**
 * Settings > Sign-in and security: change the password (a sign-in older than RECENT_AUTHENTICATION_SECONDS first
 * confirms by a mailed code, GoTrue's reauthenticate nonce), change the e-mail (confirmed from the new inbox),
 * and the signed-in devices.
 */
@Component({
  selector: 'rf-account-security',
  imports: [ReactiveFormsModule, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule, ErrorBannerComponent, AccountSessionsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined">
      <mat-card-content>
        <h2>Password</h2>
        <rf-error-banner [message]="passwordError()" />
        @if (passwordNotice(); as text) {
          <p role="status" class="muted">{{ text }}</p>
        }
        <form [formGroup]="passwordForm" (ngSubmit)="changePassword()" novalidate aria-label="Change password">
          <mat-form-field appearance="outline">
            <mat-label>New password</mat-label>
            <input matInput type="password" formControlName="password" autocomplete="new-password" required />
            <mat-hint>At least {{ minLength }} characters. Your other sessions are signed out.</mat-hint>
            @if (passwordForm.controls.password.hasError('server')) {
              <mat-error>{{ passwordForm.controls.password.getError('server') }}</mat-error>
            } @else {
              <mat-error>Use at least {{ minLength }} characters</mat-error>
            }
          </mat-form-field>
          @if (needsCode()) {
            <p class="muted">You signed in more than 5 minutes ago. To confirm it is you, we emailed a 6-digit code to your address.</p>
            <mat-form-field appearance="outline">
              <mat-label>Code from the email</mat-label>
              <input matInput formControlName="nonce" inputmode="numeric" autocomplete="one-time-code" />
              @if (passwordForm.controls.nonce.hasError('server')) {
                <mat-error>{{ passwordForm.controls.nonce.getError('server') }}</mat-error>
              } @else {
                <mat-error>Enter the 6-digit code from the email</mat-error>
              }
            </mat-form-field>
          }
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="passwordBusy()">Change password</button>
            @if (needsCode()) {
              <button mat-button type="button" [disabled]="passwordBusy()" (click)="sendCode()">Send a new code</button>
            }
          </div>
        </form>
      </mat-card-content>
    </mat-card>

    <mat-card appearance="outlined">
      <mat-card-content>
        <h2>Email address</h2>
        <rf-error-banner [message]="emailError()" />
        @if (account(); as me) {
          <p>Signed in as <strong data-testid="account-email">{{ me.email }}</strong></p>
          @if (me.newEmail) {
            <p role="status" data-testid="pending-email">Pending: confirm at <strong>{{ me.newEmail }}</strong>. Open the link we sent there; until then you keep signing in with {{ me.email }}.</p>
          }
        }
        <form class="inline" [formGroup]="emailForm" (ngSubmit)="changeEmail()" novalidate aria-label="Change email">
          <mat-form-field appearance="outline">
            <mat-label>New email</mat-label>
            <input matInput type="email" formControlName="email" autocomplete="email" required />
            @if (emailForm.controls.email.hasError('server')) {
              <mat-error>{{ emailForm.controls.email.getError('server') }}</mat-error>
            } @else if (emailForm.controls.email.hasError('required')) {
              <mat-error>Enter the new email</mat-error>
            } @else {
              <mat-error>Enter a valid email address</mat-error>
            }
          </mat-form-field>
          <button mat-stroked-button type="submit" [disabled]="emailBusy()">Send confirmation link</button>
        </form>
      </mat-card-content>
    </mat-card>

    <mat-card appearance="outlined">
      <mat-card-content>
        <rf-account-sessions />
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    :host { display: block; }
    h2 { margin: 0 0 12px; font-size: 1.125rem; font-weight: 500; }
    mat-card { margin-bottom: 16px; }
    form:not(.inline) { display: flex; flex-direction: column; gap: 4px; max-width: 420px; }
    .inline { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 8px 12px; }
    .inline mat-form-field { flex: 1 1 220px; }
    .inline button { margin-top: 8px; }
    .actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
    .muted { color: var(--mat-sys-on-surface-variant); font-size: 0.875rem; }
    p { overflow-wrap: anywhere; }
  `,
})
export class AccountSecurityComponent {
  private readonly auth = inject(SupabaseAuthClient);
  private readonly destroyRef = inject(DestroyRef);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly sessionsList = viewChild(AccountSessionsComponent);

  protected readonly minLength = MIN_PASSWORD_LENGTH;
  protected readonly passwordForm = this.fb.group({
    password: ['', [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH)]],
    nonce: [''],
  });
  protected readonly emailForm = this.fb.group({ email: ['', [Validators.required, Validators.email]] });
  protected readonly needsCode = signal(false);
  protected readonly passwordBusy = signal(false);
  protected readonly passwordError = signal<string | null>(null);
  protected readonly passwordNotice = signal<string | null>(null);
  protected readonly account = signal<AccountEmail | null>(null);
  protected readonly emailBusy = signal(false);
  protected readonly emailError = signal<string | null>(null);

  constructor() {
    this.track(this.auth.accountEmail(), (account) => this.account.set(account), (message) => this.emailError.set(message));
  }

  protected changePassword(): void {
    const { password, nonce } = this.passwordForm.getRawValue();
    if (this.passwordForm.controls.password.invalid) {
      this.passwordForm.markAllAsTouched();
      return;
    }
    if (this.needsCode() && !/^\d{6}$/.test(nonce.trim())) {
      this.passwordForm.controls.nonce.setErrors({ required: true });
      this.passwordForm.controls.nonce.markAsTouched();
      return;
    }
    this.passwordBusy.set(true);
    this.passwordError.set(null);
    this.passwordNotice.set(null);
    this.track(
      this.submitPassword(password, this.needsCode() ? nonce.trim() : undefined),
      (outcome) => {
        this.passwordBusy.set(false);
        if (outcome === 'code-sent') return;
        this.needsCode.set(false);
        this.passwordForm.reset();
        this.passwordNotice.set('Password changed. Your other sessions were signed out.');
        this.sessionsList()?.reload();
      },
      (message, code) => {
        this.passwordBusy.set(false);
        if (code && PASSWORD_FIELD_ERRORS[code]) this.serverError(this.passwordForm.controls.password, PASSWORD_FIELD_ERRORS[code]);
        else if (code === 'reauthentication_not_valid') this.serverError(this.passwordForm.controls.nonce, message);
        else this.passwordError.set(message);
      },
    );
  }

  protected sendCode(): void {
    this.passwordBusy.set(true);
    this.track(
      this.auth.requestReauthentication(),
      () => {
        this.passwordBusy.set(false);
        this.passwordNotice.set('We sent a new code. Use the latest email.');
      },
      (message) => {
        this.passwordBusy.set(false);
        this.passwordError.set(message);
      },
    );
  }

  protected changeEmail(): void {
    if (this.emailForm.invalid) {
      this.emailForm.markAllAsTouched();
      return;
    }
    this.emailBusy.set(true);
    this.emailError.set(null);
    this.track(
      this.auth.changeEmail(this.emailForm.getRawValue().email.trim()),
      (account) => {
        this.emailBusy.set(false);
        this.account.set(account);
        this.emailForm.reset();
      },
      (message, code) => {
        this.emailBusy.set(false);
        if (code && EMAIL_FIELD_ERRORS[code]) this.serverError(this.emailForm.controls.email, EMAIL_FIELD_ERRORS[code]);
        else this.emailError.set(message);
      },
    );
  }

  // The 5-minute rule (contracts) decides here; the auth server still asks for the code itself past its own window.
  private async submitPassword(password: string, nonce: string | undefined): Promise<'changed' | 'code-sent'> {
    const recent = isRecentSignIn(await this.auth.lastSignInAt(), new Date());
    if (!recent && !nonce) {
      await this.auth.requestReauthentication();
      this.needsCode.set(true);
      return 'code-sent';
    }
    try {
      await this.auth.changePassword(password, nonce);
    } catch (error) {
      if (toAuthErrorView(error).code !== 'reauthentication_needed' || nonce) throw error;
      await this.auth.requestReauthentication();
      this.needsCode.set(true);
      return 'code-sent';
    }
    return 'changed';
  }

  private serverError(control: { setErrors(errors: Record<string, string>): void; markAsTouched(): void }, message: string): void {
    control.setErrors({ server: message });
    control.markAsTouched();
  }

  private track<T>(work: Promise<T>, done: (value: T) => void, failed: (message: string, code?: string) => void): void {
    from(work)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: done,
        error: (error: unknown) => {
          const view = toAuthErrorView(error);
          failed(view.message, view.code);
        },
      });
  }
}
