// What a member may do to a move: the status machine and how an edit becomes a row change.
import type { MoveSource, MoveStatus, UpdateMoveRequest } from '@raptorflow/contracts';
import { isInWeek } from './moves.week';

/** A rule's refusal, turned into an API error by MovesError.from. */
export type RuleViolation =
  | { code: 'VALIDATION_FAILED'; field: string; problem: string }
  | { code: 'MOVE_STATUS_INVALID'; message: string; details: { from: MoveStatus; to: MoveStatus; allowed: MoveStatus[] } };

/** Allowed status changes. done -> planned is the undo of a completion; dismissed moves can be restored. */
export const MOVE_TRANSITIONS: Record<MoveStatus, readonly MoveStatus[]> = {
  suggested: ['planned', 'dismissed'],
  planned: ['done', 'dismissed', 'suggested'],
  done: ['planned'],
  dismissed: ['suggested', 'planned'],
};

/** Same status is a no-op; a user-made move is never a suggestion. */
export function canChangeStatus(from: MoveStatus, to: MoveStatus, source: MoveSource): boolean {
  if (from === to) return true;
  if (to === 'suggested' && source === 'user') return false;
  return MOVE_TRANSITIONS[from].includes(to);
}

export interface MoveState {
  status: MoveStatus;
  source: MoveSource;
  week: string;
  scheduledFor: string | null;
}

/** The changes to store (request field names; the repository maps them to columns). */
export interface MoveChanges extends UpdateMoveRequest {
  completedAt?: Date | null;
  editedByUser: true;
}

export type MoveEditResult = { ok: true; changes: MoveChanges } | { ok: false; violation: RuleViolation };

/**
 * Turns a PATCH into the changes to store. Any edit marks the move edited, so regeneration leaves it alone;
 * completing stamps completedAt and undoing clears it; a day scheduled outside a new week is dropped.
 */
export function applyMoveEdit(current: MoveState, patch: UpdateMoveRequest, now: Date): MoveEditResult {
  const changes: MoveChanges = { ...patch, editedByUser: true };
  if (patch.status !== undefined && patch.status !== current.status) {
    if (!canChangeStatus(current.status, patch.status, current.source)) {
      const allowed = MOVE_TRANSITIONS[current.status].filter((to) => canChangeStatus(current.status, to, current.source));
      const message = `A ${current.source === 'user' ? 'user-made ' : ''}move cannot go from ${current.status} to ${patch.status} (allowed: ${allowed.join(', ')}).`;
      return { ok: false, violation: { code: 'MOVE_STATUS_INVALID', message, details: { from: current.status, to: patch.status, allowed } } };
    }
    if (patch.status === 'done') changes.completedAt = now;
    else if (current.status === 'done') changes.completedAt = null;
  }
  const week = patch.week ?? current.week;
  if (patch.scheduledFor) {
    if (!isInWeek(patch.scheduledFor, week)) return { ok: false, violation: { code: 'VALIDATION_FAILED', field: 'scheduledFor', problem: `must be a day in the week of ${week}` } };
  } else if (patch.scheduledFor === undefined && patch.week !== undefined && current.scheduledFor && !isInWeek(current.scheduledFor, week)) {
    changes.scheduledFor = null;
  }
  return { ok: true, changes };
}

/** A new move's scheduled day must fall in its week. */
export function scheduleViolation(week: string, scheduledFor: string | null | undefined): RuleViolation | null {
  return scheduledFor && !isInWeek(scheduledFor, week) ? { code: 'VALIDATION_FAILED', field: 'scheduledFor', problem: `must be a day in the week of ${week}` } : null;
}
