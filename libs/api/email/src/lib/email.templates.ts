import type { EmailTag } from './email-sender';
import { formatDate, formatInr, periodLabel, type BillingPeriod } from './email.format';
import { html, safeUrl, type SafeHtml } from './email.html';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  tags: EmailTag[];
}

interface Greeting {
  /** Falls back to "there". */
  customerName?: string;
}

export interface PaymentReceiptData extends Greeting {
  planName: string;
  period: BillingPeriod;
  amountPaise: number;
  merchantOrderId: string;
  paidAt: Date;
  /** End of the period this payment covers. */
  periodEnd?: Date;
  /** The GST tax invoice attached to the receipt. */
  invoiceNumber?: string;
}

export interface PaymentFailedData extends Greeting {
  planName: string;
  period: BillingPeriod;
  amountPaise: number;
  merchantOrderId: string;
  failedAt: Date;
  retryUrl: string;
}

export interface WelcomeData extends Greeting {
  appUrl: string;
}

export interface TrialStartedData extends Greeting {
  planName: string;
  trialEndsAt: Date;
  appUrl: string;
}

export interface TrialEndingData extends Greeting {
  planName: string;
  trialEndsAt: Date;
  billingUrl: string;
}

const BRAND = 'RaptorFlow';

function greeting(data: Greeting): string {
  return `Hi ${data.customerName?.trim() || 'there'},`;
}

