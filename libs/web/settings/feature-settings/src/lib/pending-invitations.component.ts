import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import type { WorkspaceInvitation } from '@raptorflow/contracts';
import { toApiErrorMessage } from '@raptorflow/web-bcm-data-access';
import { SettingsApiService } from '@raptorflow/web-settings-data-access';
import { ErrorBannerComponent, IndianDatePipe, IndianDateTimePipe, confirmAction } from '@raptorflow/web-ui';
import { type Observable, filter } from 'rxjs';

/** Pending invitations for owners and admins: when each expires and was last mailed; resend (a new link) or revoke. */
@Component({
  selector: 'rf-pending-invitations',
  imports: [MatButtonModule, ErrorBannerComponent, IndianDatePipe, IndianDateTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (invitations().length) {
      <h3 class="muted">Pending invitations</h3>
      <rf-error-banner [message]="error()" />
      @if (notice(); as message) {
        <p class="notice" role="status">{{ message }}</p>
      }
      <ul class="invitations" aria-label="Pending invitations">
        @for (invitation of invitations(); track invitation.id) {
          <li [attr.data-testid]="'invitation-' + invitation.email">
            <span class="who">{{ invitation.email }} ({{ invitation.role }})</span>
            <span class="muted">
              Expires {{ invitation.expiresAt | inDate }}{{ invitation.lastSentAt ? ' · mailed ' + (invitation.lastSentAt | inDateTime) : '' }}
            </span>
            <span class="buttons">
              <button mat-button type="button" [disabled]="busy()" (click)="resend(invitation)" [attr.aria-label]="'Resend the invitation to ' + invitation.email">Resend</button>
              <button mat-button type="button" [disabled]="busy()" (click)="revoke(invitation)" [attr.aria-label]="'Revoke the invitation to ' + invitation.email">Revoke</button>
            </span>
          </li>
        }
      </ul>
    }
  `,
  styles: `
    .muted { color: var(--mat-sys-on-surface-variant); font-size: 0.875rem; }
    .invitations { list-style: none; padding: 0; margin: 0 0 12px; }
    .invitations li { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 12px; padding: 6px 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .who { overflow-wrap: anywhere; }
    .buttons { margin-left: auto; }
    .notice { margin: 0 0 8px; }
  `,
})
export class PendingInvitationsComponent {
  private readonly api = inject(SettingsApiService);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);

  readonly invitations = input.required<WorkspaceInvitation[]>();
  /** After a resend or revoke: the page reloads its member list. */
  readonly changed = output<void>();

  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);

  protected resend(invitation: WorkspaceInvitation): void {
    this.run(this.api.resendInvitation(invitation.id), `A new invitation is on its way to ${invitation.email}. The earlier link no longer works.`);
  }

  protected revoke(invitation: WorkspaceInvitation): void {
    const confirmed = confirmAction(this.dialog, {
      title: 'Revoke invitation',
      message: `The link sent to ${invitation.email} stops working now. You can invite them again later.`,
      confirmLabel: 'Revoke invitation',
    });
    confirmed
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.run(this.api.revokeInvitation(invitation.id), `The invitation to ${invitation.email} was revoked.`));
  }

  private run(request: Observable<unknown>, done: string): void {
    this.busy.set(true);
    this.error.set(null);
    this.notice.set(null);
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: () => {
        this.busy.set(false);
        this.notice.set(done);
        this.changed.emit();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(toApiErrorMessage(error));
      },
    });
  }
}
