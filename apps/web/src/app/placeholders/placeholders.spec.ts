import { TestBed } from '@angular/core/testing';
import { OnboardingPage } from './onboarding.page';

describe('placeholder pages', () => {
  it.each([
    [OnboardingPage, 'Tell us about your business'],
  ] as const)('%p shows its heading', async (page, heading) => {
    const fixture = TestBed.createComponent(page);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('h1')?.textContent).toBe(heading);
  });
});
