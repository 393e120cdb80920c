import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { type BcmIcp, CAMPAIGN_LIMITS, type Campaign, type CreateCampaignRequest, GOAL_TYPE_OPTIONS, type GoalType } from '@raptorflow/contracts';

export interface CampaignDialogData {
  icps: BcmIcp[];
  /** Absent when creating. */
  campaign?: Campaign;
  /** Default start date for a new campaign (today). */
  today: string;
}

/** Dates are `YYYY-MM-DD`, so string order is date order. */
export function endNotBeforeStart(group: AbstractControl): ValidationErrors | null {
  const { startDate, endDate } = group.value as { startDate?: string; endDate?: string };
  return startDate && endDate && endDate < startDate ? { endBeforeStart: true } : null;
}

/** Creates or edits a campaign; closes with the request body. */
@Component({
  selector: 'rf-campaign-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.campaign ? 'Edit campaign' : 'New campaign' }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content class="fields">
        <mat-form-field appearance="outline">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" [maxlength]="limits.name" required />
          <mat-error>Name the campaign</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Customer profile</mat-label>
          <mat-select formControlName="icpId" required>
            @for (icp of data.icps; track icp.id) {
              <mat-option [value]="icp.id">{{ icp.name }}</mat-option>
            }
          </mat-select>
          <mat-error>Choose the profile this campaign targets</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Goal</mat-label>
          <mat-select formControlName="goal" required>
            @for (goal of goals; track goal.value) {
              <mat-option [value]="goal.value">{{ goal.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>Metric</mat-label>
            <input matInput formControlName="metric" [maxlength]="limits.metric" required placeholder="Demo calls booked" />
            <mat-error>Say what you will count</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Target</mat-label>
            <input matInput type="number" formControlName="target" min="1" required />
            <mat-error>A number above 0</mat-error>
          </mat-form-field>
        </div>
        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>Start date</mat-label>
            <input matInput type="date" formControlName="startDate" required />
            <mat-error>Pick a start date</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>End date</mat-label>
            <input matInput type="date" formControlName="endDate" required />
            <mat-error>Pick an end date</mat-error>
          </mat-form-field>
        </div>
        @if (form.hasError('endBeforeStart') && form.controls.endDate.touched) {
          <p class="rf-error" role="alert">The end date must be on or after the start date.</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit">{{ data.campaign ? 'Save' : 'Create campaign' }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .fields { display: flex; flex-direction: column; gap: 4px; min-width: min(480px, 80vw); }
    .row { display: flex; gap: 12px; }
    .row mat-form-field { flex: 1 1 0; }
    .rf-error { margin: 0 0 8px; }
  `,
})
export class CampaignDialogComponent {
  protected readonly data = inject<CampaignDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<CampaignDialogComponent, CreateCampaignRequest>>(MatDialogRef);

  protected readonly limits = CAMPAIGN_LIMITS;
  protected readonly goals = GOAL_TYPE_OPTIONS;
  private readonly campaign = this.data.campaign;

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      name: [this.campaign?.name ?? '', [Validators.required, Validators.maxLength(CAMPAIGN_LIMITS.name)]],
      icpId: [this.campaign?.icpId ?? this.data.icps[0]?.id ?? '', [Validators.required]],
      goal: [this.campaign?.goal ?? ('leads' as GoalType), [Validators.required]],
      metric: [this.campaign?.metric ?? '', [Validators.required, Validators.maxLength(CAMPAIGN_LIMITS.metric)]],
      target: [this.campaign?.target ?? 10, [Validators.required, Validators.min(1)]],
      startDate: [this.campaign?.startDate ?? this.data.today, [Validators.required]],
      endDate: [this.campaign?.endDate ?? '', [Validators.required]],
    },
    { validators: endNotBeforeStart },
  );

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    this.ref.close({ ...value, name: value.name.trim(), metric: value.metric.trim(), target: Number(value.target) });
  }
}
