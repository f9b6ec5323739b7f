// The demo issuer's HTML pages: static, no scripts, no remote resources, everything escaped.
// Element ids (login-form, login-error, device-success, error-details) are what
// test/support/providerLogin.ts looks for.
import { DEMO_USER } from './account';

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#eef1f5;color:#1f2328;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{width:min(380px,92vw);background:#fff;border-radius:10px;box-shadow:0 4px 18px rgba(0,0,0,.12);padding:28px 30px}
.brand{margin:0 0 2px;font-size:12px;letter-spacing:.06em;text-transform:uppercase;color:#57606a}
h1{margin:0 0 16px;font-size:22px;font-weight:600}
label{display:block;margin:12px 0 4px;font-weight:600;font-size:13px}
input[type=text],input[type=password]{width:100%;padding:9px 10px;border:1px solid #d0d7de;border-radius:6px;font:inherit}
input:focus{outline:2px solid #0969da;outline-offset:-1px}
button{margin-top:18px;width:100%;padding:10px;border:0;border-radius:6px;background:#0969da;color:#fff;font:inherit;font-weight:600;cursor:pointer}
button:hover{background:#0550ae}
button.secondary{margin-top:8px;background:#f6f8fa;color:#1f2328;border:1px solid #d0d7de}
.error{margin:0 0 12px;padding:8px 10px;border-radius:6px;background:#ffebe9;color:#82071e;border:1px solid #ff818266}
.hint{margin:18px 0 0;padding:8px 10px;border-radius:6px;background:#f6f8fa;font-size:13px;color:#57606a}
code{font:13px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eaeef2;padding:1px 4px;border-radius:4px}
.code{display:block;text-align:center;font-size:24px;letter-spacing:.12em;margin:8px 0}
dl{margin:0}dt{font-weight:600}dd{margin:0 0 8px;word-break:break-word}
`;

/** A complete page. `body` must already be escaped. */
export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} · Token Inspector demo issuer</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="brand">Token Inspector demo issuer</p>
${body}
</main>
</body>
</html>`;
}

const credentialsHint = `<p class="hint">Demo credentials: user <code>${escapeHtml(DEMO_USER.username)}</code>, password <code>${escapeHtml(DEMO_USER.password)}</code>.</p>`;

export function loginPage(options: { action: string; clientName?: string; username?: string; error?: string }): string {
  const error = options.error ? `<p class="error" id="login-error" role="alert">${escapeHtml(options.error)}</p>` : '';
  const client = options.clientName ? `<p>to continue to <strong>${escapeHtml(options.clientName)}</strong></p>` : '';
  return page(
    'Sign in',
    `<h1>Sign in</h1>
${client}
${error}
<form id="login-form" method="post" action="${escapeHtml(options.action)}" autocomplete="off">
<label for="username">Username</label>
<input id="username" type="text" name="username" value="${escapeHtml(options.username ?? '')}" required autofocus>
<label for="password">Password</label>
<input id="password" type="password" name="password" required>
<button type="submit">Sign in</button>
</form>
${credentialsHint}`,
  );
}

/** oidc-provider supplies `form` (its own markup, with the xsrf token). */
export function deviceCodeInputPage(form: string, errorMessage?: string): string {
  const message = errorMessage ? `<p class="error" id="device-error" role="alert">${escapeHtml(errorMessage)}</p>` : '<p>Enter the code shown on your device.</p>';
  return page('Device sign-in', `<h1>Device sign-in</h1>${message}${form}<button type="submit" form="op.deviceInputForm">Continue</button>`);
}

export function deviceConfirmPage(form: string, clientName: string, userCode: string): string {
  return page(
    'Confirm device',
    `<h1>Confirm device</h1>
<p><strong>${escapeHtml(clientName)}</strong> asks to sign in. Check that your device shows this code:</p>
<code class="code">${escapeHtml(userCode)}</code>
${form}
<button type="submit" form="op.deviceConfirmForm">Continue</button>
<button type="submit" class="secondary" form="op.deviceConfirmForm" name="abort" value="yes">Abort</button>`,
  );
}

export function deviceSuccessPage(clientName: string): string {
  return page('Device signed in', `<h1 id="device-success">Device signed in</h1><p>${escapeHtml(clientName)} is now signed in. You can close this page.</p>`);
}

export function logoutPage(form: string, host: string): string {
  return page(
    'Sign out',
    `<h1>Sign out</h1><p>Sign out of ${escapeHtml(host)}?</p>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>
<button type="submit" class="secondary" form="op.logoutForm">No, stay signed in</button>`,
  );
}

export function loggedOutPage(): string {
  return page('Signed out', '<h1 id="signed-out">Signed out</h1><p>You can close this page.</p>');
}

/** `details` are OAuth error fields (error, error_description, ...), shown as text. */
export function errorPage(details: Record<string, unknown>): string {
  const rows = Object.entries(details)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
    .join('');
  return page('Error', `<h1>Something went wrong</h1><dl id="error-details">${rows}</dl>`);
}
