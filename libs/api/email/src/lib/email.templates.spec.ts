import { formatDate, formatInr } from './email.format';
import { escapeHtml, html, safeUrl } from './email.html';
import {
  invitationEmail,
  lateCaptureRefundEmail,
  paymentFailedEmail,
  paymentReceiptEmail,
  refundCompletedEmail,
  trialEndingEmail,
  trialStartedEmail,
  welcomeEmail,
} from './email.templates';

const paidAt = new Date('2026-11-25T20:00:00Z');

describe('formatting', () => {
  it.each([
    [499_900, '₹4,999.00'],
    [19_999_000, '₹1,99,990.00'],
    [100, '₹1.00'],
    [5, '₹0.05'],
  ])('formats %i paise as %s', (paise, expected) => expect(formatInr(paise)).toBe(expected));

  it('rejects fractional paise', () => expect(() => formatInr(10.5)).toThrow());

  it('formats dates in IST', () => expect(formatDate(paidAt)).toBe('26 Nov 2026'));

  it('escapes interpolations but not nested safe fragments', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(html`<p>${'<b>'}${html`<i>${'&'}</i>`}${undefined}</p>`.value).toBe('<p>&lt;b&gt;<i>&amp;</i></p>');
  });

  it('refuses non-http links', () => {
    expect(() => safeUrl('javascript:alert(1)')).toThrow();
    expect(safeUrl('https://app.raptorflow.in/billing?a=1&b=2').value).toBe('https://app.raptorflow.in/billing?a=1&amp;b=2');
  });
});

describe('email templates', () => {
  it('renders a payment receipt', () => {
    const email = paymentReceiptEmail({
      customerName: 'Asha',
      planName: 'Starter',
      period: 'month',
      amountPaise: 499_900,
      merchantOrderId: 'RF_RF-2026-0001_k3j4',
      paidAt,
      periodEnd: new Date('2026-12-26T00:00:00Z'),
    });
    expect(email.subject).toBe('Your RaptorFlow receipt: ₹4,999.00 for Starter');
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Hi Asha,');
      expect(part).toContain('Starter (Monthly)');
      expect(part).toContain('₹4,999.00');
      expect(part).toContain('RF_RF-2026-0001_k3j4');
      expect(part).toContain('26 Nov 2026');
      expect(part).toContain('26 Dec 2026');
    }
    expect(email.tags).toEqual([{ name: 'category', value: 'payment_receipt' }]);
  });

  it('escapes user-controlled values in HTML but keeps them readable in text', () => {
    const email = paymentReceiptEmail({
      customerName: '<script>alert("x")</script>',
      planName: 'Growth & Co',
      period: 'year',
      amountPaise: 9_999_000,
      merchantOrderId: 'RF_1',
      paidAt,
    });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(email.html).toContain('Growth &amp; Co (Yearly)');
    expect(email.text).toContain('Hi <script>alert("x")</script>,');
    expect(email.html).toContain('₹99,990.00');
  });

  it('renders a payment failure with a retry link', () => {
    const email = paymentFailedEmail({
      planName: 'Pro',
      period: 'month',
      amountPaise: 1_999_900,
      merchantOrderId: 'RF_2',
      failedAt: paidAt,
      retryUrl: 'https://app.raptorflow.in/onboarding/payment?plan=pro&period=month',
    });
    expect(email.subject).toBe('Your RaptorFlow payment of ₹19,999.00 did not go through');
    expect(email.html).toContain('href="https://app.raptorflow.in/onboarding/payment?plan=pro&amp;period=month"');
    expect(email.text).toContain('Try again: https://app.raptorflow.in/onboarding/payment?plan=pro&period=month');
    expect(email.html).toContain('Hi there,');
  });

  it('refuses a javascript: retry link', () => {
    expect(() =>
      paymentFailedEmail({ planName: 'Pro', period: 'month', amountPaise: 100, merchantOrderId: 'x', failedAt: paidAt, retryUrl: 'javascript:x' }),
    ).toThrow();
  });

  it('renders welcome, trial started and trial ending', () => {
    const welcome = welcomeEmail({ customerName: 'Ravi', appUrl: 'https://app.raptorflow.in/app/dashboard' });
    expect(welcome.subject).toBe('Welcome to RaptorFlow');
    expect(welcome.html).toContain('href="https://app.raptorflow.in/app/dashboard"');

    const started = trialStartedEmail({ planName: 'Growth', trialEndsAt: new Date('2026-12-09T10:00:00Z'), appUrl: 'https://app.raptorflow.in/' });
    expect(started.subject).toBe('Your RaptorFlow Growth trial has started');
    expect(started.text).toContain('runs until 9 Dec 2026');

    const ending = trialEndingEmail({ planName: 'Growth', trialEndsAt: new Date('2026-12-09T10:00:00Z'), billingUrl: 'https://app.raptorflow.in/app/settings/billing' });
    expect(ending.subject).toBe('Your RaptorFlow trial ends in 3 days');
    expect(ending.html).toContain('9 Dec 2026');
    expect(ending.tags).toEqual([{ name: 'category', value: 'trial_ending' }]);
  });
});

describe('refund emails', () => {
  it('says a late capture activated nothing and is refunded in full', () => {
    const email = lateCaptureRefundEmail({ planName: 'Starter', period: 'month', amountPaise: 499_900, merchantOrderId: 'RF_3', capturedAt: paidAt, why: 'closed' });
    expect(email.subject).toBe('We are refunding your RaptorFlow payment of ₹4,999.00');
    expect(email.text).toContain('did not activate your plan');
    expect(email.text).toContain('full refund');
    expect(email.tags).toEqual([{ name: 'category', value: 'late_capture_refund' }]);
    const other = lateCaptureRefundEmail({ planName: 'Pro', period: 'month', amountPaise: 100, merchantOrderId: 'RF_5', capturedAt: paidAt, why: 'another-plan' });
    expect(other.text).toContain('already on a different plan');
  });

  it('confirms a completed refund with its amount', () => {
    const email = refundCompletedEmail({ amountPaise: 100_000, merchantOrderId: 'RF_4', merchantRefundId: 'RFR_1', refundedAt: paidAt });
    expect(email.subject).toBe('Your RaptorFlow refund of ₹1,000.00 is complete');
    expect(email.html).toContain('RFR_1');
  });
});

describe('invitation email', () => {
  it('names the workspace and the inviter, links the accept page and says when it expires', () => {
    const email = invitationEmail({
      workspaceName: 'Acme <Growth>',
      inviterName: 'Asha Rao',
      role: 'admin',
      acceptUrl: 'https://app.raptorflow.in/invite/abc_DEF-123',
      expiresAt: new Date('2026-12-08T10:00:00Z'),
    });
    expect(email.subject).toBe('Asha Rao invited you to Acme <Growth> on RaptorFlow');
    expect(email.html).toContain('Acme &lt;Growth&gt;');
    expect(email.html).toContain('href="https://app.raptorflow.in/invite/abc_DEF-123"');
    expect(email.text).toContain('Accept the invitation: https://app.raptorflow.in/invite/abc_DEF-123');
    for (const part of [email.html, email.text]) {
      expect(part).toContain('as an admin');
      expect(part).toContain('expires on 8 Dec 2026');
    }
    expect(email.tags).toEqual([{ name: 'category', value: 'invitation' }]);
  });
});
