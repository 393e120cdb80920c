import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Store } from '@ngrx/store';
import { BcmPageActions, selectCanRebuild, selectContextVersion, selectHasManifest, selectIsLoaded, selectIsRebuilding, selectManifest } from '@raptorflow/web-bcm-data-access';
import { BcmMissingStateComponent } from '@raptorflow/web-bcm-ui';
import { AnalyticsPageActions, selectAnalytics, selectAnalyticsError } from '@raptorflow/web-moves-data-access';
import { ErrorBannerComponent, IndianDateTimePipe } from '@raptorflow/web-ui';
import { campaignCompletionBars, weeklyDoneBars } from './analytics.chart-data';
import { goalView } from './analytics.goal';
import { BarChartComponent } from './bar-chart.component';
import { WeeklyResultsComponent } from './weekly-results.component';

@Component({
  selector: 'rf-analytics-page',
  imports: [IndianDateTimePipe, MatCardModule, MatProgressBarModule, BarChartComponent, BcmMissingStateComponent, ErrorBannerComponent, WeeklyResultsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page">
      <h1>Analytics</h1>
      <rf-error-banner [message]="error()" />
      @if (bcmLoaded() && !hasManifest()) {
        <rf-bcm-missing-state [hasContext]="contextVersion() !== null" [canRebuild]="canRebuild()" [isRebuilding]="isRebuilding()" (build)="build()" />
      }
      @if (analytics(); as data) {
        <div class="grid">
          @if (goal(); as g) {
            <mat-card appearance="outlined" class="wide" data-testid="goal">
              <mat-card-content>
                <h2>90-day goal</h2>
                <dl class="goal">
                  <div><dt>Goal</dt><dd>{{ g.goal }}: {{ g.target }} by {{ g.deadline }}</dd></div>
                  <div><dt>Baseline</dt><dd>{{ g.baseline ?? 'Not given in onboarding' }}</dd></div>
                </dl>
                <p class="muted">Day {{ g.day }} of {{ g.days }}</p>
                <mat-progress-bar mode="determinate" [value]="(g.day / g.days) * 100" [attr.aria-label]="'Day ' + g.day + ' of ' + g.days + ' of the goal'" />
              </mat-card-content>
            </mat-card>
          }
          <mat-card appearance="outlined" class="wide">
            <mat-card-content>
              <rf-weekly-results [goals]="manifest()?.goals ?? null" [startedAt]="goalStartedAt()" [campaigns]="data.campaigns" />
            </mat-card-content>
          </mat-card>
          <mat-card appearance="outlined" class="wide">
            <mat-card-content>
              <rf-bar-chart caption="Moves done per week (last 12 weeks)" [bars]="weekBars()" emptyText="No weeks to show yet." />
            </mat-card-content>
          </mat-card>
          <mat-card appearance="outlined">
            <mat-card-content>
              <rf-bar-chart caption="Campaign completion" orientation="horizontal" [max]="100" [bars]="campaignBars()" emptyText="No campaigns yet." />
            </mat-card-content>
          </mat-card>
          <mat-card appearance="outlined">
            <mat-card-content>
              <h2>Manifest versions</h2>
              <ol class="versions" reversed>
                @for (version of data.manifestVersions; track version.version) {
                  <li>v{{ version.version }} · {{ version.createdAt | inDateTime }}</li>
                } @empty {
                  <p>No manifest built yet.</p>
                }
              </ol>
            </mat-card-content>
          </mat-card>
        </div>
      } @else if (!error()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading analytics" />
      }
    </section>
  `,
  styles: `
    h1 { margin: 0 0 16px; font-size: 1.75rem; font-weight: 500; }
    h2 { margin: 0 0 12px; font-size: 1rem; font-weight: 500; }
    .grid { display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); }
    .wide { grid-column: 1 / -1; }
    .versions { margin: 0; padding-left: 24px; list-style: none; }
    .versions li { padding: 4px 0; }
    .goal { display: flex; flex-wrap: wrap; gap: 8px 32px; margin: 0 0 12px; }
    .goal dt { color: var(--mat-sys-on-surface-variant); font-size: 0.875rem; }
    .goal dd { margin: 0; font-weight: 500; }
    .muted { margin: 0 0 6px; color: var(--mat-sys-on-surface-variant); font-size: 0.875rem; }
  `,
})
export class AnalyticsPage {
  private readonly store = inject(Store);

  protected readonly analytics = this.store.selectSignal(selectAnalytics);
  protected readonly error = this.store.selectSignal(selectAnalyticsError);
  protected readonly weekBars = computed(() => weeklyDoneBars(this.analytics()?.movesDonePerWeek ?? []));
  protected readonly campaignBars = computed(() => campaignCompletionBars(this.analytics()?.campaigns ?? []));
  protected readonly manifest = this.store.selectSignal(selectManifest);
  // Counted from the first manifest: that is when the founder set the goal.
  protected readonly goalStartedAt = computed(() => {
    const versions = this.analytics()?.manifestVersions ?? [];
    return versions[versions.length - 1]?.createdAt ?? this.manifest()?.generatedAt ?? null;
  });
  protected readonly goal = computed(() => {
    const bcm = this.manifest();
    const first = this.goalStartedAt();
    return bcm && first ? goalView(bcm.goals, bcm.baseline, first, new Date()) : null;
  });
  protected readonly bcmLoaded = this.store.selectSignal(selectIsLoaded);
  protected readonly hasManifest = this.store.selectSignal(selectHasManifest);
  protected readonly contextVersion = this.store.selectSignal(selectContextVersion);
  protected readonly canRebuild = this.store.selectSignal(selectCanRebuild);
  protected readonly isRebuilding = this.store.selectSignal(selectIsRebuilding);

  constructor() {
    this.store.dispatch(AnalyticsPageActions.opened());
  }

  protected build(): void {
    this.store.dispatch(BcmPageActions.rebuildConfirmed());
  }
}
