import { TestBed } from '@angular/core/testing';
import { type StepAnswers, findStep } from '@raptorflow/contracts';
import { AUTOSAVE_DEBOUNCE_MS, OnboardingStepComponent } from './onboarding-step.component';

describe('OnboardingStepComponent', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  async function render(stepId: string, answers?: StepAnswers, completed = false) {
    const fixture = TestBed.createComponent(OnboardingStepComponent);
    fixture.componentRef.setInput('step', findStep(stepId)!);
    fixture.componentRef.setInput('answers', answers);
    fixture.componentRef.setInput('completed', completed);
    const autosaves: { answers: StepAnswers; complete: boolean }[] = [];
    const submits: StepAnswers[] = [];
    fixture.componentInstance.autosave.subscribe((e) => autosaves.push(e));
    fixture.componentInstance.submitted.subscribe((e) => submits.push(e));
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const type = (path: string, value: string) => {
      const input = el.querySelector<HTMLInputElement>(`[data-field-path="${path}"] input, [data-field-path="${path}"] textarea`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const next = () => {
      el.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      fixture.detectChanges();
    };
    return { fixture, el, autosaves, submits, type, next };
  }

  it('autosaves a draft ~800 ms after the last change', async () => {
    const { autosaves, type } = await render('company');
    type('companyName', 'Led');
    jest.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS - 100);
    type('companyName', 'Ledgerly');
    jest.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS - 1);
    expect(autosaves).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(autosaves).toEqual([{ answers: { companyName: 'Ledgerly', country: 'India' }, complete: false }]);
  });

  it('starts a step never answered from the catalog defaults, and a saved step from its answers', async () => {
    expect((await render('company')).el.querySelector<HTMLInputElement>('[data-field-path="country"] input')?.value).toBe('India');
    TestBed.resetTestingModule();
    expect((await render('company', { companyName: 'Ledgerly' })).el.querySelector<HTMLInputElement>('[data-field-path="country"] input')?.value).toBe('');
  });

  it('lists what blocks Next, focuses the first problem, and drops each message as soon as it is fixed', async () => {
    const { next, el, type, fixture } = await render('company');
    type('website', 'not a url');
    next();
    await fixture.whenStable();
    const summary = () => Array.from(el.querySelectorAll('[data-testid="error-summary"] li')).map((li) => li.textContent?.trim());
    expect(summary()).toEqual(['Company name: Company name is required', 'Website: Must be a valid URL', 'Industry: Industry is required']);
    expect(document.activeElement).toBe(el.querySelector('[data-field-path="companyName"] input'));
    type('website', 'https://ledgerly.in');
    fixture.detectChanges();
    expect(el.querySelector('[data-field-path="website"]')?.textContent).not.toContain('Must be a valid URL');
    const select = el.querySelector<HTMLSelectElement>('[data-field-path="industry"] select')!;
    select.value = 'fintech';
    select.dispatchEvent(new Event('change'));
    fixture.detectChanges();
    expect(el.querySelector('[data-field-path="industry"]')?.textContent).not.toContain('Industry is required');
    expect(summary()).toEqual(['Company name: Company name is required']);
  });

  it('keeps a completed step complete while its answers stay valid', async () => {
    const { autosaves, type } = await render('company', { companyName: 'Ledgerly', industry: 'fintech' }, true);
    type('country', 'India');
    jest.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS);
    expect(autosaves[0].complete).toBe(true);
  });

  it('does not autosave answers the draft validator refuses, and says why', async () => {
    const { autosaves, type, fixture, el } = await render('company');
    type('website', 'not a url');
    jest.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS);
    fixture.detectChanges();
    expect(autosaves).toEqual([]);
    expect(el.querySelector('[data-field-path="website"]')?.textContent).toContain('Must be a valid URL');
  });

  it('validates the whole step on Next and blocks until required fields are filled', async () => {
    const { submits, next, el, type } = await render('company');
    next();
    expect(submits).toEqual([]);
    expect(el.querySelector('[data-field-path="companyName"]')?.textContent).toContain('Company name is required');
    type('companyName', 'Ledgerly');
    const select = el.querySelector<HTMLSelectElement>('[data-field-path="industry"] select')!;
    select.value = 'fintech';
    select.dispatchEvent(new Event('change'));
    next();
    expect(submits).toEqual([{ companyName: 'Ledgerly', industry: 'fintech', country: 'India' }]);
  });

  it('cancels a pending autosave when the user moves on', async () => {
    const { autosaves, submits, type, next } = await render('stage', { stage: 'idea' });
    type('teamSize', '4');
    next();
    jest.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS * 2);
    expect(submits).toEqual([{ stage: 'idea', teamSize: 4 }]);
    expect(autosaves).toEqual([]);
  });

  it('shows server errors on their fields', async () => {
    const { fixture, el } = await render('company');
    fixture.componentRef.setInput('serverErrors', [{ path: 'company.website', stepId: 'company', field: 'website', message: 'Must be a valid URL' }]);
    fixture.detectChanges();
    expect(el.querySelector('[data-field-path="website"] [role="alert"]')?.textContent).toContain('Must be a valid URL');
  });

  it('offers Skip only on optional steps', async () => {
    expect((await render('metrics')).el.textContent).toContain('Skip');
    TestBed.resetTestingModule();
    expect((await render('company')).el.textContent).not.toContain('Skip');
  });
});
