import { MOVE_STATUSES, type AnalyticsResponse, type Campaign, type CampaignDetail, type Move, type MoveStatus } from '@raptorflow/contracts';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { AnalyticsPageActions, CampaignsPageActions, DashboardPageActions, MovesApiActions, MovesPageActions } from './moves.actions';

export interface GenerateSummary {
  created: number;
  refreshed: number;
  removed: number;
}

export interface MovesState {
  /** Monday of the loaded week; null before the first answer. */
  week: string | null;
  moves: Move[];
  hoursBudget: number | null;
  isLoadingWeek: boolean;
  isGenerating: boolean;
  lastGenerated: GenerateSummary | null;
  weekError: string | null;
  /** The last generate failed because the workspace has no manifest (409 BCM_MISSING). */
  isBcmMissing: boolean;
  campaigns: Campaign[] | null;
  campaignsError: string | null;
  isSavingCampaign: boolean;
  analytics: AnalyticsResponse | null;
  analyticsError: string | null;
}

export const initialMovesState: MovesState = {
  week: null,
  moves: [],
  hoursBudget: null,
  isLoadingWeek: false,
  isGenerating: false,
  lastGenerated: null,
  weekError: null,
  isBcmMissing: false,
  campaigns: null,
  campaignsError: null,
  isSavingCampaign: false,
  analytics: null,
  analyticsError: null,
};

// A saved move replaces its old copy; one moved to another week leaves the list.
function upsertMove(moves: Move[], move: Move, week: string | null): Move[] {
  const others = moves.filter((m) => m.id !== move.id);
  if (week !== null && move.week !== week) return others;
  const index = moves.findIndex((m) => m.id === move.id);
  return index === -1 ? [...moves, move] : moves.map((m) => (m.id === move.id ? move : m));
}

function toCampaign(campaign: Campaign | CampaignDetail): Campaign {
  if (!('moves' in campaign)) return campaign;
  const summary: Campaign & { moves?: unknown } = { ...campaign };
  delete summary.moves;
  return summary;
}

function upsertCampaign(campaigns: Campaign[] | null, saved: Campaign): Campaign[] {
  const list = campaigns ?? [];
  return list.some((c) => c.id === saved.id) ? list.map((c) => (c.id === saved.id ? saved : c)) : [saved, ...list];
}

