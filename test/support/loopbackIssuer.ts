// A tiny real HTTP server on loopback for hostile-issuer tests, and a minimal discovery document.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** A tiny real HTTP server on loopback answering with `handler`. */
export async function serve(handler: (req: IncomingMessage, res: ServerResponse, base: string) => void): Promise<{ base: string; server: Server; close(): Promise<void> }> {
  let base = '';
  const server = createServer((req, res) => handler(req, res, base));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    base,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The fields openid-client needs of a discovery document for `base`, with `overrides`. */
export function metadata(base: string, overrides: Record<string, unknown> = {}) {
  return {
    issuer: base,
    authorization_endpoint: `${base}/authorize`,
    token_endpoint: `${base}/token`,
    jwks_uri: `${base}/jwks`,
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    ...overrides,
  };
}
