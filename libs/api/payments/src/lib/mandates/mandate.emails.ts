// Our own Autopay mails (RBI: a pre-debit notice with merchant, amount, date, reference, purpose and how to opt out).
import { formatDate, formatInr, type RenderedEmail } from '@raptorflow/api-email';

const BRAND = 'RaptorFlow';

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function render(subject: string, intro: string, rows: [string, string][], link: { label: string; url: string }, tag: string): RenderedEmail {
  const table = rows.map(([k, v]) => `<tr><th align="left" style="padding:4px 12px 4px 0">${escape(k)}</th><td>${escape(v)}</td></tr>`).join('');
  return {
    subject,
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(subject)}</title></head><body style="font-family:system-ui,sans-serif">
<p>${escape(intro)}</p><table>${table}</table><p><a href="${escape(link.url)}">${escape(link.label)}</a></p><p>- ${BRAND}</p></body></html>`,
    text: `${intro}\n\n${rows.map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${link.label}: ${link.url}\n\n- ${BRAND}`,
    tags: [{ name: 'category', value: tag }],
  };
}

export interface PreDebitData {
  planName: string;
  amountPaise: number;
  debitOn: Date;
  merchantOrderId: string;
  settingsUrl: string;
}

export function preDebitEmail(data: PreDebitData): RenderedEmail {
  const amount = formatInr(data.amountPaise);
  return render(
    `UPI Autopay: ${amount} will be debited on ${formatDate(data.debitOn)}`,
    `Your ${BRAND} ${data.planName} plan renews by UPI Autopay. We will debit the amount below from your UPI mandate on or after the date shown.`,
    [
      ['Merchant', BRAND],
      ['Amount', amount],
      ['Debit on', formatDate(data.debitOn)],
      ['Reference', data.merchantOrderId],
      ['Purpose', `${data.planName} subscription renewal`],
    ],
    { label: 'Do not want this debit? Pause or cancel Autopay in Settings', url: data.settingsUrl },
    'autopay_pre_debit',
  );
}

export interface AutopayFailedData {
  planName: string;
  amountPaise: number;
  renewUrl: string;
}

export function autopayFailedEmail(data: AutopayFailedData): RenderedEmail {
  return render(
    `UPI Autopay could not renew your ${BRAND} ${data.planName} plan`,
    'We tried to debit your renewal by UPI Autopay and it did not go through, also on the retries. Your workspace is now read-only for 3 days; renew with a one-time payment to keep working.',
    [['Amount', formatInr(data.amountPaise)]],
    { label: 'Renew now', url: data.renewUrl },
    'autopay_failed',
  );
}
