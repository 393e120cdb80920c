// Weeks are identified by their Monday as an ISO date (YYYY-MM-DD); "today" is India time, where our founders work.
const IST_OFFSET_MS = 330 * 60_000;
const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function isIsoMonday(value: unknown): value is string {
  return isIsoDate(value) && new Date(`${value}T00:00:00Z`).getUTCDay() === 1;
}

/** The calendar date in India at the instant `now`. */
export function indiaDate(now: Date): string {
  return new Date(now.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Monday of the week containing the ISO date. */
export function weekOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return addDays(date, -sinceMonday);
}

/** Monday of the current week in India. */
export function currentWeek(now: Date): string {
  return weekOf(indiaDate(now));
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function addWeeks(week: string, weeks: number): string {
  return addDays(week, weeks * 7);
}

/** Weeks since 1970-01-05 (a Monday): a stable number to rotate suggestions by. */
export function weekIndex(week: string): number {
  return Math.floor((Date.parse(`${week}T00:00:00Z`) - Date.parse('1970-01-05T00:00:00Z')) / (7 * DAY_MS));
}

/** True when the ISO date falls in the week starting on the given Monday. */
export function isInWeek(date: string, week: string): boolean {
  return date >= week && date <= addDays(week, 6);
}
