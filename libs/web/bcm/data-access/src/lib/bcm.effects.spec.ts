import { HttpErrorResponse } from '@angular/common/http';
import { Injector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import type { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import type { BcmRebuildResponse, BcmVersionSummary } from '@raptorflow/contracts';
import { type Observable, Subject, firstValueFrom, of, throwError, toArray, take } from 'rxjs';
import { BcmApiActions, BcmPageActions } from './bcm.actions';
import { type BcmExportFile, type BcmLoadResult, BcmApiService } from './bcm-api.service';
import { makeBcmResponse } from './bcm.builders';
import * as effects from './bcm.effects';
import { BCM_POLL_INTERVAL_MS } from './bcm.config';
import { selectEnrichmentPending, selectEtag, selectFreshness } from './bcm.feature';
import { FileDownloader } from './file-downloader';

class FakeBcmApi {
  readonly etagsSent: (string | null)[] = [];
  loadResults: (BcmLoadResult | Error)[] = [];
  rebuildError: unknown = null;

  load(etag: string | null): Observable<BcmLoadResult> {
    this.etagsSent.push(etag);
    const next = this.loadResults.shift() ?? { kind: 'unchanged' };
    return next instanceof Error ? throwError(() => next) : of(next);
  }
  rebuild(): Observable<BcmRebuildResponse> {
    return this.rebuildError ? throwError(() => this.rebuildError) : of({ jobId: 'bcm-w-1', status: 'queued' as const });
  }
  versions(): Observable<BcmVersionSummary[]> {
    return of([]);
  }
  export(format: 'json' | 'pdf' = 'json'): Observable<BcmExportFile> {
    return format === 'pdf'
      ? of({ blob: new Blob(['%PDF-'], { type: 'application/pdf' }), fileName: 'raptorflow-bcm-v3.pdf' })
      : of({ blob: new Blob(['{}'], { type: 'application/json' }), fileName: 'raptorflow-bcm-v3.json' });
  }
}

class FakeDownloader {
  readonly saved: string[] = [];
  save(_blob: Blob, fileName: string): void {
    this.saved.push(fileName);
  }
}

// Polls run on jest's fake clock: each check comes exactly one interval after the answer before it.
const POLL_MS = 1000;
const poll = () => jest.advanceTimersByTimeAsync(POLL_MS);

describe('bcm effects', () => {
  let actions$: Subject<Action>;
  let api: FakeBcmApi;
  let downloader: FakeDownloader;
  let store: MockStore;

  afterEach(() => jest.useRealTimers());

  beforeEach(() => {
    jest.useFakeTimers();
    actions$ = new Subject<Action>();
    api = new FakeBcmApi();
    downloader = new FakeDownloader();
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore({ selectors: [{ selector: selectEtag, value: null }, { selector: selectFreshness, value: 'fresh' }, { selector: selectEnrichmentPending, value: false }] }),
        { provide: BcmApiService, useValue: api },
        { provide: FileDownloader, useValue: downloader },
        { provide: BCM_POLL_INTERVAL_MS, useValue: POLL_MS },
      ],
    });
    store = TestBed.inject(MockStore);
  });

  const run = <T>(effect: () => Observable<T>) => runInInjectionContext(TestBed.inject(Injector), effect);

  it('sends the stored ETag and maps a 304 to "unchanged", keeping the manifest', async () => {
    store.overrideSelector(selectEtag, '"e1"');
    store.refreshState();
    const output = firstValueFrom(run(() => effects.loadManifest$()));
    actions$.next(BcmPageActions.opened());
    expect(await output).toEqual(BcmApiActions.manifestUnchanged());
    expect(api.etagsSent).toEqual(['"e1"']);
  });

  it('maps a full answer to "loaded" with the new ETag', async () => {
    const response = makeBcmResponse();
    api.loadResults = [{ kind: 'loaded', response, etag: '"e2"' }];
    const output = firstValueFrom(run(() => effects.loadManifest$()));
    actions$.next(BcmPageActions.opened());
    expect(await output).toEqual(BcmApiActions.manifestLoaded({ response, etag: '"e2"' }));
  });

  it('queues a rebuild and reports a refusal with the API message', async () => {
    const queued = firstValueFrom(run(() => effects.requestRebuild$()));
    actions$.next(BcmPageActions.rebuildConfirmed());
    expect(await queued).toEqual(BcmApiActions.rebuildQueued({ jobId: 'bcm-w-1' }));

    api.rebuildError = new HttpErrorResponse({ status: 429, error: { statusCode: 429, code: 'REBUILD_LIMIT', message: 'Daily rebuilds used up.' } });
    const refused = firstValueFrom(run(() => effects.requestRebuild$()));
    actions$.next(BcmPageActions.rebuildConfirmed());
    expect(await refused).toEqual(BcmApiActions.rebuildRequestFailed({ error: 'Daily rebuilds used up.' }));
  });

  it('polls while rebuilding, through 304s, and stops once the API no longer reports a rebuild', async () => {
    const running = makeBcmResponse({ freshness: 'rebuilding' });
    const fresh = makeBcmResponse();
    api.loadResults = [{ kind: 'loaded', response: running, etag: null }, { kind: 'unchanged' }, { kind: 'loaded', response: fresh, etag: '"e3"' }];
    const emitted: Action[] = [];
    const subscription = run(() => effects.pollWhileRebuilding$()).subscribe((action) => emitted.push(action));
    // Feed each answer back the way the store would: freshness follows the last answer.
    store.overrideSelector(selectFreshness, 'rebuilding');
    store.refreshState();
    actions$.next(BcmApiActions.rebuildQueued({ jobId: 'bcm-w-1' }));
    await jest.advanceTimersByTimeAsync(POLL_MS - 1);
    expect(emitted).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(emitted.at(-1)).toEqual(BcmApiActions.manifestLoaded({ response: running, etag: null }));

    actions$.next(emitted.at(-1) as Action);
    await poll();
    expect(emitted.at(-1)).toEqual(BcmApiActions.manifestUnchanged());

    actions$.next(emitted.at(-1) as Action);
    await poll();
    expect(emitted.at(-1)).toEqual(BcmApiActions.manifestLoaded({ response: fresh, etag: '"e3"' }));

    store.overrideSelector(selectFreshness, 'fresh');
    store.refreshState();
    actions$.next(emitted.at(-1) as Action);
    await poll();
    expect(emitted).toHaveLength(3);
    expect(api.etagsSent).toHaveLength(3);
    expect(jest.getTimerCount()).toBe(0);
    subscription.unsubscribe();
  });

  it('keeps asking while AI suggestions are on their way, and stops once they are there', async () => {
    const enriched = makeBcmResponse({ enrichment: { provider: 'vertex-ai/test', moveIdeas: ['Post a GST checklist'] } });
    api.loadResults = [{ kind: 'unchanged' }, { kind: 'loaded', response: enriched, etag: '"e4-ai"' }];
    const emitted: Action[] = [];
    const subscription = run(() => effects.pollWhileRebuilding$()).subscribe((action) => emitted.push(action));

    store.overrideSelector(selectEnrichmentPending, true);
    store.refreshState();
    actions$.next(BcmApiActions.manifestLoaded({ response: makeBcmResponse({ enrichmentPending: true }), etag: '"e4-ai-pending"' }));
    await poll();
    expect(emitted.at(-1)).toEqual(BcmApiActions.manifestUnchanged());
    actions$.next(emitted.at(-1) as Action);
    await poll();
    expect(emitted.at(-1)).toEqual(BcmApiActions.manifestLoaded({ response: enriched, etag: '"e4-ai"' }));

    store.overrideSelector(selectEnrichmentPending, false);
    store.refreshState();
    actions$.next(emitted.at(-1) as Action);
    await poll();
    expect(emitted).toHaveLength(2);
    expect(jest.getTimerCount()).toBe(0);
    subscription.unsubscribe();
  });

  it('does not poll when nothing is rebuilding', async () => {
    const emitted: Action[] = [];
    const subscription = run(() => effects.pollWhileRebuilding$()).subscribe((action) => emitted.push(action));
    actions$.next(BcmApiActions.manifestLoaded({ response: makeBcmResponse(), etag: '"e1"' }));
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(10 * POLL_MS);
    expect(emitted).toEqual([]);
    subscription.unsubscribe();
  });

  it('downloads the export under the name the API suggests', async () => {
    const output = firstValueFrom(run(() => effects.exportManifest$()).pipe(take(1), toArray()));
    actions$.next(BcmPageActions.exportClicked());
    expect(await output).toEqual([BcmApiActions.exportDownloaded({ fileName: 'raptorflow-bcm-v3.json' })]);
    expect(downloader.saved).toEqual(['raptorflow-bcm-v3.json']);
  });

  it('downloads the PDF export the same way', async () => {
    const output = firstValueFrom(run(() => effects.exportManifest$()).pipe(take(1), toArray()));
    actions$.next(BcmPageActions.pdfExportClicked());
    expect(await output).toEqual([BcmApiActions.exportDownloaded({ fileName: 'raptorflow-bcm-v3.pdf' })]);
    expect(downloader.saved).toEqual(['raptorflow-bcm-v3.pdf']);
  });
});
