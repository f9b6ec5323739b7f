// Signed-in profiles in the sidebar as plain data: profile → checks, ID token, access token,
// refresh token (never shown), userinfo. The VS Code tree adapter maps these like any ViewNode.
import * as l10n from '@vscode/l10n';
import { formatRelative } from '../claims/time';
import type { Profile } from '../profiles';
import { missingMetadataReason, type DecodedSession, type Session } from '../session';
import { myMetadataNode, usersNode, type ApiResult, type UserMetadata } from './metadataTree';
import { inline, mdText } from '../text';
import { checksNode, withSignatureOutcome } from './checksTree';
import { claimCount } from './counts';
import { claimNodes, tokenNode, type ViewNode } from './treeModel';

/** What the ZITADEL APIs returned for a profile this session (kept in memory only). */
export interface ProfileApiState {
  myMetadata?: ApiResult;
  users?: UserMetadata[];
}

export function profileNode(profile: Profile, decoded: DecodedSession | undefined, nowMs: number, api: ProfileApiState = {}): ViewNode {
  const id = `profile:${profile.name}`;
  const base = { id, kind: 'profile' as const, fingerprint: '', label: inline(profile.name, 80), profile: profile.name };
  const facts = [
    `**${mdText(profile.name)}**`,
    l10n.t('Issuer: {0}', mdText(profile.issuer)),
    l10n.t('Client: {0}', mdText(profile.clientId)),
    l10n.t('Scopes: {0}', mdText(profile.scopes.join(' '))),
  ].join('  \n');
  if (!decoded) {
    return {
      ...base,
      // Its own id: VS Code keeps a node's expansion per id, and a signed-in profile opens expanded.
      id: `${id}/signed-out`,
      description: l10n.t('not signed in'),
      tooltip: facts,
      icon: { id: 'account' },
      contextValue: 'profile signedOut',
      children: () => [
        { id: `${id}/signed-out/sign-in`, kind: 'action', fingerprint: '', label: l10n.t('Sign in…'), icon: { id: 'sign-in' }, command: { id: 'tokenInspector.signIn', args: [profile.name] } },
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
      typeof who === 'string' ? inline(who, 60) : l10n.t('signed in'),
      expiry === undefined ? undefined : expiry > nowMs ? l10n.t('access token expires {0}', formatRelative(expiry, nowMs)) : l10n.t('access token expired'),
      failed === 0 ? undefined : failed === 1 ? l10n.t('⚠ 1 check failed') : l10n.t('⚠ {0} checks failed', failed),
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
  if (session.idTokenChecks) nodes.push(checksNode(id('checks'), l10n.t('ID token checks'), session.idTokenChecks.checks));
  if (decoded.id) {
    const signature = session.idTokenChecks?.checks.find((c) => c.id === 'signature');
    // Collapsed: a fresh sign-in shows the session at a glance (checks, tokens, userinfo, metadata), not every claim.
    nodes.push(withSignatureOutcome(relabel(tokenNode(decoded.id, nowMs, id('id')), l10n.t('ID token')), signature, l10n.t("the issuer's key")));
  }
  if (decoded.access) nodes.push(relabel(tokenNode(decoded.access, nowMs, id('access')), l10n.t('Access token')));
  else {
    nodes.push({
      id: id('access'),
      kind: 'value',
      fingerprint: '',
      label: l10n.t('Access token'),
      description: l10n.t('opaque (not a JWT) · {0} chars', session.tokens.access_token.length),
      tooltip: l10n.t('An opaque access token cannot be decoded: only the issuer can read it. Its claims are what Userinfo returns.'),
      icon: { id: 'lock' },
    });
  }
  if (session.tokens.refresh_token) {
    nodes.push({
      id: id('refresh'),
      kind: 'value',
      fingerprint: '',
      label: l10n.t('Refresh token'),
      description: l10n.t('•••••••• (kept secret, never shown)'),
      tooltip: l10n.t("Used to refresh the access token. It stays in VS Code's secret storage."),
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
      label: l10n.t('No ZITADEL metadata'),
      description: missing.scopeMissing ? l10n.t('scope not requested: click to add it') : l10n.t('the user may have none'),
      tooltip: mdText(missing.message),
      icon: { id: 'info' },
      ...(missing.scopeMissing ? { command: { id: 'tokenInspector.addMetadataScope', args: [profile.name] } } : {}),
    });
  }
  return nodes;
}

function userinfoNode(nodeId: string, { session, id, userinfo }: DecodedSession, nowMs: number): ViewNode {
  const base = { id: nodeId, kind: 'section' as const, fingerprint: '', label: l10n.t({ message: 'Userinfo', comment: ["The OpenID Connect userinfo endpoint's answer"] }) };
  if (!userinfo) {
    return {
      ...base,
      description: session.userinfoError ? l10n.t('failed') : l10n.t('not fetched'),
      tooltip: mdText(session.userinfoError ?? l10n.t('Refresh to fetch it.')),
      icon: { id: 'warning', color: 'list.warningForeground' },
    };
  }
  const { payload } = userinfo;
  const idSub = id?.payload.sub;
  const subMatches = idSub === undefined || payload.sub === idSub;
  return {
    ...base,
    description: `${claimCount(Object.keys(payload).length)} · ${subMatches ? l10n.t('sub matches the ID token') : l10n.t('⚠ sub differs from the ID token')}`,
    icon: { id: 'person' },
    copyValue: JSON.stringify(payload, null, 2),
    children: () => claimNodes(userinfo, nodeId, nowMs),
  };
}

/** A session's token node: its own label, and no "remove" (sign out removes it). */
function relabel(node: ViewNode, label: string): ViewNode {
  return { ...node, label, contextValue: 'session', tooltip: `**${mdText(label)}**  \n${node.tooltip ?? ''}` };
}

/** Whole seconds until the access token expires (0 or less: expired); undefined when it has no expiry. */
export function secondsLeft(session: Session, nowMs: number): number | undefined {
  return session.tokens.expires_at === undefined ? undefined : Math.floor(session.tokens.expires_at - nowMs / 1000);
}

/** The status bar text for a session: "Demo issuer 41:59", the access token's time left. */
export function expiryCountdown(session: Session, nowMs: number): string | undefined {
  const left = secondsLeft(session, nowMs);
  if (left === undefined) return undefined;
  if (left <= 0) return l10n.t('expired');
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  const s = left % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
}

