import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { concatLatestFrom } from '@ngrx/operators';
import { Store } from '@ngrx/store';
import { catchError, exhaustMap, filter, map, of, switchMap, timer } from 'rxjs';
import { toApiErrorMessage } from './api-error-message';
import { BcmApiActions, BcmPageActions } from './bcm.actions';
import { BCM_POLL_INTERVAL_MS } from './bcm.config';
import { type BcmLoadResult, BcmApiService } from './bcm-api.service';
import { selectEnrichmentPending, selectEtag, selectFreshness } from './bcm.feature';
import { FileDownloader } from './file-downloader';


const toLoadAction = (result: BcmLoadResult) =>
  result.kind === 'unchanged' ? BcmApiActions.manifestUnchanged() : BcmApiActions.manifestLoaded({ response: result.response, etag: result.etag });
const message = toApiErrorMessage;

export const loadManifest$ = createEffect(
  (actions$ = inject(Actions), api = inject(BcmApiService), store = inject(Store)) =>
    actions$.pipe(
      ofType(BcmPageActions.opened),
      concatLatestFrom(() => store.select(selectEtag)),
      switchMap(([, etag]) =>
        api.load(etag).pipe(
          map(toLoadAction),
          catchError((error: unknown) => of(BcmApiActions.manifestLoadFailed({ error: message(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const requestRebuild$ = createEffect(
  (actions$ = inject(Actions), api = inject(BcmApiService)) =>
    actions$.pipe(
      ofType(BcmPageActions.rebuildConfirmed),
      exhaustMap(() =>
        api.rebuild().pipe(
          map(({ jobId }) => BcmApiActions.rebuildQueued({ jobId })),
          catchError((error: unknown) => of(BcmApiActions.rebuildRequestFailed({ error: message(error) }))),
        ),
      ),
    ),
  { functional: true },
);

// While the API reports a rebuild (ours or a teammate's) or AI suggestions still on their way, check again after an
// interval; every answer, including a 304 or a failed check, schedules the next one until neither is reported.
export const pollWhileRebuilding$ = createEffect(
  (actions$ = inject(Actions), api = inject(BcmApiService), store = inject(Store), interval = inject(BCM_POLL_INTERVAL_MS)) =>
    actions$.pipe(
      ofType(BcmApiActions.rebuildQueued, BcmApiActions.manifestLoaded, BcmApiActions.manifestUnchanged, BcmApiActions.manifestLoadFailed),
      concatLatestFrom(() => [store.select(selectFreshness), store.select(selectEnrichmentPending)]),
      filter(([, freshness, pending]) => freshness === 'rebuilding' || pending),
      switchMap(() =>
        timer(interval).pipe(
          concatLatestFrom(() => store.select(selectEtag)),
          switchMap(([, etag]) => api.load(etag)),
          map(toLoadAction),
          catchError((error: unknown) => of(BcmApiActions.manifestLoadFailed({ error: message(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const loadVersions$ = createEffect(
  (actions$ = inject(Actions), api = inject(BcmApiService)) =>
    actions$.pipe(
      ofType(BcmPageActions.versionsOpened),
      switchMap(() =>
        api.versions().pipe(
          map((versions) => BcmApiActions.versionsLoaded({ versions })),
          catchError((error: unknown) => of(BcmApiActions.versionsLoadFailed({ error: message(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const exportManifest$ = createEffect(
  (actions$ = inject(Actions), api = inject(BcmApiService), downloader = inject(FileDownloader)) =>
    actions$.pipe(
      ofType(BcmPageActions.exportClicked, BcmPageActions.pdfExportClicked),
      exhaustMap((action) =>
        api.export(action.type === BcmPageActions.pdfExportClicked.type ? 'pdf' : 'json').pipe(
          map(({ blob, fileName }) => {
            downloader.save(blob, fileName);
            return BcmApiActions.exportDownloaded({ fileName });
          }),
          catchError((error: unknown) => of(BcmApiActions.exportFailed({ error: message(error) }))),
        ),
      ),
    ),
  { functional: true },
);
