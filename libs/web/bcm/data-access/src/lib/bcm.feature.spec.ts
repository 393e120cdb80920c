import type { VerifyProfileResponse } from '@raptorflow/contracts';
import { BcmApiActions, BcmPageActions } from './bcm.actions';
import { makeBcmResponse, makeManifest } from './bcm.builders';
import { type BcmState, bcmFeature, initialBcmState, selectCanRebuild, selectEnrichment, selectFailure, selectIsRebuilding } from './bcm.feature';

const reduce = (state: BcmState, ...actions: Parameters<typeof bcmFeature.reducer>[1][]) => actions.reduce((s, a) => bcmFeature.reducer(s, a), state);

function profileWith(role: 'owner' | 'admin' | 'member', readOnly = false): VerifyProfileResponse {
  return {
    profile: { id: 'u-1', email: 'a@example.com', fullName: null, ucid: 'RF-2026-0001', createdAt: '2026-01-01T00:00:00Z' },
    workspace: { id: 'w-1', name: 'W', ownerId: 'u-1', role, onboardingStatus: 'completed', createdAt: '2026-01-01T00:00:00Z' },
    subscription: { status: readOnly ? 'past_due' : 'active', planId: 'starter', period: 'month', currentPeriodEnd: null, trialEndsAt: null, readOnly },
    onboarding: { status: 'completed' },
    next: 'app',
  };
}

describe('bcm reducer', () => {
  it('stores a loaded manifest with its ETag', () => {
    const state = reduce(initialBcmState, BcmApiActions.manifestLoaded({ response: makeBcmResponse(), etag: '"e1"' }));
    expect(state.manifest?.version).toBe(3);
    expect(state.freshness).toBe('fresh');
    expect(state.etag).toBe('"e1"');
  });

  it('takes the AI suggestions that arrive after the manifest, and drops them with a manifest that has none', () => {
    const enrichment = { provider: 'vertex-ai/gemini-2.5-flash', moveIdeas: ['Run a webinar'] };
    const plain = reduce(initialBcmState, BcmApiActions.manifestLoaded({ response: makeBcmResponse(), etag: '"e1"' }));
    expect(selectEnrichment.projector(plain)).toBeNull();
    const enriched = reduce(plain, BcmApiActions.manifestLoaded({ response: makeBcmResponse({ enrichment }), etag: '"e1-ai"' }));
    expect(enriched.enrichment).toEqual(enrichment);
    const rebuilt = reduce(enriched, BcmApiActions.manifestLoaded({ response: makeBcmResponse({ manifest: makeManifest({ version: 4 }) }), etag: '"e2"' }));
    expect(rebuilt.enrichment).toBeNull();
  });

  it('keeps the manifest when the API answers 304', () => {
    const loaded = reduce(initialBcmState, BcmApiActions.manifestLoaded({ response: makeBcmResponse(), etag: '"e1"' }));
    const state = reduce(loaded, BcmApiActions.manifestUnchanged());
    expect(state.manifest).toBe(loaded.manifest);
    expect(state.etag).toBe('"e1"');
  });

  it('moves a rebuild from requested to rebuilding to succeeded when the API reports fresh again', () => {
    const loaded = reduce(initialBcmState, BcmApiActions.manifestLoaded({ response: makeBcmResponse({ freshness: 'stale' }), etag: '"e1"' }));
    const queued = reduce(loaded, BcmPageActions.rebuildConfirmed(), BcmApiActions.rebuildQueued({ jobId: 'bcm-w-1' }));
    expect(queued.rebuildPhase).toBe('rebuilding');
    expect(queued.freshness).toBe('rebuilding');
    expect(queued.etag).toBeNull();

    const stillRunning = reduce(queued, BcmApiActions.manifestLoaded({ response: makeBcmResponse({ freshness: 'rebuilding' }), etag: null }));
    expect(stillRunning.rebuildPhase).toBe('rebuilding');

    const done = reduce(stillRunning, BcmApiActions.manifestLoaded({ response: makeBcmResponse({ manifest: makeManifest({ version: 4 }) }), etag: '"e2"' }));
    expect(done.rebuildPhase).toBe('succeeded');
    expect(done.manifest?.version).toBe(4);
    expect(reduce(done, BcmPageActions.rebuildDialogClosed()).rebuildPhase).toBe('idle');
    // A rebuild started outside the dialog (the missing-manifest button) leaves no outcome for the next dialog.
    expect(reduce(done, BcmPageActions.rebuildDialogOpened()).rebuildPhase).toBe('idle');
  });

  it('fails a rebuild with the API error when the job failed', () => {
    const queued = reduce(initialBcmState, BcmPageActions.rebuildConfirmed(), BcmApiActions.rebuildQueued({ jobId: 'j' }));
    const state = reduce(queued, BcmApiActions.manifestLoaded({ response: makeBcmResponse({ freshness: 'stale', status: 'failed', lastError: 'Context invalid' }), etag: null }));
    expect(state.rebuildPhase).toBe('failed');
    expect(state.rebuildError).toBe('Context invalid');
    expect(selectFailure.projector(state.status, state.freshness, state.lastError)).toBe('Context invalid');
  });

  it('fails a rebuild the API refused (daily limit)', () => {
    const state = reduce(initialBcmState, BcmPageActions.rebuildConfirmed(), BcmApiActions.rebuildRequestFailed({ error: 'Limit reached' }));
    expect(state).toMatchObject({ rebuildPhase: 'failed', rebuildError: 'Limit reached' });
  });

  it('tracks the export', () => {
    const exporting = reduce(initialBcmState, BcmPageActions.exportClicked());
    expect(exporting.isExporting).toBe(true);
    expect(reduce(exporting, BcmApiActions.exportFailed({ error: 'No manifest' }))).toMatchObject({ isExporting: false, exportError: 'No manifest' });
  });
});

describe('bcm selectors', () => {
  it('lets owners and admins rebuild, not members or read-only workspaces', () => {
    expect(selectCanRebuild.projector(profileWith('owner'))).toBe(true);
    expect(selectCanRebuild.projector(profileWith('admin'))).toBe(true);
    expect(selectCanRebuild.projector(profileWith('member'))).toBe(false);
    expect(selectCanRebuild.projector(profileWith('owner', true))).toBe(false);
    expect(selectCanRebuild.projector(null)).toBe(false);
  });

  it('counts a requested or running rebuild as rebuilding', () => {
    expect(selectIsRebuilding.projector('fresh', 'requesting')).toBe(true);
    expect(selectIsRebuilding.projector('rebuilding', 'idle')).toBe(true);
    expect(selectIsRebuilding.projector('stale', 'failed')).toBe(false);
  });

  it('reports no failure while a newer rebuild runs', () => {
    expect(selectFailure.projector('failed', 'rebuilding', 'boom')).toBeNull();
    expect(selectFailure.projector('idle', 'fresh', null)).toBeNull();
  });
});
