// ZITADEL metadata in the sidebar as plain data: the signed-in user's metadata from every
// source side by side, and other users' metadata shown through the management APIs.
import * as l10n from '@vscode/l10n';
import type { DecodedSession } from '../session';
import type { TextQueryMethod, UserApiVersion } from '../zitadel/api/types';
import type { MetadataEntry } from '../zitadel/metadata';
import { describeFacts, shortUtc, type MetadataFacts } from '../zitadel/metadataFacts';
import { compareMetadataSources, SOURCE_LABELS, type MetadataComparisonRow, type MetadataSource } from '../zitadel/metadataSources';
import { inline, mdCode, mdText } from '../text';
import { keyCount } from './counts';
import { idSegment, metadataSummary, type ViewNode } from './treeModel';

/** What the auth API returned for the signed-in user (or why it failed). */
export interface ApiResult {
  entries?: (MetadataEntry & MetadataFacts)[];
  error?: string;
  /** The key filter used, for the description. */
  filter?: string;
  /** How the filter was matched (Copy as curl repeats the same search). */
  filterMethod?: TextQueryMethod;
}

/** Another user's metadata, as last listed. */
export interface UserMetadata extends ApiResult {
  userId: string;
  /** Management v1: the organization looked in (none: the caller's own). */
  orgId?: string;
  /** The API that answered: the user service v2, or management v1 on instances without it. */
  api?: UserApiVersion;
  /** The list came back empty and ZITADEL does not know the user (with v1: in that organization). */
  notFound?: boolean;
}

/** Localized when read (getters): the bundle is configured after this module loads. */
const API_NAMES: Readonly<Record<UserApiVersion, string>> = {
  get v2() {
    return l10n.t('user service v2');
  },
  get v1() {
    return l10n.t('management API v1');
  },
};

/** A signed-in user's metadata from the ID token, userinfo and (once listed) the auth API. */
export function sessionMetadataComparison(decoded: DecodedSession, api: ApiResult | undefined): { sources: MetadataSource[]; rows: MetadataComparisonRow[] } {
  const sources: Partial<Record<MetadataSource, MetadataEntry[]>> = {};
  if (decoded.id) sources.idToken = decoded.id.metadata;
  if (decoded.userinfo) sources.userinfo = decoded.userinfo.metadata;
  if (api?.entries) sources.authApi = api.entries;
  return { sources: Object.keys(sources) as MetadataSource[], rows: compareMetadataSources(sources) };
}

