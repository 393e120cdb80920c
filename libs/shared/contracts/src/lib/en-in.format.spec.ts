import { formatDate, formatDateTime, formatNumber, formatRupees } from './en-in.format';

describe('en-IN formatting', () => {
  it.each([
    [499_900, '₹4,999'],
    [12_345_600, '₹1,23,456'],
    [12_345_650, '₹1,23,456.50'],
    [0, '₹0'],
  ])('shows %i paise as %s', (paise, text) => {
    expect(formatRupees(paise)).toBe(text);
  });

  it('groups numbers in lakhs', () => {
    expect(formatNumber(1234567)).toBe('12,34,567');
  });

  it('writes dates as DD/MM/YYYY in India time', () => {
    expect(formatDate('2026-03-07')).toBe('07/03/2026');
    // 20:00 UTC on 31 Dec is already 1 Jan in India.
    expect(formatDate('2026-12-31T20:00:00Z')).toBe('01/01/2027');
    expect(formatDateTime('2026-11-25T09:34:00Z')).toBe('25/11/2026, 3:04 pm');
  });
});
