import { type EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as paymentsEffects from './payments.effects';
import { paymentsFeature } from './payments.feature';

/** The `payments` state and effects, for the routes that show plans, the payment return page or billing history. */
export function providePayments(): EnvironmentProviders {
  return makeEnvironmentProviders([provideState(paymentsFeature), provideEffects(paymentsEffects)]);
}
