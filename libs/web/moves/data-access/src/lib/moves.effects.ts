import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { apiErrorCode, toApiErrorMessage } from '@raptorflow/web-bcm-data-access';
import { catchError, exhaustMap, filter, map, mergeMap, of, switchMap } from 'rxjs';
import { AnalyticsPageActions, CampaignsPageActions, DashboardPageActions, MovesApiActions, MovesPageActions } from './moves.actions';
import { MovesApiService } from './moves-api.service';

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
