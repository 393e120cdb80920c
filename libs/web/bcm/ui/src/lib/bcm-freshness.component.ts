import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { BcmFreshness } from '@raptorflow/contracts';

const LABELS: Record<BcmFreshness, string> = { fresh: 'Up to date', stale: 'Out of date', missing: 'Not built yet', rebuilding: 'Rebuilding…' };

/** The manifest's freshness as a small status chip (header of every /app page). */
@Component({
  selector: 'rf-bcm-freshness',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (freshness(); as state) {
      <span class="chip" [attr.data-freshness]="state" role="status" data-testid="bcm-freshness">
        <span class="dot" aria-hidden="true"></span>
        <span>{{ version() ? 'Manifest v' + version() : 'Manifest' }}: {{ label() }}</span>
      </span>
    }
  `,
  styles: `
    .chip { display: inline-flex; align-items: center; gap: 6px; padding: 2px 10px; border-radius: 999px; font-size: 0.8125rem; background: var(--mat-sys-surface-container-high); color: var(--mat-sys-on-surface); white-space: nowrap; }
    .dot { width: 8px; height: 8px; border-radius: 50%; background: #2e7d32; }
    [data-freshness='stale'] .dot { background: #ef6c00; }
    [data-freshness='missing'] .dot { background: var(--mat-sys-error); }
    [data-freshness='rebuilding'] .dot { background: var(--mat-sys-primary); animation: pulse 1s ease-in-out infinite alternate; }
    @keyframes pulse { to { opacity: 0.3; } }
    @media (prefers-reduced-motion: reduce) { [data-freshness='rebuilding'] .dot { animation: none; } }
  `,
})
export class BcmFreshnessComponent {
  readonly freshness = input<BcmFreshness | null>(null);
  readonly version = input<number | null>(null);
  protected readonly label = computed(() => LABELS[this.freshness() ?? 'missing']);
}
