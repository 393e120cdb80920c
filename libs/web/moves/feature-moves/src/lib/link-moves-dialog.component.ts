import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import type { Campaign, Move } from '@raptorflow/contracts';

export interface LinkMovesDialogData {
  campaign: Campaign;
  /** The loaded week's moves. */
  moves: Move[];
}

/** Picks moves of the loaded week to link to a campaign; closes with the ids to link. */
@Component({
  selector: 'rf-link-moves-dialog',
  imports: [MatButtonModule, MatCheckboxModule, MatDialogModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Link moves to {{ data.campaign.name }}</h2>
    <mat-dialog-content>
      @for (move of candidates; track move.id) {
        <div>
          <mat-checkbox [checked]="isLinked(move) || selected().has(move.id)" [disabled]="isLinked(move)" (change)="toggle(move.id, $event.checked)">
            {{ move.title }} <span class="meta">({{ move.status }})</span>
          </mat-checkbox>
        </div>
      } @empty {
        <p>This week has no moves to link yet. Generate or add moves first.</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button mat-flat-button type="button" [disabled]="!selected().size" (click)="link()">Link {{ selected().size || '' }} moves</button>
    </mat-dialog-actions>
  `,
  styles: `
    .meta { color: var(--mat-sys-on-surface-variant); font-size: 0.875rem; }
  `,
})
export class LinkMovesDialogComponent {
  protected readonly data = inject<LinkMovesDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<LinkMovesDialogComponent, string[]>>(MatDialogRef);

  protected readonly candidates = this.data.moves.filter((m) => m.status !== 'dismissed');
  protected readonly selected = signal(new Set<string>());

  protected isLinked(move: Move): boolean {
    return move.campaignId === this.data.campaign.id;
  }

  protected toggle(id: string, checked: boolean): void {
    const next = new Set(this.selected());
    if (checked) next.add(id);
    else next.delete(id);
    this.selected.set(next);
  }

  protected link(): void {
    this.ref.close([...this.selected()]);
  }
}
