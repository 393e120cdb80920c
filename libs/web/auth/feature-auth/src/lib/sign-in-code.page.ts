import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { AuthPageActions, selectError, selectLoading, selectMailSent } from '@raptorflow/web-auth-data-access';
import { ErrorBannerComponent } from '@raptorflow/web-ui';
import { Store } from '@ngrx/store';
import { AUTH_PAGE_STYLES } from './auth-page.styles';

/** After "Email me a sign-in link or code" (`/login/code?email=`): the mailed link signs in, or its 6-digit code here. */
@Component({
  selector: 'rf-sign-in-code-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule, MatProgressSpinnerModule, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="rf-page rf-auth">
      <mat-card appearance="outlined">
        <mat-card-content>
          <h1>Check your email</h1>
          @if (email) {
            <p class="rf-auth-lead">
              We sent a sign-in link and a 6-digit code to <strong>{{ email }}</strong>. Open the link on this device, or type the code here. Both work once, for a day.
            </p>
            <rf-error-banner [message]="error()?.message" />
            @if (mailSent()) {
              <p role="status">We sent a new code. Use the latest email.</p>
            }
            <form [formGroup]="form" (ngSubmit)="submit()" novalidate aria-label="Sign in with a code">
              <mat-form-field appearance="outline">
                <mat-label>6-digit code</mat-label>
                <input matInput formControlName="code" inputmode="numeric" autocomplete="one-time-code" required />
                @if (form.controls.code.hasError('required')) {
                  <mat-error>Enter the code from the email</mat-error>
                } @else {
                  <mat-error>The code is 6 digits</mat-error>
                }
              </mat-form-field>
              <button mat-flat-button class="rf-submit" type="submit" [disabled]="loading()">
                @if (loading()) {
                  <mat-spinner diameter="18" aria-label="Signing in" />
                }
                Sign in
              </button>
            </form>
            <p class="rf-switch">No email? <button mat-button type="button" (click)="sendAgain()" [disabled]="loading()">Send a new code</button></p>
          } @else {
            <rf-error-banner message="This page needs the address the code went to. Ask for a new sign-in link." />
          }
          <p class="rf-switch"><a routerLink="/login">Back to log in</a></p>
        </mat-card-content>
      </mat-card>
    </section>
  `,
  styles: AUTH_PAGE_STYLES,
})
export class SignInCodePage {
  private readonly store = inject(Store);

  protected readonly loading = this.store.selectSignal(selectLoading);
  protected readonly error = this.store.selectSignal(selectError);
  protected readonly mailSent = this.store.selectSignal(selectMailSent);
  protected readonly email = inject(ActivatedRoute).snapshot.queryParamMap.get('email') ?? '';
  protected readonly form = inject(NonNullableFormBuilder).group({ code: ['', [Validators.required, Validators.pattern(/^\s*\d{6}\s*$/)]] });

  constructor() {
    this.store.dispatch(AuthPageActions.opened());
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.store.dispatch(AuthPageActions.signInCodeSubmitted({ email: this.email, code: this.form.getRawValue().code.trim() }));
  }

  protected sendAgain(): void {
    this.store.dispatch(AuthPageActions.signInLinkRequested({ email: this.email }));
  }
}
