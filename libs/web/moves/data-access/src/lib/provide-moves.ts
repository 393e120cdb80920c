import { type EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as movesEffects from './moves.effects';
import { movesFeature } from './moves.feature';

/** The `moves` state (moves, campaigns, analytics) and effects; provided on `/app` because the dashboard reads it too. */
export function provideMoves(): EnvironmentProviders {
  return makeEnvironmentProviders([provideState(movesFeature), provideEffects(movesEffects)]);
}
