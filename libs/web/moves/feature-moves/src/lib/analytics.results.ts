import { CHANNEL_OPTIONS, type BcmGoals, type WeeklyResult } from '@raptorflow/contracts';
import { formatDate, formatNumber, formatRupees } from '@raptorflow/web-ui';
import { goalWindow } from './analytics.goal';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ResultTotals {
  leads: number;
  signups: number;
  revenuePaise: number;
}

export interface ResultsProgress {
  totals: ResultTotals;
  /** "27 of 120 leads", or null when the goal (awareness, retention) is not one of the logged numbers. */
  label: string | null;
  /** 0-100, capped; null as for `label`. */
  percent: number | null;
  /** The weeks that count, "01/12/2026 to 01/03/2027". */
  span: string;
}

/** Which logged number a goal is measured by: leads and revenue are; awareness and retention are not logged here. */
const MEASURE: Record<BcmGoals['primary'], keyof ResultTotals | null> = { leads: 'leads', revenue: 'revenuePaise', awareness: null, retention: null };

/** The logged weeks that overlap the goal's span, summed, against the goal's target (revenue targets are rupees). */
export function resultsProgress(goals: BcmGoals, startedAt: string, results: readonly WeeklyResult[]): ResultsProgress {
  const { start, end } = goalWindow(goals, startedAt);
  const inSpan = results.filter((r) => {
    const monday = Date.parse(`${r.week}T00:00:00+05:30`);
    return monday + 7 * DAY_MS > start && monday < end;
  });
  const totals = inSpan.reduce((sum, r) => ({ leads: sum.leads + r.leads, signups: sum.signups + r.signups, revenuePaise: sum.revenuePaise + r.revenuePaise }), { leads: 0, signups: 0, revenuePaise: 0 });
  const measure = MEASURE[goals.primary];
  const span = `${formatDate(new Date(start))} to ${formatDate(new Date(end))}`;
  if (!measure) return { totals, label: null, percent: null, span };
  const target = measure === 'revenuePaise' ? Math.round(goals.target * 100) : goals.target;
  const achieved = totals[measure];
  const label = measure === 'revenuePaise' ? `${formatRupees(achieved)} of ${formatRupees(target)} revenue` : `${formatNumber(achieved)} of ${formatNumber(target)} leads`;
  return { totals, label, percent: target > 0 ? Math.min(100, (achieved / target) * 100) : 100, span };
}

export function channelLabel(channel: string): string {
  return CHANNEL_OPTIONS.find((o) => o.value === channel)?.label ?? channel;
}
