import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { concatLatestFrom } from '@ngrx/operators';
import { Store } from '@ngrx/store';
import { selectProfile } from '@raptorflow/web-auth-data-access';
import { BcmApiActions, apiErrorCode, selectHasManifest, toApiErrorMessage } from '@raptorflow/web-bcm-data-access';
import { catchError, exhaustMap, filter, map, mergeMap, of, switchMap, tap } from 'rxjs';
import { AnalyticsPageActions, CampaignsPageActions, DashboardPageActions, MovesApiActions, MovesPageActions } from './moves.actions';
import { MovesApiService } from './moves-api.service';
import { movesFeature } from './moves.feature';
import { emptyWeekToSuggest } from './moves.week';

export const loadWeek$ = createEffect(
  (actions$ = inject(Actions), api = inject(MovesApiService)) =>
    actions$.pipe(
      ofType(MovesPageActions.opened, MovesPageActions.weekChanged, DashboardPageActions.opened, CampaignsPageActions.opened),
      map((action) => ('week' in action ? action.week : null)),
      switchMap((week) =>
        api.week(week).pipe(
          map((response) => MovesApiActions.weekLoaded({ response })),
          catchError((error: unknown) => of(MovesApiActions.weekLoadFailed({ error: toApiErrorMessage(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const generateMoves$ = createEffect(
  (actions$ = inject(Actions), api = inject(MovesApiService)) =>
    actions$.pipe(
      ofType(MovesPageActions.generateClicked),
      exhaustMap(({ week }) =>
        api.generate(week).pipe(
          map((response) => MovesApiActions.movesGenerated({ response })),
          catchError((error: unknown) => of(MovesApiActions.generateFailed({ error: toApiErrorMessage(error), code: apiErrorCode(error) }))),
        ),
      ),
    ),
  { functional: true },
);

// The first week is never empty: once the manifest exists (it may arrive while the page is open) and the current week
// has no move at all, its suggestions are generated without a click. Once per week per visit, so a founder who deletes
// every suggestion is not overruled.
export const suggestEmptyWeek$ = createEffect(
  (actions$ = inject(Actions), api = inject(MovesApiService), store = inject(Store)) => {
    const suggested = new Set<string>();
    return actions$.pipe(
      ofType(MovesApiActions.weekLoaded, BcmApiActions.manifestLoaded),
      concatLatestFrom(() => [store.select(movesFeature.selectMovesState), store.select(selectHasManifest), store.select(selectProfile)]),
      map(([, moves, hasManifest, profile]) => emptyWeekToSuggest({ ...moves, hasManifest, readOnly: profile?.subscription.readOnly ?? true, now: new Date() })),
      filter((week): week is string => week !== null && !suggested.has(week)),
      tap((week) => suggested.add(week)),
      exhaustMap((week) =>
        api.generate(week).pipe(
          map((response) => MovesApiActions.movesGenerated({ response })),
          catchError((error: unknown) => of(MovesApiActions.generateFailed({ error: toApiErrorMessage(error), code: apiErrorCode(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

export const updateMove$ = createEffect(
  (actions$ = inject(Actions), api = inject(MovesApiService)) =>
    actions$.pipe(
      ofType(MovesPageActions.moveUpdated),
      mergeMap(({ id, changes }) =>
        api.update(id, changes).pipe(
          map((move) => MovesApiActions.moveSaved({ move })),
          catchError((error: unknown) => of(MovesApiActions.moveSaveFailed({ error: toApiErrorMessage(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const addMove$ = createEffect(
  (actions$ = inject(Actions), api = inject(MovesApiService)) =>
    actions$.pipe(
      ofType(MovesPageActions.moveAdded),
      mergeMap(({ move }) =>
        api.create(move).pipe(
          map((saved) => MovesApiActions.moveSaved({ move: saved })),
          catchError((error: unknown) => of(MovesApiActions.moveSaveFailed({ error: toApiErrorMessage(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const deleteMove$ = createEffect(
  (actions$ = inject(Actions), api = inject(MovesApiService)) =>
    actions$.pipe(
      ofType(MovesPageActions.moveDeleted),
      mergeMap(({ id }) =>
        api.remove(id).pipe(
          map(() => MovesApiActions.moveRemoved({ id })),
          catchError((error: unknown) => of(MovesApiActions.moveSaveFailed({ error: toApiErrorMessage(error) }))),
        ),
      ),
    ),
  { functional: true },
);

// Campaign progress is the share of its moves done, so a change to a linked move refreshes the list.
export const loadCampaigns$ = createEffect(
  (actions$ = inject(Actions), api = inject(MovesApiService)) =>
    actions$.pipe(
      ofType(CampaignsPageActions.opened, DashboardPageActions.opened, MovesApiActions.moveSaved, MovesApiActions.moveRemoved),
      filter((action) => action.type !== MovesApiActions.moveSaved.type || ('move' in action && action.move.campaignId !== null)),
      switchMap(() =>
        api.campaigns().pipe(
          map((campaigns) => MovesApiActions.campaignsLoaded({ campaigns })),
          catchError((error: unknown) => of(MovesApiActions.campaignsLoadFailed({ error: toApiErrorMessage(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const createCampaign$ = createEffect(
  (actions$ = inject(Actions), api = inject(MovesApiService)) =>
    actions$.pipe(
      ofType(CampaignsPageActions.campaignCreated),
      exhaustMap(({ campaign }) =>
        api.createCampaign(campaign).pipe(
          map((saved) => MovesApiActions.campaignSaved({ campaign: saved })),
          catchError((error: unknown) => of(MovesApiActions.campaignSaveFailed({ error: toApiErrorMessage(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const updateCampaign$ = createEffect(
  (actions$ = inject(Actions), api = inject(MovesApiService)) =>
    actions$.pipe(
      ofType(CampaignsPageActions.campaignUpdated),
      mergeMap(({ id, changes }) =>
        api.updateCampaign(id, changes).pipe(
          map((saved) => MovesApiActions.campaignSaved({ campaign: saved })),
          catchError((error: unknown) => of(MovesApiActions.campaignSaveFailed({ error: toApiErrorMessage(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const deleteCampaign$ = createEffect(
  (actions$ = inject(Actions), api = inject(MovesApiService)) =>
    actions$.pipe(
      ofType(CampaignsPageActions.campaignDeleted),
      mergeMap(({ id }) =>
        api.removeCampaign(id).pipe(
          map(() => MovesApiActions.campaignRemoved({ id })),
          catchError((error: unknown) => of(MovesApiActions.campaignSaveFailed({ error: toApiErrorMessage(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const linkMoves$ = createEffect(
  (actions$ = inject(Actions), api = inject(MovesApiService)) =>
    actions$.pipe(
      ofType(CampaignsPageActions.movesLinked),
      mergeMap(({ id, moveIds }) =>
        api.linkMoves(id, moveIds).pipe(
          map((detail) => MovesApiActions.campaignSaved({ campaign: detail })),
          catchError((error: unknown) => of(MovesApiActions.campaignSaveFailed({ error: toApiErrorMessage(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const loadAnalytics$ = createEffect(
  (actions$ = inject(Actions), api = inject(MovesApiService)) =>
    actions$.pipe(
      ofType(AnalyticsPageActions.opened),
      switchMap(() =>
        api.analytics().pipe(
          map((analytics) => MovesApiActions.analyticsLoaded({ analytics })),
          catchError((error: unknown) => of(MovesApiActions.analyticsLoadFailed({ error: toApiErrorMessage(error) }))),
        ),
      ),
    ),
  { functional: true },
);
