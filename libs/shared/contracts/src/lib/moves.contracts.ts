// Moves, campaigns and analytics (domain.md "Moves, campaigns, analytics"): API shapes of libs/api/moves.
import type { GoalType } from './onboarding/onboarding.options';

export const MOVE_TYPES = ['content', 'outreach', 'partnership', 'ads', 'community', 'product'] as const;
export type MoveType = (typeof MOVE_TYPES)[number];

export const MOVE_STATUSES = ['suggested', 'planned', 'done', 'dismissed'] as const;
export type MoveStatus = (typeof MOVE_STATUSES)[number];

/** generated: suggested from the BCM; user: made by a member. */
export type MoveSource = 'generated' | 'user';

// Field limits shared by the API's validation and the web's forms.
export const MOVE_LIMITS = {
  title: 160,
  expectedOutcome: 300,
  channel: 40,
  icpId: 40,
  maxEffortHours: 40,
} as const;

export const CAMPAIGN_LIMITS = {
  name: 120,
  metric: 80,
  icpId: 40,
  maxLinkedMoves: 100,
} as const;

/** One concrete marketing action for a week. Dates are ISO `YYYY-MM-DD`, times ISO 8601. */
export interface Move {
  id: string;
  /** Monday of the move's week. */
  week: string;
  title: string;
  /** A BCM profile id ('primary', 'secondary-1', ...); null for a move not aimed at one profile. */
  icpId: string | null;
  /** A BCM channel id ('linkedin', 'referrals', ...) or a free label on user-made moves. */
  channel: string;
  type: MoveType;
  effortHours: number;
  expectedOutcome: string | null;
  status: MoveStatus;
  source: MoveSource;
  /** Stable key of a generated suggestion (`<icpId>:<channel>:<type>`), null for user-made moves. */
  suggestionKey: string | null;
  /** True once a member changed the move: regeneration never touches it again. */
  editedByUser: boolean;
  campaignId: string | null;
  /** A day inside the move's week. */
  scheduledFor: string | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/v1/moves?week=YYYY-MM-DD (default: the current week, India time). */
export interface MovesWeekResponse {
  week: string;
  moves: Move[];
  /** Hours per week from the latest manifest; null without one. */
  hoursBudget: number | null;
  /** Effort of the week's planned and done moves. */
  hoursCommitted: number;
}

/** POST /api/v1/moves/generate */
export interface GenerateMovesRequest {
  week: string;
}

/** POST /api/v1/moves/generate: the week after regeneration plus what changed. */
export interface GenerateMovesResponse extends MovesWeekResponse {
  manifestVersion: number;
  /** New suggestions inserted. */
  created: number;
  /** Untouched suggestions rewritten from the latest manifest. */
  refreshed: number;
  /** Untouched suggestions the latest manifest no longer makes, removed. */
  removed: number;
}

/** POST /api/v1/moves: a user-made move (status planned unless given). */
export interface CreateMoveRequest {
  week: string;
  title: string;
  channel: string;
  type: MoveType;
  effortHours: number;
  icpId?: string | null;
  expectedOutcome?: string | null;
  scheduledFor?: string | null;
  campaignId?: string | null;
  status?: Exclude<MoveStatus, 'suggested'>;
}

/** PATCH /api/v1/moves/:id: any change marks the move edited by the user. */
export interface UpdateMoveRequest {
  title?: string;
  icpId?: string | null;
  channel?: string;
  type?: MoveType;
  effortHours?: number;
  expectedOutcome?: string | null;
  week?: string;
  scheduledFor?: string | null;
  status?: MoveStatus;
  campaignId?: string | null;
}

/**
 * Derived from the dates and the linked moves: planned (before start), active, completed (every linked
 * move that is not dismissed is done), ended (past the end date with work left).
 */
export const CAMPAIGN_STATUSES = ['planned', 'active', 'completed', 'ended'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export interface Campaign {
  id: string;
  name: string;
  icpId: string;
  goal: GoalType;
  metric: string;
  target: number;
  startDate: string;
  endDate: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  status: CampaignStatus;
  /** Share of linked moves done, 0-1; dismissed moves do not count. 0 without linked moves. */
  progress: number;
  movesDone: number;
  /** Linked moves that are not dismissed. */
  movesTotal: number;
}

/** GET /api/v1/campaigns/:id */
export interface CampaignDetail extends Campaign {
  moves: Move[];
}

/** POST /api/v1/campaigns */
export interface CreateCampaignRequest {
  name: string;
  /** Must be one of the latest manifest's profiles when the workspace has a manifest. */
  icpId: string;
  goal: GoalType;
  metric: string;
  target: number;
  startDate: string;
  endDate: string;
}

/** PATCH /api/v1/campaigns/:id */
export type UpdateCampaignRequest = Partial<CreateCampaignRequest>;

/** POST /api/v1/campaigns/:id/moves: links moves of the workspace (moving them from any other campaign). */
export interface LinkCampaignMovesRequest {
  moveIds: string[];
}

export interface WeeklyMoveCount {
  week: string;
  done: number;
  /** Moves committed to that week: planned or done. */
  planned: number;
}

/** GET /api/v1/analytics */
export interface AnalyticsResponse {
  /** The last 12 weeks, oldest first, the current week last. */
  movesDonePerWeek: WeeklyMoveCount[];
  campaigns: { id: string; name: string; status: CampaignStatus; progress: number }[];
  /** Newest first. */
  manifestVersions: { version: number; createdAt: string }[];
}

/** Who logs weekly results: business numbers, so owners and admins (members read them). The database's RLS says the same. */
export const RESULT_WRITER_ROLES: readonly string[] = ['owner', 'admin'];
// Per week and channel: far above any small company's week, low enough to catch a typo of many zeros.
export const RESULT_LIMITS = { maxCount: 10_000_000, maxRevenuePaise: 1_000_000_000_000 } as const;

/** One logged week of one channel (and campaign, or none): what a founder counted. Revenue in paise. */
export interface WeeklyResult {
  /** Monday of the ISO week, YYYY-MM-DD. */
  week: string;
  channel: string;
  campaignId: string | null;
  leads: number;
  signups: number;
  revenuePaise: number;
  updatedAt: string;
}

/** PUT /api/v1/analytics/results: logs (or corrects) one week of one channel and campaign. */
export interface LogWeeklyResultRequest {
  week: string;
  channel: string;
  campaignId?: string | null;
  leads: number;
  signups: number;
  revenuePaise: number;
}

/** GET /api/v1/analytics/results: the last 52 weeks, newest week first. */
export interface WeeklyResultsResponse {
  results: WeeklyResult[];
  canLog: boolean;
}
