// Provider answers are hostile input too: a userinfo answer nested deeper than anything can show,
// or with a `sub` that is an object, a refresh that answers for another user, from a provider we
// did not write (oauth2-mock-server).
import { strict as assert } from 'node:assert';
import { decodeJwt } from 'jose';
import { TOO_DEEP_PLACEHOLDER } from '../../src/core/json';
import { discover } from '../../src/core/oidc/discovery';
import { OidcError } from '../../src/core/oidc/errors';
import { signInWithLoopback } from '../../src/core/oidc/signIn';
import { refresh } from '../../src/core/oidc/tokens';
import { fetchUserInfo } from '../../src/core/oidc/userinfo';
import { startMockServer } from '../support/providers/mockServer';
import type { InteropProvider } from '../support/providers/types';

async function signedIn(provider: InteropProvider) {
  const client = await discover(provider.issuer, { clientId: provider.publicClient, clockSkewSeconds: 60 });
  const { tokens } = await signInWithLoopback({
    client,
    scopes: ['openid', 'profile'],
    timeoutMs: 20_000,
    openBrowser: async (url) => void (await (await fetch(await provider.login(url.href))).text()),
  });
  return { client, tokens, sub: decodeJwt(tokens.id_token!).sub! };
}

describe('hostile provider answers', function () {
  this.timeout(60_000);

  it('keeps a userinfo answer plain JSON: nesting beyond 64 levels replaced, strings kept as text', async () => {
    const provider = await startMockServer({ answers: 'hostile' });
    try {
      const { client, tokens, sub } = await signedIn(provider);
      const userinfo = await fetchUserInfo(client, tokens.access_token, sub);
      assert.deepEqual(structuredClone(userinfo), userinfo, 'serialisable (it is stored and posted to the webview)');
      let level: unknown = userinfo.deep;
      let depth = 0;
      while (typeof level === 'object' && level !== null) {
        level = (level as { level: unknown }).level;
        depth++;
      }
      assert.equal(level, TOO_DEEP_PLACEHOLDER);
      assert.ok(depth < 64, String(depth));
      assert.equal(userinfo.name, '[x](command:workbench.action.quit) <img src=x>');
    } finally {
      await provider.stop();
    }
  });

  it('explains a userinfo sub that is not a string instead of throwing or a generic message', async () => {
    const provider = await startMockServer({ answers: 'object-sub' });
    try {
      const { client, tokens, sub } = await signedIn(provider);
      const error = await fetchUserInfo(client, tokens.access_token, sub).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof OidcError, String(error));
      assert.equal(error.code, 'userinfo-failed');
      assert.equal(error.message, 'The provider\'s userinfo answer is not valid ("sub" property must be a string), so it is not shown. The ID token\'s claims are unaffected; report this to the provider\'s operator.');
    } finally {
      await provider.stop();
    }
  });

  it('refuses a refresh whose new ID token is about another user, naming both', async () => {
    const provider = await startMockServer({ answers: 'refresh-other-sub' });
    try {
      const { client, tokens, sub } = await signedIn(provider);
      assert.ok(tokens.refresh_token, 'a refresh token');
      const error = await refresh(client, tokens).then(() => 'the refresh was accepted', (e: unknown) => e);
      assert.ok(error instanceof OidcError, String(error));
      assert.equal(error.code, 'subject-mismatch');
      assert.equal(error.message, `The refreshed ID token is about another user ("someone-else" instead of "${sub}"). The new tokens were discarded; sign in again.`);
    } finally {
      await provider.stop();
    }
  });
});
