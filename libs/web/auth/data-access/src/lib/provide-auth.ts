import { type EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { type ActionReducer, META_REDUCERS, provideState } from '@ngrx/store';
import { AuthApiActions } from './auth.actions';
import * as authEffects from './auth.effects';
import { authFeature } from './auth.feature';

/**
 * Root-level auth state: every route's guard needs it, so it is provided once in app.config.ts
 * (after `provideStore()`), together with `withInterceptors([authInterceptor])`.
 */
export function provideAuth(): EnvironmentProviders {
  return makeEnvironmentProviders([provideState(authFeature), provideEffects(authEffects), { provide: META_REDUCERS, multi: true, useValue: resetOnWorkspaceSwitch }]);
}

/**
 * Every feature's state but auth's belongs to one workspace: when the current workspace changes, they all start
 * from their initial state (each feature reducer is handed `undefined`), and their pages load the new one's data.
 */
export function resetOnWorkspaceSwitch<S extends Record<string, unknown>>(reducer: ActionReducer<S>): ActionReducer<S> {
  return (state, action) =>
    reducer(action.type === AuthApiActions.workspaceSwitched.type && state ? ({ [authFeature.name]: state[authFeature.name] } as unknown as S) : state, action);
}
