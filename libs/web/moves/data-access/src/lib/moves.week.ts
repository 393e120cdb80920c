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
