import type { MoveSource, MoveStatus } from '@raptorflow/contracts';
import { applyMoveEdit, canChangeStatus, MoveState, scheduleViolation } from './moves.rules';

const NOW = new Date('2026-01-07T10:00:00Z');
const move = (overrides: Partial<MoveState> = {}): MoveState => ({ status: 'suggested', source: 'generated', week: '2026-01-05', scheduledFor: null, ...overrides });

describe('canChangeStatus', () => {
  it.each<[MoveStatus, MoveStatus, MoveSource, boolean]>([
    ['suggested', 'planned', 'generated', true],
    ['suggested', 'dismissed', 'generated', true],
    ['suggested', 'done', 'generated', false],
    ['planned', 'done', 'generated', true],
    ['planned', 'dismissed', 'user', true],
    ['planned', 'suggested', 'generated', true],
    ['planned', 'suggested', 'user', false],
    ['done', 'planned', 'user', true],
    ['done', 'dismissed', 'generated', false],
    ['done', 'suggested', 'generated', false],
    ['dismissed', 'suggested', 'generated', true],
    ['dismissed', 'suggested', 'user', false],
    ['dismissed', 'planned', 'user', true],
    ['dismissed', 'done', 'user', false],
    ['done', 'done', 'user', true],
  ])('%s -> %s (%s) is %s', (from, to, source, allowed) => {
    expect(canChangeStatus(from, to, source)).toBe(allowed);
  });
});

describe('applyMoveEdit', () => {
  it.each([
    ['a title change', move(), { title: 'New title' }, { title: 'New title', editedByUser: true }],
    ['a status-only change', move(), { status: 'planned' as const }, { status: 'planned', editedByUser: true }],
    ['completing', move({ status: 'planned' }), { status: 'done' as const }, { status: 'done', completedAt: NOW, editedByUser: true }],
    ['undoing a completion', move({ status: 'done' }), { status: 'planned' as const }, { status: 'planned', completedAt: null, editedByUser: true }],
    ['a week change dropping a day outside it', move({ scheduledFor: '2026-01-07' }), { week: '2026-01-12' }, { week: '2026-01-12', scheduledFor: null, editedByUser: true }],
    ['a week change with a day inside it', move({ scheduledFor: '2026-01-07' }), { week: '2026-01-12', scheduledFor: '2026-01-13' }, { week: '2026-01-12', scheduledFor: '2026-01-13', editedByUser: true }],
    ['clearing the day', move({ scheduledFor: '2026-01-07' }), { scheduledFor: null }, { scheduledFor: null, editedByUser: true }],
  ])('%s', (_, current, patch, changes) => {
    expect(applyMoveEdit(current, patch, NOW)).toEqual({ ok: true, changes });
  });

  it.each([
    ['an illegal transition', move({ status: 'done' }), { status: 'dismissed' as const }, 'MOVE_STATUS_INVALID'],
    ['a user move back to suggested', move({ source: 'user', status: 'planned' }), { status: 'suggested' as const }, 'MOVE_STATUS_INVALID'],
    ['a day outside the week', move(), { scheduledFor: '2026-01-12' }, 'VALIDATION_FAILED'],
    ['a day outside the new week', move(), { week: '2026-01-12', scheduledFor: '2026-01-07' }, 'VALIDATION_FAILED'],
  ])('refuses %s', (_, current, patch, code) => {
    const result = applyMoveEdit(current, patch, NOW);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.violation.code).toBe(code);
  });

  it('names the allowed statuses when refusing', () => {
    const result = applyMoveEdit(move({ status: 'done' }), { status: 'dismissed' }, NOW);
    expect(!result.ok && result.violation).toMatchObject({ details: { from: 'done', to: 'dismissed', allowed: ['planned'] } });
  });
});

describe('scheduleViolation', () => {
  it.each([
    [null, false],
    ['2026-01-05', false],
    ['2026-01-11', false],
    ['2026-01-12', true],
    ['2026-01-04', true],
  ])('day %s outside the week: %s', (day, violated) => {
    expect(scheduleViolation('2026-01-05', day) !== null).toBe(violated);
  });
});
