import { type EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as onboardingEffects from './onboarding.effects';
import { onboardingFeature } from './onboarding.feature';

/** The `onboarding` state and effects, provided by the wizard's lazy route. */
export function provideOnboarding(): EnvironmentProviders {
  return makeEnvironmentProviders([provideState(onboardingFeature), provideEffects(onboardingEffects)]);
}
