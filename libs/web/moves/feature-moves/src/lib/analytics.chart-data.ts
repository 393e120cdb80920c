import type { AnalyticsResponse, WeeklyMoveCount } from '@raptorflow/contracts';
import type { BarDatum } from './bar-chart.component';

const shortDate = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-IN', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** One bar per week (oldest first): moves done, described against the moves committed that week. */
export function weeklyDoneBars(weeks: WeeklyMoveCount[]): BarDatum[] {
  return weeks.map((week) => ({
    label: shortDate(week.week),
    value: week.done,
    valueLabel: String(week.done),
    description: `Week of ${shortDate(week.week)}: ${week.done} of ${week.planned} committed moves done`,
  }));
}

/** One bar per campaign: the share of its moves done, as a percentage. */
export function campaignCompletionBars(campaigns: AnalyticsResponse['campaigns']): BarDatum[] {
  return campaigns.map((campaign) => {
    const percent = Math.round(Math.min(1, Math.max(0, campaign.progress)) * 100);
    return { label: campaign.name, value: percent, valueLabel: `${percent}%`, description: `${campaign.name} (${campaign.status}): ${percent}% done` };
  });
}
