// The sidebar's cost as it runs: one clock tick (every 30 s while the view is visible: VS Code asks
// again for the roots and every expanded node) and one store change (a decoded token added), with
// 200 decoded tokens and 5 signed-in profiles. Decoding happens once per change, in the state
// layer; the tick renders decoded data. The figures compare both with decoding the same tokens.
import { inspectToken, type TokenInspection } from '../src/core/inspect';
import type { Profile } from '../src/core/profiles';
import { decodeSession, type DecodedSession, type Session } from '../src/core/session';
import { serialiseTokenList, withToken, type TokenListEntry } from '../src/core/tokenList';
import { profileNode } from '../src/core/view/sessionTree';
import { tokenNode, type ViewNode } from '../src/core/view/treeModel';
import { makeJwt, zitadelClaims } from '../test/fixtures/tokens';

const TOKENS = 200;
const PROFILES = 5;

/** The nodes VS Code asks for on a refresh: the roots, and the children of every expanded node. */
function renderExpanded(nodes: ViewNode[]): number {
  let count = nodes.length;
  for (const n of nodes) if (n.expanded && n.children) count += renderExpanded(n.children());
  return count;
}

function median(samples: number[]): number {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

export function runModelBench() {
  const now = Date.now();
  const s = Math.floor(now / 1000);
  let decodes = 0;
  const counting = (token: string): TokenInspection => {
    decodes++;
    return inspectToken(token);
  };
  const entries: TokenListEntry[] = Array.from({ length: TOKENS }, (_, i) => {
    const token = makeJwt({ ...zitadelClaims(s), sub: `user-${i}`, jti: `t${i}` });
    return { token, addedAt: now - i, inspection: counting(token) };
  });
  const profiles: Profile[] = Array.from({ length: PROFILES }, (_, i) => ({ name: `Profile ${i}`, issuer: `https://issuer-${i}.example`, clientId: 'c', scopes: ['openid'] }));
  const decoded: DecodedSession[] = profiles.map((_, i) => {
    const session: Session = {
      tokens: { issuer: 'x', client_id: 'c', token_type: 'Bearer', obtained_at: 0, id_token: makeJwt({ ...zitadelClaims(s), sub: `signed-in-${i}` }), access_token: makeJwt({ sub: `signed-in-${i}`, scope: 'openid' }), expires_at: s + 3600 },
      requestedScopes: ['openid'],
      userinfo: zitadelClaims(s),
    };
    return decodeSession(session, counting);
  });
  const decodesToSetUp = decodes;

  const tick = () => renderExpanded([...profiles.map((p, i) => profileNode(p, decoded[i], Date.now())), ...entries.map((e) => tokenNode(e.inspection, Date.now()))]);
  const tickMs: number[] = [];
  let nodes = 0;
  decodes = 0;
  for (let round = 0; round < 21; round++) {
    const start = performance.now();
    nodes = tick();
    tickMs.push(performance.now() - start);
  }
  const decodesPerTick = decodes / 21;

  // A token decoded and added: the store's list and its SecretStorage text, then the tick it triggers.
  const changeMs: number[] = [];
  for (let round = 0; round < 21; round++) {
    const token = makeJwt({ ...zitadelClaims(s), sub: `new-${round}` });
    const start = performance.now();
    const added = withToken(entries, { token, addedAt: Date.now(), inspection: counting(token) });
    serialiseTokenList(added);
    tick();
    changeMs.push(performance.now() - start);
  }

  // What the same tick would cost if it decoded what it shows (the design before the decoded model).
  const decodeAllMs: number[] = [];
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    for (const e of entries) inspectToken(e.token);
    for (const d of decoded) decodeSession(d.session);
    decodeAllMs.push(performance.now() - start);
  }
  return { tokens: TOKENS, profiles: PROFILES, nodes, decodesToSetUp, decodesPerTick, tickMs: median(tickMs), changeMs: median(changeMs), decodeAllMs: median(decodeAllMs) };
}
