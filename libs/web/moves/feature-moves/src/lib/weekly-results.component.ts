import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { CHANNEL_OPTIONS, RESULT_LIMITS, type BcmGoals, type WeeklyResultsResponse } from '@raptorflow/contracts';
import { toApiErrorMessage } from '@raptorflow/web-bcm-data-access';
import { MovesApiService, currentWeek, shiftWeek, weekLabel } from '@raptorflow/web-moves-data-access';
import { fieldErrors } from '@raptorflow/web-payments-data-access';
import { ErrorBannerComponent, IndianDatePipe, IndianNumberPipe, RupeesPipe } from '@raptorflow/web-ui';
import { channelLabel, resultsProgress } from './analytics.results';

const WEEKS_OFFERED = 12;
const WHOLE = /^\d+$/;
const RUPEES = /^\d+(\.\d{1,2})?$/;

/** Leads, sign-ups and revenue the founder logs per week, channel and campaign, against the 90-day goal. */
@Component({
  selector: 'rf-weekly-results',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, MatSelectModule, ErrorBannerComponent, IndianDatePipe, IndianNumberPipe, RupeesPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2>Weekly results</h2>
    <rf-error-banner [message]="error()" />
    @if (progress(); as p) {
      <div data-testid="results-progress">
        @if (p.label !== null && p.percent !== null) {
          <p><strong>{{ p.label }}</strong> logged toward the 90-day goal ({{ p.span }})</p>
          <mat-progress-bar mode="determinate" [value]="p.percent" [attr.aria-label]="p.label + ' logged toward the 90-day goal'" />
        } @else {
          <p class="muted">Your goal is not counted in leads or revenue; here is what was logged from {{ p.span }}.</p>
        }
        <p class="muted">In the goal's weeks: {{ p.totals.leads | inNumber }} leads, {{ p.totals.signups | inNumber }} sign-ups, {{ p.totals.revenuePaise | rupees }} revenue.</p>
      </div>
    }
    @if (data(); as d) {
      @if (d.results.length) {
        <div class="rf-table-scroll" tabindex="0" role="region" aria-label="Logged weekly results">
          <table aria-label="Weekly results" data-testid="weekly-results">
            <thead>
              <tr><th scope="col">Week of</th><th scope="col">Channel</th><th scope="col">Campaign</th><th scope="col" class="num">Leads</th><th scope="col" class="num">Sign-ups</th><th scope="col" class="num">Revenue</th></tr>
            </thead>
            <tbody>
              @for (r of d.results; track r.week + r.channel + r.campaignId) {
                <tr>
                  <td>{{ r.week | inDate }}</td><td>{{ channel(r.channel) }}</td><td>{{ campaignName(r.campaignId) }}</td>
                  <td class="num">{{ r.leads | inNumber }}</td><td class="num">{{ r.signups | inNumber }}</td><td class="num">{{ r.revenuePaise | rupees }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      } @else {
        <p class="muted">No results logged yet.</p>
      }
      @if (d.canLog) {
        <h3>Log a week</h3>
        @if (notice(); as text) {
          <p role="status" class="muted">{{ text }}</p>
        }
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate aria-label="Log a week">
          <mat-form-field>
            <mat-label>Week</mat-label>
            <mat-select formControlName="week">
              @for (w of weeks; track w) {
                <mat-option [value]="w">{{ label(w) }}</mat-option>
              }
            </mat-select>
            <mat-error>{{ message('week') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Channel</mat-label>
            <mat-select formControlName="channel">
              @for (c of channels; track c.value) {
                <mat-option [value]="c.value">{{ c.label }}</mat-option>
              }
            </mat-select>
            <mat-error>{{ message('channel') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Campaign</mat-label>
            <mat-select formControlName="campaignId">
              <mat-option value="">No campaign</mat-option>
              @for (c of campaigns(); track c.id) {
                <mat-option [value]="c.id">{{ c.name }}</mat-option>
              }
            </mat-select>
            <mat-error>{{ message('campaignId') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Leads</mat-label>
            <input matInput formControlName="leads" inputmode="numeric" autocomplete="off" />
            <mat-error>{{ message('leads') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Sign-ups</mat-label>
            <input matInput formControlName="signups" inputmode="numeric" autocomplete="off" />
            <mat-error>{{ message('signups') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Revenue (₹)</mat-label>
            <input matInput formControlName="revenue" inputmode="decimal" autocomplete="off" />
            <mat-hint>Rupees, e.g. 4999 or 4999.50</mat-hint>
            <mat-error>{{ message('revenue') }}</mat-error>
          </mat-form-field>
          <button mat-flat-button type="submit" [disabled]="saving()">Log week</button>
        </form>
        <p class="muted">Logging the same week, channel and campaign again replaces its numbers.</p>
      }
    }
  `,
  styles: `
    :host { display: block; }
    h2 { margin: 0 0 12px; font-size: 1rem; font-weight: 500; }
    h3 { margin: 16px 0 8px; font-size: 0.9375rem; font-weight: 500; }
    table { width: 100%; border-collapse: collapse; font-size: 0.875rem; }
    th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--mat-sys-outline-variant, #ddd); }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    form { display: grid; gap: 4px 12px; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); align-items: start; }
    form button { justify-self: start; margin-top: 8px; }
    .muted { color: var(--mat-sys-on-surface-variant); font-size: 0.875rem; }
  `,
})
export class WeeklyResultsComponent {
  private readonly api = inject(MovesApiService);
  private readonly destroyRef = inject(DestroyRef);

  /** The manifest's goal and when it was set (the first manifest); without them no progress is shown. */
  readonly goals = input<BcmGoals | null>(null);
  readonly startedAt = input<string | null>(null);
  readonly campaigns = input<readonly { id: string; name: string }[]>([]);

  protected readonly data = signal<WeeklyResultsResponse | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly progress = computed(() => {
    const goals = this.goals();
    const startedAt = this.startedAt();
    const data = this.data();
    return goals && startedAt && data ? resultsProgress(goals, startedAt, data.results) : null;
  });

  protected readonly channels = CHANNEL_OPTIONS;
  // This week and the 11 before it, newest first (the API refuses future weeks).
  protected readonly weeks = Array.from({ length: WEEKS_OFFERED }, (_, i) => shiftWeek(currentWeek(new Date()), -i));
  protected readonly label = weekLabel;
  protected readonly channel = channelLabel;
  protected readonly form = inject(NonNullableFormBuilder).group({
    week: [this.weeks[0], Validators.required],
    channel: ['', Validators.required],
    campaignId: [''],
    leads: ['0', [Validators.required, Validators.pattern(WHOLE), Validators.max(RESULT_LIMITS.maxCount)]],
    signups: ['0', [Validators.required, Validators.pattern(WHOLE), Validators.max(RESULT_LIMITS.maxCount)]],
    // The form asks for rupees; the API's field is revenuePaise.
    revenue: ['0', [Validators.required, Validators.pattern(RUPEES), Validators.max(RESULT_LIMITS.maxRevenuePaise / 100)]],
  });

  constructor() {
    this.load();
  }

  protected campaignName(id: string | null): string {
    return id === null ? '–' : (this.campaigns().find((c) => c.id === id)?.name ?? 'Campaign');
  }

  protected message(field: string): string {
    const errors = this.form.get(field)?.errors ?? {};
    if (errors['server']) return errors['server'];
    if (errors['required']) return field === 'channel' ? 'Choose the channel' : 'Required';
    if (errors['pattern']) return field === 'revenue' ? 'Rupees, not negative, up to 2 decimals' : 'A whole number, 0 or more';
    if (errors['max']) return 'That is more than one week of one channel can hold';
    return '';
  }

  protected submit(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const v = this.form.getRawValue();
    this.saving.set(true);
    this.error.set(null);
    this.notice.set(null);
    const request = { week: v.week, channel: v.channel, campaignId: v.campaignId || null, leads: Number(v.leads), signups: Number(v.signups), revenuePaise: Math.round(Number(v.revenue) * 100) };
    this.api
      .logResult(request)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (saved) => {
          this.saving.set(false);
          this.notice.set(`Logged ${channelLabel(saved.channel)} for the week of ${weekLabel(saved.week)}.`);
          this.load();
        },
        error: (e: unknown) => {
          this.saving.set(false);
          const problems = fieldErrors(e);
          // Field problems show under their field; anything else above the form.
          for (const [field, problem] of Object.entries(problems)) this.form.get(field === 'revenuePaise' ? 'revenue' : field)?.setErrors({ server: problem });
          if (Object.keys(problems).length === 0) this.error.set(toApiErrorMessage(e));
        },
      });
  }

  private load(): void {
    this.api
      .results()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (data) => this.data.set(data), error: (e: unknown) => this.error.set(toApiErrorMessage(e)) });
  }
}
