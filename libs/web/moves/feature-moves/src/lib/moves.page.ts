import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Store } from '@ngrx/store';
import type { Move, MoveStatus, UpdateMoveRequest } from '@raptorflow/contracts';
import { selectProfile } from '@raptorflow/web-auth-data-access';
import { BcmPageActions, selectCanRebuild, selectContextVersion, selectHasManifest, selectIsLoaded, selectIsRebuilding } from '@raptorflow/web-bcm-data-access';
import { BcmMissingStateComponent } from '@raptorflow/web-bcm-ui';
import {
  MovesPageActions,
  selectHoursBudget,
  selectHoursCommitted,
  selectIsGenerating,
  selectIsLoadingWeek,
  selectLastGenerated,
  selectMovesByStatus,
  selectWeek,
  selectWeekError,
  shiftWeek,
  weekLabel,
} from '@raptorflow/web-moves-data-access';
import { ErrorBannerComponent } from '@raptorflow/web-ui';
import { MoveDialogComponent, type MoveDialogData, type MoveDialogResult } from './move-dialog.component';

const SECTIONS: { status: MoveStatus; title: string }[] = [
  { status: 'suggested', title: 'Suggested' },
  { status: 'planned', title: 'Planned' },
  { status: 'done', title: 'Done' },
  { status: 'dismissed', title: 'Dismissed' },
];

