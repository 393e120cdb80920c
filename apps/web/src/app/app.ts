import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterOutlet } from '@angular/router';
import { Store } from '@ngrx/store';
import { AuthPageActions, selectEmail, selectIsSignedIn, selectLoading } from '@raptorflow/web-auth-data-access';

@Component({
  selector: 'rf-root',
  imports: [RouterOutlet, RouterLink, MatButtonModule, MatToolbarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-toolbar color="primary">
      <a routerLink="/" class="brand">RaptorFlow</a>
      <span class="spacer"></span>
      @if (isSignedIn()) {
        <span class="email" data-testid="user-email">{{ email() }}</span>
        <button mat-button type="button" [disabled]="loading()" (click)="signOut()">Log out</button>
      }
    </mat-toolbar>
    <main>
      <router-outlet />
    </main>
  `,
  styles: `
    .brand { color: inherit; text-decoration: none; font-weight: 600; }
    .spacer { flex: 1 1 auto; }
    .email { font-size: 0.875rem; margin-right: 8px; overflow: hidden; text-overflow: ellipsis; }
  `,
})
export class App {
  private readonly store = inject(Store);

  protected readonly isSignedIn = this.store.selectSignal(selectIsSignedIn);
  protected readonly email = this.store.selectSignal(selectEmail);
  protected readonly loading = this.store.selectSignal(selectLoading);

  protected signOut(): void {
    this.store.dispatch(AuthPageActions.signOutClicked());
  }
}
