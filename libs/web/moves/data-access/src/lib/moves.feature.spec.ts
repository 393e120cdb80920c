import type { Action } from '@ngrx/store';
import { CampaignsPageActions, MovesApiActions, MovesPageActions } from './moves.actions';
import { makeCampaign, makeMove } from './moves.builders';
import { type MovesState, initialMovesState, movesFeature, selectHoursCommitted, selectStatusCounts, selectTopMoves, groupByStatus } from './moves.feature';
import { currentWeek, emptyWeekToSuggest, shiftWeek, weekLabel } from './moves.week';

const reduce = (state: MovesState, ...actions: Action[]) => actions.reduce((s, a) => movesFeature.reducer(s, a), state);
const weekResponse = (moves = [makeMove()]) => ({ week: '2026-11-23', moves, hoursBudget: 10, hoursCommitted: 0 });

describe('moves reducer', () => {
  it('loads a week', () => {
    const state = reduce(initialMovesState, MovesPageActions.opened({ week: null }), MovesApiActions.weekLoaded({ response: weekResponse() }));
    expect(state).toMatchObject({ week: '2026-11-23', hoursBudget: 10, isLoadingWeek: false });
    expect(state.moves).toHaveLength(1);
  });

  it('replaces a saved move and drops one moved to another week', () => {
    const loaded = reduce(initialMovesState, MovesApiActions.weekLoaded({ response: weekResponse([makeMove(), makeMove({ id: 'm-2' })]) }));
    const accepted = reduce(loaded, MovesApiActions.moveSaved({ move: makeMove({ status: 'planned' }) }));
    expect(accepted.moves.map((m) => [m.id, m.status])).toEqual([['m-1', 'planned'], ['m-2', 'suggested']]);
    const moved = reduce(accepted, MovesApiActions.moveSaved({ move: makeMove({ id: 'm-2', week: shiftWeek('2026-11-23', 1) }) }));
    expect(moved.moves.map((m) => m.id)).toEqual(['m-1']);
  });

  it('adds a new custom move of the loaded week', () => {
    const loaded = reduce(initialMovesState, MovesApiActions.weekLoaded({ response: weekResponse() }));
    const state = reduce(loaded, MovesApiActions.moveSaved({ move: makeMove({ id: 'm-9', source: 'user', status: 'planned' }) }));
    expect(state.moves.map((m) => m.id)).toEqual(['m-1', 'm-9']);
  });

  it('replaces the week with the generated suggestions and remembers the summary', () => {
    const state = reduce(
      initialMovesState,
      MovesPageActions.generateClicked({ week: '2026-11-23' }),
      MovesApiActions.movesGenerated({ response: { ...weekResponse([makeMove(), makeMove({ id: 'm-2' })]), manifestVersion: 3, created: 2, refreshed: 0, removed: 0 } }),
    );
    expect(state).toMatchObject({ isGenerating: false, lastGenerated: { created: 2, refreshed: 0, removed: 0 } });
    expect(state.moves).toHaveLength(2);
  });

  it('flags a generate refused for a missing manifest', () => {
    const state = reduce(initialMovesState, MovesPageActions.generateClicked({ week: '2026-11-23' }), MovesApiActions.generateFailed({ error: 'Build your BCM first', code: 'BCM_MISSING' }));
    expect(state).toMatchObject({ isGenerating: false, isBcmMissing: true, weekError: 'Build your BCM first' });
  });

  it('upserts saved campaigns, taking linked moves from a campaign detail', () => {
    const loaded = reduce(initialMovesState, MovesApiActions.weekLoaded({ response: weekResponse() }), MovesApiActions.campaignsLoaded({ campaigns: [makeCampaign()] }));
    const created = reduce(loaded, CampaignsPageActions.campaignCreated({ campaign: { name: 'New', icpId: 'primary', goal: 'leads', metric: 'Leads', target: 10, startDate: '2026-11-23', endDate: '2026-12-01' } }), MovesApiActions.campaignSaved({ campaign: makeCampaign({ id: 'c-2', name: 'New' }) }));
    expect(created.campaigns?.map((c) => c.id)).toEqual(['c-2', 'c-1']);
    expect(created.isSavingCampaign).toBe(false);

    const linked = reduce(created, MovesApiActions.campaignSaved({ campaign: { ...makeCampaign({ progress: 0 }), moves: [makeMove({ campaignId: 'c-1' })] } }));
    expect(linked.moves[0].campaignId).toBe('c-1');
    expect(linked.campaigns?.find((c) => c.id === 'c-1')).not.toHaveProperty('moves');

    const removed = reduce(linked, MovesApiActions.campaignRemoved({ id: 'c-1' }));
    expect(removed.campaigns?.map((c) => c.id)).toEqual(['c-2']);
    expect(removed.moves[0].campaignId).toBeNull();
  });
});

describe('moves selectors', () => {
  const moves = [
    makeMove({ id: 'a', status: 'done', effortHours: 1 }),
    makeMove({ id: 'b', status: 'suggested', effortHours: 2 }),
    makeMove({ id: 'c', status: 'planned', effortHours: 3 }),
    makeMove({ id: 'd', status: 'dismissed', effortHours: 4 }),
    makeMove({ id: 'e', status: 'planned', effortHours: 5 }),
  ];

  it('counts moves by status', () => {
    expect(selectStatusCounts.projector(groupByStatus(moves))).toEqual({ suggested: 1, planned: 2, done: 1, dismissed: 1 });
  });

  it('commits the effort of planned and done moves', () => {
    expect(selectHoursCommitted.projector(moves)).toBe(9);
  });

  it('shows planned moves first, never dismissed ones', () => {
    expect(selectTopMoves.projector(moves).map((m) => m.id)).toEqual(['c', 'e', 'b']);
  });
});

describe('weeks', () => {
  it('steps across month and year ends', () => {
    expect(shiftWeek('2026-12-28', 1)).toBe('2027-01-04');
    expect(shiftWeek('2026-03-02', -1)).toBe('2026-02-23');
  });

  it('labels a week by its first and last day', () => {
    expect(weekLabel('2026-11-23')).toBe('23 Nov - 29 Nov 2026');
  });
});

describe('first-week suggestions', () => {
  // Monday 30 Nov 2026, 20:00 UTC is already Tuesday 1 Dec in India; Sunday 29 Nov 19:00 UTC is Monday 30 Nov there.
  it('counts weeks in India time', () => {
    expect(currentWeek(new Date('2026-12-01T20:00:00Z'))).toBe('2026-11-30');
    expect(currentWeek(new Date('2026-11-29T19:00:00Z'))).toBe('2026-11-30');
    expect(currentWeek(new Date('2026-11-29T18:00:00Z'))).toBe('2026-11-23');
  });

  const ready = { week: '2026-11-30', moves: [], isLoadingWeek: false, isGenerating: false, hasManifest: true, readOnly: false, now: new Date('2026-12-01T06:00:00Z') };

  it.each([
    ['an empty current week with a manifest', {}, '2026-11-30'],
    ['a week that has moves', { moves: [makeMove()] }, null],
    ['a past week', { week: '2026-11-23' }, null],
    ['no manifest yet', { hasManifest: false }, null],
    ['a read-only workspace', { readOnly: true }, null],
    ['a week still loading', { isLoadingWeek: true }, null],
    ['a generation already running', { isGenerating: true }, null],
  ])('%s -> %s', (_case, change, expected) => {
    expect(emptyWeekToSuggest({ ...ready, ...change })).toBe(expected);
  });
});
