// Listing 10 000 metadata keys through the paged auth API (POST /auth/v1/users/me/metadata/_search)
// against the contract server (test/support/zitadelApi) on 127.0.0.1, with a JWT access token from
// the demo issuer (signed in through our own client, with the ZITADEL API audience): the server
// verifies the token against the issuer's JWKS on every request, as ZITADEL does.
// Figures: first rows visible (onPage of page 1) measured from that page's arrival and from the
// start of the request; the whole list; retained heap for 1 000 / 5 000 / 10 000 keys.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DEMO_USER } from '../demo/issuer/index';
import { ZitadelApiClient } from '../src/core/zitadel/api/index';
import { startZitadelApi } from '../test/support/zitadelApi/index';
import { accessTokenFor, AUD_SCOPE, BASE_SCOPES, startJwtIssuer } from '../test/support/zitadelApi/signIn';
import { myMetadataNode } from '../src/core/view/metadataTree';
import type { Session } from '../src/core/session';
import { decodeSession } from '../src/core/session';

/** A signed-in session without tokens of its own: the tree then shows only the auth API rows. */
const BENCH_SESSION: Session = { tokens: { issuer: 'bench', client_id: 'bench', access_token: 'bench', token_type: 'Bearer', obtained_at: 0 }, requestedScopes: [] };

export interface MetadataBenchResult {
  keys: number;
  pageSize: number;
  requests: number;
  rounds: number;
  /** onPage(page 1) minus the moment page 1's body had arrived (parse + decode + callback). Median. */
  firstRowsAfterArrivalMs: number;
  /** onPage(page 1) minus the start of listMyMetadata. Median. */
  firstRowsFromStartMs: number;
  /** listMyMetadata start to resolution. Median. */
  wholeListMs: number;
  wholeListSamplesMs: number[];
  /** The same with pages of 1000 (11 requests). Median. */
  wholeListPageSize1000Ms: number;
  /** Heap retained by the returned entries: heap with them alive minus heap after releasing them (full GCs). */
  heap: { keys: number; bytes: number; bytesPerKey: number }[];
  targets: { firstRowsAfterArrivalMs: 200; wholeListMs: 2000 };
}

async function fill(holder: { entries?: unknown[] }, client: ZitadelApiClient): Promise<void> {
  holder.entries = await client.listMyMetadata();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function gcFunction(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export async function runMetadataBench(rounds = 7): Promise<MetadataBenchResult> {
  const gc = gcFunction();
  const issuer = await startJwtIssuer();
  const api = await startZitadelApi({
    issuer: issuer.issuer,
    users: [1000, 5000, 10_000].map((n) => ({ id: `bench-${n}`, orgId: '170086363054473473' })),
    pats: [1000, 5000, 10_000].map((n) => ({ token: `pat-bench-${n}`, userId: `bench-${n}`, permissions: [] })),
  });
  try {
    const seed = (n: number) => Array.from({ length: n }, (_, i) => [`key-${String(i).padStart(5, '0')}`, `value ${i} ${'x'.repeat(i % 40)}`] as [string, string]);
    api.setMetadata(DEMO_USER.sub, seed(10_000 - 4)); // plus the 4 demo entries: 10 000
    for (const n of [1000, 5000, 10_000]) api.setMetadata(`bench-${n}`, seed(n));
    const token = await accessTokenFor(issuer, [...BASE_SCOPES, AUD_SCOPE]);

    // The moment each answer's body has fully arrived, seen through the fetch the client uses.
    let arrivals: number[] = [];
    const timedFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const body = await response.arrayBuffer();
      arrivals.push(performance.now());
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    };
    const client = new ZitadelApiClient({ baseUrl: api.url, token, fetch: timedFetch });

    const afterArrival: number[] = [];
    const fromStart: number[] = [];
    const whole: number[] = [];
    let requests = 0;
    await client.listMyMetadata(); // warm-up: JWKS fetch, JIT
    for (let round = 0; round < rounds; round++) {
      arrivals = [];
      let firstRows = 0;
      const start = performance.now();
      const entries = await client.listMyMetadata({
        onPage: (page, soFar) => {
          if (soFar > 100 || firstRows !== 0) return;
          // First rows visible = the tree's first level built for page 1, as the extension does.
          if (myMetadataNode('bench', decodeSession(BENCH_SESSION), { entries: page }).children!().length !== page.length + 1) throw new Error('tree level incomplete');
          firstRows = performance.now();
        },
      });
      whole.push(performance.now() - start);
      if (entries.length !== 10_000) throw new Error(`expected 10000 entries, got ${entries.length}`);
      afterArrival.push(firstRows - arrivals[0]);
      fromStart.push(firstRows - start);
      requests = arrivals.length;
    }
    const big: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const start = performance.now();
      await client.listMyMetadata({ pageSize: 1000 });
      big.push(performance.now() - start);
    }

    const heap: MetadataBenchResult['heap'] = [];
    for (const n of [1000, 5000, 10_000]) {
      const pat = new ZitadelApiClient({ baseUrl: api.url, token: `pat-bench-${n}` });
      await pat.listMyMetadata(); // warm
      // Retained = heap with the entries alive minus heap once they are released (both after full
      // GCs), which is immune to garbage left over from earlier work.
      const holder: { entries?: unknown[] } = {};
      await fill(holder, pat); // (not `await` here directly: the frame would keep the result alive)
      if (holder.entries!.length !== n) throw new Error(`expected ${n} entries`);
      gc();
      gc();
      const alive = process.memoryUsage().heapUsed;
      holder.entries = undefined;
      gc();
      gc();
      const bytes = alive - process.memoryUsage().heapUsed;
      heap.push({ keys: n, bytes, bytesPerKey: Math.round(bytes / n) });
    }

    return {
      keys: 10_000,
      pageSize: 100,
      requests,
      rounds,
      firstRowsAfterArrivalMs: median(afterArrival),
      firstRowsFromStartMs: median(fromStart),
      wholeListMs: median(whole),
      wholeListSamplesMs: whole,
      wholeListPageSize1000Ms: median(big),
      heap,
      targets: { firstRowsAfterArrivalMs: 200, wholeListMs: 2000 },
    };
  } finally {
    await api.stop();
    await issuer.stop();
  }
}
