// "Copy as curl" (issue 12): every command is parsed back by real shells (bash and dash) to
// exactly the intended arguments, whatever hostile text it carries; the commands run for real
// with curl against the ZITADEL contract server and send byte for byte what the API client
// sends; the jq command decodes a real token with the real jq.
import { strict as assert } from 'node:assert';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoIssuer, type DemoIssuer } from '../../demo/issuer';
import { idTokenJqCommand, myMetadataCommand, shellQuote, userinfoCommand, userMetadataCommand, type ShellCommand, type UserMetadataCall } from '../../src/core/curl';
import { ZitadelApiClient, ZitadelApiError, type UserApiVersion } from '../../src/core/zitadel/api';
import { getUserMetadataRequests, listMyMetadataRequest, removeUserMetadataRequests, setUserMetadataRequests } from '../../src/core/zitadel/api/requests';
import type { RouteRequest } from '../../src/core/zitadel/api/routes';
import { encodeInputs } from '../../src/core/zitadel/api/validate';
import { hostileValues } from '../fixtures/hostile';
import { b64url, makeJwt, zitadelClaims } from '../fixtures/tokens';
import { DEMO_ORG_ID, startZitadelApi, type ContractServer, type RecordedRequest } from '../support/zitadelApi/index';

const SHELLS = ['bash', 'dash'];
const dir = mkdtempSync(join(tmpdir(), 'curl-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a script file with `shell` and returns its stdout bytes. */
function runScript(shell: string, script: string, env: Record<string, string> = {}): Buffer {
  const file = join(dir, `script-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(file, script);
  const result = spawnSync(shell, [file], { env: { PATH: process.env.PATH, ...env }, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  assert.equal(result.status, 0, `${shell}: ${result.stderr}`);
  return result.stdout;
}

/** The same, without blocking: needed when the script talks to a server in this process. */
function runScriptAsync(shell: string, script: string, env: Record<string, string> = {}): Promise<Buffer> {
  const file = join(dir, `script-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(file, script);
  return new Promise((resolve, reject) => {
    const child = spawn(shell, [file], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`${shell} exited ${code}: ${err}`))));
  });
}

/** The arguments a shell passes to `curl` for this command (curl replaced by a function printing them NUL-separated). */
function argvOf(shell: string, command: ShellCommand, token = 'the-token'): string[] {
  const out = runScript(shell, `curl() { printf '%s\\0' "$@"; }\n${command.text}\n`, command.variable ? { [command.variable]: token } : {});
  return out.toString('utf8').split('\0').slice(0, -1);
}

const utf8 = (text: string) => Buffer.from(text, 'utf8').toString('utf8'); // what a shell sees: lone surrogates as U+FFFD

describe('copy as curl: shell quoting', () => {
  it('gives back every hostile value as one exact argument in bash and dash', () => {
    const values = hostileValues().filter((v) => !v.value.includes('\0'));
    const extra = ["'", "''", "a'b'c", '"$HOME"', '$(id)', '`id`', '\\', '\\\'', '!', '!!', '-n', '--url', '=cmd', '~', '*', '?', '[a]', '#', ' ', '', '\t\n', 'a\nb\n', '%s', '--data-raw=@/etc/passwd'];
    const all = [...values.map((v) => v.value), ...extra];
    const script = all.map((v) => `printf '%s\\0' ${shellQuote(v)}`).join('\n');
    for (const shell of SHELLS) {
      const out = runScript(shell, script).toString('utf8').split('\0').slice(0, -1);
      assert.equal(out.length, all.length, shell);
      all.forEach((v, i) => assert.equal(out[i], utf8(v), `${shell}: ${JSON.stringify(v.slice(0, 60))}`));
    }
  });

  it('refuses a NUL character, which no shell argument can hold', () => {
    assert.throws(() => shellQuote('a\0b'), RangeError);
  });
});

