import type { StoredEmail } from './resend.outbox';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Developer view of sent mail, newest first. */
export function renderOutboxPage(emails: StoredEmail[]): string {
  const rows = emails
    .map(
      (e) => `<tr>
<td>${escapeHtml(e.created_at)}</td>
<td>${escapeHtml(e.to.join(', '))}</td>
<td>${escapeHtml(e.subject)}</td>
<td>${escapeHtml((e.tags ?? []).map((t) => `${t.name}=${t.value}`).join(' '))}</td>
<td><a href="outbox/${encodeURIComponent(e.id)}">HTML</a> &middot; <a href="outbox/${encodeURIComponent(e.id)}.txt">text</a>${(e.attachments ?? [])
        .map((a, i) => (a.content ? ` &middot; <a href="outbox/${encodeURIComponent(e.id)}/attachments/${i}">${escapeHtml(a.filename)}</a>` : ''))
        .join('')}</td>
</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Resend sandbox outbox</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;font-size:.9rem}</style></head>
<body>
<h1>Outbox (${emails.length})</h1>
${emails.length ? `<table><thead><tr><th>Sent</th><th>To</th><th>Subject</th><th>Tags</th><th></th></tr></thead><tbody>\n${rows}\n</tbody></table>` : '<p>No emails yet.</p>'}
</body>
</html>`;
}
