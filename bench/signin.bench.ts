// Sign-in round trip against the demo issuer (in this process, on 127.0.0.1), no human: our
// signInWithLoopback versus a bare openid-client script doing the same flow. Both sides:
//   loopback server on 127.0.0.1:0 -> authorization URL (PKCE S256, state, nonce) -> the provider's
//   login pages driven over HTTP (loginThroughProvider: a fresh cookie jar, so a real login every
//   time) -> fetch of the callback URL, following the 302 to a small "done" page -> code exchange
//   (authorizationCodeGrant, ID token claims validated by openid-client).
// Ours also runs its ID token checklist (signature against the JWKS, which is fetched once per
// client and then cached, plus iss/aud/azp/exp/nbf/iat/nonce/at_hash) and maps errors.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oidc from 'openid-client';
import { startDemoIssuer } from '../demo/issuer/index';
import { discover } from '../src/core/oidc/discovery';
import { signInWithLoopback } from '../src/core/oidc/signIn';
import { loginThroughProvider } from '../test/support/providerLogin';

/** The scopes of the "Demo issuer" profile that npm start and the test host write. */
const SCOPES = 'openid profile email offline_access urn:zitadel:iam:user:metadata urn:zitadel:iam:org:projects:roles urn:zitadel:iam:user:resourceowner';

type Credentials = { username: string; password: string };

/** What a browser does with the provider's final redirect: request it, and follow the receiver's redirect. */
async function visitCallback(callback: URL): Promise<void> {
  const response = await fetch(callback);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`callback page answered HTTP ${response.status}`);
}

async function oursSignIn(client: Awaited<ReturnType<typeof discover>>, credentials: Credentials): Promise<void> {
  const result = await signInWithLoopback({
    client,
    scopes: SCOPES.split(' '),
    timeoutMs: 30_000,
    openBrowser: async (url) => {
      await visitCallback(await loginThroughProvider(url.href, credentials));
    },
  });
  if (!result.idTokenChecks?.ok) throw new Error(`ID token checks failed: ${JSON.stringify(result.idTokenChecks)}`);
  if (!result.tokens.access_token) throw new Error('no access token');
}

/** The bare script: openid-client and a tiny loopback server, nothing else. */
async function bareSignIn(config: oidc.Configuration, credentials: Credentials): Promise<void> {
  let settle!: (url: URL) => void;
  const callback = new Promise<URL>((resolve) => (settle = resolve));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/callback') {
      settle(url);
      res.writeHead(302, { location: '/done', connection: 'close' }).end();
    } else if (url.pathname === '/done') {
      res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' }).end('You can close this tab.');
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: SCOPES,
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    await visitCallback(await loginThroughProvider(url.href, credentials));
    const current = new URL(redirectUri);
    current.search = (await callback).search;
    const tokens = await oidc.authorizationCodeGrant(config, current, { pkceCodeVerifier: codeVerifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
    if (!tokens.access_token || !tokens.id_token) throw new Error('no tokens');
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export interface SignInBenchResult {
  rounds: number;
  oursMs: number;
  bareMs: number;
  ratio: number;
  oursSamples: number[];
  bareSamples: number[];
}

/** Median milliseconds per sign-in, rounds interleaved (the order alternates every round), after 5 warm-up rounds each. */
export async function runSignInBench(rounds = 41): Promise<SignInBenchResult> {
  const demo = await startDemoIssuer({ port: 0, host: '127.0.0.1' });
  try {
    const credentials = demo.user;
    // Discovery once per side, outside the timing.
    const client = await discover(demo.issuer, { clientId: demo.clientId });
    const config = await oidc.discovery(new URL(demo.issuer), demo.clientId, {}, oidc.None(), { execute: [oidc.allowInsecureRequests] });
    const sides = [() => oursSignIn(client, credentials), () => bareSignIn(config, credentials)];
    for (let i = 0; i < 5; i++) for (const side of sides) await side();
    const samples: number[][] = [[], []];
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      for (const s of order) {
        const start = process.hrtime.bigint();
        await sides[s]();
        samples[s].push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }
    const oursMs = median(samples[0]);
    const bareMs = median(samples[1]);
    return { rounds, oursMs, bareMs, ratio: oursMs / bareMs, oursSamples: samples[0], bareSamples: samples[1] };
  } finally {
    await demo.stop();
  }
}
