import type { BcmEnrichment, BcmFreshness, BcmRebuildStatus, BcmResponse, BcmVersionSummary, BusinessContextManifest } from '@raptorflow/contracts';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { selectProfile } from '@raptorflow/web-auth-data-access';
import { BcmApiActions, BcmPageActions } from './bcm.actions';

/** Where a rebuild the user asked for stands; `succeeded`/`failed` stay until the dialog closes. */
export type BcmRebuildPhase = 'idle' | 'requesting' | 'rebuilding' | 'succeeded' | 'failed';

export interface BcmState {
  manifest: BusinessContextManifest | null;
  /** null until the first load answers. */
  freshness: BcmFreshness | null;
  status: BcmRebuildStatus;
  lastError: string | null;
  contextVersion: number | null;
  /** AI suggestions for the manifest; null when there are none (yet). */
  enrichment: BcmEnrichment | null;
  /** Suggestions may still arrive: the page keeps asking until they do or the model's time is up. */
  enrichmentPending: boolean;
  etag: string | null;
  loadError: string | null;
  rebuildPhase: BcmRebuildPhase;
  rebuildError: string | null;
  versions: BcmVersionSummary[] | null;
  versionsError: string | null;
  isExporting: boolean;
  exportError: string | null;
}

export const initialBcmState: BcmState = {
  manifest: null,
  freshness: null,
  status: 'idle',
  lastError: null,
  contextVersion: null,
  enrichment: null,
  enrichmentPending: false,
  etag: null,
  loadError: null,
  rebuildPhase: 'idle',
  rebuildError: null,
  versions: null,
  versionsError: null,
  isExporting: false,
  exportError: null,
};

/** Roles that may rebuild the manifest (domain.md "Identity roles"); the API enforces the same. */
export const BCM_REBUILD_ROLES: readonly string[] = ['owner', 'admin'];

function applyResponse(state: BcmState, response: BcmResponse, etag: string | null): BcmState {
  const next: BcmState = { ...state, ...response, etag, loadError: null };
  // A rebuild we started is over once the API stops reporting it.
  if (state.rebuildPhase === 'rebuilding' && response.freshness !== 'rebuilding') {
    const failed = response.status === 'failed';
    return { ...next, rebuildPhase: failed ? 'failed' : 'succeeded', rebuildError: failed ? (response.lastError ?? 'The rebuild failed.') : null, versions: null };
  }
  return next;
}

export const bcmFeature = createFeature({
  name: 'bcm',
  reducer: createReducer(
    initialBcmState,
    on(BcmApiActions.manifestLoaded, (state, { response, etag }): BcmState => applyResponse(state, response, etag)),
    on(BcmApiActions.manifestUnchanged, (state): BcmState => ({ ...state, loadError: null })),
    on(BcmApiActions.manifestLoadFailed, (state, { error }): BcmState => ({ ...state, loadError: error })),
    on(BcmPageActions.rebuildConfirmed, (state): BcmState => ({ ...state, rebuildPhase: 'requesting', rebuildError: null })),
    // The ETag is dropped so the first poll always gets a full answer.
    on(BcmApiActions.rebuildQueued, (state): BcmState => ({ ...state, rebuildPhase: 'rebuilding', freshness: 'rebuilding', etag: null })),
    on(BcmApiActions.rebuildRequestFailed, (state, { error }): BcmState => ({ ...state, rebuildPhase: 'failed', rebuildError: error })),
    // A finished rebuild's outcome is shown until the dialog closes, and never greets the next dialog.
    on(BcmPageActions.rebuildDialogOpened, BcmPageActions.rebuildDialogClosed, (state): BcmState =>
      state.rebuildPhase === 'succeeded' || state.rebuildPhase === 'failed' ? { ...state, rebuildPhase: 'idle', rebuildError: null } : state,
    ),
    on(BcmApiActions.versionsLoaded, (state, { versions }): BcmState => ({ ...state, versions, versionsError: null })),
    on(BcmApiActions.versionsLoadFailed, (state, { error }): BcmState => ({ ...state, versionsError: error })),
    on(BcmPageActions.exportClicked, BcmPageActions.pdfExportClicked, (state): BcmState => ({ ...state, isExporting: true, exportError: null })),
    on(BcmApiActions.exportDownloaded, (state): BcmState => ({ ...state, isExporting: false })),
    on(BcmApiActions.exportFailed, (state, { error }): BcmState => ({ ...state, isExporting: false, exportError: error })),
  ),
  extraSelectors: ({ selectFreshness, selectManifest, selectRebuildPhase, selectRebuildError, selectStatus, selectLastError }) => {
    const selectIsLoaded = createSelector(selectFreshness, (freshness) => freshness !== null);
    const selectIsRebuilding = createSelector(selectFreshness, selectRebuildPhase, (freshness, phase) => freshness === 'rebuilding' || phase === 'requesting' || phase === 'rebuilding');
    const selectHasManifest = createSelector(selectManifest, (manifest) => manifest !== null);
    const selectIcps = createSelector(selectManifest, (manifest) => manifest?.icps ?? []);
    const selectCanRebuild = createSelector(selectProfile, (profile) => !!profile && BCM_REBUILD_ROLES.includes(profile.workspace.role) && !profile.subscription.readOnly);
    // The last rebuild failed and no newer one runs: shown beside the (older) manifest.
    const selectFailure = createSelector(selectStatus, selectFreshness, selectLastError, (status, freshness, lastError) =>
      status === 'failed' && freshness !== 'rebuilding' ? (lastError ?? 'The last rebuild failed.') : null,
    );
    const selectRebuildView = createSelector(selectRebuildPhase, selectRebuildError, selectManifest, (phase, error, manifest) => ({ phase, error, version: manifest?.version ?? null }));
    return { selectIsLoaded, selectIsRebuilding, selectHasManifest, selectIcps, selectCanRebuild, selectFailure, selectRebuildView };
  },
});

export const {
  selectManifest,
  selectFreshness,
  selectEtag,
  selectContextVersion,
  selectEnrichment,
  selectEnrichmentPending,
  selectLoadError,
  selectRebuildPhase,
  selectVersions,
  selectVersionsError,
  selectIsExporting,
  selectExportError,
  selectIsLoaded,
  selectIsRebuilding,
  selectHasManifest,
  selectIcps,
  selectCanRebuild,
  selectFailure,
  selectRebuildView,
} = bcmFeature;
