import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { SupabaseAuthClient, type TotpFactor, toAuthErrorView } from '@raptorflow/web-auth-data-access';
import { ErrorBannerComponent } from '@raptorflow/web-ui';

/**
 * Asks for the 6-digit code of one of the user's authenticators and verifies it (the session becomes aal2).
 * With more than one authenticator (a backup added in Settings) the user picks which one they have at hand.
 */
@Component({
  selector: 'rf-two-factor-code',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressSpinnerModule, MatSelectModule, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <rf-error-banner [message]="error()" />
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate aria-label="Two-factor code">
      @if (factors().length > 1) {
        <mat-form-field appearance="outline">
          <mat-label>Authenticator</mat-label>
          <mat-select formControlName="factorId">
            @for (factor of factors(); track factor.id) {
              <mat-option [value]="factor.id">{{ factor.friendlyName || 'Authenticator app' }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      }
      <mat-form-field appearance="outline">
        <mat-label>6-digit code</mat-label>
        <input matInput formControlName="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required data-testid="two-factor-code" />
        @if (form.controls.code.hasError('required')) {
          <mat-error>Enter the code from your authenticator app</mat-error>
        } @else if (form.controls.code.hasError('pattern')) {
          <mat-error>The code is 6 digits</mat-error>
        }
      </mat-form-field>
      <button mat-flat-button class="rf-submit" type="submit" [disabled]="busy()">
        @if (busy()) {
          <mat-spinner diameter="18" aria-label="Verifying" />
        }
        Verify
      </button>
    </form>
  `,
  styles: `
    form { display: flex; flex-direction: column; gap: 4px; }
    mat-form-field { width: 100%; }
    .rf-submit { margin-top: 8px; height: 44px; }
    .rf-submit mat-spinner { display: inline-block; margin-right: 8px; vertical-align: middle; }
  `,
})
export class TwoFactorCodeComponent {
  private readonly auth = inject(SupabaseAuthClient);

  /** Emits once the session passed the second factor. */
  readonly passed = output<void>();

  protected readonly factors = signal<TotpFactor[]>([]);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    factorId: [''],
    code: ['', [Validators.required, Validators.pattern(/^\s*\d{6}\s*$/)]],
  });

  constructor() {
    this.auth.totpFactors().then(
      (factors) => {
        const verified = factors.filter((f) => f.verified);
        this.factors.set(verified);
        if (verified[0] && !this.form.controls.factorId.value) this.form.controls.factorId.setValue(verified[0].id);
      },
      (error: unknown) => this.error.set(toAuthErrorView(error).message),
    );
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { factorId, code } = this.form.getRawValue();
    if (!factorId) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.auth.verifyTotp(factorId, code.trim());
      this.passed.emit();
    } catch (error) {
      this.error.set(toAuthErrorView(error).message);
      this.form.controls.code.reset('');
    } finally {
      this.busy.set(false);
    }
  }
}
