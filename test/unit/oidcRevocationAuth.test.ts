// Which client authentication revocation uses: the provider may list other methods for its
// revocation endpoint than for its token endpoint (RFC 8414); a method the user set applies to both.
import { strict as assert } from 'node:assert';
import { discover } from '../../src/core/oidc/discovery';
import { startHostileProvider, type HostileProvider } from '../support/providers/hostileProvider';

describe('oidc client: the revocation endpoint\'s authentication', () => {
  let provider: HostileProvider;
  beforeEach(async () => {
    provider = await startHostileProvider({
      metadata: (issuer) => ({
        revocation_endpoint: `${issuer}/revoke`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
        revocation_endpoint_auth_methods_supported: ['client_secret_basic'],
      }),
    });
  });
  afterEach(() => provider.stop());

  it('with "auto", picks for revocation what the revocation endpoint lists', async () => {
    const client = await discover(provider.issuer, { clientId: 'app', clientSecret: 's3cret' });
    assert.equal(client.authMethod, 'client_secret_basic');
    assert.equal(client.revocation.authMethod, 'client_secret_basic');
    assert.equal(client.authMethodAuto, true, 'so that a refused method may be retried with another');
  });

  it('with a method set, uses it for revocation too, whatever the revocation endpoint lists', async () => {
    const client = await discover(provider.issuer, { clientId: 'app', clientSecret: 's3cret', authMethod: 'client_secret_post' });
    assert.equal(client.authMethod, 'client_secret_post');
    assert.equal(client.revocation.authMethod, 'client_secret_post');
    assert.equal(client.authMethodAuto, false);
  });
});