function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head>
<body style="margin:0;padding:24px;background:#f5f5f7;font-family:Arial,Helvetica,sans-serif;color:#1d1d1f">
<table role="presentation" width="100%" style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
<tr><td>
<p style="font-size:18px;font-weight:bold;margin:0 0 16px">${BRAND}</p>
${body}
<p style="color:#6e6e73;font-size:12px;margin-top:32px">You are receiving this because you have a ${BRAND} account.</p>
</td></tr>
</table>
</body>
</html>`.value;
}

function button(label: string, url: string): SafeHtml {
  return html`<p><a href="${safeUrl(url)}" style="display:inline-block;background:#4f46e5;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none">${label}</a></p>`;
}

function rows(pairs: [string, string][]): SafeHtml {
  return html`<table role="presentation" style="border-collapse:collapse;margin:16px 0">${pairs.map(
    ([label, value]) => html`<tr><td style="padding:4px 16px 4px 0;color:#6e6e73">${label}</td><td style="padding:4px 0">${value}</td></tr>`,
  )}</table>`;
}

function textRows(pairs: [string, string][]): string {
  return pairs.map(([label, value]) => `${label}: ${value}`).join('\n');
}

function tags(category: string): EmailTag[] {
  return [{ name: 'category', value: category }];
}

export function paymentReceiptEmail(data: PaymentReceiptData): RenderedEmail {
  const amount = formatInr(data.amountPaise);
  const details: [string, string][] = [
    ['Plan', `${data.planName} (${periodLabel(data.period)})`],
    ['Amount paid', amount],
    ['Order', data.merchantOrderId],
    ['Date', formatDate(data.paidAt)],
    ...(data.periodEnd ? ([['Valid until', formatDate(data.periodEnd)]] as [string, string][]) : []),
    ...(data.invoiceNumber ? ([['Tax invoice', `${data.invoiceNumber} (attached)`]] as [string, string][]) : []),
  ];
  const subject = `Your ${BRAND} receipt: ${amount} for ${data.planName}`;
  return {
    subject,
    html: layout(subject, html`<p>${greeting(data)}</p><p>Thank you! We received your payment.</p>${rows(details)}`),
    text: `${greeting(data)}\n\nThank you! We received your payment.\n\n${textRows(details)}\n\n- ${BRAND}`,
    tags: tags('payment_receipt'),
  };
}

export function paymentFailedEmail(data: PaymentFailedData): RenderedEmail {
  const amount = formatInr(data.amountPaise);
  const details: [string, string][] = [
    ['Plan', `${data.planName} (${periodLabel(data.period)})`],
    ['Amount', amount],
    ['Order', data.merchantOrderId],
    ['Date', formatDate(data.failedAt)],
  ];
  const subject = `Your ${BRAND} payment of ${amount} did not go through`;
  const intro = 'Your payment could not be completed and you have not been charged for this order.';
  return {
    subject,
    html: layout(subject, html`<p>${greeting(data)}</p><p>${intro}</p>${rows(details)}${button('Try again', data.retryUrl)}`),
    text: `${greeting(data)}\n\n${intro}\n\n${textRows(details)}\n\nTry again: ${data.retryUrl}\n\n- ${BRAND}`,
    tags: tags('payment_failed'),
  };
}

export function welcomeEmail(data: WelcomeData): RenderedEmail {
  const subject = `Welcome to ${BRAND}`;
  const intro = 'Your workspace is ready. Answer the onboarding questions and we will build your Business Context Manifest.';
  return {
    subject,
    html: layout(subject, html`<p>${greeting(data)}</p><p>${intro}</p>${button(`Open ${BRAND}`, data.appUrl)}`),
    text: `${greeting(data)}\n\n${intro}\n\nOpen ${BRAND}: ${data.appUrl}\n\n- ${BRAND}`,
    tags: tags('welcome'),
  };
}

export function trialStartedEmail(data: TrialStartedData): RenderedEmail {
  const ends = formatDate(data.trialEndsAt);
  const subject = `Your ${BRAND} ${data.planName} trial has started`;
  const intro = `Your free trial of ${data.planName} runs until ${ends}. No payment is needed until then.`;
  return {
    subject,
    html: layout(subject, html`<p>${greeting(data)}</p><p>${intro}</p>${button('Get started', data.appUrl)}`),
    text: `${greeting(data)}\n\n${intro}\n\nGet started: ${data.appUrl}\n\n- ${BRAND}`,
    tags: tags('trial_started'),
  };
}

export function trialEndingEmail(data: TrialEndingData): RenderedEmail {
  const ends = formatDate(data.trialEndsAt);
  const subject = `Your ${BRAND} trial ends in 3 days`;
  const intro = `Your ${data.planName} trial ends on ${ends}. Choose a plan to keep your workspace and manifest active.`;
  return {
    subject,
    html: layout(subject, html`<p>${greeting(data)}</p><p>${intro}</p>${button('Choose a plan', data.billingUrl)}`),
    text: `${greeting(data)}\n\n${intro}\n\nChoose a plan: ${data.billingUrl}\n\n- ${BRAND}`,
    tags: tags('trial_ending'),
  };
}

export interface RenewalReminderData extends Greeting {
  planName: string;
  period: BillingPeriod;
  amountPaise: number;
  periodEnd: Date;
  daysLeft: number;
  /** Where the founder renews in one click (same plan and period). */
  renewUrl: string;
}

/** A paid term without a mandate ends soon: the founder renews through checkout (7, 3 and 1 days before). */
export function renewalReminderEmail(data: RenewalReminderData): RenderedEmail {
  const ends = formatDate(data.periodEnd);
  const when = data.daysLeft === 1 ? 'tomorrow' : `in ${data.daysLeft} days`;
  const subject = `Your ${BRAND} ${data.planName} plan ends ${when}: renew now`;
  const intro = `Your ${data.planName} plan (${periodLabel(data.period)}) runs until ${ends}. Renew now for ${formatInr(data.amountPaise)}: the new period starts when this one ends, so you lose no days.`;
  return {
    subject,
    html: layout(subject, html`<p>${greeting(data)}</p><p>${intro}</p>${button('Renew now', data.renewUrl)}`),
    text: `${greeting(data)}\n\n${intro}\n\nRenew now: ${data.renewUrl}\n\n- ${BRAND}`,
    tags: tags('renewal_reminder'),
  };
}

export interface LateCaptureData extends Greeting {
  planName: string;
  period: BillingPeriod;
  amountPaise: number;
  merchantOrderId: string;
  capturedAt: Date;
  /** closed: the order had expired or failed; wrong-amount: not the plan's price; another-plan: a different plan was running. */
  why: 'closed' | 'wrong-amount' | 'another-plan';
}

const LATE_CAPTURE_WHY: Record<LateCaptureData['why'], string> = {
  closed: 'Your payment reached us after this order had already been closed',
  'wrong-amount': 'The amount taken was not the price of this plan',
  'another-plan': 'Your workspace was already on a different plan when this payment completed',
};

/** Money arrived for an order we had already closed: nothing is activated and all of it goes back. */
export function lateCaptureRefundEmail(data: LateCaptureData): RenderedEmail {
  const amount = formatInr(data.amountPaise);
  const details: [string, string][] = [
    ['Plan', `${data.planName} (${periodLabel(data.period)})`],
    ['Amount taken', amount],
    ['Order', data.merchantOrderId],
    ['Date', formatDate(data.capturedAt)],
  ];
  const subject = `We are refunding your ${BRAND} payment of ${amount}`;
  const intro = `${LATE_CAPTURE_WHY[data.why]}, so it did not activate your plan. We have started a full refund; banks usually show it within 5-7 working days.`;
  return {
    subject,
    html: layout(subject, html`<p>${greeting(data)}</p><p>${intro}</p>${rows(details)}`),
    text: `${greeting(data)}\n\n${intro}\n\n${textRows(details)}\n\n- ${BRAND}`,
    tags: tags('late_capture_refund'),
  };
}

export interface RefundCompletedData extends Greeting {
  amountPaise: number;
  merchantOrderId: string;
  merchantRefundId: string;
  refundedAt: Date;
  /** The GST credit note attached to the mail. */
  creditNoteNumber?: string;
}

export function refundCompletedEmail(data: RefundCompletedData): RenderedEmail {
  const amount = formatInr(data.amountPaise);
  const details: [string, string][] = [
    ['Amount refunded', amount],
    ['Order', data.merchantOrderId],
    ['Refund', data.merchantRefundId],
    ['Date', formatDate(data.refundedAt)],
    ...(data.creditNoteNumber ? ([['Credit note', `${data.creditNoteNumber} (attached)`]] as [string, string][]) : []),
  ];
  const subject = `Your ${BRAND} refund of ${amount} is complete`;
  const intro = 'We have refunded this amount to the account you paid from.';
  return {
    subject,
    html: layout(subject, html`<p>${greeting(data)}</p><p>${intro}</p>${rows(details)}`),
    text: `${greeting(data)}\n\n${intro}\n\n${textRows(details)}\n\n- ${BRAND}`,
    tags: tags('refund_completed'),
  };
}

export interface InvitationData {
  workspaceName: string;
  /** The inviter's name, else their e-mail address. */
  inviterName: string;
  role: 'admin' | 'member';
  acceptUrl: string;
  expiresAt: Date;
}

/** A teammate's invitation: who invites, to which workspace, and the link that accepts it until it expires. */
export function invitationEmail(data: InvitationData): RenderedEmail {
  const subject = `${data.inviterName} invited you to ${data.workspaceName} on ${BRAND}`;
  const intro = `${data.inviterName} invited you to join the workspace ${data.workspaceName} as ${data.role === 'admin' ? 'an admin' : 'a member'}.`;
  const expiry = `The invitation is for this e-mail address and expires on ${formatDate(data.expiresAt)}.`;
  return {
    subject,
    html: layout(subject, html`<p>Hi there,</p><p>${intro}</p>${button('Accept the invitation', data.acceptUrl)}<p style="color:#6e6e73">${expiry}</p>`),
    text: `Hi there,\n\n${intro}\n\nAccept the invitation: ${data.acceptUrl}\n\n${expiry}\n\n- ${BRAND}`,
    tags: tags('invitation'),
  };
}
