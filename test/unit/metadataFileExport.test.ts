// Exporting a user's metadata to a file (pure: the entries as the API client decodes them).
import { strict as assert } from 'node:assert';
import { decodeMetadataValue, type MetadataEntry } from '../../src/core/zitadel/metadata';
import { exportMetadata, planMetadataImport, type MetadataFile } from '../../src/core/zitadel/metadataFile';

const text = (key: string, value: string) => decodeMetadataValue(key, Buffer.from(value).toString('base64'));
const exported = (entries: MetadataEntry[]) => JSON.parse(exportMetadata(entries, { now: new Date('2026-12-01T00:00:00Z') })) as MetadataFile;

describe('metadata files: the export', () => {
  it('names its format and version, so an import knows the file for what it is', () => {
    const file = exported([text('a', '1')]);
    assert.equal(file.format, 'token-inspector.zitadel-metadata');
    assert.equal(file.version, 1);
    assert.deepEqual(Object.keys(file), ['format', 'version', 'exportedAt', 'metadata'], 'no instance, user or notExported when there are none');
    const refused = () => planMetadataImport([], JSON.stringify({ ...file, format: 'something-else' }));
    assert.throws(refused, /The file's "format" is "something-else", not token-inspector\.zitadel-metadata\./);
  });

  it('lists the entries sorted by key whatever order they came in', () => {
    const file = exported([text('c', '3'), text('a', '1'), text('d', '4'), text('b', '2')]);
    assert.deepEqual(file.metadata, [
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
      { key: 'c', value: '3' },
      { key: 'd', value: '4' },
    ]);
  });

  it('lists values it cannot read under "notExported", with the reason, and exports the others', () => {
    const file = exported([text('ok', 'fine'), decodeMetadataValue('broken', '!!not base64!!'), decodeMetadataValue('odd', 42)]);
    assert.deepEqual(file.metadata, [{ key: 'ok', value: 'fine' }]);
    assert.deepEqual(file.notExported, [
      { key: 'broken', reason: 'its value could not be read: not valid base64 or base64url' },
      { key: 'odd', reason: 'its value could not be read: expected a base64 string, got number' },
    ]);
  });

  it('says a value is unreadable or not base64 even when the entry carries no reason of its own', () => {
    const binary: MetadataEntry = { key: 'bytes', raw: '!!', value: '', encoding: 'binary', byteLength: 0 };
    const invalid: MetadataEntry = { key: 'invalid', raw: '!!', value: '!!', encoding: 'invalid', byteLength: 0 };
    assert.deepEqual(exported([binary, invalid]).notExported, [
      { key: 'bytes', reason: 'its value is not base64 (unreadable)' },
      { key: 'invalid', reason: 'its value could not be read: not base64' },
    ]);
    assert.deepEqual(exported([{ ...binary, problem: 'cut short' }]).notExported, [{ key: 'bytes', reason: 'its value is not base64 (cut short)' }]);
  });

  it('exports JSON values as JSON unless they hold a number too long to read back exactly', () => {
    const file = exported([text('small', '{"n": 5, "id": 123456789012345}'), text('long', '{"id": 1234567890123456}')]);
    assert.deepEqual(file.metadata, [
      { key: 'long', value: '{"id": 1234567890123456}' },
      { key: 'small', json: { n: 5, id: 123456789012345 } },
    ]);
  });
});
