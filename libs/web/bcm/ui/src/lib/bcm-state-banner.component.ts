import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { BcmFreshness } from '@raptorflow/contracts';

/** Above every /app page: a stale manifest, a rebuild in progress, or the last rebuild's failure. */
@Component({
  selector: 'rf-bcm-state-banner',
  imports: [MatButtonModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (freshness() === 'rebuilding') {
      <div class="banner info" role="status" data-testid="bcm-rebuilding">
        <span>Rebuilding your business context manifest. Pages update when it is ready.</span>
        <mat-progress-bar mode="indeterminate" aria-label="Rebuilding the manifest" />
      </div>
    } @else {
      @if (failure(); as error) {
        <div class="banner error" role="alert">
          <span>The last rebuild failed: {{ error }}</span>
          @if (canRebuild()) {
            <button mat-button type="button" (click)="rebuild.emit()">Try again</button>
          }
        </div>
      }
      @if (freshness() === 'stale') {
        <div class="banner warn" role="status" data-testid="bcm-stale">
          <span>Your business context changed since this manifest was built.</span>
          @if (canRebuild()) {
            <button mat-flat-button type="button" (click)="rebuild.emit()">Rebuild</button>
          } @else {
            <span class="hint">Ask an owner or admin to rebuild it.</span>
          }
        </div>
      }
    }
  `,
  styles: `
    .banner { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; padding: 10px 16px; margin-bottom: 16px; border-radius: 8px; }
    .banner > span:first-child { flex: 1 1 240px; }
    .banner mat-progress-bar { flex: 1 1 100%; }
    .info { background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
    .warn { background: #fff3e0; color: #4e2600; }
    .error { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .hint { font-size: 0.875rem; }
  `,
})
export class BcmStateBannerComponent {
  readonly freshness = input<BcmFreshness | null>(null);
  readonly failure = input<string | null>(null);
  readonly canRebuild = input(false);
  readonly rebuild = output<void>();
}
