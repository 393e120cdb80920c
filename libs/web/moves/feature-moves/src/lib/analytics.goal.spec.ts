import { goalView } from './analytics.goal';

describe('goalView', () => {
  const now = new Date('2026-12-11T06:00:00Z');

  it('shows a leads goal beside the leads baseline and counts days since the first manifest', () => {
    expect(goalView({ primary: 'leads', target: 120 }, { leadsPerMonth: 12, mrrInr: 50000 }, '2026-12-01T06:00:00Z', now)).toEqual({
      goal: 'Leads',
      target: '120',
      baseline: '12 leads a month',
      deadline: '01/03/2027',
      day: 10,
      days: 90,
    });
  });

  it('writes revenue in rupees with Indian grouping and ends at the founder’s own deadline', () => {
    const view = goalView({ primary: 'revenue', target: 1500000, deadline: '2027-01-30' }, { mrrInr: 210000 }, '2026-12-01T06:00:00Z', now);
    expect(view).toMatchObject({ target: '₹15,00,000', baseline: '₹2,10,000 monthly recurring revenue', deadline: '30/01/2027', days: 60 });
  });

  it('has no baseline when the founder did not give one, and never counts past the end', () => {
    const view = goalView({ primary: 'retention', target: 90 }, { leadsPerMonth: 5 }, '2026-01-01T00:00:00Z', now);
    expect(view).toMatchObject({ baseline: null, day: 90, days: 90 });
  });
});
