import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, Injector, type OnInit, afterNextRender, computed, inject, input, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type AbstractControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { type OnboardingFieldError, type OnboardingStep, type StepAnswers, validateStep } from '@raptorflow/contracts';
import { debounceTime, filter, tap } from 'rxjs';
import { OnboardingFieldComponent } from './onboarding-field.component';
import { answersOf, buildStepForm, errorLabel, errorMap } from './step-form.model';

/** Autosave waits this long after the last change. */
export const AUTOSAVE_DEBOUNCE_MS = 800;

/** One wizard step rendered from the catalog: validates with the shared validator, autosaves, and moves on. */
@Component({
  selector: 'rf-onboarding-step',
  imports: [ReactiveFormsModule, MatButtonModule, OnboardingFieldComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let s = step();
    <h2>{{ s.title }}@if (s.optional) { <span class="rf-optional"> (optional)</span> }</h2>
    <p class="rf-help">{{ s.help }}</p>
    <form [formGroup]="form" (ngSubmit)="next()" novalidate [attr.aria-label]="s.title">
      @if (summary().length) {
        <div class="rf-summary" role="alert" tabindex="-1" data-testid="error-summary">
          <p>{{ summary().length === 1 ? 'One answer needs a fix' : summary().length + ' answers need a fix' }} before you go on:</p>
          <ul>
            @for (item of summary(); track item.path) {
              <li><a href="#" (click)="$event.preventDefault(); focusField(item.path)">{{ item.label }}: {{ item.message }}</a></li>
            }
          </ul>
        </div>
      } @else if (errors()['']; as message) {
        <p class="rf-error" role="alert">{{ message }}</p>
      }
      @for (field of s.fields; track field.key) {
        <rf-onboarding-field [field]="field" [control]="form.controls[field.key]" [path]="field.key" [errors]="errors()" />
      }
      <div class="rf-actions">
        @if (!isFirst()) {
          <button mat-button type="button" (click)="back()">Back</button>
        }
        <span class="rf-spacer"></span>
        @if (s.optional) {
          <button mat-button type="button" [disabled]="submitting()" (click)="skipStep()">Skip</button>
        }
        <button mat-flat-button type="submit" [disabled]="submitting()">{{ isLast() ? 'Review answers' : reviewNext() ? 'Save and review' : 'Next' }}</button>
      </div>
    </form>
  `,
  styles: `
    :host { display: block; }
    h2 { margin: 0 0 4px; font-size: 1.375rem; font-weight: 500; }
    .rf-optional { font-size: 1rem; font-weight: 400; color: var(--mat-sys-on-surface-variant); }
    .rf-help { margin: 0 0 20px; color: var(--mat-sys-on-surface-variant); }
    .rf-actions { display: flex; gap: 8px; margin-top: 16px; }
    .rf-spacer { flex: 1 1 auto; }
    .rf-error { color: var(--mat-sys-error); }
    .rf-summary { margin: 0 0 16px; padding: 12px 16px; border: 1px solid var(--mat-sys-error); border-radius: 8px; color: var(--mat-sys-on-error-container); background: var(--mat-sys-error-container); }
    .rf-summary p { margin: 0 0 4px; font-weight: 500; }
    .rf-summary ul { margin: 0; padding-left: 20px; }
    .rf-summary a { color: inherit; }
    .rf-actions { flex-wrap: wrap; }
  `,
})
export class OnboardingStepComponent implements OnInit {
  private readonly destroyRef = inject(DestroyRef);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly step = input.required<OnboardingStep>();
  /** Saved answers the form starts from (read once: the form owns the answers afterwards). */
  readonly answers = input<StepAnswers | undefined>(undefined);
  readonly completed = input(false);
  readonly serverErrors = input<readonly OnboardingFieldError[]>([]);
  readonly isFirst = input(false);
  readonly isLast = input(false);
  /** Every other step is done (an answer edited from the review): saving returns to the review. */
  readonly reviewNext = input(false);
  readonly submitting = input(false);

  readonly autosave = output<{ answers: StepAnswers; complete: boolean }>();
  readonly submitted = output<StepAnswers>();
  readonly skipped = output<void>();
  readonly backed = output<{ answers: StepAnswers; complete: boolean } | null>();

  protected form = new FormGroup<Record<string, AbstractControl>>({});
  private readonly clientErrors = signal<Record<string, string>>({});
  // Server errors are about the answers as they were sent; the first edit hides them.
  private readonly isServerErrorsStale = signal(false);
  protected readonly errors = computed(() => ({ ...(this.isServerErrorsStale() ? {} : errorMap(this.step().id, this.serverErrors())), ...this.clientErrors() }));
  // The summary lists what blocked Next; it shrinks as answers are fixed and is rebuilt on the next Next.
  private readonly blocked = signal<string[]>([]);
  protected readonly summary = computed(() =>
    this.blocked()
      .filter((path) => path in this.clientErrors())
      .map((path) => ({ path, label: errorLabel(this.step(), path), message: this.clientErrors()[path] })),
  );
  private isLeaving = false;
  private isDirty = false;

  ngOnInit(): void {
    this.form = buildStepForm(this.step(), this.answers());
    this.form.valueChanges
      .pipe(
        tap(() => {
          this.isLeaving = false;
          this.isDirty = true;
          this.isServerErrorsStale.set(true);
          this.clearFixedErrors();
        }),
        debounceTime(AUTOSAVE_DEBOUNCE_MS),
        filter(() => !this.isLeaving),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => this.saveDraft());
  }

  // An answer that is fixed loses its message at once; new problems only show after the autosave pause or on Next.
  private clearFixedErrors(): void {
    const shown = this.clientErrors();
    if (!Object.keys(shown).length) return;
    const now = errorMap(this.step().id, validateStep(this.step().id, answersOf(this.step(), this.form)).errors);
    this.clientErrors.set(Object.fromEntries(Object.keys(shown).filter((path) => path in now).map((path) => [path, now[path]])));
  }

  private saveDraft(): void {
    const answers = answersOf(this.step(), this.form);
    const draft = validateStep(this.step().id, answers, { partial: true });
    this.clientErrors.set(errorMap(this.step().id, draft.errors));
    if (!draft.valid) return;
    // A step that was already complete stays complete while its answers are still valid.
    const complete = this.completed() && validateStep(this.step().id, answers).valid;
    this.autosave.emit({ answers, complete });
  }

  protected next(): void {
    const answers = answersOf(this.step(), this.form);
    const result = validateStep(this.step().id, answers);
    const errors = errorMap(this.step().id, result.errors);
    this.clientErrors.set(errors);
    // In the order the fields appear, so the first listed is the first on screen.
    const order = (path: string) => this.step().fields.findIndex((field) => path === field.key || path.startsWith(`${field.key}[`));
    this.blocked.set(Object.keys(errors).filter((path) => path !== '').sort((x, y) => order(x) - order(y)));
    if (!result.valid) {
      const first = this.blocked()[0];
      afterNextRender(() => (first ? this.focusField(first) : this.host.nativeElement.querySelector<HTMLElement>('.rf-summary')?.focus()), { injector: this.injector });
      return;
    }
    this.isLeaving = true;
    this.isServerErrorsStale.set(false);
    this.submitted.emit(answers);
  }

  /** Focuses the control behind an error path ('website', 'competitors[0].name', 'pains[1]'). */
  protected focusField(path: string): void {
    const root = this.host.nativeElement.querySelector(`[data-field-path="${path}"]`);
    root?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
  }

  protected skipStep(): void {
    this.isLeaving = true;
    this.skipped.emit();
  }

  protected back(): void {
    this.isLeaving = true;
    const answers = answersOf(this.step(), this.form);
    const isSavable = this.isDirty && validateStep(this.step().id, answers, { partial: true }).valid;
    this.backed.emit(isSavable ? { answers, complete: this.completed() && validateStep(this.step().id, answers).valid } : null);
  }
}
