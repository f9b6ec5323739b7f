// The hand-written REST client (src/core/zitadel/api) against ZITADEL's official TypeScript client
// (@zitadel/client, a devDependency used only here) for what Token Inspector does: other users'
// metadata through the user service v2 and management v1, and the signed-in user's through the
// auth API. Figures: bundle size (esbuild, minified, as the extension is built), the cost of
// loading each bundle (require in a fresh Node process: parse + evaluate, what activation pays for
// code in the extension bundle), and whether each reaches an instance over plain HTTP/1.1 REST
// (the contract server; what a proxy without HTTP/2 leaves of ZITADEL).
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { ZitadelApiClient } from '../src/core/zitadel/api/index';
import { DEMO_ORG_ID, startZitadelApi } from '../test/support/zitadelApi/index';

export interface ClientFigures {
  name: string;
  /** What the bundle holds. */
  holds: string;
  minifiedBytes: number;
  gzipBytes: number;
  /** Median milliseconds to require() the bundle in a fresh process. */
  loadMs: number;
  loadSamplesMs: number[];
}

export interface ClientEvaluation {
  bundles: ClientFigures[];
  /** Listing a user's metadata over HTTP/1.1 REST: 'ok' or the error. */
  reach: { name: string; outcome: string }[];
  /** Whether `require('@zitadel/client/v2')` works in Node's CommonJS (how extensions load unbundled code). */
  officialCommonJs: string;
}

const ENTRIES = [
  {
    name: 'hand-written REST client',
    holds: 'auth v1, management v1, user service v2 (metadata, user lookup)',
    contents: "export { ZitadelApiClient } from './src/core/zitadel/api/index';",
  },
  {
    name: '@zitadel/client, same services',
    holds: 'createServerTransport (gRPC), auth + management v1, user service v2 clients',
    contents: [
      "import { createServerTransport } from '@zitadel/client/node';",
      "import { createAuthServiceClient, createManagementServiceClient } from '@zitadel/client/v1';",
      "import { createUserServiceClient } from '@zitadel/client/v2';",
      'export function clients(baseUrl, token) {',
      '  const transport = createServerTransport(token, { baseUrl });',
      '  return { auth: createAuthServiceClient(transport), management: createManagementServiceClient(transport), users: createUserServiceClient(transport) };',
      '}',
    ].join('\n'),
  },
  {
    name: '@zitadel/client, user service v2 only',
    holds: 'createServerTransport (gRPC), user service v2 client',
    contents: [
      "import { createServerTransport } from '@zitadel/client/node';",
      "import { createUserServiceClient } from '@zitadel/client/v2';",
      'export function clients(baseUrl, token) { return { users: createUserServiceClient(createServerTransport(token, { baseUrl })) }; }',
    ].join('\n'),
  },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function runClientEvaluation(rounds = 15): Promise<ClientEvaluation> {
  const files: string[] = [];
  for (const [i, entry] of ENTRIES.entries()) {
    const outfile = `out/bench/zitadel-client-${i}.js`;
    await esbuild.build({
      stdin: { contents: entry.contents, resolveDir: process.cwd(), sourcefile: `entry-${i}.ts`, loader: 'ts' },
      outfile,
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      legalComments: 'none',
      logLevel: 'error',
    });
    files.push(outfile);
  }
  // Interleaved rounds, one fresh process per sample, so machine noise hits every bundle alike.
  const samples: number[][] = files.map(() => []);
  const probe = 'const t = performance.now(); require(process.argv[1]); process.stdout.write(String(performance.now() - t));';
  for (let round = 0; round < rounds; round++) {
    files.forEach((file, i) => samples[i].push(Number(execFileSync(process.execPath, ['-e', probe, `${process.cwd()}/${file}`], { encoding: 'utf8' }))));
  }
  const bundles = ENTRIES.map((entry, i) => ({
    name: entry.name,
    holds: entry.holds,
    minifiedBytes: statSync(files[i]).size,
    gzipBytes: gzipSync(readFileSync(files[i]), { level: 9 }).length,
    loadMs: median(samples[i]),
    loadSamplesMs: samples[i],
  }));

  const reach: ClientEvaluation['reach'] = [];
  const userId = 'bench-user';
  const api = await startZitadelApi({ issuer: 'http://127.0.0.1:9', pats: [{ token: 'pat-bench', userId, permissions: ['user.read'] }], users: [{ id: userId, orgId: DEMO_ORG_ID, metadata: { team: 'blue' } }] });
  try {
    const ours = await new ZitadelApiClient({ baseUrl: api.url, token: 'pat-bench' }).listUserMetadata(userId).then((e) => `ok (${e.length} key)`, (e: Error) => e.message);
    reach.push({ name: ENTRIES[0].name, outcome: ours });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the measured bundle is CommonJS, loaded as the extension would load it
    const official = require(`${process.cwd()}/${files[1]}`) as { clients(baseUrl: string, token: string): { users: { listUserMetadata(request: { userId: string }): Promise<{ metadata: unknown[] }> } } };
    const outcome = await official
      .clients(api.url, 'pat-bench')
      .users.listUserMetadata({ userId })
      .then((r) => `ok (${r.metadata.length} key)`, (e: Error) => e.message.split('\n')[0]);
    reach.push({ name: ENTRIES[1].name, outcome });
  } finally {
    await api.stop();
  }
  let officialCommonJs: string;
  try {
    execFileSync(process.execPath, ['-e', "require('@zitadel/client/v2')"], { stdio: 'pipe' });
    officialCommonJs = 'loads';
  } catch (e) {
    officialCommonJs = `fails: ${/\w*Error: [^\n]*/.exec(String((e as { stderr?: Buffer }).stderr ?? e))?.[0] ?? 'see stderr'}`;
  }
  return { bundles, reach, officialCommonJs };
}
