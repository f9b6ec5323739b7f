// Signs in through a real provider's HTML pages with fetch, as a browser would, without a
// browser: follows the provider's own redirects, keeps its cookies, fills in the login form.
// Written for the demo issuer's pages (demo/issuer/pages.ts) and oidc-provider's device forms.

interface Credentials {
  username: string;
  password: string;
}

/** A tiny cookie jar: one origin, cookies by name, path and flags ignored. */
class CookieJar {
  readonly #cookies = new Map<string, string>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [k, v = ''] = a.split('=').map((s) => s.trim());
        return (k.toLowerCase() === 'expires' && Date.parse(v) <= Date.now()) || (k.toLowerCase() === 'max-age' && Number(v) <= 0);
      });
      if (expired || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

interface Form {
  id: string | undefined;
  action: string;
  method: string;
  /** Inputs with a name, in document order (type, name, value). */
  inputs: { type: string; name: string; value: string }[];
}

const decodeEntities = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (e[0] !== '#') return named[e.toLowerCase()];
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(tag);
  return m ? decodeEntities(m[2] ?? m[3]) : undefined;
}

function parseForms(html: string): Form[] {
  const forms: Form[] = [];
  for (const m of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/gi)) {
    const tag = /^<form\b[^>]*>/i.exec(m[0])![0];
    const inputs = [...m[1].matchAll(/<input\b[^>]*>/gi)]
      .map(([input]) => ({ type: (attribute(input, 'type') ?? 'text').toLowerCase(), name: attribute(input, 'name') ?? '', value: attribute(input, 'value') ?? '' }))
      .filter((i) => i.name);
    forms.push({ id: attribute(tag, 'id'), action: attribute(tag, 'action') ?? '', method: (attribute(tag, 'method') ?? 'get').toLowerCase(), inputs });
  }
  return forms;
}

function textOf(html: string, id: string): string | undefined {
  const m = new RegExp(`<(\\w+)[^>]*\\sid="${id}"[^>]*>([\\s\\S]*?)</\\1>`, 'i').exec(html);
  return m ? decodeEntities(m[2].replace(/<\/dd>/gi, '; ').replace(/<\/dt>/gi, ': ').replace(/<[^>]+>/g, '')).trim() : undefined;
}

function describe(html: string): string {
  const title = /<title>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const text = html.replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/gi, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  return `${title ? `"${decodeEntities(title)}": ` : ''}${decodeEntities(text).slice(0, 300)}`;
}

type Step = { url: URL; method: 'GET' | 'POST'; body?: URLSearchParams };

/**
 * Drives the provider's pages from `start` until `done` says a redirect leaves the provider or a
 * page is final. Throws on a refused login, an error page or anything unexpected.
 */
async function drive(start: URL, credentials: Credentials, done: { redirect?(to: URL): boolean; page?(html: string): boolean }): Promise<URL | undefined> {
  const jar = new CookieJar();
  let step: Step = { url: start, method: 'GET' };
  let loggedIn = false;
  for (let i = 0; i < 25; i++) {
    const headers: Record<string, string> = { accept: 'text/html' };
    const cookie = jar.header();
    if (cookie) headers.cookie = cookie;
    if (step.body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(step.url, { method: step.method, headers, body: step.body, redirect: 'manual' });
    jar.store(response);

    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (!location) throw new Error(`provider login: ${response.status} redirect without Location from ${step.url.pathname}`);
      const to = new URL(location, step.url);
      if (done.redirect?.(to)) return to;
      if (to.origin !== start.origin) throw new Error(`provider login: unexpected redirect away from the provider to ${to.href}`);
      step = { url: to, method: 'GET' };
      continue;
    }

    const html = await response.text();
    const error = textOf(html, 'error-details');
    if (error) throw new Error(`provider login: the provider showed an error (HTTP ${response.status}) at ${step.url.pathname}: ${error}`);
    if (response.status !== 200) throw new Error(`provider login: HTTP ${response.status} at ${step.url.pathname}: ${describe(html)}`);
    if (done.page?.(html)) return undefined;
    const deviceError = textOf(html, 'device-error');
    if (deviceError) throw new Error(`provider login: the provider refused the device code: ${deviceError}`);

    const forms = parseForms(html);
    // Ours (demo/issuer/pages.ts), or oidc-provider's dev login page (login + password).
    const login = forms.find((f) => f.id === 'login-form' || (f.inputs.some((x) => x.name === 'login') && f.inputs.some((x) => x.name === 'password')));
    if (login) {
      if (loggedIn) {
        throw new Error(`provider login: sign-in refused for "${credentials.username}": ${textOf(html, 'login-error') ?? describe(html)}`);
      }
      loggedIn = true;
      const body = new URLSearchParams();
      for (const input of login.inputs) {
        if (input.name === 'username' || input.name === 'login') body.set(input.name, credentials.username);
        else if (input.name === 'password') body.set('password', credentials.password);
        else body.set(input.name, input.value);
      }
      step = { url: new URL(login.action, step.url), method: 'POST', body };
      continue;
    }
    // oidc-provider's own forms: the self-submitting form_post page, the device code input
    // (prefilled from verification_uri_complete) and the device confirmation.
    const form = forms.find((f) => f.method === 'post' && f.inputs.length > 0 && f.inputs.every((x) => x.type === 'hidden' || (f.id === 'op.deviceInputForm' && x.value)));
    if (form) {
      step = { url: new URL(form.action, step.url), method: 'POST', body: new URLSearchParams(form.inputs.map((x) => [x.name, x.value])) };
      continue;
    }
    throw new Error(`provider login: unexpected page at ${step.url.pathname}: ${describe(html)}`);
  }
  throw new Error('provider login: too many steps');
}

/**
 * Signs in at the provider for `authorizationUrl` and returns the final redirect to the client's
 * redirect_uri (with code, state, iss, or error), without requesting it.
 */
export async function loginThroughProvider(authorizationUrl: string, credentials: Credentials): Promise<URL> {
  const start = new URL(authorizationUrl);
  const redirectUri = start.searchParams.get('redirect_uri');
  if (!redirectUri) throw new Error('provider login: the authorization URL has no redirect_uri');
  const target = new URL(redirectUri);
  const atRedirectUri = (to: URL) => to.protocol === target.protocol && to.host === target.host && to.pathname === target.pathname;
  const result = await drive(start, credentials, { redirect: atRedirectUri });
  if (!result) throw new Error('provider login: ended without a redirect to the redirect_uri');
  return result;
}

/** Completes a device authorization (RFC 8628) at `verificationUriComplete`: confirms the code and signs in. */
export async function completeDeviceLogin(verificationUriComplete: string, credentials: Credentials, done = (html: string) => /\sid="device-success"/.test(html)): Promise<void> {
  await drive(new URL(verificationUriComplete), credentials, { page: done });
}
