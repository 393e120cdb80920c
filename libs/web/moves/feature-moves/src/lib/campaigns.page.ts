import { PercentPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Store } from '@ngrx/store';
import { GOAL_TYPE_OPTIONS, type Campaign, type CreateCampaignRequest } from '@raptorflow/contracts';
import { selectProfile } from '@raptorflow/web-auth-data-access';
import { BcmPageActions, selectCanRebuild, selectContextVersion, selectIcps, selectIsLoaded, selectIsRebuilding, selectHasManifest } from '@raptorflow/web-bcm-data-access';
import { BcmMissingStateComponent } from '@raptorflow/web-bcm-ui';
import { CampaignsPageActions, selectCampaigns, selectCampaignsError, selectIsSavingCampaign, selectMoves } from '@raptorflow/web-moves-data-access';
import { ErrorBannerComponent, IndianDatePipe, confirmAction } from '@raptorflow/web-ui';
import { filter } from 'rxjs';
import { CampaignDialogComponent, type CampaignDialogData } from './campaign-dialog.component';
import { LinkMovesDialogComponent, type LinkMovesDialogData } from './link-moves-dialog.component';

@Component({
  selector: 'rf-campaigns-page',
  imports: [IndianDatePipe, PercentPipe, MatButtonModule, MatCardModule, MatProgressBarModule, BcmMissingStateComponent, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page">
      <div class="head">
        <h1>Campaigns</h1>
        @if (hasManifest()) {
          <button mat-flat-button type="button" (click)="create()" [disabled]="isReadOnly() || isSaving()">New campaign</button>
        }
      </div>
      <rf-error-banner [message]="error()" />
      @if (bcmLoaded() && !hasManifest()) {
        <rf-bcm-missing-state [hasContext]="contextVersion() !== null" [canRebuild]="canRebuild()" [isRebuilding]="isRebuilding()" (build)="build()" />
      }
      @if (campaigns() === null) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading campaigns" />
      }
      <div class="list">
        @for (campaign of campaigns(); track campaign.id) {
          <mat-card appearance="outlined" data-testid="campaign">
            <mat-card-content>
              <div class="title">
                <h2>{{ campaign.name }}</h2>
                <span class="status" [attr.data-status]="campaign.status">{{ campaign.status }}</span>
              </div>
              <p class="meta">
                {{ icpName(campaign.icpId) }} · {{ goalLabel(campaign.goal) }} · {{ campaign.target }} {{ campaign.metric }} ·
                {{ campaign.startDate | inDate }} – {{ campaign.endDate | inDate }}
              </p>
              <mat-progress-bar mode="determinate" [value]="campaign.progress * 100" [attr.aria-label]="campaign.name + ' progress'" />
              <p class="meta">{{ campaign.movesDone }} of {{ campaign.movesTotal }} moves done ({{ campaign.progress | percent }})</p>
            </mat-card-content>
            @if (!isReadOnly()) {
              <mat-card-actions>
                <button mat-button type="button" (click)="edit(campaign)" [disabled]="!hasManifest()">Edit</button>
                <button mat-button type="button" (click)="link(campaign)">Link moves</button>
                <button mat-button type="button" (click)="remove(campaign)">Delete</button>
              </mat-card-actions>
            }
          </mat-card>
        } @empty {
          <p>No campaigns yet. A campaign groups moves around one customer profile and a goal.</p>
        }
      </div>
    </section>
  `,
  styles: `
    .head { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-bottom: 16px; }
    h1 { margin: 0; font-size: 1.75rem; font-weight: 500; }
    h2 { margin: 0; font-size: 1.125rem; font-weight: 500; }
    .list { display: grid; gap: 12px; }
    .title { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
    .status { font-size: 0.75rem; text-transform: uppercase; padding: 2px 8px; border-radius: 999px; background: var(--mat-sys-surface-container-high); }
    .status[data-status='active'] { background: var(--mat-sys-secondary-container); }
    .meta { font-size: 0.875rem; color: var(--mat-sys-on-surface-variant); margin: 8px 0; }
  `,
})
export class CampaignsPage {
  private readonly store = inject(Store);
  private readonly dialog = inject(MatDialog);

  protected readonly campaigns = this.store.selectSignal(selectCampaigns);
  protected readonly error = this.store.selectSignal(selectCampaignsError);
  protected readonly isSaving = this.store.selectSignal(selectIsSavingCampaign);
  protected readonly icps = this.store.selectSignal(selectIcps);
  private readonly moves = this.store.selectSignal(selectMoves);
  protected readonly bcmLoaded = this.store.selectSignal(selectIsLoaded);
  protected readonly hasManifest = this.store.selectSignal(selectHasManifest);
  protected readonly contextVersion = this.store.selectSignal(selectContextVersion);
  protected readonly canRebuild = this.store.selectSignal(selectCanRebuild);
  protected readonly isRebuilding = this.store.selectSignal(selectIsRebuilding);
  private readonly profile = this.store.selectSignal(selectProfile);
  protected readonly isReadOnly = computed(() => this.profile()?.subscription.readOnly ?? false);

  constructor() {
    this.store.dispatch(CampaignsPageActions.opened());
  }

  protected icpName(id: string): string {
    return this.icps().find((icp) => icp.id === id)?.name ?? id;
  }

  protected goalLabel(goal: string): string {
    return GOAL_TYPE_OPTIONS.find((option) => option.value === goal)?.label ?? goal;
  }

  protected create(): void {
    this.openCampaignDialog(undefined, (campaign) => this.store.dispatch(CampaignsPageActions.campaignCreated({ campaign })));
  }

  protected edit(campaign: Campaign): void {
    this.openCampaignDialog(campaign, (changes) => this.store.dispatch(CampaignsPageActions.campaignUpdated({ id: campaign.id, changes })));
  }

  protected link(campaign: Campaign): void {
    this.dialog
      .open<LinkMovesDialogComponent, LinkMovesDialogData, string[]>(LinkMovesDialogComponent, { data: { campaign, moves: this.moves() } })
      .afterClosed()
      .subscribe((moveIds) => moveIds?.length && this.store.dispatch(CampaignsPageActions.movesLinked({ id: campaign.id, moveIds })));
  }

  protected remove(campaign: Campaign): void {
    confirmAction(this.dialog, { title: 'Delete campaign', message: `"${campaign.name}" is deleted now. Its moves stay, unlinked.`, confirmLabel: 'Delete campaign' })
      .pipe(filter(Boolean))
      .subscribe(() => this.store.dispatch(CampaignsPageActions.campaignDeleted({ id: campaign.id })));
  }

  protected build(): void {
    this.store.dispatch(BcmPageActions.rebuildConfirmed());
  }

  private openCampaignDialog(campaign: Campaign | undefined, saved: (request: CreateCampaignRequest) => void): void {
    const today = new Date().toISOString().slice(0, 10);
    this.dialog
      .open<CampaignDialogComponent, CampaignDialogData, CreateCampaignRequest>(CampaignDialogComponent, { data: { icps: this.icps(), campaign, today }, autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((request) => request && saved(request));
  }
}
