import { strict as assert } from 'node:assert';
import { issuerProblem, normaliseIssuer, normaliseScopes, readProfiles, SCOPE_PRESETS } from '../../src/core/profiles';

describe('issuer profiles', () => {
  it('reads valid profiles with defaults', () => {
    const { profiles, problems } = readProfiles([
      { issuer: 'https://acme.zitadel.cloud/', clientId: ' 1234@acme ', scopes: 'openid profile urn:zitadel:iam:user:metadata profile' },
      { name: 'Demo', issuer: 'http://127.0.0.1:9020', clientId: 'token-inspector-demo', scopes: ['offline_access', 'openid email'], redirectPort: 53682 },
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(profiles, [
      { name: 'acme.zitadel.cloud', issuer: 'https://acme.zitadel.cloud', clientId: '1234@acme', scopes: ['openid', 'profile', 'urn:zitadel:iam:user:metadata'] },
      { name: 'Demo', issuer: 'http://127.0.0.1:9020', clientId: 'token-inspector-demo', scopes: ['openid', 'offline_access', 'email'], redirectPort: 53682 },
    ]);
    assert.deepEqual(readProfiles([{ issuer: 'https://x.example', clientId: 'c' }]).profiles[0].scopes, ['openid', 'profile', 'email']);
    assert.equal(readProfiles([{ issuer: 'https://x.example', clientId: 'c', apiBaseUrl: 'https://api.x.example/' }]).profiles[0].apiBaseUrl, 'https://api.x.example');
    assert.match(readProfiles([{ issuer: 'https://x.example', clientId: 'c', apiBaseUrl: 'http://api.x.example' }]).problems[0], /apiBaseUrl: .*must use https/);
  });

  it('skips each bad entry with a message naming it, keeping the good ones', () => {
    const { profiles, problems } = readProfiles([
      'https://x.example',
      { clientId: 'c' },
      { issuer: 'http://idp.example.com', clientId: 'c' },
      { issuer: 'https://idp.example.com' },
      { issuer: 'https://idp.example.com', clientId: 'c', scopes: 42 },
      { issuer: 'https://idp.example.com', clientId: 'c', redirectPort: 80 },
      { issuer: 'https://ok.example.com', clientId: 'c' },
      { issuer: 'https://ok.example.com', clientId: 'other' },
    ]);
    assert.equal(profiles.length, 1);
    assert.deepEqual(problems.map((p) => p.slice(0, 27)), [
      'tokenInspector.profiles[0] ',
      'tokenInspector.profiles[1] ',
      'tokenInspector.profiles[2]:',
      'tokenInspector.profiles[3] ',
      'tokenInspector.profiles[4]:',
      'tokenInspector.profiles[5]:',
      'tokenInspector.profiles[7]:',
    ]);
    assert.match(problems[2], /must use https/);
    assert.match(problems[5], /1024 to 65535/);
    assert.match(problems[6], /already named "ok.example.com"/);
    assert.match(readProfiles({}).problems[0], /must be an array/);
    assert.deepEqual(readProfiles(undefined), { profiles: [], problems: [] });
  });

  it('explains unusable issuer URLs', () => {
    assert.equal(issuerProblem('https://acme.zitadel.cloud'), undefined);
    assert.equal(issuerProblem('http://localhost:8080'), undefined);
    assert.equal(issuerProblem('http://[::1]:8080'), undefined);
    assert.match(issuerProblem('acme.zitadel.cloud')!, /is not a URL/);
    assert.match(issuerProblem('http://acme.zitadel.cloud')!, /must use https/);
    assert.match(issuerProblem('https://a.example/.well-known/openid-configuration')!, /without \/\.well-known/);
    assert.match(issuerProblem('https://a.example/?x=1')!, /credentials, a query or a fragment/);
    assert.match(issuerProblem('https://u:p@a.example')!, /credentials, a query or a fragment/);
    assert.equal(normaliseIssuer(' https://a.example/tenant// '), 'https://a.example/tenant');
  });

  it('normalises scopes and offers the ZITADEL presets', () => {
    assert.deepEqual(normaliseScopes('  email openid  profile email '), ['openid', 'email', 'profile']);
    assert.deepEqual(normaliseScopes([]), ['openid']);
    assert.ok(SCOPE_PRESETS.some((p) => p.scope === 'urn:zitadel:iam:org:project:id:zitadel:aud'));
    assert.equal(SCOPE_PRESETS.length, 6);
  });

  it('reads the client authentication method, auto by default, and refuses unknown ones', () => {
    const base = { issuer: 'https://a.example', clientId: 'c' };
    const { profiles, problems } = readProfiles([
      { ...base, name: 'a' },
      { ...base, name: 'b', authMethod: 'client_secret_post' },
      { ...base, name: 'c', authMethod: 'auto' },
      { ...base, name: 'd', authMethod: 'client_secret_jwt' },
    ]);
    assert.deepEqual(profiles.map((p) => p.authMethod), [undefined, 'client_secret_post', undefined]);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /profiles\[3\]: "authMethod" must be one of auto, none, client_secret_basic, client_secret_post, private_key_jwt/);
  });
});
