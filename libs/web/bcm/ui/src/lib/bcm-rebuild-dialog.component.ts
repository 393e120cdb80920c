import { ChangeDetectionStrategy, Component, type Signal, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, type MatDialogRef, MatDialogModule } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';

export type BcmRebuildDialogPhase = 'idle' | 'requesting' | 'rebuilding' | 'succeeded' | 'failed';

export interface BcmRebuildDialogView {
  phase: BcmRebuildDialogPhase;
  error: string | null;
  version: number | null;
}

/** The opener passes live state (a signal from the store) and what a confirmation does. */
export interface BcmRebuildDialogData {
  view: Signal<BcmRebuildDialogView>;
  confirm: () => void;
}

/** Confirm, then progress while the rebuild runs, then success (new version) or the failure's reason. */
@Component({
  selector: 'rf-bcm-rebuild-dialog',
  imports: [MatButtonModule, MatDialogModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Rebuild the manifest</h2>
    <mat-dialog-content>
      @switch (data.view().phase) {
        @case ('idle') {
          <p>RaptorFlow rebuilds your business context manifest from your latest onboarding answers. Pages keep showing the current version until the new one is ready.</p>
          <p>Each rebuild counts toward your plan's daily limit.</p>
        }
        @case ('succeeded') {
          <p role="status">Manifest v{{ data.view().version }} is ready.</p>
        }
        @case ('failed') {
          <p role="alert" class="error">The rebuild failed: {{ data.view().error }}</p>
        }
        @default {
          <p role="status">Rebuilding… this usually takes a few seconds.</p>
          <mat-progress-bar mode="indeterminate" aria-label="Rebuilding the manifest" />
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @switch (data.view().phase) {
        @case ('idle') {
          <button mat-button type="button" mat-dialog-close>Cancel</button>
          <button mat-flat-button type="button" (click)="data.confirm()">Rebuild now</button>
        }
        @case ('failed') {
          <button mat-button type="button" mat-dialog-close>Close</button>
        }
        @case ('succeeded') {
          <button mat-flat-button type="button" mat-dialog-close>Done</button>
        }
        @default {
          <button mat-button type="button" mat-dialog-close>Continue in the background</button>
        }
      }
    </mat-dialog-actions>
  `,
  styles: `
    .error { color: var(--mat-sys-error); }
  `,
})
export class BcmRebuildDialogComponent {
  protected readonly data = inject<BcmRebuildDialogData>(MAT_DIALOG_DATA);
}

/** Opens the rebuild dialog; `closed` runs when it closes (to reset a finished rebuild's outcome). */
export function openBcmRebuildDialog(dialog: MatDialog, data: BcmRebuildDialogData, closed: () => void): MatDialogRef<BcmRebuildDialogComponent> {
  const ref = dialog.open(BcmRebuildDialogComponent, { data, width: '480px', autoFocus: 'first-tabbable' });
  ref.afterClosed().subscribe(closed);
  return ref;
}
