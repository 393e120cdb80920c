import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { ActivatedRoute, Router } from '@angular/router';
import type { InvitationPreview } from '@raptorflow/contracts';
import {
  AuthApiActions,
  AuthApiService,
  AuthPageActions,
  rememberReturnPath,
  selectEmail,
  selectIsResolved,
  selectStatus,
  toAuthErrorView,
} from '@raptorflow/web-auth-data-access';
import { ErrorBannerComponent } from '@raptorflow/web-ui';
import { Store } from '@ngrx/store';
import { filter, switchMap, take } from 'rxjs';
import { AUTH_PAGE_STYLES } from './auth-page.styles';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const BROKEN_LINK = 'This invitation link is incomplete. Open the whole link from the email.';

/**
 * Where an invitation's mailed link lands (`/invite/:token`): names the workspace and the inviter, lets a signed-out
 * invitee sign up or log in (and come back here), and the invited address accept. Any refusal changes nothing.
 */
@Component({
  selector: 'rf-invite-page',
  imports: [MatButtonModule, MatCardModule, MatProgressSpinnerModule, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="rf-page rf-auth">
      <mat-card appearance="outlined">
        <mat-card-content>
          <h1>Join a workspace</h1>
          @if (problem(); as message) {
            <rf-error-banner [message]="message" />
            <p class="rf-switch">Ask the person who invited you to send a new invitation.</p>
          } @else if (invitation(); as inv) {
            <p class="rf-auth-lead" data-testid="invitation-summary">
              <strong>{{ inv.inviterName }}</strong> invited you to join <strong>{{ inv.workspaceName }}</strong> as {{ inv.role === 'admin' ? 'an admin' : 'a member' }}.
            </p>
            <rf-error-banner [message]="acceptError()" />
            @if (!resolved()) {
              <p role="status"><mat-spinner diameter="18" aria-hidden="true" /> One moment…</p>
            } @else if (status() !== 'signed-in') {
              <p>The invitation is for <strong>{{ inv.email }}</strong>. Create an account or log in with that address, and you come back here.</p>
              <div class="rf-actions">
                <button mat-flat-button type="button" (click)="leaveTo('/signup')">Sign up</button>
                <button mat-stroked-button type="button" (click)="leaveTo('/login')">Log in</button>
              </div>
            } @else if (isOtherAddress()) {
              <p data-testid="other-address">
                You are logged in as <strong>{{ email() }}</strong>, but the invitation is for <strong>{{ inv.email }}</strong>. Log out, then log in with the invited address.
              </p>
              <div class="rf-actions">
                <button mat-stroked-button type="button" (click)="signOutAndReturn()">Log out</button>
              </div>
            } @else {
              <div class="rf-actions">
                <button mat-flat-button type="button" class="rf-submit" [disabled]="accepting()" (click)="accept()">
                  @if (accepting()) {
                    <mat-spinner diameter="18" aria-label="Joining the workspace" />
                  }
                  Accept and join {{ inv.workspaceName }}
                </button>
              </div>
            }
          } @else {
            <p role="status"><mat-spinner diameter="18" aria-hidden="true" /> Loading the invitation…</p>
          }
        </mat-card-content>
      </mat-card>
    </section>
  `,
  styles: [
    AUTH_PAGE_STYLES,
    `
      .rf-actions { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 16px; }
      p[role='status'] mat-spinner, .rf-submit mat-spinner { display: inline-block; margin-right: 8px; vertical-align: middle; }
      strong { overflow-wrap: anywhere; }
    `,
  ],
})
export class InvitePage {
  private readonly store = inject(Store);
  private readonly api = inject(AuthApiService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly token = inject(ActivatedRoute).snapshot.paramMap.get('token') ?? '';

  protected readonly resolved = this.store.selectSignal(selectIsResolved);
  protected readonly status = this.store.selectSignal(selectStatus);
  protected readonly email = this.store.selectSignal(selectEmail);
  protected readonly invitation = signal<InvitationPreview | null>(null);
  protected readonly problem = signal<string | null>(null);
  protected readonly acceptError = signal<string | null>(null);
  protected readonly accepting = signal(false);
  protected readonly isOtherAddress = computed(() => {
    const invited = this.invitation()?.email.toLowerCase();
    return !!invited && (this.email() ?? '').toLowerCase() !== invited;
  });

  constructor() {
    if (!TOKEN.test(this.token)) {
      this.problem.set(BROKEN_LINK);
      return;
    }
    // Asked once the session is known, so a signed-in visitor's request carries their token like every other.
    toObservable(this.resolved)
      .pipe(
        filter(Boolean),
        take(1),
        switchMap(() => this.api.invitation(this.token)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (invitation) => this.invitation.set(invitation),
        error: (error: unknown) => this.problem.set(toAuthErrorView(error).message),
      });
  }

  /** To the sign-up or log-in page with the invited address filled in; the next sign-in comes back here. */
  protected leaveTo(page: '/signup' | '/login'): void {
    rememberReturnPath(`/invite/${this.token}`);
    void this.router.navigate([page], { queryParams: { email: this.invitation()?.email } });
  }

  protected signOutAndReturn(): void {
    rememberReturnPath(`/invite/${this.token}`);
    this.store.dispatch(AuthPageActions.signOutClicked());
  }

  protected accept(): void {
    this.accepting.set(true);
    this.acceptError.set(null);
    this.api
      .acceptInvitation(this.token)
      .pipe(
        switchMap(() => this.api.verifyProfile()),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        // The joined workspace is now the current one: every page starts again there.
        next: (profile) => this.store.dispatch(AuthApiActions.workspaceSwitched({ profile })),
        error: (error: unknown) => {
          this.accepting.set(false);
          this.acceptError.set(toAuthErrorView(error).message);
        },
      });
  }
}
