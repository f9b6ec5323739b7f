import { strict as assert } from 'node:assert';
import { decodeMetadataValue } from '../../src/core/zitadel/metadata';
import { compareMetadataSources } from '../../src/core/zitadel/metadataSources';

const entries = (o: Record<string, string>) => Object.entries(o).map(([k, v]) => decodeMetadataValue(k, v));

describe('metadata from several sources', () => {
  it('matches values across encodings (claims base64url, API standard base64)', () => {
    const rows = compareMetadataSources({
      idToken: entries({ 'P-ID': 'MTIzNTE5ODM', a: 'YQ' }),
      userinfo: entries({ 'P-ID': 'MTIzNTE5ODM', a: 'YQ' }),
      authApi: entries({ 'P-ID': 'MTIzNTE5ODM=', a: 'YQ==' }),
    });
    assert.deepEqual(rows.map((r) => [r.key, r.status]), [['P-ID', 'same'], ['a', 'same']]);
    assert.equal(rows[0].values.authApi?.raw, 'MTIzNTE5ODM=');
  });
  it('flags differing values and keys some source lacks', () => {
    const rows = compareMetadataSources({
      idToken: entries({ x: Buffer.from('old').toString('base64url') }),
      authApi: entries({ x: Buffer.from('new').toString('base64'), y: 'eQ==' }),
    });
    assert.deepEqual(rows.map((r) => [r.key, r.status, Object.keys(r.values)]), [
      ['x', 'differs', ['idToken', 'authApi']],
      ['y', 'partial', ['authApi']],
    ]);
  });
  it('ignores sources that were not consulted', () => {
    assert.deepEqual(compareMetadataSources({ authApi: entries({ k: 'dg==' }) }).map((r) => r.status), ['same']);
    assert.deepEqual(compareMetadataSources({}), []);
  });
});
