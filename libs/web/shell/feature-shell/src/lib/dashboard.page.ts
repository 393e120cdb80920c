import { PercentPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { BcmPageActions, selectCanRebuild, selectContextVersion, selectEnrichment, selectEnrichmentPending, selectIsLoaded, selectIsRebuilding, selectLoadError, selectManifest } from '@raptorflow/web-bcm-data-access';
import { BcmAiSuggestionsComponent, BcmMissingStateComponent } from '@raptorflow/web-bcm-ui';
import { DashboardPageActions, selectCampaigns, selectCampaignsError, selectStatusCounts, selectTopMoves, selectWeekError } from '@raptorflow/web-moves-data-access';
import { ErrorBannerComponent, IndianDateTimePipe } from '@raptorflow/web-ui';

@Component({
  selector: 'rf-dashboard-page',
  imports: [IndianDateTimePipe, PercentPipe, RouterLink, MatButtonModule, MatCardModule, MatProgressBarModule, BcmAiSuggestionsComponent, BcmMissingStateComponent, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page">
      <h1>Dashboard</h1>
      <rf-error-banner [message]="loadError()" />
      @if (!isLoaded() && !loadError()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading your manifest" />
      } @else if (manifest(); as bcm) {
        <p class="stamp" data-testid="manifest-stamp">Manifest v{{ bcm.version }}, generated {{ bcm.generatedAt | inDateTime }}</p>
        <mat-card appearance="outlined" class="wide">
          <mat-card-content>
            <h2>Positioning</h2>
            <p class="statement" data-testid="positioning">{{ bcm.positioning.statement }}</p>
          </mat-card-content>
        </mat-card>
        @if (enrichment(); as ai) {
          <rf-bcm-ai-suggestions class="ai" [enrichment]="ai" />
        } @else if (enrichmentPending()) {
          <p class="stamp" role="status" data-testid="ai-pending">AI suggestions for this manifest are on their way…</p>
        }

        <div class="grid">
          <mat-card appearance="outlined">
            <mat-card-content>
              <h2>Top customer profiles</h2>
              <ul class="icps">
                @for (icp of bcm.icps; track icp.id) {
                  <li>
                    <strong>{{ icp.name }}</strong> <span class="segment">{{ icp.segment }}</span>
                    <ul>
                      @for (pain of icp.topPains.slice(0, 3); track pain) {
                        <li>{{ pain }}</li>
                      }
                    </ul>
                  </li>
                }
              </ul>
            </mat-card-content>
          </mat-card>

          <mat-card appearance="outlined">
            <mat-card-content>
              <h2>This week's moves</h2>
              <rf-error-banner [message]="weekError()" />
              <p class="counts" data-testid="move-counts">
                {{ counts().suggested }} suggested · {{ counts().planned }} planned · {{ counts().done }} done
              </p>
              @if (topMoves().length) {
                <ol class="moves">
                  @for (move of topMoves(); track move.id) {
                    <li>{{ move.title }} <span class="status">{{ move.status }}</span></li>
                  }
                </ol>
              } @else {
                <p>No moves yet this week.</p>
              }
              <a mat-button routerLink="/app/moves">Open moves</a>
            </mat-card-content>
          </mat-card>

          <mat-card appearance="outlined">
            <mat-card-content>
              <h2>Campaigns</h2>
              <rf-error-banner [message]="campaignsError()" />
              @for (campaign of campaigns(); track campaign.id) {
                <div class="campaign">
                  <span>{{ campaign.name }}</span>
                  <span class="status">{{ campaign.status }} · {{ campaign.progress | percent }}</span>
                  <mat-progress-bar mode="determinate" [value]="campaign.progress * 100" [attr.aria-label]="campaign.name + ' progress'" />
                </div>
              } @empty {
                <p>No campaigns yet.</p>
              }
              <a mat-button routerLink="/app/campaigns">Open campaigns</a>
            </mat-card-content>
          </mat-card>
        </div>
      } @else {
        <rf-bcm-missing-state [hasContext]="contextVersion() !== null" [canRebuild]="canRebuild()" [isRebuilding]="isRebuilding()" (build)="build()" />
      }
    </section>
  `,
  styles: `
    h1 { margin: 0 0 4px; font-size: 1.75rem; font-weight: 500; }
    h2 { margin: 0 0 8px; font-size: 1.125rem; font-weight: 500; }
    .stamp { margin: 0 0 16px; color: var(--mat-sys-on-surface-variant); font-size: 0.875rem; }
    .statement { font-size: 1.125rem; line-height: 1.5; margin: 0; }
    .wide { margin-bottom: 16px; }
    .ai { display: block; margin-bottom: 16px; }
    .grid { display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); }
    .icps, .moves { padding-left: 20px; margin: 0 0 8px; }
    .icps > li { margin-bottom: 8px; }
    .segment, .status { font-size: 0.75rem; color: var(--mat-sys-on-surface-variant); text-transform: uppercase; margin-left: 4px; }
    .campaign { display: grid; grid-template-columns: 1fr auto; gap: 4px; margin-bottom: 12px; }
    .campaign mat-progress-bar { grid-column: 1 / -1; }
  `,
})
export class DashboardPage {
  private readonly store = inject(Store);

  protected readonly isLoaded = this.store.selectSignal(selectIsLoaded);
  protected readonly loadError = this.store.selectSignal(selectLoadError);
  protected readonly manifest = this.store.selectSignal(selectManifest);
  protected readonly enrichment = this.store.selectSignal(selectEnrichment);
  protected readonly enrichmentPending = this.store.selectSignal(selectEnrichmentPending);
  protected readonly contextVersion = this.store.selectSignal(selectContextVersion);
  protected readonly canRebuild = this.store.selectSignal(selectCanRebuild);
  protected readonly isRebuilding = this.store.selectSignal(selectIsRebuilding);
  protected readonly counts = this.store.selectSignal(selectStatusCounts);
  protected readonly topMoves = this.store.selectSignal(selectTopMoves);
  private readonly allCampaigns = this.store.selectSignal(selectCampaigns);
  protected readonly campaigns = computed(() => (this.allCampaigns() ?? []).slice(0, 5));
  protected readonly weekError = this.store.selectSignal(selectWeekError);
  protected readonly campaignsError = this.store.selectSignal(selectCampaignsError);

  constructor() {
    this.store.dispatch(DashboardPageActions.opened());
  }

  protected build(): void {
    this.store.dispatch(BcmPageActions.rebuildConfirmed());
  }
}
