import type { SimOrder } from './phonepe.simulator';

const rupees = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', minimumFractionDigits: 2 });

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function formatPaise(paise: number): string {
  return rupees.format(paise / 100);
}

/** The hosted checkout page a customer would see on PhonePe, reduced to three outcomes. */
export function renderCheckoutPage(order: SimOrder, basePath: string): string {
  const id = encodeURIComponent(order.orderId);
  const pending = order.state === 'PENDING';
  const actions = pending
    ? `<form method="post" action="${basePath}/checkout/${id}/complete">
  <button name="outcome" value="success" data-testid="pay-success">Pay successfully</button>
  <button name="outcome" value="failure" data-testid="pay-failure">Fail payment</button>
  <button name="outcome" value="pending" data-testid="pay-pending">Leave pending</button>
</form>`
    : `<p>This order is <strong>${order.state}</strong>.</p>
<p><a href="${escapeHtml(order.merchantRedirectUrl)}">Return to merchant</a></p>`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>PhonePe sandbox checkout</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
button{display:block;width:100%;margin:.5rem 0;padding:.75rem;font-size:1rem;cursor:pointer}
.amount{font-size:2rem;font-weight:600}.muted{color:#666;font-size:.875rem}</style></head>
<body>
<h1>PhonePe (sandbox)</h1>
<p class="amount" data-testid="amount">${formatPaise(order.amount)}</p>
${order.message ? `<p>${escapeHtml(order.message)}</p>` : ''}
<p class="muted">Order ${escapeHtml(order.merchantOrderId)} &middot; ${escapeHtml(order.orderId)}<br>
Expires ${new Date(order.expireAt).toISOString()}</p>
${actions}
</body>
</html>`;
}

export function renderNotFoundPage(orderId: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
<body><h1>Order ${escapeHtml(orderId)} not found</h1></body></html>`;
}
