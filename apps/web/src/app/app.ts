import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterOutlet } from '@angular/router';
import { Store } from '@ngrx/store';
import { AuthPageActions, selectEmail, selectIsResolved, selectIsSignedIn, selectLoading, selectProfile, selectSwitchingWorkspace, selectWorkspaceError, selectWorkspaces } from '@raptorflow/web-auth-data-access';
import { WorkspaceSwitcherComponent } from '@raptorflow/web-ui';

export type ThemeChoice = 'system' | 'light' | 'dark';
const THEME_KEY = 'rf-theme';
const NEXT_THEME: Record<ThemeChoice, ThemeChoice> = { system: 'dark', dark: 'light', light: 'system' };
const THEME_LABEL: Record<ThemeChoice, string> = { system: 'Theme: system', dark: 'Theme: dark', light: 'Theme: light' };

@Component({
  selector: 'rf-root',
  imports: [RouterOutlet, RouterLink, MatButtonModule, MatToolbarModule, WorkspaceSwitcherComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-toolbar>
      <a routerLink="/" class="brand">RaptorFlow</a>
      <span class="spacer"></span>
      <button mat-button type="button" class="theme" (click)="cycleTheme()">{{ themeLabel() }}</button>
      @if (isSignedIn()) {
        <!-- Someone in more than one workspace (their own and a team's) picks the one every page shows. -->
        @if (workspaces().length > 1) {
          <rf-workspace-switcher [workspaces]="workspaces()" [currentId]="profile()?.workspace?.id" [busy]="switchingWorkspace()" (chosen)="switchWorkspace($event)" />
        }
        <span class="email" data-testid="user-email">{{ email() }}</span>
        <button mat-button type="button" [disabled]="loading()" (click)="signOut()">Log out</button>
      } @else if (isResolved()) {
        <a mat-button routerLink="/login">Log in</a>
        <a mat-flat-button routerLink="/signup" class="signup">Sign up</a>
      }
    </mat-toolbar>
    @if (workspaceError(); as error) {
      <p class="workspace-error" role="alert">{{ error.message }}</p>
    }
    <main>
      <router-outlet />
    </main>
  `,
  styles: `
    mat-toolbar { gap: 4px; border-bottom: 1px solid var(--mat-sys-outline-variant); padding: 0 8px 0 16px; }
    .brand { color: inherit; text-decoration: none; font-weight: 600; }
    .spacer { flex: 1 1 auto; }
    .workspace-error { margin: 0; padding: 8px 16px; background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .email { font: var(--mat-sys-body-medium); margin-right: 8px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
    @media (max-width: 600px) {
      .email { display: none; }
      .theme { min-width: 0; padding: 0 8px; }
    }
  `,
})
export class App {
  private readonly store = inject(Store);
  private readonly document = inject(DOCUMENT);

  protected readonly isSignedIn = this.store.selectSignal(selectIsSignedIn);
  protected readonly isResolved = this.store.selectSignal(selectIsResolved);
  protected readonly email = this.store.selectSignal(selectEmail);
  protected readonly loading = this.store.selectSignal(selectLoading);
  protected readonly profile = this.store.selectSignal(selectProfile);
  protected readonly workspaces = this.store.selectSignal(selectWorkspaces);
  protected readonly switchingWorkspace = this.store.selectSignal(selectSwitchingWorkspace);
  protected readonly workspaceError = this.store.selectSignal(selectWorkspaceError);
  protected readonly theme = signal<ThemeChoice>(readTheme(this.document));
  protected readonly themeLabel = () => THEME_LABEL[this.theme()];

  constructor() {
    // The system preference applies unless the founder picked light or dark (styles.scss: html.rf-light / html.rf-dark).
    effect(() => {
      const root = this.document.documentElement;
      root.classList.toggle('rf-light', this.theme() === 'light');
      root.classList.toggle('rf-dark', this.theme() === 'dark');
    });
  }

  protected cycleTheme(): void {
    const next = NEXT_THEME[this.theme()];
    this.theme.set(next);
    this.document.defaultView?.localStorage.setItem(THEME_KEY, next);
  }

  protected switchWorkspace(workspaceId: string): void {
    this.store.dispatch(AuthPageActions.workspaceChosen({ workspaceId }));
  }

  protected signOut(): void {
    this.store.dispatch(AuthPageActions.signOutClicked());
  }
}

function readTheme(document: Document): ThemeChoice {
  const stored = document.defaultView?.localStorage.getItem(THEME_KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}
