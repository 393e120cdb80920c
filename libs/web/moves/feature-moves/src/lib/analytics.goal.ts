import { GOAL_TYPE_OPTIONS, type BcmBaseline, type BcmGoals } from '@raptorflow/contracts';
import { formatDate, formatNumber, formatRupees } from '@raptorflow/web-ui';

const DAY_MS = 24 * 60 * 60 * 1000;
export const GOAL_DAYS = 90;

export interface GoalView {
  goal: string;
  target: string;
  /** Today's number for the goal's metric from the onboarding baseline, or null when it was not given. */
  baseline: string | null;
  deadline: string;
  /** Days since the first manifest, capped at the goal's length. */
  day: number;
  days: number;
}

// Which baseline number a goal is measured against.
const BASELINE_OF: Record<BcmGoals['primary'], { key: keyof BcmBaseline; label: string; rupees: boolean } | null> = {
  leads: { key: 'leadsPerMonth', label: 'leads a month', rupees: false },
  revenue: { key: 'mrrInr', label: 'monthly recurring revenue', rupees: true },
  awareness: { key: 'monthlyVisitors', label: 'visitors a month', rupees: false },
  retention: null,
};

/**
 * The goal's span: from the first manifest (when the founder set it) to its deadline (India time), or 90 days when
 * there is none or it lies before the start (an answer typed long before the manifest was built).
 */
export function goalWindow(goals: BcmGoals, startedAt: string): { start: number; end: number } {
  const start = Date.parse(startedAt);
  const deadline = goals.deadline ? Date.parse(`${goals.deadline}T00:00:00+05:30`) : Number.NaN;
  return { start, end: deadline > start ? deadline : start + GOAL_DAYS * DAY_MS };
}

/** The 90-day goal from the manifest beside its baseline, and where today falls in the 90 days since the first manifest. */
export function goalView(goals: BcmGoals, baseline: BcmBaseline, startedAt: string, now: Date): GoalView {
  const metric = BASELINE_OF[goals.primary];
  const amount = (value: number) => (metric?.rupees ? formatRupees(Math.round(value * 100)) : formatNumber(value));
  const { start, end } = goalWindow(goals, startedAt);
  const days = Math.max(1, Math.round((end - start) / DAY_MS));
  const value = metric ? baseline[metric.key] : undefined;
  return {
    goal: GOAL_TYPE_OPTIONS.find((o) => o.value === goals.primary)?.label ?? goals.primary,
    target: amount(goals.target),
    baseline: value === undefined || !metric ? null : `${amount(value)} ${metric.label}`,
    deadline: formatDate(new Date(end)),
    day: Math.min(days, Math.max(0, Math.floor((now.getTime() - start) / DAY_MS))),
    days,
  };
}
