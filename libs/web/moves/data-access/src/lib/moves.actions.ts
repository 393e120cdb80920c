import type {
  AnalyticsResponse,
  Campaign,
  CampaignDetail,
  CreateCampaignRequest,
  CreateMoveRequest,
  GenerateMovesResponse,
  Move,
  MovesWeekResponse,
  UpdateCampaignRequest,
  UpdateMoveRequest,
} from '@raptorflow/contracts';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

export const MovesPageActions = createActionGroup({
  source: 'Moves Page',
  events: {
    /** `week` null = the current week (the API decides, India time). */
    Opened: props<{ week: string | null }>(),
    'Week Changed': props<{ week: string }>(),
    'Generate Clicked': props<{ week: string }>(),
    'Move Updated': props<{ id: string; changes: UpdateMoveRequest }>(),
    'Move Added': props<{ move: CreateMoveRequest }>(),
    'Move Deleted': props<{ id: string }>(),
  },
});

export const DashboardPageActions = createActionGroup({
  source: 'Dashboard Page',
  events: { Opened: emptyProps() },
});

export const CampaignsPageActions = createActionGroup({
  source: 'Campaigns Page',
  events: {
    Opened: emptyProps(),
    'Campaign Created': props<{ campaign: CreateCampaignRequest }>(),
    'Campaign Updated': props<{ id: string; changes: UpdateCampaignRequest }>(),
    'Campaign Deleted': props<{ id: string }>(),
    'Moves Linked': props<{ id: string; moveIds: string[] }>(),
  },
});

export const AnalyticsPageActions = createActionGroup({
  source: 'Analytics Page',
  events: { Opened: emptyProps() },
});

export const MovesApiActions = createActionGroup({
  source: 'Moves API',
  events: {
    'Week Loaded': props<{ response: MovesWeekResponse }>(),
    'Week Load Failed': props<{ error: string }>(),
    'Moves Generated': props<{ response: GenerateMovesResponse }>(),
    'Generate Failed': props<{ error: string; code: string | null }>(),
    'Move Saved': props<{ move: Move }>(),
    'Move Removed': props<{ id: string }>(),
    'Move Save Failed': props<{ error: string }>(),
    'Campaigns Loaded': props<{ campaigns: Campaign[] }>(),
    'Campaigns Load Failed': props<{ error: string }>(),
    'Campaign Saved': props<{ campaign: Campaign | CampaignDetail }>(),
    'Campaign Removed': props<{ id: string }>(),
    'Campaign Save Failed': props<{ error: string }>(),
    'Analytics Loaded': props<{ analytics: AnalyticsResponse }>(),
    'Analytics Load Failed': props<{ error: string }>(),
  },
});
