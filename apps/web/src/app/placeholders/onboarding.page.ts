import { ChangeDetectionStrategy, Component } from '@angular/core';

// Placeholder until the real feature library replaces it.
@Component({
  selector: 'rf-onboarding-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<section class="rf-page"><h1>Tell us about your business</h1></section>`,
})
export class OnboardingPage {}
