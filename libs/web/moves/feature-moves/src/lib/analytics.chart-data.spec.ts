import { campaignCompletionBars, weeklyDoneBars } from './analytics.chart-data';

describe('analytics chart data', () => {
  it('maps weeks to bars of moves done, oldest first', () => {
    const bars = weeklyDoneBars([
      { week: '2026-11-16', done: 2, planned: 4 },
      { week: '2026-11-23', done: 0, planned: 0 },
    ]);
    expect(bars).toEqual([
      { label: '16 Nov', value: 2, valueLabel: '2', description: 'Week of 16 Nov: 2 of 4 committed moves done' },
      { label: '23 Nov', value: 0, valueLabel: '0', description: 'Week of 23 Nov: 0 of 0 committed moves done' },
    ]);
  });

  it('maps campaign progress to clamped whole percentages', () => {
    const bars = campaignCompletionBars([
      { id: 'a', name: 'Launch', status: 'active', progress: 0.333 },
      { id: 'b', name: 'Done', status: 'completed', progress: 1.2 },
    ]);
    expect(bars.map((bar) => [bar.value, bar.valueLabel])).toEqual([
      [33, '33%'],
      [100, '100%'],
    ]);
    expect(bars[0].description).toBe('Launch (active): 33% done');
  });
});
