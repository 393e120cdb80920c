import { ChangeDetectionStrategy, Component, type Injector, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { TwoFactorCodeComponent } from './two-factor-code.component';

/** The code prompt for an action the API refused with AAL2_REQUIRED; closes with true once the session is aal2. */
@Component({
  selector: 'rf-two-factor-dialog',
  imports: [MatDialogModule, MatButtonModule, TwoFactorCodeComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Confirm it's you</h2>
    <mat-dialog-content>
      <p>This action needs the 6-digit code from your authenticator app.</p>
      <rf-two-factor-code (passed)="ref.close(true)" />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">Cancel</button>
    </mat-dialog-actions>
  `,
})
export class TwoFactorDialogComponent {
  protected readonly ref = inject<MatDialogRef<TwoFactorDialogComponent, boolean>>(MatDialogRef);
}

/** For AAL2_CHALLENGE (provideTwoFactorChallenge in app.config.ts, loaded on first use). */
export function openTwoFactorDialog(injector: Injector): Promise<boolean> {
  const ref = injector.get(MatDialog).open<TwoFactorDialogComponent, void, boolean>(TwoFactorDialogComponent, { width: '420px', maxWidth: 'calc(100vw - 32px)' });
  return firstValueFrom(ref.afterClosed()).then((passed) => passed === true);
}
