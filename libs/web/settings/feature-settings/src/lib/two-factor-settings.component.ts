import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { SupabaseAuthClient, type TotpEnrollment, type TotpFactor, toAuthErrorView } from '@raptorflow/web-auth-data-access';
import { ErrorBannerComponent, IndianDatePipe, confirmAction } from '@raptorflow/web-ui';
import { filter } from 'rxjs';

/**
 * Settings, "Two-factor authentication": set up an authenticator app (QR code or key, then a code to activate it),
 * the authenticators set up, and removing one. A second authenticator is the way back in when a phone is lost.
 */
@Component({
  selector: 'rf-two-factor-settings',
  imports: [ReactiveFormsModule, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule, ErrorBannerComponent, IndianDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined">
      <mat-card-content>
        <h2>Two-factor authentication</h2>
        <rf-error-banner [message]="error()" />
        @if (notice(); as text) {
          <p role="status" class="muted" data-testid="two-factor-notice">{{ text }}</p>
        }
        @if (factors(); as list) {
          @if (verified().length) {
            <p>On: after your password, RaptorFlow asks for a code from one of these apps. Money and account changes ask for it too.</p>
            <ul class="factors" data-testid="two-factor-factors">
              @for (factor of verified(); track factor.id) {
                <li>
                  <span>{{ factor.friendlyName || 'Authenticator app' }} <span class="muted">added {{ factor.createdAt | inDate }}</span></span>
                  <button mat-button type="button" (click)="remove(factor)" [disabled]="busy()" [attr.aria-label]="'Remove ' + (factor.friendlyName || 'authenticator app')">Remove</button>
                </li>
              }
            </ul>
            @if (verified().length === 1) {
              <p class="muted">Add a second authenticator (another phone, or a password manager) to get in if you lose this one.</p>
            }
          } @else {
            <p>Off. Add an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password and others) so that a stolen password is not enough to sign in.</p>
          }
          @if (enrollment(); as setup) {
            <div class="setup">
              <img [src]="setup.qrCode" width="176" height="176" alt="QR code: scan it with your authenticator app" />
              <div>
                <p>Scan the QR code with your authenticator app, or enter this key in it:</p>
                <p><code data-testid="totp-secret">{{ setup.secret }}</code></p>
                <form [formGroup]="codeForm" (ngSubmit)="activate(setup)" novalidate aria-label="Activate authenticator" class="inline">
                  <mat-form-field appearance="outline">
                    <mat-label>6-digit code from the app</mat-label>
                    <input matInput formControlName="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required data-testid="totp-activate-code" />
                    @if (codeForm.controls.code.hasError('required')) {
                      <mat-error>Enter the code the app shows</mat-error>
                    } @else if (codeForm.controls.code.hasError('pattern')) {
                      <mat-error>The code is 6 digits</mat-error>
                    }
                  </mat-form-field>
                  <button mat-flat-button type="submit" [disabled]="busy()">Activate</button>
                  <button mat-button type="button" (click)="cancel(setup)" [disabled]="busy()">Cancel</button>
                </form>
              </div>
            </div>
          } @else {
            <form [formGroup]="nameForm" (ngSubmit)="start(list)" novalidate aria-label="Set up an authenticator app" class="inline">
              <mat-form-field appearance="outline">
                <mat-label>Name of this authenticator</mat-label>
                <input matInput formControlName="name" maxlength="60" required />
                <mat-error>Give it a name you will recognise, such as "My phone"</mat-error>
              </mat-form-field>
              <button mat-stroked-button type="submit" [disabled]="busy()">{{ verified().length ? 'Add a backup authenticator' : 'Set up authenticator app' }}</button>
            </form>
          }
        } @else if (!error()) {
          <p class="muted">Loading…</p>
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    :host { display: block; }
    mat-card { margin-bottom: 16px; }
    h2 { margin: 0 0 12px; font-size: 1.125rem; font-weight: 500; }
    .muted { color: var(--mat-sys-on-surface-variant); font-size: 0.875rem; }
    .factors { list-style: none; padding: 0; margin: 0 0 12px; }
    .factors li { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px; padding: 4px 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .setup { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
    .setup img { background: white; border-radius: 8px; }
    code { font-size: 1rem; letter-spacing: 0.05em; overflow-wrap: anywhere; }
    .inline { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 8px 12px; }
    .inline mat-form-field { flex: 1 1 220px; }
    .inline button { margin-top: 8px; }
  `,
})
export class TwoFactorSettingsComponent {
  private readonly auth = inject(SupabaseAuthClient);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly factors = signal<TotpFactor[] | null>(null);
  protected readonly verified = computed(() => (this.factors() ?? []).filter((f) => f.verified));
  protected readonly enrollment = signal<TotpEnrollment | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly nameForm = this.fb.group({ name: ['My phone', [Validators.required, Validators.maxLength(60)]] });
  protected readonly codeForm = this.fb.group({ code: ['', [Validators.required, Validators.pattern(/^\s*\d{6}\s*$/)]] });

  constructor() {
    void this.run(() => this.reload());
  }

  protected start(current: TotpFactor[]): Promise<void> {
    if (this.nameForm.invalid) {
      this.nameForm.markAllAsTouched();
      return Promise.resolve();
    }
    return this.run(async () => {
      // A set-up left unfinished earlier would hold its name; it never counted, so it goes.
      for (const stale of current.filter((f) => !f.verified)) await this.auth.unenrollFactor(stale.id);
      this.codeForm.reset({ code: '' });
      this.enrollment.set(await this.auth.enrollTotp(this.nameForm.getRawValue().name.trim()));
    });
  }

  protected activate(setup: TotpEnrollment): Promise<void> {
    if (this.codeForm.invalid) {
      this.codeForm.markAllAsTouched();
      return Promise.resolve();
    }
    return this.run(async () => {
      await this.auth.verifyTotp(setup.factorId, this.codeForm.getRawValue().code.trim());
      this.enrollment.set(null);
      this.nameForm.reset({ name: 'Backup authenticator' });
      await this.reload();
      this.notice.set('Two-factor authentication is on. From now on, after your password, enter the code your authenticator app shows.');
    });
  }

  protected cancel(setup: TotpEnrollment): Promise<void> {
    return this.run(async () => {
      await this.auth.unenrollFactor(setup.factorId);
      this.enrollment.set(null);
      await this.reload();
    });
  }

  protected remove(factor: TotpFactor): void {
    const last = this.verified().length === 1;
    confirmAction(this.dialog, {
      title: 'Remove authenticator',
      message: last
        ? `${factor.friendlyName || 'This authenticator'} stops working now and two-factor authentication is off: your password alone signs you in.`
        : `${factor.friendlyName || 'This authenticator'} stops working now. Your other authenticators keep working.`,
      confirmLabel: 'Remove authenticator',
    })
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe(() =>
        this.run(async () => {
          await this.auth.unenrollFactor(factor.id);
          await this.reload();
          this.notice.set(last ? 'Two-factor authentication is off.' : 'Authenticator removed.');
        }),
      );
  }

  private async reload(): Promise<void> {
    this.factors.set(await this.auth.totpFactors());
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    this.notice.set(null);
    try {
      await work();
    } catch (error) {
      this.error.set(toAuthErrorView(error).message);
    } finally {
      this.busy.set(false);
    }
  }
}
