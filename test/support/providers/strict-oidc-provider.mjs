// oidc-provider in its stock, strict configuration, as a child process for the interop tests:
// only what a deployment must set (clients, ES256 keys, pairwise subjects), the rest left at the
// library's defaults (dev login pages, offline_access only with prompt=consent, refresh-token
// rotation, PKCE S256 for public clients, exact redirect URI matching apart from RFC 8252
// loopback ports for native clients). Signed userinfo (jwtUserinfo) and the device flow on.
// Prints one JSON line {issuer, ...} once it listens on 127.0.0.1.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

const input = JSON.parse(process.argv[2] ?? '{}');
const { privateKey } = await generateKeyPair('ES256', { extractable: true });
const signing = { ...(await exportJWK(privateKey)), kid: 'es256-1', alg: 'ES256', use: 'sig' };
const salt = randomBytes(16).toString('hex');

const redirect = 'http://127.0.0.1/callback';
const postLogout = 'http://127.0.0.1/signed-out';
const grants = ['authorization_code', 'refresh_token'];
const common = { redirect_uris: [redirect], post_logout_redirect_uris: [postLogout], grant_types: grants, subject_type: 'pairwise', userinfo_signed_response_alg: 'ES256', id_token_signed_response_alg: 'ES256' };
const clients = [
  { ...common, client_id: 'interop-public', application_type: 'native', token_endpoint_auth_method: 'none' },
  // Pairwise subjects with the device flow need a sector_identifier_uri (OIDC Core §8.1): this one is public.
  { ...common, client_id: 'interop-device', subject_type: 'public', grant_types: [...grants, 'urn:ietf:params:oauth:grant-type:device_code'], application_type: 'native', token_endpoint_auth_method: 'none' },
  { ...common, client_id: 'interop-basic', client_secret: input.secret, token_endpoint_auth_method: 'client_secret_basic', application_type: 'native' },
  { ...common, client_id: 'interop-post', client_secret: input.secret, token_endpoint_auth_method: 'client_secret_post', application_type: 'native' },
  { ...common, client_id: 'interop-jwt', token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: input.clientJwk?.alg, jwks: { keys: input.clientJwk ? [input.clientJwk] : [] }, application_type: 'native' },
];

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const issuer = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
const provider = new Provider(issuer, {
  clients,
  jwks: { keys: [signing] },
  subjectTypes: ['public', 'pairwise'],
  pairwiseIdentifier: async (_ctx, accountId, client) => createHash('sha256').update(`${client.sectorIdentifier}|${accountId}|${salt}`).digest('base64url'),
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  features: {
    devInteractions: { enabled: true },
    deviceFlow: { enabled: true },
    revocation: { enabled: true },
    jwtUserinfo: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
});
server.on('request', provider.callback());
console.log(JSON.stringify({ issuer }));
