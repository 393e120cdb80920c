import { type EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as authEffects from './auth.effects';
import { authFeature } from './auth.feature';

/**
 * Root-level auth state: every route's guard needs it, so it is provided once in app.config.ts
 * (after `provideStore()`), together with `withInterceptors([authInterceptor])`.
 */
export function provideAuth(): EnvironmentProviders {
  return makeEnvironmentProviders([provideState(authFeature), provideEffects(authEffects)]);
}
