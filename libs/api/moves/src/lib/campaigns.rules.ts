// A campaign's derived state: progress from its linked moves, status from its dates and that progress.
import type { CampaignStatus, MoveStatus } from '@raptorflow/contracts';
import type { RuleViolation } from './moves.rules';

export interface LinkedMoveCounts {
  done: number;
  /** Linked moves that are not dismissed. */
  total: number;
}

/** Counts the linked moves that matter: a dismissed move is no longer part of the plan. */
export function countLinkedMoves(statuses: readonly MoveStatus[]): LinkedMoveCounts {
  const live = statuses.filter((status) => status !== 'dismissed');
  return { done: live.filter((status) => status === 'done').length, total: live.length };
}

/** Share of linked moves done, 0-1 rounded to 4 decimals; 0 without linked moves. */
export function campaignProgress({ done, total }: LinkedMoveCounts): number {
  return total === 0 ? 0 : Math.round((done / total) * 10_000) / 10_000;
}

/**
 * completed once every linked move is done (even early); otherwise planned before the start date,
 * ended after the end date with work left, active in between. ISO dates; `today` in India time.
 */
export function campaignStatus(dates: { startDate: string; endDate: string }, counts: LinkedMoveCounts, today: string): CampaignStatus {
  if (counts.total > 0 && counts.done === counts.total) return 'completed';
  if (today < dates.startDate) return 'planned';
  if (today > dates.endDate) return 'ended';
  return 'active';
}

export function campaignDatesViolation(startDate: string, endDate: string): RuleViolation | null {
  return endDate < startDate ? { code: 'VALIDATION_FAILED', field: 'endDate', problem: `must be on or after startDate (${startDate})` } : null;
}
