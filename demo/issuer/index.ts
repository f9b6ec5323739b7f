// The demo issuer: a real OpenID provider (oidc-provider) on loopback, for tests and demos.
// See README.md beside this file.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Provider } from 'oidc-provider';
import { DEMO_USER } from './account';
import { useJwtAccessTokens } from './accessTokens';
import { MemoryStore } from './adapter';
import { rewriteAuthorizationRequest } from './authorizationRequest';
import { CLIENT_ID, INTERACTION_PATH, providerConfiguration, ROUTES } from './config';
import { handleInteraction } from './interactions';
import { generateSigningKey, type SigningKey } from './keys';
import { errorPage } from './pages';

export { CLIENT_ID, POST_LOGOUT_REDIRECT_URI, REDIRECT_URI } from './config';
export { CLAIMS, DEMO_METADATA, DEMO_PROJECT_ID, DEMO_USER, SCOPES, ZITADEL_API_PROJECT_ID } from './account';
export { accessTokenAudience } from './accessTokens';

export interface DemoIssuer {
  /** e.g. http://127.0.0.1:<port> (no trailing slash). */
  issuer: string;
  /** 'token-inspector-demo': public native client, auth method none, PKCE S256 required. */
  clientId: string;
  /** The demo user's credentials and subject. */
  user: { username: string; password: string; sub: string };
  /** Replaces the signing key with a new one (new kid); the JWKS then has only the new key. */
  rotateKeys(): Promise<void>;
  /** Closes the server and all its connections. */
  stop(): Promise<void>;
}

export interface DemoIssuerOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. Only loopback addresses are accepted. */
  host?: string;
  /** Default 'opaque', as ZITADEL's default token type (BEARER); 'jwt' as ZITADEL's JWT token type. */
  accessTokenFormat?: 'opaque' | 'jwt';
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/;

export async function startDemoIssuer(options: DemoIssuerOptions = {}): Promise<DemoIssuer> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.test(host)) throw new Error(`demo issuer: host ${host} is not a loopback address; the demo issuer only listens on loopback`);
  const accessTokenFormat = options.accessTokenFormat ?? 'opaque';

  const store = new MemoryStore();
  const cookieKeys = [randomBytes(32).toString('base64url')];
  let signingKey: SigningKey = await generateSigningKey();
  let provider: Provider | undefined;
  let providerHandler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;

  const server = createServer((req, res) => {
    if (!provider || !providerHandler) {
      res.writeHead(503).end();
      return;
    }
    if (req.url?.startsWith(INTERACTION_PATH)) {
      handleInteraction(provider, req, res).catch((e: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' });
        res.end(errorPage({ error: 'server_error', error_description: (e as Error)?.message ?? String(e) }));
      });
      return;
    }
    if (req.method === 'GET' && req.url) req.url = rewriteAuthorizationRequest(req.url, ROUTES.authorization);
    providerHandler(req, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  const issuer = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;

  // oidc-provider reads its keys once, at construction: a rotation builds a new provider over the
  // same storage and cookie keys, so sessions and issued tokens survive it.
  const build = () => {
    const next = new Provider(issuer, providerConfiguration({ signingKey, store, cookieKeys }));
    if (accessTokenFormat === 'jwt') useJwtAccessTokens(next, () => signingKey);
    provider = next;
    providerHandler = next.callback();
  };
  try {
    build();
  } catch (e) {
    server.close();
    throw e;
  }

  let stopped: Promise<void> | undefined;
  return {
    issuer,
    clientId: CLIENT_ID,
    user: { ...DEMO_USER },
    async rotateKeys() {
      signingKey = await generateSigningKey();
      build();
    },
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
