import { type EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as bcmEffects from './bcm.effects';
import { bcmFeature } from './bcm.feature';

/** The `bcm` state and effects; provided on the `/app` route because the shell header reads it on every page. */
export function provideBcm(): EnvironmentProviders {
  return makeEnvironmentProviders([provideState(bcmFeature), provideEffects(bcmEffects)]);
}
