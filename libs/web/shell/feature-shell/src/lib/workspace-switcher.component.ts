import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type { WorkspaceMembership } from '@raptorflow/contracts';
import { Store } from '@ngrx/store';
import { AuthApiActions, AuthApiService, selectProfile, toAuthErrorView } from '@raptorflow/web-auth-data-access';
import { BcmPageActions } from '@raptorflow/web-bcm-data-access';

/**
 * The current workspace's name, and for someone in more than one (their own and a team's) a switcher: choosing one
 * makes it current on the server, every feature's state starts again, and the user lands where its `next` says.
 */
@Component({
  selector: 'rf-workspace-switcher',
  imports: [MatFormFieldModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (workspaces().length > 1) {
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="switcher">
        <mat-label>Workspace</mat-label>
        <mat-select data-testid="workspace-switcher" [value]="currentId()" [disabled]="switching()" (selectionChange)="switchTo($event.value)">
          @for (ws of workspaces(); track ws.id) {
            <mat-option [value]="ws.id">{{ ws.name }} ({{ ws.role }})</mat-option>
          }
        </mat-select>
      </mat-form-field>
    } @else {
      <span class="workspace" data-testid="workspace-name">{{ profile()?.workspace?.name }}</span>
    }
    @if (error(); as message) {
      <span class="error" role="alert">{{ message }}</span>
    }
  `,
  styles: `
    :host { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 8px; min-width: 0; max-width: 100%; }
    .workspace { font-weight: 500; overflow-wrap: anywhere; }
    .switcher { width: 260px; max-width: 100%; }
    .error { color: var(--mat-sys-error); font-size: 0.875rem; }
  `,
})
export class WorkspaceSwitcherComponent {
  private readonly store = inject(Store);
  private readonly api = inject(AuthApiService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly profile = this.store.selectSignal(selectProfile);
  protected readonly workspaces = signal<WorkspaceMembership[]>([]);
  protected readonly currentId = signal<string | null>(null);
  protected readonly switching = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    // Reloaded whenever the current workspace changes (a switch, an accepted invitation, a rename).
    effect(() => {
      const workspace = this.profile()?.workspace;
      if (!workspace) return;
      untracked(() => {
        this.currentId.set(workspace.id);
        this.load();
      });
    });
  }

  protected switchTo(workspaceId: string): void {
    if (workspaceId === this.profile()?.workspace.id) return;
    this.switching.set(true);
    this.error.set(null);
    this.api
      .switchWorkspace(workspaceId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (profile) => {
          this.switching.set(false);
          this.store.dispatch(AuthApiActions.workspaceSwitched({ profile }));
          // The manifest in the bar is the new workspace's (the shell stays when the page does).
          this.store.dispatch(BcmPageActions.opened());
        },
        error: (error: unknown) => {
          this.switching.set(false);
          this.currentId.set(this.profile()?.workspace.id ?? null);
          this.error.set(toAuthErrorView(error).message);
        },
      });
  }

  private load(): void {
    this.api
      .workspaces()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (list) => this.workspaces.set(list), error: () => this.workspaces.set([]) });
  }
}
