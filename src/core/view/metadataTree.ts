// ZITADEL metadata in the sidebar as plain data: the signed-in user's metadata from every
// source side by side, and other users' metadata shown through the management APIs.
import { deriveFromClaims } from '../inspect';
import type { Session } from '../session';
import type { MetadataEntry } from '../zitadel/metadata';
import { compareMetadataSources, SOURCE_LABELS, type MetadataComparisonRow, type MetadataSource } from '../zitadel/metadataSources';
import { sessionTokens } from './sessionTree';
import { inline, mdCode, mdText } from '../text';
import { idSegment, metadataSummary, type ViewNode } from './treeModel';

/** What the auth API returned for the signed-in user (or why it failed). */
export interface ApiResult {
  entries?: MetadataEntry[];
  error?: string;
  /** The key filter used, for the description. */
  filter?: string;
}

/** Another user's metadata, as last listed. */
export interface UserMetadata extends ApiResult {
  userId: string;
  orgId?: string;
}

/** A signed-in user's metadata from the ID token, userinfo and (once listed) the auth API. */
export function sessionMetadataComparison(session: Session, api: ApiResult | undefined): { sources: MetadataSource[]; rows: MetadataComparisonRow[] } {
  const sources: Partial<Record<MetadataSource, MetadataEntry[]>> = {};
  const idToken = sessionTokens(session).id;
  if (idToken) sources.idToken = idToken.metadata;
  if (session.userinfo) sources.userinfo = deriveFromClaims(session.userinfo).metadata;
  if (api?.entries) sources.authApi = api.entries;
  return { sources: Object.keys(sources) as MetadataSource[], rows: compareMetadataSources(sources) };
}

export function myMetadataNode(profileName: string, session: Session, api: ApiResult | undefined): ViewNode {
  const id = `profile:${profileName}/metadata`;
  const { sources, rows } = sessionMetadataComparison(session, api);
  const flagged = rows.filter((r) => r.status !== 'same').length;
  const consulted = sources.map((s) => SOURCE_LABELS[s]);
  const load: ViewNode = {
    id: `${id}/load`,
    kind: 'action',
    fingerprint: '',
    label: api?.error ? 'Auth API failed: try again…' : api ? 'List from the auth API again…' : 'Load from the auth API…',
    description: api?.error && inline(api.error, 300),
    tooltip: mdText(api?.error ?? 'POST /auth/v1/users/me/metadata/_search with the access token (all pages).'),
    icon: api?.error ? { id: 'error', color: 'list.errorForeground' } : { id: 'cloud-download' },
    command: { id: 'tokenInspector.listMyMetadata', args: [profileName] },
  };
  return {
    id,
    kind: 'section',
    fingerprint: '',
    label: 'Metadata',
    description: `${keys(rows.length)} · ${consulted.join(', ') || 'no source yet'}${flagged ? ` · ⚠ ${flagged} differ` : ''}${api?.filter ? ` · filter ${api.filter}` : ''}`,
    icon: { id: 'database' },
    contextValue: 'myMetadata',
    expanded: true,
    children: () => [
      ...rows.map((row, i) => {
        const first = Object.values(row.values)[0]!;
        const where = (Object.keys(row.values) as MetadataSource[]).map((s) => SOURCE_LABELS[s]).join(', ');
        return {
          id: `${id}/${idSegment(row.key, i)}`,
          kind: 'metadata' as const,
          fingerprint: '',
          label: inline(row.key, 80),
          description: `${metadataSummary(first)} · ${row.status === 'differs' ? 'differs between sources' : row.status === 'partial' ? `only in ${where}` : where}`,
          tooltip: (Object.entries(row.values) as [MetadataSource, MetadataEntry][])
            .map(([source, e]) => `**${SOURCE_LABELS[source]}:** ${mdText(metadataSummary(e))} (raw ${mdCode(e.raw)})`)
            .join('  \n'),
          copyValue: first.value,
          icon: row.status === 'same' ? { id: 'symbol-field' } : { id: 'warning', color: 'list.warningForeground' },
        };
      }),
      load,
    ],
  };
}

export function usersNode(profileName: string, users: readonly UserMetadata[]): ViewNode {
  const id = `profile:${profileName}/users`;
  return {
    id,
    kind: 'section',
    fingerprint: '',
    label: 'Users',
    description: `${users.length} shown · management API`,
    icon: { id: 'organization' },
    contextValue: 'users',
    expanded: true,
    children: () =>
      users.map((u, i) => {
        const userId = `${id}/${idSegment(u.orgId ?? '', i)}/${idSegment(u.userId, i)}`;
        const args = [{ profile: profileName, userId: u.userId, orgId: u.orgId }];
        return {
          id: userId,
          kind: 'section' as const,
          fingerprint: '',
          label: inline(u.userId, 80),
          description: u.error ? `failed: ${inline(u.error, 300)}` : `${keys(u.entries?.length ?? 0)}${u.orgId ? ` · org ${inline(u.orgId, 40)}` : ''}`,
          tooltip: mdText(u.error ?? `User ${u.userId}`),
          icon: u.error ? { id: 'error', color: 'list.errorForeground' } : { id: 'person' },
          contextValue: 'userMetadata',
          expanded: true,
          userRef: args[0],
          children: () =>
            (u.entries ?? []).map((e, j) => ({
              id: `${userId}/${idSegment(e.key, j)}`,
              kind: 'metadata' as const,
              fingerprint: '',
              label: inline(e.key, 80),
              description: metadataSummary(e),
              tooltip: `Raw: ${mdCode(e.raw)}`,
              copyValue: e.value,
              contextValue: 'userMetadataKey',
              icon: { id: 'symbol-field' },
              userRef: { ...args[0], key: e.key },
            })),
        };
      }),
  };
}

function keys(n: number): string {
  return `${n} key${n === 1 ? '' : 's'}`;
}

