// Export and import of a user's metadata (issue 12), against the ZITADEL contract server: the
// export holds decoded values, an import is planned (added / changed / unchanged / refused with
// the client's own reasons) before anything is written, and the planned writes go through the
// real client.
import { strict as assert } from 'node:assert';
import { startDemoIssuer, type DemoIssuer } from '../../demo/issuer';
import { ZitadelApiClient, type ApiMetadataEntry } from '../../src/core/zitadel/api';
import { decodeMetadataValue } from '../../src/core/zitadel/metadata';
import { exportMetadata, METADATA_FILE_FORMAT, planMetadataImport, type MetadataFile } from '../../src/core/zitadel/metadataFile';
import { hostileValues } from '../fixtures/hostile';
import { DEMO_ORG_ID, startZitadelApi, type ContractServer } from '../support/zitadelApi/index';

const USER = '300000000000000002';
const PAT = 'pat-for-files';
const entry = (key: string, text: string) => decodeMetadataValue(key, Buffer.from(text).toString('base64'));

describe('metadata files: export and import with a preview', () => {
  let issuer: DemoIssuer;
  let api: ContractServer;
  let client: ZitadelApiClient;
  let current: ApiMetadataEntry[];

  before(async () => {
    issuer = await startDemoIssuer();
    api = await startZitadelApi({ issuer: issuer.issuer, users: [{ id: USER, orgId: DEMO_ORG_ID }], pats: [{ token: PAT, userId: USER, permissions: ['user.read', 'user.write'] }] });
    client = new ZitadelApiClient({ baseUrl: api.url, token: PAT });
  });
  after(async () => {
    await api?.stop();
    await issuer?.stop();
  });
  beforeEach(async () => {
    api.setMetadata(USER, { 'P-ID': '12351983', settings: '{"theme": "dark", "beta": true}', 'org/id': '{"id": 170086363054473473}', avatar: Uint8Array.of(0xff, 0, 0x10, 0x80) });
    for (const key of api.metadataOf(USER).keys()) if (!['P-ID', 'settings', 'org/id', 'avatar'].includes(key)) await client.removeUserMetadata(USER, [key]);
    current = await client.listUserMetadata(USER);
  });

  it('exports decoded values: text as text, JSON as JSON, bytes as base64', () => {
    const file = JSON.parse(exportMetadata(current, { instance: api.url, userId: USER, now: new Date('2026-01-02T03:04:05Z') })) as MetadataFile;
    assert.deepEqual(file, {
      format: METADATA_FILE_FORMAT,
      version: 1,
      instance: api.url,
      userId: USER,
      exportedAt: '2026-01-02T03:04:05.000Z',
      metadata: [
        { key: 'P-ID', value: '12351983' },
        { key: 'avatar', base64: '/wAQgA==' },
        // An id beyond 2^53 would be rounded as a JSON number: kept as its exact text.
        { key: 'org/id', value: '{"id": 170086363054473473}' },
        { key: 'settings', json: { theme: 'dark', beta: true } },
      ],
    });
  });

  it('imports its own export as unchanged: nothing to write', () => {
    const plan = planMetadataImport(current, exportMetadata(current));
    assert.deepEqual(plan.counts, { added: 0, changed: 0, unchanged: 4, refused: 0 });
    assert.deepEqual(plan.writes, []);
    assert.equal(plan.untouched, 0);
  });

  it('plans added, changed, unchanged and refused rows, and writes only what changes', async () => {
    const file = JSON.stringify({
      metadata: [
        { key: 'P-ID', value: '99' },
        { key: 'settings', json: { beta: true, theme: 'dark' } }, // the same JSON, other order and spacing
        { key: 'new', json: [1, 2] },
        { key: 'bytes', base64: 'AAEC' },
        { key: 'empty', value: '' },
        { key: 'x'.repeat(201), value: 'v' },
        { key: 'gone', json: null },
        { key: 'two', value: 'a', json: 'b' },
        { key: 'num', value: 5 },
        { key: 'bad', base64: 'not base64!' },
        { key: 'P-ID', value: 'again' },
        'not an entry',
      ],
    });
    const plan = planMetadataImport(current, file);
    const row = (i: number) => plan.rows[i];
    assert.deepEqual(plan.rows.map((r) => r.status), ['changed', 'unchanged', 'added', 'added', 'refused', 'refused', 'refused', 'refused', 'refused', 'refused', 'refused', 'refused']);
    assert.deepEqual([row(0).before?.value, row(0).after?.value], ['12351983', '99']);
    assert.deepEqual(row(2).after?.json, [1, 2]);
    assert.equal(row(3).after?.value, '000102');
    assert.match(row(4).reason!, /The value of "empty" is empty; ZITADEL needs 1 to 500000 bytes/);
    assert.match(row(5).reason!, /has 201 characters; ZITADEL allows at most 200/);
    assert.match(row(6).reason!, /import never removes keys/);
    assert.match(row(7).reason!, /exactly one of "value" \(text\), "json" or "base64"; this entry has "value", "json"/);
    assert.match(row(8).reason!, /"value" is text; for 5 use "json"/);
    assert.match(row(9).reason!, /is not valid base64/);
    assert.match(row(10).reason!, /more than once; only its first entry is used/);
    assert.match(row(11).reason!, /Entry 12 is not an object/);
    assert.deepEqual(plan.counts, { added: 2, changed: 1, unchanged: 1, refused: 8 });
    assert.equal(plan.untouched, 2, 'avatar and org/id are left as they are');

    // Nothing has been written yet; now write what the preview showed.
    assert.equal(api.metadataOf(USER).get('P-ID')?.toString(), '12351983');
    await client.setUserMetadata(USER, plan.writes);
    const after = await client.listUserMetadata(USER);
    assert.deepEqual(after.map((e) => [e.key, e.value]).sort(), [['P-ID', '99'], ['avatar', 'ff001080'], ['bytes', '000102'], ['new', '[1,2]'], ['org/id', '{"id": 170086363054473473}'], ['settings', '{"theme": "dark", "beta": true}']]);
    assert.deepEqual(planMetadataImport(after, file).counts, { added: 0, changed: 0, unchanged: 4, refused: 8 });
  });

  it('reads a plain list and a plain map too', () => {
    const list = planMetadataImport(current, JSON.stringify([{ key: 'P-ID', value: '12351983' }, { key: 'k', base64: 'aGk=' }]));
    assert.deepEqual(list.rows.map((r) => [r.key, r.status]), [['P-ID', 'unchanged'], ['k', 'added']]);
    const map = planMetadataImport(current, `\uFEFF${JSON.stringify({ 'P-ID': '1', settings: { theme: 'dark', beta: true }, n: 3, off: false, gone: null })}`);
    assert.deepEqual(map.rows.map((r) => [r.key, r.status]), [['P-ID', 'changed'], ['settings', 'unchanged'], ['n', 'added'], ['off', 'added'], ['gone', 'refused']]);
    assert.deepEqual(map.writes, [{ key: 'P-ID', base64: 'MQ==' }, { key: 'n', base64: 'Mw==' }, { key: 'off', base64: 'ZmFsc2U=' }]);
  });

  it('refuses a file that is not metadata, saying what would be', () => {
    for (const [text, pattern] of [
      ['not json', /The file is not JSON/],
      ['42', /holds 42, not metadata/],
      [JSON.stringify({ format: 'other', metadata: [] }), /"format" is "other"/],
      [JSON.stringify({ format: METADATA_FILE_FORMAT }), /has no "metadata" list/],
      [`${'['.repeat(100)}${']'.repeat(100)}`, /nests objects and arrays more than 64 levels/],
      ['"'.padEnd(17 * 1024 * 1024, 'x'), /limited to 16 MB/],
    ] as const) {
      assert.throws(() => planMetadataImport(current, text), (err: Error) => err.name === 'ZitadelApiError' && pattern.test(err.message), String(pattern));
    }
  });

  it('keeps hostile keys and values as they are, refusing only what ZITADEL cannot store', () => {
    const file = JSON.stringify({ metadata: hostileValues().map(({ value }, i) => ({ key: `${i}:${value}`.slice(0, 200), value })) });
    const plan = planMetadataImport([entry('0:x', 'y')], file);
    for (const row of plan.rows) {
      if (row.status === 'refused') assert.match(row.reason!, /lone UTF-16 surrogate|broken character/, row.key);
      else assert.equal(row.status, 'added');
    }
    assert.ok(plan.counts.added >= hostileValues().length - 3);
    assert.deepEqual(JSON.parse(JSON.stringify(plan)), plan, 'plain JSON for the preview');
  });
});
