import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { inspectClaims, inspectToken } from '../../src/core/inspect';
import { makeJwt } from '../fixtures/tokens';

describe('inspection warnings, word for word', () => {
  it('warns about a metadata claim that is not an object, and about each metadata value it cannot decode', () => {
    assert.deepEqual(inspectClaims({ 'urn:zitadel:iam:user:metadata': ['MTIz'] }).warnings, ['ZITADEL metadata: the metadata claim is not an object of { key: base64 value }.']);
    assert.deepEqual(inspectClaims({ 'urn:zitadel:iam:user:metadata': { ok: 'MTIz', bad: '!!', num: 5 } }).warnings, [
      'ZITADEL metadata "bad": not valid base64 or base64url.',
      'ZITADEL metadata "num": expected a base64 string, got number.',
    ]);
  });

  it('warns about role claims that are not shaped as ZITADEL documents them', () => {
    assert.deepEqual(inspectClaims({ 'urn:zitadel:iam:org:project:roles': { admin: 'all' } }).warnings, ['ZITADEL roles: urn:zitadel:iam:org:project:roles → admin is not an object of { orgId: domain }.']);
  });

  it('warns about time claims that are no usable number of seconds, and about ones in milliseconds', () => {
    const { warnings } = inspectToken(makeJwt({ exp: 'tomorrow', iat: 1_764_590_400_000, nbf: 1e20 }));
    assert.deepEqual(warnings, [
      '"exp" should be a number of seconds since 1970 but is "tomorrow".',
      '"iat" (1764590400000) looks like milliseconds; JWT times are in seconds.',
      '"nbf" is 100000000000000000000, outside the range of dates (seconds since 1970 within about ±275,000 years).',
    ]);
  });

  it('translates an unreadable time claim\'s warning by its key with the translators\' comment', () => {
    l10n.config({ contents: { '"{0}" {1}./A claim name, then what is wrong with its value': '{0} : {1} !' } });
    try {
      assert.ok(inspectToken(makeJwt({ exp: 'soon' })).warnings.some((w) => w.startsWith('exp : ')), 'the translated warning');
    } finally {
      l10n.config({ contents: {} });
    }
  });
});
