import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

export interface BarDatum {
  label: string;
  value: number;
  /** The value as the user reads it ("3", "50%"). */
  valueLabel: string;
  /** Read by screen readers instead of label + value when given. */
  description?: string;
}

/** A dependency-free CSS bar chart: a list, so screen readers read every bar's label and value. */
@Component({
  selector: 'rf-bar-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure>
      <figcaption>{{ caption() }}</figcaption>
      @if (bars().length) {
        <ul class="bars" [class.horizontal]="orientation() === 'horizontal'">
          @for (bar of bars(); track $index) {
            <li data-testid="bar" [attr.aria-label]="bar.description ?? bar.label + ': ' + bar.valueLabel">
              <span class="label" aria-hidden="true">{{ bar.label }}</span>
              <span class="track" aria-hidden="true">
                <span class="fill" [style.--rf-bar]="percent(bar.value) + '%'"></span>
              </span>
              <span class="value" aria-hidden="true">{{ bar.valueLabel }}</span>
            </li>
          }
        </ul>
      } @else {
        <p>{{ emptyText() }}</p>
      }
    </figure>
  `,
  styles: `
    figure { margin: 0; }
    figcaption { font-weight: 500; margin-bottom: 12px; }
    .bars { list-style: none; margin: 0; padding: 0; display: flex; align-items: flex-end; gap: 6px; height: 180px; }
    .bars li { flex: 1 1 0; display: flex; flex-direction: column-reverse; align-items: center; height: 100%; min-width: 0; gap: 4px; }
    .track { flex: 1 1 auto; width: 100%; display: flex; align-items: flex-end; background: var(--mat-sys-surface-container); border-radius: 4px; }
    .fill { width: 100%; height: var(--rf-bar); min-height: 2px; background: var(--mat-sys-primary); border-radius: 4px; }
    .label { font-size: 0.6875rem; color: var(--mat-sys-on-surface-variant); white-space: nowrap; }
    .value { font-size: 0.75rem; }
    .horizontal { flex-direction: column; align-items: stretch; height: auto; gap: 10px; }
    .horizontal li { flex-direction: row; height: 24px; gap: 8px; }
    .horizontal .label { flex: 0 0 160px; font-size: 0.875rem; overflow: hidden; text-overflow: ellipsis; color: inherit; }
    .horizontal .track { height: 12px; align-items: stretch; }
    .horizontal .fill { height: 100%; width: var(--rf-bar); min-width: 2px; }
    .horizontal .value { flex: 0 0 48px; text-align: right; }
  `,
})
export class BarChartComponent {
  readonly bars = input.required<BarDatum[]>();
  readonly caption = input.required<string>();
  readonly orientation = input<'vertical' | 'horizontal'>('vertical');
  /** The value of a full bar; defaults to the largest value. */
  readonly max = input<number | null>(null);
  readonly emptyText = input('No data yet.');

  private readonly scale = computed(() => this.max() ?? Math.max(1, ...this.bars().map((bar) => bar.value)));

  protected percent(value: number): number {
    return Math.round((Math.max(0, value) / this.scale()) * 100);
  }
}
