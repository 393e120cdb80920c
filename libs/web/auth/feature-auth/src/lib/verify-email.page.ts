import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { AuthPageActions, EMAIL_LINK_TYPES, type EmailLinkType, selectError } from '@raptorflow/web-auth-data-access';
import { ErrorBannerComponent } from '@raptorflow/web-ui';
import { Store } from '@ngrx/store';
import { AUTH_PAGE_STYLES } from './auth-page.styles';

const BROKEN_LINK = 'This link is incomplete. Open the whole link from the email, or log in.';

/** Where mailed links land (`/verify?token_hash=&type=`): confirms the address and signs in, or says why not. */
@Component({
  selector: 'rf-verify-email-page',
  imports: [RouterLink, MatCardModule, MatProgressSpinnerModule, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="rf-page rf-auth">
      <mat-card appearance="outlined">
        <mat-card-content>
          <h1>Confirming your email</h1>
          @if (brokenLink || error()) {
            <rf-error-banner [message]="brokenLink ? brokenMessage : error()?.message" />
            <p class="rf-switch"><a routerLink="/login">Log in</a> · <a routerLink="/signup">Sign up</a></p>
          } @else {
            <p class="rf-auth-lead" role="status"><mat-spinner diameter="18" aria-hidden="true" /> One moment, signing you in…</p>
          }
        </mat-card-content>
      </mat-card>
    </section>
  `,
  styles: [AUTH_PAGE_STYLES, `.rf-auth-lead mat-spinner { display: inline-block; margin-right: 8px; vertical-align: middle; }`],
})
export class VerifyEmailPage {
  private readonly store = inject(Store);
  protected readonly error = this.store.selectSignal(selectError);
  protected readonly brokenMessage = BROKEN_LINK;
  protected readonly brokenLink: boolean;

  constructor() {
    this.store.dispatch(AuthPageActions.opened());
    const params = inject(ActivatedRoute).snapshot.queryParamMap;
    const tokenHash = params.get('token_hash');
    const linkType = params.get('type') as EmailLinkType | null;
    this.brokenLink = !tokenHash || !linkType || !EMAIL_LINK_TYPES.includes(linkType);
    if (tokenHash && !this.brokenLink) this.store.dispatch(AuthPageActions.emailLinkOpened({ tokenHash, linkType: linkType as EmailLinkType }));
  }
}
