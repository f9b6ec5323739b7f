// Signed-in profiles in the sidebar as plain data: profile → checks, ID token, access token,
// refresh token (never shown), userinfo. The VS Code tree adapter maps these like any ViewNode.
import { formatRelative } from '../claims/time';
import type { Profile } from '../profiles';
import { missingMetadataReason, type DecodedSession, type Session } from '../session';
import { myMetadataNode, usersNode, type ApiResult, type UserMetadata } from './metadataTree';
import { inline, mdText } from '../text';
import { claimNodes, tokenNode, type ViewNode } from './treeModel';

/** What the ZITADEL APIs returned for a profile this session (kept in memory only). */
export interface ProfileApiState {
  myMetadata?: ApiResult;
  users?: UserMetadata[];
}

export function profileNode(profile: Profile, decoded: DecodedSession | undefined, nowMs: number, api: ProfileApiState = {}): ViewNode {
  const id = `profile:${profile.name}`;
  const base = { id, kind: 'profile' as const, fingerprint: '', label: inline(profile.name, 80), profile: profile.name };
  const facts = `**${mdText(profile.name)}**  \nIssuer: ${mdText(profile.issuer)}  \nClient: ${mdText(profile.clientId)}  \nScopes: ${mdText(profile.scopes.join(' '))}`;
  if (!decoded) {
    return {
      ...base,
      // Its own id: VS Code keeps a node's expansion per id, and a signed-in profile opens expanded.
      id: `${id}/signed-out`,
      description: 'not signed in',
      tooltip: facts,
      icon: { id: 'account' },
      contextValue: 'profile signedOut',
      children: () => [
        { id: `${id}/signed-out/sign-in`, kind: 'action', fingerprint: '', label: 'Sign in…', icon: { id: 'sign-in' }, command: { id: 'tokenInspector.signIn', args: [profile.name] } },
      ],
    };
  }
  const { session } = decoded;
  const who = decoded.id?.payload.preferred_username ?? decoded.id?.payload.email ?? decoded.id?.payload.sub;
  const failed = session.idTokenChecks?.checks.filter((c) => c.status === 'fail').length ?? 0;
  const expiry = session.tokens.expires_at === undefined ? undefined : session.tokens.expires_at * 1000;
  return {
    ...base,
    description: [
      typeof who === 'string' ? inline(who, 60) : 'signed in',
      expiry === undefined ? undefined : expiry > nowMs ? `access token expires ${formatRelative(expiry, nowMs)}` : 'access token expired',
      failed > 0 ? `⚠ ${failed} check${failed === 1 ? '' : 's'} failed` : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
    tooltip: facts,
    icon: failed > 0 ? { id: 'account', color: 'list.warningForeground' } : { id: 'account', color: 'charts.green' },
    contextValue: `profile signedIn${session.tokens.refresh_token ? ' refreshable' : ''}`,
    expanded: true,
    children: () => sessionChildren(profile, decoded, nowMs, api),
  };
}

function sessionChildren(profile: Profile, decoded: DecodedSession, nowMs: number, api: ProfileApiState): ViewNode[] {
  const { session } = decoded;
  const id = (s: string) => `profile:${profile.name}/${s}`;
  const nodes: ViewNode[] = [];
  const checks = session.idTokenChecks;
  if (checks) {
    const failed = checks.checks.filter((c) => c.status === 'fail').length;
    nodes.push({
      id: id('checks'),
      kind: 'section',
      fingerprint: '',
      label: 'ID token checks',
      description: failed === 0 ? 'all passed' : `${failed} failed`,
      icon: failed === 0 ? { id: 'pass', color: 'testing.iconPassed' } : { id: 'error', color: 'testing.iconFailed' },
      expanded: failed > 0,
      children: () =>
        checks.checks.map((c) => ({
          id: id(`checks/${c.id}`),
          kind: 'check' as const,
          fingerprint: '',
          label: c.label,
          description: inline(c.detail, 300),
          tooltip: `**${mdText(c.label)}**: ${c.status}  \n${mdText(c.detail)}`,
          icon:
            c.status === 'pass'
              ? { id: 'pass', color: 'testing.iconPassed' }
              : c.status === 'fail'
                ? { id: 'error', color: 'testing.iconFailed' }
                : { id: 'circle-slash' },
        })),
    });
  }
  // Collapsed: a fresh sign-in shows the session at a glance (checks, tokens, userinfo, metadata), not every claim.
  if (decoded.id) nodes.push(withVerifiedSignature(relabel(tokenNode(decoded.id, nowMs, id('id')), 'ID token'), session));
  if (decoded.access) nodes.push(relabel(tokenNode(decoded.access, nowMs, id('access')), 'Access token'));
  else {
    nodes.push({
      id: id('access'),
      kind: 'value',
      fingerprint: '',
      label: 'Access token',
      description: `opaque (not a JWT) · ${session.tokens.access_token.length} chars`,
      tooltip: 'An opaque access token cannot be decoded: only the issuer can read it. Its claims are what Userinfo returns.',
      icon: { id: 'lock' },
    });
  }
  if (session.tokens.refresh_token) {
    nodes.push({
      id: id('refresh'),
      kind: 'value',
      fingerprint: '',
      label: 'Refresh token',
      description: '•••••••• (kept secret, never shown)',
      tooltip: 'Used to refresh the access token. It stays in VS Code\'s secret storage.',
      icon: { id: 'sync' },
    });
  }
  nodes.push(userinfoNode(id('userinfo'), decoded, nowMs), myMetadataNode(profile.name, decoded, api.myMetadata));
  if (api.users?.length) nodes.push(usersNode(profile.name, api.users));
  const missing = missingMetadataReason(session, decoded.id?.payload);
  if (missing) {
    nodes.push({
      id: id('no-metadata'),
      kind: 'action',
      fingerprint: '',
      label: 'No ZITADEL metadata',
      description: missing.scopeMissing ? 'scope not requested: click to add it' : 'the user may have none',
      tooltip: mdText(missing.message),
      icon: { id: 'info' },
      ...(missing.scopeMissing ? { command: { id: 'tokenInspector.addMetadataScope', args: [profile.name] } } : {}),
    });
  }
  return nodes;
}

function userinfoNode(nodeId: string, { session, id, userinfo }: DecodedSession, nowMs: number): ViewNode {
  const base = { id: nodeId, kind: 'section' as const, fingerprint: '', label: 'Userinfo' };
  if (!userinfo) {
    return { ...base, description: session.userinfoError ? 'failed' : 'not fetched', tooltip: mdText(session.userinfoError ?? 'Refresh to fetch it.'), icon: { id: 'warning', color: 'list.warningForeground' } };
  }
  const { payload } = userinfo;
  const idSub = id?.payload.sub;
  const subMatches = idSub === undefined || payload.sub === idSub;
  return {
    ...base,
    description: `${Object.keys(payload).length} claims · ${subMatches ? 'sub matches the ID token' : '⚠ sub differs from the ID token'}`,
    icon: { id: 'person' },
    copyValue: JSON.stringify(payload, null, 2),
    children: () => claimNodes(userinfo, nodeId, nowMs),
  };
}

/** The ID token's Signature node says what the checklist found, instead of "not verified". */
function withVerifiedSignature(node: ViewNode, session: Session): ViewNode {
  const check = session.idTokenChecks?.checks.find((c) => c.id === 'signature');
  const children = node.children;
  if (!check || !children) return node;
  return {
    ...node,
    children: () =>
      children().map((c) =>
        c.label !== 'Signature'
          ? c
          : {
              ...c,
              description: check.status === 'pass' ? 'verified with the issuer\'s key' : 'verification FAILED',
              tooltip: mdText(check.detail, 2000),
              icon: check.status === 'pass' ? { id: 'verified', color: 'testing.iconPassed' } : { id: 'error', color: 'testing.iconFailed' },
            },
      ),
  };
}

/** A session's token node: its own label, and no "remove" (sign out removes it). */
function relabel(node: ViewNode, label: string): ViewNode {
  return { ...node, label, contextValue: 'session', tooltip: `**${mdText(label)}**  \n${node.tooltip ?? ''}` };
}

/** The status bar text for a session: "Demo issuer 41:59", the access token's time left. */
export function expiryCountdown(session: Session, nowMs: number): string | undefined {
  if (session.tokens.expires_at === undefined) return undefined;
  const left = Math.floor(session.tokens.expires_at - nowMs / 1000);
  if (left <= 0) return 'expired';
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  const s = left % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
}