export const movesFeature = createFeature({
  name: 'moves',
  reducer: createReducer(
    initialMovesState,
    on(MovesPageActions.opened, DashboardPageActions.opened, CampaignsPageActions.opened, (state): MovesState => ({ ...state, isLoadingWeek: true, weekError: null })),
    on(MovesPageActions.weekChanged, (state, { week }): MovesState => ({ ...state, week, moves: [], isLoadingWeek: true, weekError: null, lastGenerated: null })),
    on(MovesApiActions.weekLoaded, (state, { response }): MovesState => ({
      ...state,
      week: response.week,
      moves: response.moves,
      hoursBudget: response.hoursBudget,
      isLoadingWeek: false,
      weekError: null,
      lastGenerated: state.week === response.week ? state.lastGenerated : null,
    })),
    on(MovesApiActions.weekLoadFailed, (state, { error }): MovesState => ({ ...state, isLoadingWeek: false, weekError: error })),
    on(MovesPageActions.generateClicked, (state): MovesState => ({ ...state, isGenerating: true, weekError: null, isBcmMissing: false })),
    on(MovesApiActions.movesGenerated, (state, { response }): MovesState => ({
      ...state,
      week: response.week,
      moves: response.moves,
      hoursBudget: response.hoursBudget,
      isGenerating: false,
      lastGenerated: { created: response.created, refreshed: response.refreshed, removed: response.removed },
    })),
    on(MovesApiActions.generateFailed, (state, { error, code }): MovesState => ({ ...state, isGenerating: false, weekError: error, isBcmMissing: code === 'BCM_MISSING' })),
    on(MovesPageActions.moveUpdated, MovesPageActions.moveAdded, MovesPageActions.moveDeleted, (state): MovesState => ({ ...state, weekError: null })),
    on(MovesApiActions.moveSaved, (state, { move }): MovesState => ({ ...state, moves: upsertMove(state.moves, move, state.week) })),
    on(MovesApiActions.moveRemoved, (state, { id }): MovesState => ({ ...state, moves: state.moves.filter((m) => m.id !== id) })),
    on(MovesApiActions.moveSaveFailed, (state, { error }): MovesState => ({ ...state, weekError: error })),
    on(MovesApiActions.campaignsLoaded, (state, { campaigns }): MovesState => ({ ...state, campaigns, campaignsError: null })),
    on(MovesApiActions.campaignsLoadFailed, (state, { error }): MovesState => ({ ...state, campaignsError: error })),
    on(CampaignsPageActions.campaignCreated, CampaignsPageActions.campaignUpdated, CampaignsPageActions.movesLinked, (state): MovesState => ({ ...state, isSavingCampaign: true, campaignsError: null })),
    on(MovesApiActions.campaignSaved, (state, { campaign }): MovesState => {
      const moves = 'moves' in campaign ? campaign.moves.reduce((list, move) => upsertMove(list, move, state.week), state.moves) : state.moves;
      return { ...state, campaigns: upsertCampaign(state.campaigns, toCampaign(campaign)), moves, isSavingCampaign: false };
    }),
    on(MovesApiActions.campaignRemoved, (state, { id }): MovesState => ({
      ...state,
      campaigns: (state.campaigns ?? []).filter((c) => c.id !== id),
      moves: state.moves.map((m) => (m.campaignId === id ? { ...m, campaignId: null } : m)),
    })),
    on(MovesApiActions.campaignSaveFailed, (state, { error }): MovesState => ({ ...state, isSavingCampaign: false, campaignsError: error })),
    on(AnalyticsPageActions.opened, (state): MovesState => ({ ...state, analyticsError: null })),
    on(MovesApiActions.analyticsLoaded, (state, { analytics }): MovesState => ({ ...state, analytics, analyticsError: null })),
    on(MovesApiActions.analyticsLoadFailed, (state, { error }): MovesState => ({ ...state, analyticsError: error })),
  ),
  extraSelectors: ({ selectMoves, selectCampaigns }) => {
    const selectMovesByStatus = createSelector(selectMoves, groupByStatus);
    const selectStatusCounts = createSelector(selectMovesByStatus, (groups) =>
      Object.fromEntries(MOVE_STATUSES.map((status) => [status, groups[status].length])) as Record<MoveStatus, number>,
    );
    // Committed effort: planned and done moves (the API's definition of hoursCommitted).
    const selectHoursCommitted = createSelector(selectMoves, (moves) => moves.filter((m) => m.status === 'planned' || m.status === 'done').reduce((sum, m) => sum + m.effortHours, 0));
    const selectTopMoves = createSelector(selectMoves, (moves) => topMoves(moves, 3));
    const selectActiveCampaigns = createSelector(selectCampaigns, (campaigns) => (campaigns ?? []).filter((c) => c.status === 'active' || c.status === 'planned'));
    return { selectMovesByStatus, selectStatusCounts, selectHoursCommitted, selectTopMoves, selectActiveCampaigns };
  },
});

export function groupByStatus(moves: Move[]): Record<MoveStatus, Move[]> {
  const groups = Object.fromEntries(MOVE_STATUSES.map((status) => [status, [] as Move[]])) as Record<MoveStatus, Move[]>;
  for (const move of moves) groups[move.status].push(move);
  return groups;
}

const STATUS_RANK: Record<MoveStatus, number> = { planned: 0, suggested: 1, done: 2, dismissed: 3 };

/** The moves worth showing first: planned, then suggested, then done; dismissed ones never. */
export function topMoves(moves: Move[], count: number): Move[] {
  return moves
    .filter((m) => m.status !== 'dismissed')
    .map((move, index) => ({ move, index }))
    .sort((a, b) => STATUS_RANK[a.move.status] - STATUS_RANK[b.move.status] || a.index - b.index)
    .slice(0, count)
    .map(({ move }) => move);
}

export const {
  selectWeek,
  selectMoves,
  selectHoursBudget,
  selectIsLoadingWeek,
  selectIsGenerating,
  selectLastGenerated,
  selectWeekError,
  selectIsBcmMissing,
  selectCampaigns,
  selectCampaignsError,
  selectIsSavingCampaign,
  selectAnalytics,
  selectAnalyticsError,
  selectMovesByStatus,
  selectStatusCounts,
  selectHoursCommitted,
  selectTopMoves,
  selectActiveCampaigns,
} = movesFeature;