describe('copy as curl: the four ways to get metadata', () => {
  let issuer: DemoIssuer;
  let api: ContractServer;
  const USER = '300000000000000001';
  const PAT = 'pat-for-curl';

  before(async () => {
    issuer = await startDemoIssuer();
    api = await startZitadelApi({ issuer: issuer.issuer, users: [{ id: USER, orgId: DEMO_ORG_ID }], pats: [{ token: PAT, userId: USER, permissions: ['user.read', 'user.write'] }] });
    api.setMetadata(USER, { 'P-ID': '12351983', 'a/b': 'slash', settings: '{"theme":"dark"}' });
  });
  after(async () => {
    await api?.stop();
    await issuer?.stop();
  });

  const client = (userApi: UserApiVersion, orgId?: string) => new ZitadelApiClient({ baseUrl: api.url, token: PAT, userApi, orgId });
  /** What the client sends for `run`, as the server recorded it. */
  async function clientSends(run: () => Promise<unknown>): Promise<RecordedRequest[]> {
    const from = api.requests.length;
    await run();
    return api.requests.slice(from);
  }
  /** What the command sends when run for real with curl (and its output). */
  async function curlSends(command: ShellCommand): Promise<{ requests: RecordedRequest[]; output: string }> {
    const from = api.requests.length;
    const output = (await runScriptAsync('bash', `${command.text}\n`, { ACCESS_TOKEN: PAT })).toString('utf8');
    return { requests: api.requests.slice(from), output };
  }
  const essentials = (r: RecordedRequest) => ({
    method: r.method,
    url: r.url,
    body: r.body,
    accept: r.headers.accept,
    authorization: r.headers.authorization,
    contentType: r.headers['content-type'],
    orgId: r.headers['x-zitadel-orgid'],
  });

  const calls: [string, UserMetadataCall, (c: ZitadelApiClient) => Promise<unknown>][] = [
    ['list', { kind: 'list' }, (c) => c.listUserMetadata(USER)],
    ['list with a filter', { kind: 'list', filter: { key: 'P-', method: 'TEXT_QUERY_METHOD_STARTS_WITH' } }, (c) => c.listUserMetadata(USER, { key: 'P-', method: 'TEXT_QUERY_METHOD_STARTS_WITH' })],
    ['get', { kind: 'get', key: 'P-ID' }, (c) => c.getUserMetadata(USER, 'P-ID')],
    ['get a key with "/"', { kind: 'get', key: 'a/b' }, (c) => c.getUserMetadata(USER, 'a/b')],
    ['set one', { kind: 'set', entries: [{ key: 'P-ID', value: '42' }] }, (c) => c.setUserMetadata(USER, [{ key: 'P-ID', value: '42' }])],
    ['set several', { kind: 'set', entries: [{ key: 'x y', json: { a: "it's" } }, { key: 'bin', value: Uint8Array.of(0, 255) }] }, (c) => c.setUserMetadata(USER, [{ key: 'x y', json: { a: "it's" } }, { key: 'bin', value: Uint8Array.of(0, 255) }])],
    ['remove', { kind: 'remove', keys: ['x y', 'bin'] }, (c) => c.removeUserMetadata(USER, ['x y', 'bin'])],
  ];
  for (const version of ['v2', 'v1'] as const) {
    for (const [name, call, run] of calls) {
      it(`${version} ${name}: curl sends exactly what the client sends`, async () => {
        const orgId = version === 'v1' ? DEMO_ORG_ID : undefined;
        const seed = () => api.setMetadata(USER, { 'x y': 'to remove', bin: 'to remove' }); // both runs find the same keys
        seed();
        const expected = (await clientSends(() => run(client(version, orgId)))).map(essentials);
        const command = userMetadataCommand(api.url, USER, call, { api: version, orgId }, { kind: 'variable' });
        assert.equal(command.variable, 'ACCESS_TOKEN');
        seed();
        const sent = await curlSends(command);
        assert.deepEqual(sent.requests.map(essentials), expected);
        assert.ok(sent.requests.every((r) => r.status === 200), JSON.stringify(sent.requests.map((r) => [r.url, r.status])));
      });
    }
  }

  it('my metadata: the auth API search with the filter in use, as the client sends it', async () => {
    const me = new ZitadelApiClient({ baseUrl: api.url, token: PAT });
    for (const filter of [{}, { key: 'P-ID' }, { key: 'set', method: 'TEXT_QUERY_METHOD_CONTAINS_IGNORE_CASE' as const }]) {
      const expected = (await clientSends(() => me.listMyMetadata(filter))).map(essentials);
      const sent = await curlSends(myMetadataCommand(api.url, filter, { kind: 'variable' }));
      assert.deepEqual(sent.requests.map(essentials), expected, JSON.stringify(filter));
      assert.equal(sent.requests[0].status, 200);
      assert.ok(JSON.parse(sent.output).details, 'the answer is ZITADEL\'s JSON');
    }
  });

  it('userinfo: GET with the access token as a bearer token', async () => {
    const command = userinfoCommand(`${issuer.issuer}/oidc/v1/userinfo`, { kind: 'variable' });
    assert.equal(command.text, `curl --request GET \\\n  --url ${issuer.issuer}/oidc/v1/userinfo \\\n  --header 'Accept: application/json' \\\n  --header "Authorization: Bearer $ACCESS_TOKEN"`);
    for (const shell of SHELLS) {
      assert.deepEqual(argvOf(shell, command), ['--request', 'GET', '--url', `${issuer.issuer}/oidc/v1/userinfo`, '--header', 'Accept: application/json', '--header', 'Authorization: Bearer the-token']);
    }
    // Run for real against the demo issuer: an unknown token is refused the OAuth way.
    const out = (await runScriptAsync('bash', command.text, { ACCESS_TOKEN: 'not-a-token' })).toString();
    assert.match(out, /invalid_token/);
  });

  it('writes the real token into the command only when asked, quoted like any value', () => {
    const token = "eyJ.x'y.z";
    const command = userinfoCommand('https://issuer.example/oidc/v1/userinfo', { kind: 'value', token });
    assert.equal(command.variable, undefined);
    for (const shell of SHELLS) assert.deepEqual(argvOf(shell, command).slice(-2), ['--header', `Authorization: Bearer ${token}`]);
    assert.throws(() => userinfoCommand('https://issuer.example/u', { kind: 'value', token: 'a\nb' }), /line breaks or NUL/);
  });

  it('keeps hostile keys, filters, organization IDs, endpoints and tokens exactly the intended arguments', () => {
    const BASE = 'https://zitadel.example';
    /** The argv curl must get, from the client's own request builders. */
    const intended = (request: RouteRequest, token: string, extra: string[] = []) => [
      '--request', request.method, '--url', `${BASE}${request.path}`, '--header', 'Accept: application/json', '--header', `Authorization: Bearer ${token}`,
      ...(request.body === undefined ? [] : ['--header', 'Content-Type: application/json']), ...extra,
      ...(request.body === undefined ? [] : ['--data-raw', JSON.stringify(request.body)]),
    ];
    let checked = 0;
    for (const { name, value } of hostileValues()) {
      const key = value.slice(0, 200);
      const cases: [() => ShellCommand, () => string[], string][] = [
        [() => myMetadataCommand(BASE, { key }, { kind: 'variable' }), () => intended(listMyMetadataRequest(0, 100, { key }), 'the-token'), 'the-token'],
        [() => userMetadataCommand(BASE, USER, { kind: 'set', entries: [{ key, value }] }, { api: 'v1', orgId: DEMO_ORG_ID }, { kind: 'variable' }), () => intended(setUserMetadataRequests(USER, encodeInputs([{ key, value }])).v1, 'the-token', ['--header', `x-zitadel-orgid: ${DEMO_ORG_ID}`]), 'the-token'],
        [() => userMetadataCommand(BASE, USER, { kind: 'remove', keys: [key] }, { api: 'v2' }, { kind: 'variable' }), () => intended(removeUserMetadataRequests(USER, [key]).v2, 'the-token'), 'the-token'],
        [() => userMetadataCommand(BASE, USER, { kind: 'get', key }, { api: 'v1', orgId: DEMO_ORG_ID }, { kind: 'value', token: value }), () => intended(getUserMetadataRequests(USER, key).v1, value, ['--header', `x-zitadel-orgid: ${DEMO_ORG_ID}`]), value],
        [() => userinfoCommand(`https://issuer.example/${value}`, { kind: 'value', token: value }), () => ['--request', 'GET', '--url', new URL(`https://issuer.example/${value}`).href, '--header', 'Accept: application/json', '--header', `Authorization: Bearer ${value}`], value],
      ];
      for (const [make, expected, token] of cases) {
        let command: ShellCommand;
        try {
          command = make();
        } catch (err) {
          assert.ok(err instanceof ZitadelApiError && err.code === 'validation', `${name}: ${String(err)}`); // refused with the client's reason
          continue;
        }
        for (const shell of SHELLS) assert.deepEqual(argvOf(shell, command, token), expected().map(utf8), `${shell}: ${name}`);
        checked++;
      }
    }
    assert.ok(checked > 250, `${checked} commands checked`);
  });

  it('refuses endpoints that are not https (or loopback http)', () => {
    for (const url of ['http://issuer.example/userinfo', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
      assert.throws(() => userinfoCommand(url, { kind: 'variable' }), (err) => err instanceof ZitadelApiError && /no command sends the token there|is not a URL/.test(err.message), url);
    }
    assert.throws(() => myMetadataCommand('http://zitadel.example', {}, { kind: 'variable' }), /neither https nor on this computer/);
  });

  it('checks inputs with the client\'s own rules before writing a command', () => {
    assert.throws(() => userMetadataCommand(api.url, 'a/b', { kind: 'list' }, { api: 'v2' }, { kind: 'variable' }), /not a user ID ZITADEL can be asked about/);
    assert.throws(() => userMetadataCommand(api.url, USER, { kind: 'set', entries: [{ key: 'k', value: '' }] }, { api: 'v2' }, { kind: 'variable' }), /is empty/);
    assert.throws(() => myMetadataCommand(api.url, { key: 'x'.repeat(201) }, { kind: 'variable' }), /at most 200/);
  });
});

describe('copy as curl: the ID token with jq', () => {
  it('decodes a base64url payload (where the guide\'s @base64d fails) and the metadata values, with the real jq', () => {
    const claims = { ...zitadelClaims(1_750_000_000), note: 'ü?>>' }; // "?>>" encodes to base64url with "_" and "-"
    const token = makeJwt(claims);
    assert.match(token.split('.')[1], /[-_]/);
    for (const ref of [{ kind: 'variable' } as const, { kind: 'value', token } as const]) {
      const command = idTokenJqCommand(ref);
      const out = execFileSync('bash', ['-c', command.text], { env: { PATH: process.env.PATH, ID_TOKEN: token }, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
      const decoded = JSON.parse(out);
      assert.equal(decoded.note, 'ü?>>');
      assert.deepEqual(decoded['urn:zitadel:iam:user:metadata']['P-ID'], '12351983');
      assert.deepEqual(decoded['urn:zitadel:iam:user:metadata'].settings, '{"theme":"dark","beta":true}');
      assert.equal(decoded.sub, claims.sub);
    }
    // The guide's own command fails on this token: the reason this one maps the alphabet first.
    const guide = spawnSync('bash', ['-c', `jq -R 'split(".") | .[1] | @base64d | fromjson' <<< "$ID_TOKEN"`], { env: { PATH: process.env.PATH, ID_TOKEN: token }, stdio: ['ignore', 'pipe', 'pipe'] });
    assert.notEqual(guide.status, 0);
    // A token without metadata passes through unchanged.
    const plain = execFileSync('sh', ['-c', idTokenJqCommand({ kind: 'variable' }).text], { env: { PATH: process.env.PATH, ID_TOKEN: makeJwt({ sub: 'x', v: b64url('y') }) }, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    assert.deepEqual(JSON.parse(plain), { sub: 'x', v: b64url('y') });
  });
});
