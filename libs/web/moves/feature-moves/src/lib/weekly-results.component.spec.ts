import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { WeeklyResultsResponse } from '@raptorflow/contracts';
import { currentWeek } from '@raptorflow/web-moves-data-access';
import { WeeklyResultsComponent } from './weekly-results.component';

const week = currentWeek(new Date());
const RESULTS: WeeklyResultsResponse = {
  canLog: true,
  results: [
    { week, channel: 'linkedin', campaignId: 'c1', leads: 1200, signups: 30, revenuePaise: 1_23_456_50, updatedAt: '2026-12-01T00:00:00Z' },
    { week, channel: 'seo', campaignId: null, leads: 3, signups: 0, revenuePaise: 0, updatedAt: '2026-12-01T00:00:00Z' },
  ],
};

describe('WeeklyResultsComponent', () => {
  async function render(response: WeeklyResultsResponse = RESULTS) {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations()] });
    const fixture = TestBed.createComponent(WeeklyResultsComponent);
    fixture.componentRef.setInput('goals', { primary: 'leads', target: 2406 });
    fixture.componentRef.setInput('startedAt', new Date(Date.now() - 86_400_000).toISOString());
    fixture.componentRef.setInput('campaigns', [{ id: 'c1', name: 'Diwali push' }]);
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/v1/analytics/results').flush(response);
    await fixture.whenStable();
    return { fixture, http, el: fixture.nativeElement as HTMLElement };
  }

  const type = (el: HTMLElement, label: string, value: string) => {
    const field = Array.from(el.querySelectorAll('mat-form-field')).find((f) => f.querySelector('mat-label')?.textContent?.trim() === label);
    const input = field?.querySelector('input') as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    return input;
  };

  it('lists the logged weeks in en-IN and shows the goal progress', async () => {
    const { el } = await render();
    const rows = Array.from(el.querySelectorAll('[data-testid="weekly-results"] tbody tr')).map((tr) => Array.from(tr.querySelectorAll('td')).slice(1).map((td) => td.textContent?.trim()));
    expect(rows).toEqual([
      ['LinkedIn', 'Diwali push', '1,200', '30', '₹1,23,456.50'],
      ['SEO / blog', '–', '3', '0', '₹0'],
    ]);
    expect(el.querySelector('[data-testid="results-progress"]')?.textContent).toContain('1,203 of 2,406 leads logged toward the 90-day goal');
    expect(el.querySelector('mat-progress-bar')?.getAttribute('aria-valuenow')).toBe('50');
  });

  it('logs a week in paise, then reloads', async () => {
    const { el, http, fixture } = await render();
    const component = fixture.componentInstance as unknown as { form: { patchValue(v: object): void } };
    component.form.patchValue({ channel: 'email' });
    type(el, 'Leads', '12');
    type(el, 'Sign-ups', '4');
    type(el, 'Revenue (₹)', '4999.5');
    (el.querySelector('form[aria-label="Log a week"] button[type="submit"]') as HTMLButtonElement).click();
    const req = http.expectOne({ method: 'PUT', url: '/api/v1/analytics/results' });
    expect(req.request.body).toEqual({ week, channel: 'email', campaignId: null, leads: 12, signups: 4, revenuePaise: 499_950 });
    req.flush({ week, channel: 'email', campaignId: null, leads: 12, signups: 4, revenuePaise: 499_950, updatedAt: '2026-12-01T00:00:00Z' });
    http.expectOne('/api/v1/analytics/results').flush(RESULTS);
    await fixture.whenStable();
    expect(el.querySelector('[role="status"]')?.textContent).toContain('Logged Email newsletter for the week of');
  });

  it('shows a wrong number under its field, described to screen readers, and sends nothing', async () => {
    const { el, http, fixture } = await render();
    const input = type(el, 'Leads', '-3');
    (el.querySelector('form[aria-label="Log a week"] button[type="submit"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    http.expectNone({ method: 'PUT' });
    const errorId = Array.from(el.querySelectorAll('mat-error')).find((e) => e.textContent?.includes('A whole number, 0 or more'))?.id;
    expect(errorId).toBeTruthy();
    expect(input.getAttribute('aria-describedby')).toContain(errorId);
  });

  it("shows the API's field problem under the field", async () => {
    const { el, http, fixture } = await render();
    (fixture.componentInstance as unknown as { form: { patchValue(v: object): void } }).form.patchValue({ channel: 'email', campaignId: 'c1' });
    (el.querySelector('form[aria-label="Log a week"] button[type="submit"]') as HTMLButtonElement).click();
    http
      .expectOne({ method: 'PUT', url: '/api/v1/analytics/results' })
      .flush({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'campaignId: no such campaign in this workspace', details: [{ field: 'campaignId', problems: ['is not a campaign of this workspace'] }] }, { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    expect(Array.from(el.querySelectorAll('mat-error')).map((e) => e.textContent?.trim())).toContain('is not a campaign of this workspace');
  });

  it('offers no form to a member who cannot log', async () => {
    const { el } = await render({ ...RESULTS, canLog: false });
    expect(el.querySelector('form')).toBeNull();
    expect(el.querySelector('[data-testid="weekly-results"]')).not.toBeNull();
  });
});