@Component({
  selector: 'rf-moves-page',
  imports: [MatButtonModule, MatCardModule, MatProgressBarModule, BcmMissingStateComponent, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page">
      <div class="head">
        <h1>Moves</h1>
        <div class="week" role="group" aria-label="Week">
          <button mat-button type="button" (click)="changeWeek(-1)" [disabled]="!week()" aria-label="Previous week">‹ Previous</button>
          <span class="label" data-testid="week-label">{{ week() ? label() : 'This week' }}</span>
          <button mat-button type="button" (click)="changeWeek(1)" [disabled]="!week()" aria-label="Next week">Next ›</button>
        </div>
      </div>
      <rf-error-banner [message]="error()" />
      @if (bcmLoaded() && !hasManifest()) {
        <rf-bcm-missing-state [hasContext]="contextVersion() !== null" [canRebuild]="canRebuild()" [isRebuilding]="isRebuilding()" (build)="build()" />
      }
      <div class="toolbar">
        @if (hasManifest()) {
          <button mat-flat-button type="button" (click)="generate()" [disabled]="isReadOnly() || isGenerating() || !week()">
            {{ isGenerating() ? 'Generating…' : 'Generate suggestions' }}
          </button>
        }
        <button mat-stroked-button type="button" (click)="add()" [disabled]="isReadOnly() || !week()">Add a move</button>
        <span class="hours" data-testid="hours">{{ hoursCommitted() }} of {{ hoursBudget() ?? '–' }} hours committed</span>
      </div>
      @if (lastGenerated(); as summary) {
        <p class="summary" role="status">{{ summary.created }} new, {{ summary.refreshed }} refreshed, {{ summary.removed }} removed suggestions.</p>
      }
      @if (isLoading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading moves" />
      }
      @for (section of sections; track section.status) {
        @if (groups()[section.status].length || section.status !== 'dismissed') {
          <h2>{{ section.title }} <span class="count">({{ groups()[section.status].length }})</span></h2>
          <div class="list" [attr.data-testid]="'moves-' + section.status">
            @for (move of groups()[section.status]; track move.id) {
              <mat-card appearance="outlined" class="move" data-testid="move">
                <mat-card-content>
                  <div class="title">{{ move.title }}</div>
                  <div class="meta">
                    {{ move.channel }} · {{ move.type }} · {{ move.effortHours }} h
                    @if (move.scheduledFor) {
                      · {{ move.scheduledFor }}
                    }
                  </div>
                  @if (move.expectedOutcome) {
                    <div class="outcome">{{ move.expectedOutcome }}</div>
                  }
                </mat-card-content>
                @if (!isReadOnly()) {
                  <mat-card-actions>
                    @switch (move.status) {
                      @case ('suggested') {
                        <button mat-button type="button" (click)="setStatus(move, 'planned')">Accept</button>
                      }
                      @case ('planned') {
                        <button mat-button type="button" (click)="setStatus(move, 'done')">Complete</button>
                      }
                      @case ('done') {
                        <button mat-button type="button" (click)="setStatus(move, 'planned')">Reopen</button>
                      }
                      @case ('dismissed') {
                        <button mat-button type="button" (click)="setStatus(move, 'planned')">Restore</button>
                      }
                    }
                    @if (move.status !== 'dismissed' && move.status !== 'done') {
                      <button mat-button type="button" (click)="edit(move)">Edit</button>
                      <button mat-button type="button" (click)="setStatus(move, 'dismissed')">Dismiss</button>
                    }
                  </mat-card-actions>
                }
              </mat-card>
            } @empty {
              <p class="empty">No {{ section.title.toLowerCase() }} moves.</p>
            }
          </div>
        }
      }
    </section>
  `,
  styles: `
    .head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px; }
    h1 { margin: 0; font-size: 1.75rem; font-weight: 500; }
    h2 { font-size: 1.125rem; font-weight: 500; margin: 24px 0 8px; }
    .count { color: var(--mat-sys-on-surface-variant); font-weight: 400; }
    .week { display: flex; align-items: center; gap: 4px; }
    .week .label { min-width: 170px; text-align: center; }
    .toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; margin: 16px 0 8px; }
    .hours { color: var(--mat-sys-on-surface-variant); font-size: 0.875rem; }
    .summary { font-size: 0.875rem; margin: 0 0 8px; }
    .list { display: grid; gap: 8px; }
    .title { font-weight: 500; }
    .meta, .outcome, .empty { font-size: 0.875rem; color: var(--mat-sys-on-surface-variant); }
    .empty { margin: 0; }
  `,
})
export class MovesPage {
  private readonly store = inject(Store);
  private readonly dialog = inject(MatDialog);

  protected readonly sections = SECTIONS;
  protected readonly week = this.store.selectSignal(selectWeek);
  protected readonly label = computed(() => weekLabel(this.week() ?? ''));
  protected readonly groups = this.store.selectSignal(selectMovesByStatus);
  protected readonly isLoading = this.store.selectSignal(selectIsLoadingWeek);
  protected readonly isGenerating = this.store.selectSignal(selectIsGenerating);
  protected readonly lastGenerated = this.store.selectSignal(selectLastGenerated);
  protected readonly error = this.store.selectSignal(selectWeekError);
  protected readonly hoursBudget = this.store.selectSignal(selectHoursBudget);
  protected readonly hoursCommitted = this.store.selectSignal(selectHoursCommitted);
  protected readonly bcmLoaded = this.store.selectSignal(selectIsLoaded);
  protected readonly hasManifest = this.store.selectSignal(selectHasManifest);
  protected readonly contextVersion = this.store.selectSignal(selectContextVersion);
  protected readonly canRebuild = this.store.selectSignal(selectCanRebuild);
  protected readonly isRebuilding = this.store.selectSignal(selectIsRebuilding);
  private readonly profile = this.store.selectSignal(selectProfile);
  protected readonly isReadOnly = computed(() => this.profile()?.subscription.readOnly ?? false);

  constructor() {
    this.store.dispatch(MovesPageActions.opened({ week: null }));
  }

  protected changeWeek(delta: number): void {
    const week = this.week();
    if (week) this.store.dispatch(MovesPageActions.weekChanged({ week: shiftWeek(week, delta) }));
  }

  protected generate(): void {
    const week = this.week();
    if (week) this.store.dispatch(MovesPageActions.generateClicked({ week }));
  }

  protected setStatus(move: Move, status: MoveStatus): void {
    this.update(move.id, { status });
  }

  protected edit(move: Move): void {
    this.openDialog({ week: move.week, move }, (result) => this.update(move.id, result));
  }

  protected add(): void {
    const week = this.week();
    if (!week) return;
    this.openDialog({ week }, (result) => this.store.dispatch(MovesPageActions.moveAdded({ move: { ...result, week, status: 'planned' } })));
  }

  protected build(): void {
    this.store.dispatch(BcmPageActions.rebuildConfirmed());
  }

  private update(id: string, changes: UpdateMoveRequest): void {
    this.store.dispatch(MovesPageActions.moveUpdated({ id, changes }));
  }

  private openDialog(data: MoveDialogData, saved: (result: MoveDialogResult) => void): void {
    this.dialog
      .open<MoveDialogComponent, MoveDialogData, MoveDialogResult>(MoveDialogComponent, { data, autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((result) => result && saved(result));
  }
}
