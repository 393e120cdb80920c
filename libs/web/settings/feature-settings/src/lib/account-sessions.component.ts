import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import type { AccountSession } from '@raptorflow/contracts';
import { SupabaseAuthClient, toAuthErrorView } from '@raptorflow/web-auth-data-access';
import { AccountSessionsApiService } from '@raptorflow/web-settings-data-access';
import { ErrorBannerComponent, IndianDateTimePipe, confirmAction } from '@raptorflow/web-ui';
import { filter, from, switchMap } from 'rxjs';

/** Settings > Sessions: where this account is signed in, and "Sign out of all other sessions". */
@Component({
  selector: 'rf-account-sessions',
  imports: [MatButtonModule, ErrorBannerComponent, IndianDateTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2>Signed-in devices</h2>
    <rf-error-banner [message]="error()" />
    @if (notice(); as text) {
      <p role="status" class="muted">{{ text }}</p>
    }
    @if (sessions(); as list) {
      <ul class="sessions" aria-label="Signed-in devices">
        @for (s of list; track s.id) {
          <li data-testid="account-session">
            <span class="device">
              {{ s.device }}
              @if (s.current) {
                <span class="chip">This device</span>
              }
            </span>
            <span class="muted">{{ s.ip ?? 'IP not recorded' }} · last active {{ s.lastSeenAt | inDateTime }}</span>
          </li>
        }
      </ul>
      <button mat-stroked-button type="button" data-testid="sign-out-others" [disabled]="busy() || list.length < 2" (click)="signOutOthers()">Sign out of all other sessions</button>
    } @else if (!error()) {
      <p class="muted">Loading…</p>
    }
  `,
  styles: `
    :host { display: block; }
    h2 { margin: 0 0 12px; font-size: 1.125rem; font-weight: 500; }
    .sessions { list-style: none; margin: 0 0 12px; padding: 0; }
    .sessions li { display: flex; flex-direction: column; gap: 2px; padding: 8px 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .device { font-weight: 500; overflow-wrap: anywhere; }
    .chip { margin-left: 8px; padding: 2px 8px; border-radius: 12px; font-size: 0.75rem; font-weight: 500; background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
    .muted { color: var(--mat-sys-on-surface-variant); font-size: 0.875rem; overflow-wrap: anywhere; }
  `,
})
export class AccountSessionsComponent {
  private readonly api = inject(AccountSessionsApiService);
  private readonly auth = inject(SupabaseAuthClient);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly sessions = signal<AccountSession[] | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly busy = signal(false);

  constructor() {
    this.load();
  }

  /** Lists them again (after a password change ended the others). */
  reload(): void {
    this.load();
  }

  protected signOutOthers(): void {
    confirmAction(this.dialog, {
      title: 'Sign out of all other sessions',
      message: 'Every other browser and device signed in to this account is signed out within seconds. This device stays signed in.',
      confirmLabel: 'Sign out others',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.busy.set(true);
          this.error.set(null);
          return from(this.auth.signOutOtherSessions());
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => {
          this.busy.set(false);
          this.notice.set('Signed out of all other sessions.');
          this.load();
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.error.set(toAuthErrorView(error).message);
        },
      });
  }

  private load(): void {
    this.api
      .list()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ sessions }) => {
          this.sessions.set(sessions);
          this.error.set(null);
        },
        error: (error: unknown) => this.error.set(toAuthErrorView(error).message),
      });
  }
}
