import { addWeeks, currentWeek, indiaDate, isInWeek, isIsoDate, isIsoMonday, weekOf } from './moves.week';

describe('weeks', () => {
  it.each([
    ['2026-01-05', true, true],
    ['2026-01-06', true, false],
    ['2026-02-30', false, false],
    ['2026-1-5', false, false],
    [20260105, false, false],
  ])('%s is a date: %s, a Monday: %s', (value, date, monday) => {
    expect(isIsoDate(value)).toBe(date);
    expect(isIsoMonday(value)).toBe(monday);
  });

  it.each([
    ['2026-01-05', '2026-01-05'],
    ['2026-01-11', '2026-01-05'],
    ['2026-01-01', '2025-12-29'],
  ])('the week of %s starts %s', (date, week) => {
    expect(weekOf(date)).toBe(week);
  });

  it.each([
    // Sunday 19:00 UTC is already Monday 00:30 in India.
    ['2026-01-11T19:00:00Z', '2026-01-12', '2026-01-12'],
    ['2026-01-11T18:00:00Z', '2026-01-11', '2026-01-05'],
  ])('at %s India is on %s, week %s', (instant, date, week) => {
    expect(indiaDate(new Date(instant))).toBe(date);
    expect(currentWeek(new Date(instant))).toBe(week);
  });

  it('adds weeks across a year end and checks membership', () => {
    expect(addWeeks('2025-12-29', 1)).toBe('2026-01-05');
    expect(addWeeks('2026-01-05', -12)).toBe('2025-10-13');
    expect(isInWeek('2026-01-11', '2026-01-05')).toBe(true);
    expect(isInWeek('2026-01-12', '2026-01-05')).toBe(false);
  });
});
