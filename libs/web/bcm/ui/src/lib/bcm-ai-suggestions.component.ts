import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import type { BcmEnrichment } from '@raptorflow/contracts';

/** The model's optional suggestions for the current manifest; shown beside it, never merged into it. */
@Component({
  selector: 'rf-bcm-ai-suggestions',
  imports: [MatCardModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined" data-testid="ai-suggestions">
      <mat-card-content>
        <h2>AI suggestions</h2>
        @if (enrichment().positioningRewrite; as rewrite) {
          <h3>Positioning, rewritten</h3>
          <p class="rewrite" data-testid="ai-positioning">{{ rewrite }}</p>
        }
        @if (enrichment().moveIdeas?.length) {
          <h3>Move ideas</h3>
          <ul data-testid="ai-move-ideas">
            @for (idea of enrichment().moveIdeas; track idea) {
              <li>{{ idea }}</li>
            }
          </ul>
        }
        <p class="note">Suggestions only: your manifest is unchanged.</p>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    h2 { margin: 0 0 8px; font-size: 1.125rem; font-weight: 500; }
    h3 { margin: 12px 0 4px; font-size: 0.875rem; font-weight: 500; color: var(--mat-sys-on-surface-variant); }
    .rewrite { margin: 0; line-height: 1.5; }
    ul { padding-left: 20px; margin: 0; }
    .note { margin: 12px 0 0; font-size: 0.75rem; color: var(--mat-sys-on-surface-variant); }
  `,
})
export class BcmAiSuggestionsComponent {
  readonly enrichment = input.required<BcmEnrichment>();
}
