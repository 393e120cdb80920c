/** The request a consent page answers: Google's authorization parameters, carried through the form. */
export interface ConsentRequest {
  clientId: string;
  redirectUri: string;
  state: string;
  scope: string;
}

export interface TestAccount {
  email: string;
  name: string;
}

/** Accounts offered on the consent page; any other address can be typed in. */
export const TEST_ACCOUNTS: TestAccount[] = [
  { email: 'asha.iyer@gmail.com', name: 'Asha Iyer' },
  { email: 'ravi.menon@gmail.com', name: 'Ravi Menon' },
];

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function hidden(request: ConsentRequest): string {
  return [
    ['client_id', request.clientId],
    ['redirect_uri', request.redirectUri],
    ['state', request.state],
    ['scope', request.scope],
  ]
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join('');
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#202124}
h1{font-size:1.5rem;font-weight:500;margin:.5rem 0}.lead{color:#5f6368}
form{margin:0}.account{display:flex;flex-direction:column;align-items:flex-start;width:100%;text-align:left;padding:.75rem 1rem;margin:.5rem 0;
border:1px solid #dadce0;border-radius:8px;background:#fff;font-size:1rem;cursor:pointer}.account small{color:#5f6368}
.account:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}
fieldset{border:1px solid #dadce0;border-radius:8px;margin:1rem 0;padding:1rem}legend{padding:0 .25rem}
label{display:block;margin:.75rem 0 .25rem}input[type=email],input[type=text]{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;border:1px solid #80868b;border-radius:4px}
.error{color:#b3261e;margin:.25rem 0 0}.actions{display:flex;gap:.5rem;justify-content:flex-end;margin-top:1rem;flex-wrap:wrap}
.primary{background:#1a73e8;color:#fff;border:0;border-radius:4px;padding:.6rem 1.25rem;font-size:1rem;cursor:pointer}
.secondary{background:#fff;color:#1a73e8;border:1px solid #dadce0;border-radius:4px;padding:.6rem 1.25rem;font-size:1rem;cursor:pointer}
.muted{color:#5f6368;font-size:.875rem}`;

/** Google's account chooser and consent screen, reduced to: pick or type an account, Continue or Cancel. */
export function renderConsentPage(request: ConsentRequest, action: string, appName: string, typed?: { email: string; name: string; error: string }): string {
  const accounts = TEST_ACCOUNTS.map(
    (account) => `<form method="post" action="${action}">${hidden(request)}<input type="hidden" name="email" value="${escapeHtml(account.email)}">
<input type="hidden" name="name" value="${escapeHtml(account.name)}"><input type="hidden" name="decision" value="allow">
<button class="account" type="submit">${escapeHtml(account.name)} <small>${escapeHtml(account.email)}</small></button></form>`,
  ).join('\n');
  const error = typed?.error ? `<p class="error" id="email-error">${escapeHtml(typed.error)}</p>` : '';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign in - Google Accounts (sandbox)</title><style>${STYLE}</style></head>
<body>
<main>
<p class="muted">Google (sandbox)</p>
<h1>Sign in with Google</h1>
<p class="lead">Choose an account to continue to <strong>${escapeHtml(appName)}</strong></p>
${accounts}
<form method="post" action="${action}" novalidate>${hidden(request)}<input type="hidden" name="decision" value="allow">
<fieldset><legend>Use another account</legend>
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="email" value="${escapeHtml(typed?.email ?? '')}"${typed?.error ? ' aria-invalid="true" aria-describedby="email-error"' : ''}>
${error}
<label for="name">Name</label>
<input id="name" name="name" type="text" autocomplete="name" value="${escapeHtml(typed?.name ?? '')}">
<div class="actions"><button class="primary" type="submit">Continue</button></div>
</fieldset>
</form>
<form method="post" action="${action}">${hidden(request)}<input type="hidden" name="decision" value="deny">
<div class="actions"><button class="secondary" type="submit">Cancel</button></div></form>
<p class="muted">To continue, Google will share your name, email address and profile picture with ${escapeHtml(appName)}.</p>
</main>
</body>
</html>`;
}

/** Google's error page for a request it will not send back to the app (unknown client, unregistered redirect URI). */
export function renderErrorPage(error: string, detail: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Error - Google Accounts (sandbox)</title><style>${STYLE}</style></head>
<body><main><h1>Access blocked: authorization error</h1><p>${escapeHtml(detail)}</p><p class="muted">Error 400: ${escapeHtml(error)}</p></main></body></html>`;
}
