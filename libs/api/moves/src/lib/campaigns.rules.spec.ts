import type { MoveStatus } from '@raptorflow/contracts';
import { campaignDatesViolation, campaignProgress, campaignStatus, countLinkedMoves } from './campaigns.rules';

const dates = { startDate: '2026-01-05', endDate: '2026-01-31' };

describe('campaign progress', () => {
  it.each<[string, MoveStatus[], number, number, number]>([
    ['no linked moves', [], 0, 0, 0],
    ['one of three done', ['done', 'planned', 'suggested'], 1, 3, 0.3333],
    ['dismissed moves do not count', ['done', 'dismissed', 'dismissed'], 1, 1, 1],
    ['all done', ['done', 'done'], 2, 2, 1],
    ['only dismissed', ['dismissed'], 0, 0, 0],
  ])('%s', (_, statuses, done, total, progress) => {
    const counts = countLinkedMoves(statuses);
    expect(counts).toEqual({ done, total });
    expect(campaignProgress(counts)).toBe(progress);
  });
});

describe('campaign status', () => {
  it.each([
    ['before the start', '2026-01-04', { done: 0, total: 2 }, 'planned'],
    ['on the start date', '2026-01-05', { done: 0, total: 2 }, 'active'],
    ['on the end date', '2026-01-31', { done: 1, total: 2 }, 'active'],
    ['after the end with work left', '2026-02-01', { done: 1, total: 2 }, 'ended'],
    ['after the end with no moves', '2026-02-01', { done: 0, total: 0 }, 'ended'],
    ['every move done, mid-campaign', '2026-01-10', { done: 2, total: 2 }, 'completed'],
    ['every move done before the start', '2026-01-01', { done: 1, total: 1 }, 'completed'],
    ['every move done after the end', '2026-03-01', { done: 3, total: 3 }, 'completed'],
    ['no moves yet, running', '2026-01-10', { done: 0, total: 0 }, 'active'],
  ] as const)('%s -> %s', (_, today, counts, status) => {
    expect(campaignStatus(dates, counts, today)).toBe(status);
  });
});

describe('campaign dates', () => {
  it.each([
    ['2026-01-05', '2026-01-31', false],
    ['2026-01-05', '2026-01-05', false],
    ['2026-01-05', '2026-01-04', true],
  ])('%s to %s refused: %s', (start, end, refused) => {
    const violation = campaignDatesViolation(start, end);
    expect(violation !== null).toBe(refused);
    if (violation) expect(violation).toMatchObject({ field: 'endDate' });
  });
});
