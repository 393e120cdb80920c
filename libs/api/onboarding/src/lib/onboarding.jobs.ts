// The onboarding-cleanup queue: a daily repeatable job that removes abandoned drafts.
export const ONBOARDING_CLEANUP_QUEUE = 'onboarding-cleanup';
export const ONBOARDING_CLEANUP_JOB = 'cleanup';
// 03:30 UTC (09:00 IST), once a day; a cron pattern, so worker restarts do not trigger extra runs.
export const ONBOARDING_CLEANUP_PATTERN = '30 3 * * *';
// domain.md: a draft abandoned for 30 days is removed.
export const DRAFT_ABANDONED_AFTER_DAYS = 30;
// Drafts the cleanup removes per statement (and Redis copies per round trip).
export const CLEANUP_BATCH = 2_000;

export interface OnboardingCleanupResult {
  removed: number;
}
