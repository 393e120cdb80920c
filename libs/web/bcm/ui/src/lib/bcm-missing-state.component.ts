import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';

/** What a page shows instead of its content while the workspace has no manifest. */
@Component({
  selector: 'rf-bcm-missing-state',
  imports: [MatButtonModule, MatCardModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined" class="missing" data-testid="bcm-missing">
      <mat-card-content>
        <h2>Build your manifest</h2>
        @if (hasContext()) {
          <p>Your business context manifest turns your onboarding answers into profiles, positioning and weekly moves. It is not built yet.</p>
          @if (isRebuilding()) {
            <p role="status">Building it now…</p>
          } @else if (canRebuild()) {
            <button mat-flat-button type="button" (click)="build.emit()">Build manifest</button>
          } @else {
            <p>Ask the workspace owner or an admin to build it.</p>
          }
        } @else {
          <p>The manifest is built from your onboarding answers. Finish onboarding to get it.</p>
          <a mat-flat-button routerLink="/onboarding">Finish onboarding</a>
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .missing { max-width: 560px; }
    h2 { margin: 0 0 8px; font-size: 1.25rem; font-weight: 500; }
  `,
})
export class BcmMissingStateComponent {
  /** False before onboarding is finalized: nothing to build from yet. */
  readonly hasContext = input(true);
  readonly canRebuild = input(false);
  readonly isRebuilding = input(false);
  readonly build = output<void>();
}
