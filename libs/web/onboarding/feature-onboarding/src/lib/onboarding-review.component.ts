import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { ONBOARDING_SECTIONS, ONBOARDING_STEPS, type OnboardingAnswers, type OnboardingFieldError, findStep } from '@raptorflow/contracts';
import { summarize } from './answer-summary';

/** All answers per section with Edit links, and the Finalize button with what is still missing. */
@Component({
  selector: 'rf-onboarding-review',
  imports: [MatButtonModule, MatProgressSpinnerModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2>Review your answers</h2>
    <p class="rf-help">Check everything once more. Finalizing builds your Business Context Manifest.</p>
    @if (missing().length) {
      <div class="rf-missing" role="alert">
        <p><strong>Finish these steps first:</strong></p>
        <ul>
          @for (item of missing(); track item.stepId) {
            <li>
              <a routerLink="/onboarding" [queryParams]="{ step: item.stepId }">{{ item.title }}</a>: {{ item.messages.join('; ') }}
            </li>
          }
        </ul>
      </div>
    }
    @for (section of sections(); track section.id) {
      <section class="rf-section" [attr.aria-label]="section.title">
        <h3>{{ section.title }}</h3>
        @for (step of section.steps; track step.id) {
          <div class="rf-step">
            <div class="rf-step-head">
              <h4>{{ step.number }}. {{ step.title }}</h4>
              <a mat-button routerLink="/onboarding" [queryParams]="{ step: step.id }" [attr.aria-label]="'Edit ' + step.title">Edit</a>
            </div>
            @if (step.lines.length) {
              <dl>
                @for (line of step.lines; track line.label) {
                  <dt>{{ line.label }}</dt>
                  <dd>{{ line.text }}</dd>
                }
              </dl>
            } @else {
              <p class="rf-help">{{ step.optional ? 'Skipped' : 'Not answered yet' }}</p>
            }
          </div>
        }
      </section>
    }
    <button mat-flat-button type="button" class="rf-finalize" [disabled]="finalizing()" (click)="finalize.emit()">
      @if (finalizing()) {
        <mat-spinner diameter="18" aria-label="Finalizing" />
      }
      Finalize
    </button>
  `,
  styles: `
    :host { display: block; }
    h2 { margin: 0 0 4px; font-size: 1.375rem; font-weight: 500; }
    h3 { margin: 24px 0 8px; font-size: 1.125rem; font-weight: 500; }
    h4 { margin: 0; font-size: 1rem; font-weight: 500; }
    .rf-help { color: var(--mat-sys-on-surface-variant); }
    .rf-step { padding: 8px 0; border-bottom: 1px solid var(--mat-sys-outline-variant, #ddd); }
    .rf-step-head { display: flex; justify-content: space-between; align-items: center; }
    dl { display: grid; grid-template-columns: minmax(140px, 1fr) 3fr; gap: 4px 16px; margin: 8px 0; font-size: 0.875rem; }
    dt { color: var(--mat-sys-on-surface-variant); }
    dd { margin: 0; overflow-wrap: anywhere; }
    .rf-missing { padding: 12px 16px; border-radius: 8px; background: var(--mat-sys-error-container, #ffdad6); color: var(--mat-sys-on-error-container, #410002); }
    .rf-finalize { margin-top: 24px; height: 44px; }
    .rf-finalize mat-spinner { display: inline-block; margin-right: 8px; vertical-align: middle; }
  `,
})
export class OnboardingReviewComponent {
  readonly answers = input.required<OnboardingAnswers>();
  readonly errors = input<readonly OnboardingFieldError[]>([]);
  readonly finalizing = input(false);
  readonly finalize = output<void>();

  protected readonly sections = computed(() => {
    const answers = this.answers() as Record<string, Record<string, unknown> | undefined>;
    return ONBOARDING_SECTIONS.map((section) => ({
      ...section,
      steps: ONBOARDING_STEPS.filter((step) => step.section === section.id).map((step) => ({
        ...step,
        lines: step.fields.map((field) => ({ label: field.label, text: summarize(field, answers[step.id]?.[field.key]) })).filter((line) => line.text),
      })),
    }));
  });

  protected readonly missing = computed(() => {
    const byStep = new Map<string, string[]>();
    for (const error of this.errors()) byStep.set(error.stepId, [...(byStep.get(error.stepId) ?? []), error.message]);
    return [...byStep].map(([stepId, messages]) => ({ stepId, title: findStep(stepId)?.title ?? stepId, messages: [...new Set(messages)] }));
  });
}
