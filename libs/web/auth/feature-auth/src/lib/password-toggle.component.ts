import { ChangeDetectionStrategy, Component, model } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

/** The Show/Hide button of a password field; put it in the field as `<rf-password-toggle matSuffix [(visible)]="…" />`. */
@Component({
  selector: 'rf-password-toggle',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button mat-button type="button" [attr.aria-label]="visible() ? 'Hide password' : 'Show password'" [attr.aria-pressed]="visible()" (click)="visible.set(!visible())">
      {{ visible() ? 'Hide' : 'Show' }}
    </button>
  `,
})
export class PasswordToggleComponent {
  readonly visible = model(false);
}
