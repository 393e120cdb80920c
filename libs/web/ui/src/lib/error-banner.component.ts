import { ChangeDetectionStrategy, Component, input } from '@angular/core';

// No icon: the app ships no icon font (it must work offline).
/** A page-level error: announced to screen readers, shown only when there is a message. */
@Component({
  selector: 'rf-error-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (message(); as text) {
      <div class="rf-error-banner" role="alert">
        {{ text }}
      </div>
    }
  `,
  styles: `
    .rf-error-banner {
      padding: 12px 16px;
      margin-bottom: 16px;
      border-radius: 8px;
      background: var(--mat-sys-error-container, #ffdad6);
      color: var(--mat-sys-on-error-container, #410002);
    }
  `,
})
export class ErrorBannerComponent {
  readonly message = input<string | null | undefined>(null);
}
