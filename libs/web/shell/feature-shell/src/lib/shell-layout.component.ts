import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { Store } from '@ngrx/store';
import { selectProfile } from '@raptorflow/web-auth-data-access';
import { BcmPageActions, selectCanRebuild, selectFailure, selectFreshness, selectManifest, selectRebuildView } from '@raptorflow/web-bcm-data-access';
import { BcmFreshnessComponent, BcmStateBannerComponent, openBcmRebuildDialog } from '@raptorflow/web-bcm-ui';
import { filter } from 'rxjs';
import { SubscriptionBannerComponent } from './subscription-banner.component';

export const SHELL_NAV = [
  { path: '/app/dashboard', label: 'Dashboard' },
  { path: '/app/manifest', label: 'Manifest' },
  { path: '/app/moves', label: 'Moves' },
  { path: '/app/campaigns', label: 'Campaigns' },
  { path: '/app/analytics', label: 'Analytics' },
  { path: '/app/settings', label: 'Settings' },
] as const;

/** The /app layout: side navigation (a menu on phones), the manifest's freshness, workspace-wide banners, then the page. */
@Component({
  selector: 'rf-shell-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatButtonModule, BcmFreshnessComponent, BcmStateBannerComponent, SubscriptionBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="shell">
      <button mat-stroked-button type="button" class="menu-toggle" aria-controls="rf-app-nav" [attr.aria-expanded]="menuOpen()" (click)="menuOpen.set(!menuOpen())">
        {{ menuOpen() ? 'Close menu' : 'Menu' }}
      </button>
      <nav class="side" id="rf-app-nav" aria-label="App" [class.open]="menuOpen()">
        @for (item of nav; track item.path) {
          <a [routerLink]="item.path" routerLinkActive="active" ariaCurrentWhenActive="page">{{ item.label }}</a>
        }
      </nav>
      <div class="content">
        <header class="bar">
          <span class="workspace" data-testid="workspace-name">{{ profile()?.workspace?.name }}</span>
          <span class="spacer"></span>
          <rf-bcm-freshness [freshness]="freshness()" [version]="manifest()?.version ?? null" />
          @if (canRebuild() && freshness() !== 'rebuilding' && freshness() !== 'missing') {
            <button mat-button type="button" (click)="openRebuild()">Rebuild</button>
          }
        </header>
        <rf-subscription-banner />
        <rf-bcm-state-banner [freshness]="freshness()" [failure]="failure()" [canRebuild]="canRebuild()" (rebuild)="openRebuild()" />
        <!-- Keyed by workspace: after a switch the page is made anew and loads the new workspace's data. -->
        @for (workspaceId of [profile()?.workspace?.id]; track workspaceId) {
          <router-outlet />
        }
      </div>
    </div>
  `,
  styles: `
    .shell { display: grid; grid-template-columns: 200px minmax(0, 1fr); min-height: calc(100vh - 64px); }
    .side { display: flex; flex-direction: column; gap: 2px; padding: 16px 8px; border-right: 1px solid var(--mat-sys-outline-variant); }
    .side a { padding: 10px 16px; border-radius: 999px; color: inherit; text-decoration: none; }
    .side a:hover { background: var(--mat-sys-surface-container-high); }
    .side a.active { background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); font-weight: 500; }
    .menu-toggle { display: none; }
    .content { padding: 16px 24px 64px; max-width: 1100px; width: 100%; box-sizing: border-box; min-width: 0; }
    .bar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-bottom: 16px; min-height: 40px; }
    .workspace { font-weight: 500; overflow-wrap: anywhere; }
    .spacer { flex: 1 1 auto; }
    @media (max-width: 720px) {
      .shell { grid-template-columns: 1fr; }
      .menu-toggle { display: block; justify-self: start; margin: 8px 16px 0; }
      .side { display: none; border-right: 0; border-bottom: 1px solid var(--mat-sys-outline-variant); padding: 8px 16px; }
      .side.open { display: flex; }
      .content { padding: 16px; }
    }
  `,
})
export class ShellLayoutComponent {
  private readonly store = inject(Store);
  private readonly dialog = inject(MatDialog);

  protected readonly nav = SHELL_NAV;
  protected readonly menuOpen = signal(false);
  protected readonly profile = this.store.selectSignal(selectProfile);
  protected readonly freshness = this.store.selectSignal(selectFreshness);
  protected readonly manifest = this.store.selectSignal(selectManifest);
  protected readonly failure = this.store.selectSignal(selectFailure);
  protected readonly canRebuild = this.store.selectSignal(selectCanRebuild);
  private readonly rebuildView = this.store.selectSignal(selectRebuildView);

  constructor() {
    // Loaded for each workspace the user is in (again after a switch, which starts every feature's state anew).
    const workspaceId = computed(() => this.profile()?.workspace.id);
    effect(() => {
      workspaceId();
      untracked(() => this.store.dispatch(BcmPageActions.opened()));
    });
    // Revalidate on every page change: a conditional GET, so usually an empty 304.
    inject(Router)
      .events.pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(() => {
        this.menuOpen.set(false);
        this.store.dispatch(BcmPageActions.opened());
      });
  }

  protected openRebuild(): void {
    this.store.dispatch(BcmPageActions.rebuildDialogOpened());
    openBcmRebuildDialog(this.dialog, { view: this.rebuildView, confirm: () => this.store.dispatch(BcmPageActions.rebuildConfirmed()) }, () =>
      this.store.dispatch(BcmPageActions.rebuildDialogClosed()),
    );
  }
}
