import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router, RouterLink } from '@angular/router';
import { ONBOARDING_SECTIONS, ONBOARDING_STEPS, STEP_IDS, type StepAnswers, type StepId, findStep, isStepId } from '@raptorflow/contracts';
import {
  OnboardingPageActions,
  type SaveStatus,
  selectAnswers,
  selectCompletedSteps,
  selectFinalizeError,
  selectFinalizeErrors,
  selectFinalizing,
  selectLoadError,
  selectRejected,
  selectResumeAt,
  selectSaveError,
  selectSaveStatus,
  selectSubmitting,
} from '@raptorflow/web-onboarding-data-access';
import { ErrorBannerComponent } from '@raptorflow/web-ui';
import { Store } from '@ngrx/store';
import { OnboardingReviewComponent } from './onboarding-review.component';
import { OnboardingStepComponent } from './onboarding-step.component';

// 23 steps in about 15 minutes.
const SECONDS_PER_STEP = 40;
const SAVE_LABELS: Record<SaveStatus, string> = { idle: '', saving: 'Saving…', saved: 'Saved', offline: 'Offline - will retry', error: 'Not saved' };

/** `/onboarding?step=<id>|summary`: the 23-step wizard; without `step` it resumes where the draft left off. */
@Component({
  selector: 'rf-onboarding-page',
  imports: [RouterLink, MatButtonModule, MatProgressBarModule, MatProgressSpinnerModule, ErrorBannerComponent, OnboardingStepComponent, OnboardingReviewComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="rf-page rf-wizard">
      <h1>Tell us about your business</h1>
      @if (loadError(); as error) {
        <rf-error-banner [message]="error.message" />
        <button mat-flat-button type="button" (click)="reload()">Try again</button>
      } @else if (!active()) {
        <mat-spinner diameter="32" aria-label="Loading your answers" />
      } @else {
        <div class="rf-progress">
          <div class="rf-progress-text">
            <span data-testid="step-position">{{ position() }}</span>
            <span class="rf-save" role="status" data-testid="save-status">{{ saveLabel() }}</span>
          </div>
          <mat-progress-bar mode="determinate" [value]="progress()" [attr.aria-label]="progressLabel()" />
          <p class="rf-estimate" data-testid="time-left">{{ timeLeft() }}</p>
          <nav aria-label="Sections">
          <ol class="rf-sections">
            @for (section of sectionLinks(); track section.id) {
              <li [class.rf-current]="section.current">
                @if (section.step && !section.current) {
                  <a routerLink="/onboarding" [queryParams]="{ step: section.step }">{{ section.title }}</a>
                } @else {
                  <span [attr.aria-current]="section.current ? 'step' : null">{{ section.title }}</span>
                }
              </li>
            }
          </ol>
          </nav>
        </div>
        <rf-error-banner [message]="saveError()?.message" />
        @for (step of activeSteps(); track step.id) {
          <rf-onboarding-step
            [step]="step"
            [answers]="answerOf(step.id)"
            [completed]="isCompleted(step.id)"
            [serverErrors]="rejected()?.stepId === step.id ? rejected()!.errors : []"
            [isFirst]="step.number === 1"
            [isLast]="step.number === 23"
            [reviewNext]="othersDone(step.id)"
            [submitting]="submitting()"
            (autosave)="autosave(step.id, $event)"
            (submitted)="submit(step.id, $event)"
            (skipped)="submit(step.id, {})"
            (backed)="back(step.id, $event)"
          />
        }
        @if (active() === 'summary') {
          <rf-error-banner [message]="finalizeErrors().length ? null : finalizeError()?.message" />
          <rf-onboarding-review [answers]="answers()" [errors]="finalizeErrors()" [finalizing]="finalizing()" (finalize)="finalize()" />
        }
      }
    </section>
  `,
  styles: `
    :host { display: block; }
    .rf-wizard { max-width: 760px; }
    h1 { margin: 0 0 16px; font-size: 1.75rem; font-weight: 500; }
    .rf-progress { margin-bottom: 24px; }
    .rf-progress-text { display: flex; justify-content: space-between; margin-bottom: 8px; font-size: 0.875rem; }
    .rf-save { color: var(--mat-sys-on-surface-variant); }
    .rf-sections { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; padding: 0; margin: 8px 0 0; font-size: 0.8125rem; color: var(--mat-sys-on-surface-variant); }
    .rf-sections .rf-current { color: var(--mat-sys-primary); font-weight: 600; }
    .rf-sections a { color: inherit; }
    .rf-estimate { margin: 6px 0 0; font-size: 0.8125rem; color: var(--mat-sys-on-surface-variant); }
  `,
})
export class OnboardingPage {
  private readonly store = inject(Store);
  private readonly router = inject(Router);

  /** `?step=`: a step id or 'summary'. */
  readonly step = input<string>();

  protected readonly sections = ONBOARDING_SECTIONS;
  protected readonly loadError = this.store.selectSignal(selectLoadError);
  protected readonly answers = this.store.selectSignal(selectAnswers);
  private readonly completedSteps = this.store.selectSignal(selectCompletedSteps);
  private readonly resumeAt = this.store.selectSignal(selectResumeAt);
  protected readonly saveStatus = this.store.selectSignal(selectSaveStatus);
  protected readonly saveError = this.store.selectSignal(selectSaveError);
  protected readonly rejected = this.store.selectSignal(selectRejected);
  protected readonly submitting = this.store.selectSignal(selectSubmitting);
  protected readonly finalizing = this.store.selectSignal(selectFinalizing);
  protected readonly finalizeErrors = this.store.selectSignal(selectFinalizeErrors);
  protected readonly finalizeError = this.store.selectSignal(selectFinalizeError);

  protected readonly active = computed((): StepId | 'summary' | null => {
    const resumeAt = this.resumeAt();
    if (!resumeAt) return null;
    const requested = this.step();
    return requested === 'summary' || isStepId(requested) ? requested : resumeAt;
  });
  protected readonly activeSteps = computed(() => {
    const active = this.active();
    const step = active && active !== 'summary' ? findStep(active) : undefined;
    return step ? [step] : [];
  });
  protected readonly completedCount = computed(() => this.completedSteps().length);
  // Progress shows where the founder is (step 18 of 23 is 78 %), not how many steps happen to be finished.
  protected readonly progress = computed(() => Math.round(((this.activeSteps()[0]?.number ?? ONBOARDING_STEPS.length) / ONBOARDING_STEPS.length) * 100));
  protected readonly progressLabel = computed(() => {
    const step = this.activeSteps()[0];
    return `${step ? `Step ${step.number} of 23` : 'Review'}, ${this.completedCount()} of 23 steps done`;
  });
  protected readonly timeLeft = computed(() => {
    const left = ONBOARDING_STEPS.filter((step) => !this.isCompleted(step.id)).length;
    if (left === 0) return 'All steps answered';
    const minutes = Math.max(1, Math.round((left * SECONDS_PER_STEP) / 60));
    return `About ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} left`;
  });
  // A section is a link once the founder has answered one of its steps; it opens the section's first answered step.
  protected readonly sectionLinks = computed(() =>
    ONBOARDING_SECTIONS.map((section) => ({
      id: section.id,
      title: section.title,
      current: section.id === this.currentSection(),
      step: ONBOARDING_STEPS.find((step) => step.section === section.id && this.isCompleted(step.id))?.id ?? null,
    })),
  );
  protected readonly currentSection = computed(() => this.activeSteps()[0]?.section ?? 'goals_review');
  protected readonly position = computed(() => {
    const step = this.activeSteps()[0];
    if (!step) return `Review · ${this.completedCount()} of 23 steps done`;
    const section = ONBOARDING_SECTIONS.find((s) => s.id === step.section)?.title ?? '';
    return `Step ${step.number} of 23 · ${section}`;
  });
  protected readonly saveLabel = computed(() => SAVE_LABELS[this.saveStatus()]);

  constructor() {
    this.store.dispatch(OnboardingPageActions.opened());
  }

  protected reload(): void {
    this.store.dispatch(OnboardingPageActions.opened());
  }

  protected answerOf(stepId: StepId): StepAnswers | undefined {
    return this.answers()[stepId];
  }

  protected isCompleted(stepId: StepId): boolean {
    return this.completedSteps().includes(stepId);
  }

  protected autosave(stepId: StepId, { answers, complete }: { answers: StepAnswers; complete: boolean }): void {
    this.store.dispatch(OnboardingPageActions.answersChanged({ save: { stepId, answers, complete, next: null } }));
  }

  protected othersDone(stepId: StepId): boolean {
    return STEP_IDS.every((id) => id === stepId || this.isCompleted(id));
  }

  protected submit(stepId: StepId, answers: StepAnswers): void {
    const next = this.othersDone(stepId) ? 'summary' : (STEP_IDS[STEP_IDS.indexOf(stepId) + 1] ?? 'summary');
    this.store.dispatch(OnboardingPageActions.stepSubmitted({ save: { stepId, answers, complete: true, next } }));
  }

  protected back(stepId: StepId, draft: { answers: StepAnswers; complete: boolean } | null): void {
    if (draft) this.autosave(stepId, draft);
    const previous = STEP_IDS[STEP_IDS.indexOf(stepId) - 1];
    if (previous) void this.router.navigate(['/onboarding'], { queryParams: { step: previous } });
  }

  protected finalize(): void {
    this.store.dispatch(OnboardingPageActions.finalizeClicked());
  }
}
