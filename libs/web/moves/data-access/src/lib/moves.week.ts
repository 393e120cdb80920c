// Weeks are identified by their Monday, `YYYY-MM-DD` (the API's format); date math in UTC avoids DST shifts.

/** The Monday `weeks` weeks before (negative) or after `monday`. */
export function shiftWeek(monday: string, weeks: number): string {
  const date = new Date(`${monday}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + weeks * 7);
  return date.toISOString().slice(0, 10);
}

/** The seven days of the week starting `monday`, for a scheduled-date picker. */
export function daysOfWeek(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => {
    const date = new Date(`${monday}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + i);
    return date.toISOString().slice(0, 10);
  });
}

/** "24 Nov - 30 Nov 2026" for the week starting `monday`. */
export function weekLabel(monday: string): string {
  const [first, last] = [daysOfWeek(monday)[0], daysOfWeek(monday)[6]];
  const day = (iso: string, withYear: boolean) =>
    new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-IN', { day: 'numeric', month: 'short', timeZone: 'UTC', ...(withYear ? { year: 'numeric' } : {}) });
  return `${day(first, false)} - ${day(last, true)}`;
}

/** The Monday of the week `now` falls in, in India time (as the API counts weeks). */
export function currentWeek(now: Date): string {
  const india = new Date(now.getTime() + (5 * 60 + 30) * 60 * 1000);
  const monday = new Date(Date.UTC(india.getUTCFullYear(), india.getUTCMonth(), india.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return monday.toISOString().slice(0, 10);
}

/**
 * The week whose suggestions should be generated without a click: the current week, loaded and without a single move,
 * in a workspace that has a manifest and may write. Null when there is none.
 */
export function emptyWeekToSuggest(input: { week: string | null; moves: readonly unknown[]; isLoadingWeek: boolean; isGenerating: boolean; hasManifest: boolean; readOnly: boolean; now: Date }): string | null {
  const { week, moves, isLoadingWeek, isGenerating, hasManifest, readOnly, now } = input;
  if (!week || isLoadingWeek || isGenerating || !hasManifest || readOnly || moves.length > 0) return null;
  return week === currentWeek(now) ? week : null;
}
