// What the tree and the inspector say about ZITADEL metadata besides its value: the API's facts
// (change date, resource owner) and the comparison of the places metadata comes from.
import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { decodeMetadataValue } from '../../src/core/zitadel/metadata';
import { describeFacts, shortUtc, type MetadataFacts } from '../../src/core/zitadel/metadataFacts';
import { comparableValue, compareMetadataSources, SOURCE_LABELS } from '../../src/core/zitadel/metadataSources';

const entry = (facts: Record<string, unknown>) => ({ ...decodeMetadataValue('k', 'dg=='), ...facts }) as ReturnType<typeof decodeMetadataValue> & MetadataFacts;

describe('ZITADEL metadata: facts and sources', () => {
  it('formats only RFC 3339 times that start with the date, and shows any other date text as sent', () => {
    assert.equal(shortUtc('2024-05-01T10:00:00Z'), '2024-05-01 10:00 UTC');
    for (const text of ['May 1, 2024', '2024-05-01', '2024-05-01 10:00:00Z', '+002024-05-01T10:00:00Z', 'x2024-05-01T10:00:00Z']) {
      assert.equal(shortUtc(text), text);
    }
  });

  it('clips date text only beyond 40 characters', () => {
    assert.equal(shortUtc('y'.repeat(40)), 'y'.repeat(40));
    assert.equal(shortUtc('y'.repeat(41)), `${'y'.repeat(40)}…`);
  });

  it('names the resource owner only when it is non-empty text', () => {
    assert.equal(describeFacts(entry({ resourceOwner: '170086363054473473' })), 'owner 170086363054473473');
    for (const resourceOwner of ['', 170086363054473473, true, { id: '1' }]) {
      assert.equal(describeFacts(entry({ resourceOwner })), '', JSON.stringify(resourceOwner));
    }
    assert.equal(describeFacts(entry({ changeDate: '2024-05-01T10:00:00Z', resourceOwner: '' })), 'changed 2024-05-01 10:00 UTC');
  });

  it('lists the keys of all sources in sorted order', () => {
    const values = (keys: string[]) => keys.map((key) => decodeMetadataValue(key, 'dg=='));
    const rows = compareMetadataSources({ idToken: values(['zeta', 'alpha']), authApi: values(['mid', 'alpha', 'beta']) });
    assert.deepEqual(rows.map((r) => [r.key, r.status]), [['alpha', 'same'], ['beta', 'partial'], ['mid', 'partial'], ['zeta', 'partial']]);
  });

  it('compares values that cannot be decoded by their raw text', () => {
    const rows = compareMetadataSources({ idToken: [decodeMetadataValue('k', '!!one!!')], authApi: [decodeMetadataValue('k', '!!two!!')] });
    assert.equal(rows[0].status, 'differs');
    const same = compareMetadataSources({ idToken: [decodeMetadataValue('k', '!!one!!')], authApi: [decodeMetadataValue('k', '!!one!!')] });
    assert.equal(same[0].status, 'same');
  });

  describe('translated', () => {
    after(() => l10n.config({ contents: {} }));

    it('labels the sources and the owner with the translations keyed by message and translator comment (as in l10n/bundle.l10n.json)', () => {
      l10n.config({
        contents: {
          'ID token': 'ID-Token',
          "userinfo/The OpenID Connect userinfo endpoint's answer": 'Userinfo-Antwort',
          "auth API/ZITADEL's auth API": 'Auth-API',
          'owner {0}/The resource owner (organization) of a metadata entry': 'Eigentümer {0}',
        },
      });
      assert.deepEqual({ ...SOURCE_LABELS }, { idToken: 'ID-Token', userinfo: 'Userinfo-Antwort', authApi: 'Auth-API' });
      assert.equal(describeFacts(entry({ resourceOwner: '1700' })), 'Eigentümer 1700');
    });
  });

  it('tells bytes, text and undecodable values apart even when they read the same', () => {
    const bytes = decodeMetadataValue('k', Buffer.from([0, 1]).toString('base64'));
    const textOfHex = decodeMetadataValue('k', Buffer.from('0001').toString('base64'));
    const undecodable = decodeMetadataValue('k', '!!x');
    const textOfRaw = decodeMetadataValue('k', Buffer.from('!!x').toString('base64'));
    assert.deepEqual([bytes.value, textOfHex.value, undecodable.value, textOfRaw.value], ['0001', '0001', '!!x', '!!x']);
    assert.deepEqual([bytes, textOfHex, undecodable, textOfRaw].map(comparableValue), ['hex:0001', 'text:0001', 'raw:!!x', 'text:!!x']);
    assert.equal(compareMetadataSources({ idToken: [bytes], authApi: [textOfHex] })[0].status, 'differs');
    assert.equal(compareMetadataSources({ idToken: [undecodable], authApi: [textOfRaw] })[0].status, 'differs');
  });
});
