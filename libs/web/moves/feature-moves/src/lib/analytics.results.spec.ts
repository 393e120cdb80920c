import type { WeeklyResult } from '@raptorflow/contracts';
import { resultsProgress } from './analytics.results';

const result = (week: string, leads: number, revenuePaise = 0, signups = 0): WeeklyResult => ({ week, channel: 'linkedin', campaignId: null, leads, signups, revenuePaise, updatedAt: '2026-12-01T00:00:00Z' });

describe('resultsProgress', () => {
  // The first manifest on Tuesday 1 Dec 2026 (India); the 90 days end on 1 Mar 2027.
  const startedAt = '2026-12-01T06:00:00Z';
  const results = [result('2026-11-23', 100), result('2026-11-30', 10, 50_000_00, 2), result('2027-01-04', 20, 25_000_50, 1), result('2027-03-01', 5), result('2027-03-08', 1000)];

  it('sums the weeks that overlap the goal span, against a leads target', () => {
    // The week of 30 Nov holds the start; the week of 1 Mar holds the last moment before the end; 23 Nov and 8 Mar are outside.
    expect(resultsProgress({ primary: 'leads', target: 70 }, startedAt, results)).toEqual({
      totals: { leads: 35, signups: 3, revenuePaise: 75_000_50 },
      label: '35 of 70 leads',
      percent: 50,
      span: '01/12/2026 to 01/03/2027',
    });
  });

  it('measures a revenue goal (in rupees) by the logged paise, capped at 100%', () => {
    const progress = resultsProgress({ primary: 'revenue', target: 50_000 }, startedAt, results);
    expect([progress.label, progress.percent]).toEqual(['₹75,000.50 of ₹50,000 revenue', 100]);
  });

  it('counts 90 days from the start when the deadline lies before it', () => {
    expect(resultsProgress({ primary: 'leads', target: 70, deadline: '2026-03-31' }, startedAt, results).span).toBe('01/12/2026 to 01/03/2027');
  });

  it('shows totals without progress for goals the results do not measure, and ends at the founder’s deadline', () => {
    const progress = resultsProgress({ primary: 'awareness', target: 10_000, deadline: '2026-12-31' }, startedAt, results);
    expect(progress).toEqual({ totals: { leads: 10, signups: 2, revenuePaise: 50_000_00 }, label: null, percent: null, span: '01/12/2026 to 31/12/2026' });
  });
});
