import { strict as assert } from 'node:assert';
import { readProfiles, SCOPE_PRESETS } from '../../src/core/profiles';

describe('profiles: the scopes offered and the settings refused', () => {
  it('offers the standard scopes picked and each optional scope unpicked, each with what it brings, word for word', () => {
    assert.deepEqual(
      SCOPE_PRESETS.map(({ scope, detail, picked }) => ({ scope, detail, picked })),
      [
        { scope: 'openid profile email', detail: 'Standard OpenID Connect claims', picked: true },
        { scope: 'offline_access', detail: 'A refresh token, to refresh without signing in again', picked: false },
        { scope: 'urn:zitadel:iam:user:metadata', detail: "ZITADEL: the user's metadata in the token and userinfo", picked: false },
        { scope: 'urn:zitadel:iam:org:project:id:zitadel:aud', detail: "ZITADEL: the API's audience, needed to call ZITADEL's APIs with the token", picked: false },
        { scope: 'urn:zitadel:iam:org:projects:roles', detail: 'ZITADEL: roles of the projects in the audience', picked: false },
        { scope: 'urn:zitadel:iam:user:resourceowner', detail: "ZITADEL: the user's organization (ID, name, primary domain)", picked: false },
      ],
    );
  });

  it('skips a profile whose "apiBaseUrl" is not a string, saying which entry and why', () => {
    for (const apiBaseUrl of [42, null, { url: 'https://api.x.example' }, ['https://api.x.example']]) {
      const result = readProfiles([{ issuer: 'https://x.example', clientId: 'c' }, { issuer: 'https://y.example', clientId: 'c', apiBaseUrl }]);
      assert.deepEqual(result.profiles.map((p) => p.name), ['x.example']);
      assert.deepEqual(result.problems, ['tokenInspector.profiles[1]: apiBaseUrl: "apiBaseUrl" must be a URL string.'], JSON.stringify(apiBaseUrl));
    }
  });

  it('reads a missing or null setting as no profiles, without complaint', () => {
    assert.deepEqual(readProfiles(null), { profiles: [], problems: [] });
    assert.deepEqual(readProfiles(undefined), { profiles: [], problems: [] });
    assert.deepEqual(readProfiles({}), { profiles: [], problems: ['tokenInspector.profiles must be an array of profiles; it was ignored.'] });
  });

  it('skips entries that are not objects, naming each by its place in the setting', () => {
    const result = readProfiles([null, 'https://x.example', ['https://x.example'], 42, { issuer: 'https://x.example', clientId: 'c' }]);
    assert.deepEqual(result.profiles.map((p) => p.name), ['x.example']);
    assert.deepEqual(result.problems, [0, 1, 2, 3].map((i) => `tokenInspector.profiles[${i}] is not an object; it was skipped.`));
  });
});