export function myMetadataNode(profileName: string, decoded: DecodedSession, api: ApiResult | undefined): ViewNode {
  const id = `profile:${profileName}/metadata`;
  const { sources, rows } = sessionMetadataComparison(decoded, api);
  const flagged = rows.filter((r) => r.status !== 'same').length;
  const consulted = sources.map((s) => SOURCE_LABELS[s]);
  const load: ViewNode = {
    id: `${id}/load`,
    kind: 'action',
    fingerprint: '',
    label: api?.error ? l10n.t('Auth API failed: try again…') : api ? l10n.t('List from the auth API again…') : l10n.t('Load from the auth API…'),
    description: api?.error && inline(api.error, 300),
    tooltip: mdText(api?.error ?? l10n.t('{0} with the access token (all pages).', 'POST /auth/v1/users/me/metadata/_search')),
    icon: api?.error ? { id: 'error', color: 'list.errorForeground' } : { id: 'cloud-download' },
    command: { id: 'tokenInspector.listMyMetadata', args: [profileName] },
  };
  return {
    id,
    kind: 'section',
    fingerprint: '',
    label: l10n.t({ message: 'Metadata', comment: ["ZITADEL's user metadata"] }),
    description: [
      keyCount(rows.length),
      consulted.join(', ') || l10n.t('no source yet'),
      flagged ? l10n.t('⚠ {0} differ', flagged) : undefined,
      api?.filter ? l10n.t('filter {0}', inline(api.filter, 60)) : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
    icon: { id: 'database' },
    contextValue: 'myMetadata',
    expanded: true,
    children: () => [
      ...rows.map((row, i) => {
        const first = Object.values(row.values)[0]!;
        const where = (Object.keys(row.values) as MetadataSource[]).map((s) => SOURCE_LABELS[s]).join(', ');
        // The auth API's entry carries its facts (ApiResult.entries).
        const apiEntry = row.values.authApi as (MetadataEntry & MetadataFacts) | undefined;
        const facts = apiEntry ? inline(describeFacts(apiEntry), 200) : '';
        return {
          id: `${id}/${idSegment(row.key, i)}`,
          kind: 'metadata' as const,
          fingerprint: '',
          label: inline(row.key, 80),
          description: [metadataSummary(first), row.status === 'differs' ? l10n.t('differs between sources') : row.status === 'partial' ? l10n.t('only in {0}', where) : where, facts || undefined]
            .filter(Boolean)
            .join(' · '),
          tooltip: [
            ...(Object.entries(row.values) as [MetadataSource, MetadataEntry][]).map(([source, e]) =>
              l10n.t({ message: '**{0}:** {1} (raw {2})', args: [SOURCE_LABELS[source], mdText(metadataSummary(e)), mdCode(e.raw)], comment: ['Markdown: a source (ID token, userinfo, auth API), its decoded value, and the raw value'] }),
            ),
            ...(apiEntry ? factLines(apiEntry) : []),
          ].join('  \n'),
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
  const apis = new Set(users.flatMap((u) => (u.api ? [u.api] : [])));
  return {
    id,
    kind: 'section',
    fingerprint: '',
    label: l10n.t('Users'),
    description: apis.size === 1 ? l10n.t('{0} shown · {1}', users.length, API_NAMES[[...apis][0]]) : l10n.t('{0} shown', users.length),
    icon: { id: 'organization' },
    contextValue: 'users',
    expanded: true,
    children: () => users.map((u, i) => userNode(id, profileName, u, i)),
  };
}

function userNode(parent: string, profileName: string, u: UserMetadata, index: number): ViewNode {
  const id = `${parent}/${idSegment(u.orgId ?? '', index)}/${idSegment(u.userId, index)}`;
  const ref = { profile: profileName, userId: u.userId, orgId: u.orgId };
  // `u.api` (v1, v2) is an API version, not a word.
  const withApi = (text: string) => (u.api ? `${text} · ${u.api}` : text);
  let description: string;
  let tooltip: string;
  if (u.error) {
    description = l10n.t('failed: {0}', inline(u.error, 300));
    tooltip = mdText(u.error);
  } else if (u.notFound) {
    description = withApi(
      u.api !== 'v1' ? l10n.t('not found') : u.orgId ? l10n.t('not found in organization {0}', inline(u.orgId, 40)) : l10n.t('not found in your organization'),
    );
    const why = l10n.t("ZITADEL's management API v1 (this instance has no user service v2) sees the users of one organization only, and lists other users as having no metadata.");
    tooltip = mdText(
      u.api !== 'v1'
        ? l10n.t('ZITADEL does not know user {0}. Check the user ID.', u.userId)
        : u.orgId
          ? l10n.t('{0} User {1} is not in organization {2}: give the organization the user belongs to.', why, u.userId, u.orgId)
          : l10n.t('{0} User {1} is not in your organization: give the organization the user belongs to.', why, u.userId),
    );
  } else {
    const count = keyCount(u.entries?.length ?? 0);
    description = withApi(u.orgId ? l10n.t('{0} · org {1}', count, inline(u.orgId, 40)) : count);
    const who = u.orgId ? l10n.t('User {0} in organization {1}', u.userId, u.orgId) : l10n.t('User {0}', u.userId);
    tooltip = mdText(u.api ? l10n.t('{0}, through the {1}', who, API_NAMES[u.api]) : who);
  }
  const entries = [...(u.entries ?? [])].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const orgAction: ViewNode[] =
    u.notFound && u.api === 'v1'
      ? [
          {
            id: `${id}/enter-org`,
            kind: 'action',
            fingerprint: '',
            label: l10n.t("Enter the user's organization ID…"),
            tooltip: l10n.t('Lists the metadata again with x-zitadel-orgid set to the organization you enter.'),
            icon: { id: 'organization' },
            command: { id: 'tokenInspector.enterUserOrganization', args: [{ userRef: ref }] },
          },
        ]
      : [];
  return {
    id,
    kind: 'section',
    fingerprint: '',
    label: inline(u.userId, 80),
    description,
    tooltip,
    icon: u.error ? { id: 'error', color: 'list.errorForeground' } : u.notFound ? { id: 'warning', color: 'list.warningForeground' } : { id: 'person' },
    // userApiV1: offers "Retry with the User Service v2".
    contextValue: `userMetadata${u.api === 'v1' ? ' userApiV1' : ''}`,
    expanded: true,
    userRef: ref,
    children: () => [
      ...entries.map((e, j) => {
        const facts = inline(describeFacts(e), 200);
        return {
          id: `${id}/${idSegment(e.key, j)}`,
          kind: 'metadata' as const,
          fingerprint: '',
          label: inline(e.key, 80),
          description: facts ? `${metadataSummary(e)} · ${facts}` : metadataSummary(e),
          tooltip: [l10n.t('Raw: {0}', mdCode(e.raw)), ...factLines(e)].join('  \n'),
          copyValue: e.value,
          contextValue: 'userMetadataKey',
          icon: { id: 'symbol-field' },
          userRef: { ...ref, key: e.key },
        };
      }),
      ...orgAction,
    ],
  };
}

/** Tooltip lines (markdown) with what the API said about an entry. */
function factLines(e: MetadataFacts): string[] {
  const lines: string[] = [];
  if (typeof e.creationDate === 'string') lines.push(l10n.t('**Created:** {0}', mdText(shortUtc(e.creationDate))));
  if (typeof e.changeDate === 'string') lines.push(l10n.t('**Changed:** {0}', mdText(shortUtc(e.changeDate))));
  if (typeof e.resourceOwner === 'string') lines.push(l10n.t('**Resource owner:** {0}', mdText(e.resourceOwner)));
  if (typeof e.sequence === 'string') lines.push(l10n.t('**Sequence:** {0}', mdText(e.sequence)));
  return lines;
}

