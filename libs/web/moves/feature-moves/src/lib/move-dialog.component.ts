import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { CHANNEL_OPTIONS, MOVE_LIMITS, MOVE_TYPES, type Move, type MoveType } from '@raptorflow/contracts';
import { daysOfWeek } from '@raptorflow/web-moves-data-access';

export interface MoveDialogData {
  week: string;
  /** Absent for a new custom move. */
  move?: Move;
}

export interface MoveDialogResult {
  title: string;
  channel: string;
  type: MoveType;
  effortHours: number;
  expectedOutcome: string | null;
  scheduledFor: string | null;
}

/** Edits a move or adds a custom one; closes with the form's values. */
@Component({
  selector: 'rf-move-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.move ? 'Edit move' : 'Add a move' }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content class="fields">
        <mat-form-field appearance="outline">
          <mat-label>Title</mat-label>
          <input matInput formControlName="title" [maxlength]="limits.title" required />
          <mat-error>Give the move a title</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Channel</mat-label>
          <mat-select formControlName="channel" required>
            @for (option of channels; track option.value) {
              <mat-option [value]="option.value">{{ option.label }}</mat-option>
            }
          </mat-select>
          <mat-error>Choose a channel</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Type</mat-label>
          <mat-select formControlName="type">
            @for (type of types; track type) {
              <mat-option [value]="type">{{ type }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Effort (hours)</mat-label>
          <input matInput type="number" formControlName="effortHours" min="0.5" [max]="limits.maxEffortHours" step="0.5" required />
          <mat-error>Between 0.5 and {{ limits.maxEffortHours }} hours</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Expected outcome</mat-label>
          <textarea matInput formControlName="expectedOutcome" rows="2" [maxlength]="limits.expectedOutcome"></textarea>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Scheduled date</mat-label>
          <mat-select formControlName="scheduledFor">
            <mat-option [value]="null">Not scheduled</mat-option>
            @for (day of days; track day) {
              <mat-option [value]="day">{{ day }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit">Save</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .fields { display: flex; flex-direction: column; gap: 4px; min-width: min(440px, 80vw); }
  `,
})
export class MoveDialogComponent {
  protected readonly data = inject<MoveDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<MoveDialogComponent, MoveDialogResult>>(MatDialogRef);

  protected readonly limits = MOVE_LIMITS;
  protected readonly types = MOVE_TYPES;
  protected readonly days = daysOfWeek(this.data.week);
  // A custom label on an older move stays selectable.
  protected readonly channels: { value: string; label: string }[] =
    this.data.move && !CHANNEL_OPTIONS.some((o) => o.value === this.data.move?.channel) ? [...CHANNEL_OPTIONS, { value: this.data.move.channel, label: this.data.move.channel }] : [...CHANNEL_OPTIONS];

  protected readonly form = inject(NonNullableFormBuilder).group({
    title: [this.data.move?.title ?? '', [Validators.required, Validators.maxLength(MOVE_LIMITS.title)]],
    channel: [this.data.move?.channel ?? '', [Validators.required]],
    type: [this.data.move?.type ?? ('content' as MoveType)],
    effortHours: [this.data.move?.effortHours ?? 1, [Validators.required, Validators.min(0.5), Validators.max(MOVE_LIMITS.maxEffortHours)]],
    expectedOutcome: [this.data.move?.expectedOutcome ?? '', [Validators.maxLength(MOVE_LIMITS.expectedOutcome)]],
    scheduledFor: [this.data.move?.scheduledFor ?? (null as string | null)],
  });

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    this.ref.close({ ...value, title: value.title.trim(), effortHours: Math.round(Number(value.effortHours) * 10) / 10, expectedOutcome: value.expectedOutcome.trim() || null });
  }
}
