import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { Router } from '@angular/router';
import { Store } from '@ngrx/store';
import { selectNextPath } from '@raptorflow/web-auth-data-access';
import { AUTH_PAGE_STYLES } from './auth-page.styles';
import { TwoFactorCodeComponent } from './two-factor-code.component';

/** After a password sign-in of a user with an authenticator: the code, then the user's next page. */
@Component({
  selector: 'rf-two-factor-page',
  imports: [MatCardModule, TwoFactorCodeComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="rf-page rf-auth">
      <mat-card appearance="outlined">
        <mat-card-content>
          <h1>Two-factor authentication</h1>
          <p class="rf-auth-lead">Enter the 6-digit code your authenticator app shows for RaptorFlow.</p>
          <rf-two-factor-code (passed)="continue()" />
          <p class="rf-switch">Lost your phone? Choose the backup authenticator you added in Settings, if you have one.</p>
        </mat-card-content>
      </mat-card>
    </section>
  `,
  styles: [AUTH_PAGE_STYLES],
})
export class TwoFactorPage {
  private readonly store = inject(Store);
  private readonly router = inject(Router);
  private readonly nextPath = this.store.selectSignal(selectNextPath);

  protected continue(): void {
    void this.router.navigateByUrl(this.nextPath());
  }
}
