import { renewalReminderEmail } from './email.templates';

describe('renewalReminderEmail', () => {
  const base = { customerName: 'Asha', planName: 'Growth', period: 'month' as const, amountPaise: 999_900, periodEnd: new Date('2026-12-09T06:00:00Z'), renewUrl: 'https://app.raptorflow.in/app/dashboard' };

  it('says when the term ends, what renewing costs, and links to the one-click renewal', () => {
    const email = renewalReminderEmail({ ...base, daysLeft: 7 });
    expect(email.subject).toBe('Your RaptorFlow Growth plan ends in 7 days: renew now');
    expect(email.text).toContain('runs until 9 Dec 2026');
    expect(email.text).toContain('₹9,999.00');
    expect(email.text).toContain('Renew now: https://app.raptorflow.in/app/dashboard');
    expect(email.html).toContain('href="https://app.raptorflow.in/app/dashboard"');
    expect(email.tags).toEqual([{ name: 'category', value: 'renewal_reminder' }]);
  });

  it('says "tomorrow" the day before', () => {
    expect(renewalReminderEmail({ ...base, daysLeft: 1 }).subject).toBe('Your RaptorFlow Growth plan ends tomorrow: renew now');
  });
});
