import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { AuthPageActions, selectError, toOAuthCallbackError } from '@raptorflow/web-auth-data-access';
import { ErrorBannerComponent } from '@raptorflow/web-ui';
import { Store } from '@ngrx/store';
import { AUTH_PAGE_STYLES } from './auth-page.styles';

/**
 * Where the auth server sends the browser back from Google (`/auth/callback?code=` or `?error=`): exchanges the code
 * and continues to the user's next page, or says why not.
 */
@Component({
  selector: 'rf-auth-callback-page',
  imports: [RouterLink, MatCardModule, MatProgressSpinnerModule, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="rf-page rf-auth">
      <mat-card appearance="outlined">
        <mat-card-content>
          <h1>Signing in with Google</h1>
          @if (error(); as error) {
            <rf-error-banner [message]="error.message" />
            <p class="rf-switch"><a routerLink="/login">Back to log in</a> · <a routerLink="/signup">Sign up</a></p>
          } @else {
            <p class="rf-auth-lead" role="status"><mat-spinner diameter="18" aria-hidden="true" /> One moment, signing you in…</p>
          }
        </mat-card-content>
      </mat-card>
    </section>
  `,
  styles: [AUTH_PAGE_STYLES, `.rf-auth-lead mat-spinner { display: inline-block; margin-right: 8px; vertical-align: middle; }`],
})
export class AuthCallbackPage {
  private readonly store = inject(Store);
  protected readonly error = this.store.selectSignal(selectError);

  constructor() {
    this.store.dispatch(AuthPageActions.opened());
    const params = inject(ActivatedRoute).snapshot.queryParamMap;
    const code = params.get('code');
    if (code && !params.get('error')) {
      this.store.dispatch(AuthPageActions.googleCallbackOpened({ code }));
      return;
    }
    const error = toOAuthCallbackError({ error: params.get('error') ?? 'invalid_request', errorCode: params.get('error_code'), description: params.get('error_description') });
    this.store.dispatch(AuthPageActions.googleCallbackRefused({ error }));
  }
}
