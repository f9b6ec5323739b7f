// Issuer profiles read from the settings, at their edges (pure function called directly): blank
// texts, scope lists with a non-text item, the ends of the redirect port range, names with spaces.
import { strict as assert } from 'node:assert';
import { readProfiles } from '../../src/core/profiles';

const ISSUER = 'https://x.example';

describe('issuer profiles: edges', () => {
  it('skips an entry whose issuer or client ID is only spaces, saying which is missing', () => {
    assert.deepEqual(readProfiles([{ issuer: '   ', clientId: 'c' }, { issuer: ISSUER, clientId: '  ' }]), {
      profiles: [],
      problems: ['tokenInspector.profiles[0] has no "issuer"; it was skipped.', 'tokenInspector.profiles[1] has no "clientId"; it was skipped.'],
    });
  });

  it('skips scopes given as a list with an item that is not text', () => {
    assert.deepEqual(readProfiles([{ issuer: ISSUER, clientId: 'c', scopes: ['openid', 5] }]), {
      profiles: [],
      problems: ['tokenInspector.profiles[0]: "scopes" must be a string or an array of strings; it was skipped.'],
    });
  });

  it('takes redirect ports 1024 and 65535, and skips 65536', () => {
    const { profiles, problems } = readProfiles([
      { name: 'low', issuer: ISSUER, clientId: 'c', redirectPort: 1024 },
      { name: 'high', issuer: ISSUER, clientId: 'c', redirectPort: 65535 },
      { name: 'over', issuer: ISSUER, clientId: 'c', redirectPort: 65536 },
    ]);
    assert.deepEqual(profiles.map((p) => [p.name, p.redirectPort]), [['low', 1024], ['high', 65535]]);
    assert.deepEqual(problems, ['tokenInspector.profiles[2]: "redirectPort" must be a whole number from 1024 to 65535 (or left out for a free port); it was skipped.']);
  });

  it('trims a name, and names a profile with a blank name after its issuer host', () => {
    const { profiles } = readProfiles([
      { name: '  Acme  ', issuer: ISSUER, clientId: 'c' },
      { name: '   ', issuer: 'https://y.example', clientId: 'c' },
    ]);
    assert.deepEqual(profiles.map((p) => p.name), ['Acme', 'y.example']);
  });
});
