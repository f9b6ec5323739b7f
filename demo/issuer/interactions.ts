// Our own interaction pages (oidc-provider's devInteractions are off): a login form for the demo
// user, consent granted automatically. Serves GET and POST on /interaction/:uid.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InteractionDetails, Provider } from 'oidc-provider';
import { DEMO_USER } from './account';
import { AUD_PARAM } from './authorizationRequest';
import { CLIENT_NAME, INTERACTION_PATH } from './config';
import { errorPage, loginPage } from './pages';

const MAX_BODY = 16 * 1024;

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  });
  res.end(html);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > MAX_BODY) throw new Error('request body too large');
  }
  return new URLSearchParams(body);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A fresh grant holding exactly the scopes of this request (ZITADEL asks no consent of its own apps). */
async function grantFor(provider: Provider, details: InteractionDetails, accountId: string): Promise<string> {
  const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
  const scope = [details.params.scope, details.params[AUD_PARAM]].filter((s) => typeof s === 'string' && s).join(' ');
  // Includes the urn:zitadel:iam:org:project:id:{id}:aud scopes that oidc-provider does not know:
  // the JWT access token reads them back from the grant.
  if (scope) grant.addOIDCScope(scope);
  return grant.save();
}

export async function handleInteraction(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const uid = url.pathname.slice(INTERACTION_PATH.length);
  if (!/^[\w-]+$/.test(uid) || (req.method !== 'GET' && req.method !== 'POST')) {
    send(res, 404, errorPage({ error: 'not_found' }));
    return;
  }
  let details: InteractionDetails;
  try {
    details = await provider.interactionDetails(req, res);
  } catch (e) {
    send(res, 400, errorPage({ error: 'invalid_request', error_description: `This sign-in has expired or was never started here (${(e as Error).message}). Start again from the application.` }));
    return;
  }
  if (details.uid !== uid) {
    send(res, 400, errorPage({ error: 'invalid_request', error_description: 'This page belongs to an older sign-in. Start again from the application.' }));
    return;
  }
  const action = `${INTERACTION_PATH}${uid}`;

  if (details.prompt.name === 'login') {
    if (req.method === 'GET') {
      send(res, 200, loginPage({ action, clientName: CLIENT_NAME }));
      return;
    }
    const form = await readForm(req);
    const username = form.get('username') ?? '';
    const password = form.get('password') ?? '';
    // Both compared, always, so a wrong user name costs the same as a wrong password.
    const userOk = sameSecret(username, DEMO_USER.username);
    const passwordOk = sameSecret(password, DEMO_USER.password);
    if (!userOk || !passwordOk) {
      send(res, 200, loginPage({ action, clientName: CLIENT_NAME, username, error: 'Wrong username or password.' }));
      return;
    }
    const grantId = await grantFor(provider, details, DEMO_USER.sub);
    await provider.interactionFinished(req, res, { login: { accountId: DEMO_USER.sub, amr: ['password', 'pwd'] }, consent: { grantId } }, { mergeWithLastSubmission: false });
    return;
  }

  if (details.prompt.name === 'consent' && details.session) {
    const grantId = await grantFor(provider, details, details.session.accountId);
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }

  send(res, 400, errorPage({ error: 'invalid_request', error_description: `Unsupported prompt: ${details.prompt.name}` }));
}
