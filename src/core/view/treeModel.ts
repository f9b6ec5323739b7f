// The sidebar tree as plain data: what each node says and offers. The VS Code tree
// adapter only maps these to TreeItems, so everything shown here is testable in Node.
// Our words are localized (@vscode/l10n); Markdown messages take the escaped parts as arguments.
import * as l10n from '@vscode/l10n';
import { describeClaim, describeHeaderParameter, type ClaimInfo } from '../claims/catalog';
import { describeTimeClaim, describeValidity, tokenValidity } from '../claims/time';
import type { ClaimsView, TokenInspection } from '../inspect';
import { clip, inline, mdCode, mdCodeBlock, mdText } from '../text';
import { byteCount, claimCount, itemCount, keyCount, organizationCount, roleCount } from './counts';
import { METADATA_CLAIM } from '../zitadel/claims';
import type { MetadataEntry } from '../zitadel/metadata';
import { isRoleClaim, type RoleGrant } from '../zitadel/roles';

export type NodeKind = 'token' | 'section' | 'claim' | 'value' | 'metadata' | 'raw' | 'role' | 'warning' | 'profile' | 'check' | 'action';

export interface ViewNode {
  /** Unique and stable across refreshes, so expansion state survives (see `idSegment`). */
  id: string;
  kind: NodeKind;
  /** Plain text, one line: untrusted parts made visible and clipped with `inline`. */
  label: string;
  description?: string;
  /** Markdown: untrusted parts escaped with mdText/mdCode/mdCodeBlock (src/core/text). */
  tooltip?: string;
  /** A codicon id, optionally colored with a theme color id. */
  icon?: { id: string; color?: string };
  /** What "Copy Value" copies. */
  copyValue?: string;
  /** What "Copy Claim as JSON" copies. */
  copyJson?: string;
  /** Fingerprint of the token the node belongs to ('' for nodes of no single token). */
  fingerprint: string;
  /** Extra context words for menus (`viewItem`), e.g. "signedIn refreshable". */
  contextValue?: string;
  /** Run when the node is clicked. */
  command?: { id: string; args: unknown[] };
  /** For a profile's node: the profile's name (the label is its display form, clipped). */
  profile?: string;
  /** For nodes about another user's metadata: whose, and which key. */
  userRef?: { profile: string; userId: string; orgId?: string; key?: string };
  children?: () => ViewNode[];
  expanded?: boolean;
}

const DESCRIPTION_LIMIT = 120;
const LABEL_LIMIT = 80;

/** A short one-line label for a token: its subject (made visible, clipped), or its fingerprint. */
export function tokenLabel(inspection: TokenInspection): string {
  const sub = inspection.payload.sub;
  return typeof sub === 'string' && sub ? inline(sub, LABEL_LIMIT) : l10n.t('token {0}', inspection.fingerprint.slice(0, 8));
}

/**
 * A name (claim, key, role, organization ID) as one segment of a node id: stable, never
 * throwing (encodeURIComponent throws on a lone surrogate), short for huge names. `index`
 * keeps siblings apart when two long names share their start.
 */
export function idSegment(name: string, index: number): string {
  const head = name.length > 64 ? name.slice(0, 64) : name;
  return `${index}:${head.replace(/[%/]/g, (c) => (c === '%' ? '%25' : '%2F')).replace(/\p{Cs}/gu, (c) => `%u${c.charCodeAt(0).toString(16)}`)}`;
}


/** What a decoded token is called: the user's own label (Rename), else its subject or fingerprint. */
export function tokenName(inspection: TokenInspection, label?: string): string {
  return label ? inline(label, LABEL_LIMIT) : tokenLabel(inspection);
}

/**
 * The root node of one token. `base` makes ids unique where the same token can appear twice
 * (a decoded token and a signed-in profile's token); by default the fingerprint. `label`: the
 * user's name for it, shown instead of the subject (which then leads the description).
 */
export function tokenNode(inspection: TokenInspection, nowMs: number, base = inspection.fingerprint, label?: string): ViewNode {
  const { fingerprint, header, payload } = inspection;
  const validity = tokenValidity(payload, nowMs);
  const alg = typeof header.alg === 'string' ? header.alg : l10n.t('no alg');
  const icon =
    validity.state === 'expired'
      ? { id: 'warning', color: 'list.errorForeground' }
      : validity.state === 'not-yet-valid'
        ? { id: 'clock', color: 'list.warningForeground' }
        : inspection.warnings.length > 0
          ? { id: 'key', color: 'list.warningForeground' }
          : { id: 'key' };
  const fact = (value: unknown, line: (text: string) => string) => (value === undefined ? undefined : line(mdText(typeof value === 'string' ? value : JSON.stringify(value))));
  const facts = [
    fact(label || undefined, (v) => l10n.t('**Label:** {0}', v)),
    fact(payload.iss, (v) => l10n.t('**Issuer:** {0}', v)),
    fact(payload.sub, (v) => l10n.t('**Subject:** {0}', v)),
    fact(payload.aud, (v) => l10n.t('**Audience:** {0}', v)),
    fact(alg, (v) => l10n.t('**Algorithm:** {0}', v)),
    fact(describeValidity(validity, nowMs), (v) => l10n.t('**Validity:** {0}', v)),
    fact(fingerprint, (v) => l10n.t('**Fingerprint:** {0}', v)),
  ];
  return {
    id: base,
    kind: 'token',
    fingerprint,
    label: tokenName(inspection, label),
    description: [
      label ? tokenLabel(inspection) : undefined,
      `${describeValidity(validity, nowMs)}${validity.state === 'expired' || validity.state === 'not-yet-valid' ? ' ⚠' : ''}`,
      issuerHost(payload.iss),
    ]
      .filter(Boolean)
      .join(' · '),
    tooltip: facts.filter(Boolean).join('  \n'),
    icon,
    copyValue: inspection.token,
    children: () => tokenChildren(inspection, nowMs, base),
  };
}

/** "issuer.example.com" for an issuer URL, so tokens of one subject from two issuers differ. */
function issuerHost(iss: unknown): string | undefined {
  if (typeof iss !== 'string') return undefined;
  try {
    return inline(new URL(iss).host || iss, 60);
  } catch {
    return inline(iss, 40);
  }
}

function tokenChildren(inspection: TokenInspection, nowMs: number, base: string): ViewNode[] {
  const { fingerprint, header, signature, metadata, roles, warnings } = inspection;
  const id = (s: string) => `${base}/${s}`;
  const nodes: ViewNode[] = [];
  if (warnings.length > 0) {
    nodes.push({
      id: id('warnings'),
      kind: 'section',
      fingerprint,
      label: l10n.t('Warnings'),
      description: String(warnings.length),
      icon: { id: 'warning', color: 'list.warningForeground' },
      expanded: true,
      children: () => warnings.map((w, i) => ({ id: id(`warnings/${i}`), kind: 'warning', fingerprint, label: inline(w, 300), tooltip: mdText(w, 2000), copyValue: w })),
    });
  }
  nodes.push(
    {
      id: id('header'),
      kind: 'section',
      fingerprint,
      label: l10n.t({ message: 'Header', comment: ['The JOSE header of a JWT'] }),
      description: inline([header.alg, header.kid].filter((v) => typeof v === 'string').join(' · ')),
      icon: { id: 'symbol-namespace' },
      copyValue: JSON.stringify(header, null, 2),
      children: () => Object.entries(header).map(([k, v], i) => valueNode(id(`header`), fingerprint, k, i, v, describeHeaderParameter(k), nowMs)),
    },
    {
      id: id('payload'),
      kind: 'section',
      fingerprint,
      label: l10n.t({ message: 'Payload', comment: ['The claims part of a JWT'] }),
      description: claimCount(Object.keys(inspection.payload).length),
      icon: { id: 'symbol-object' },
      copyValue: JSON.stringify(inspection.payload, null, 2),
      expanded: true,
      children: () => claimNodes(inspection, id('payload'), nowMs),
    },
    {
      id: id('signature'),
      kind: 'section',
      fingerprint,
      label: l10n.t({ message: 'Signature', comment: ['The signature part of a JWT'] }),
      description: signature ? l10n.t('{0} chars, not verified', signature.length) : l10n.t('none (unsecured)'),
      tooltip: l10n.t("Decoding does not verify the signature: anyone can make a token that decodes. Verification against the issuer's keys comes with sign-in."),
      icon: { id: signature ? 'lock' : 'unlock', color: signature ? undefined : 'list.warningForeground' },
      copyValue: signature,
    },
  );
  if (metadata.length > 0) {
    nodes.push({
      id: id('metadata'),
      kind: 'section',
      fingerprint,
      label: l10n.t({ message: 'Metadata', comment: ["ZITADEL's user metadata"] }),
      description: l10n.t('{0} · ZITADEL', keyCount(metadata.length)),
      tooltip: mdText(describeClaim(METADATA_CLAIM)!.description),
      icon: { id: 'database' },
      expanded: true,
      children: () => metadata.map((m, i) => metadataNode(id('metadata'), fingerprint, m, i)),
    });
  }
  if (roles.length > 0) {
    nodes.push({
      id: id('roles'),
      kind: 'section',
      fingerprint,
      label: l10n.t('Roles'),
      description: l10n.t('{0} · ZITADEL', roleCount(new Set(roles.map((r) => r.role)).size)),
      icon: { id: 'organization' },
      children: () => roles.map((r, i) => roleNode(id(`roles/${i}`), fingerprint, r)),
    });
  }
  return nodes;
}

/** Claims as nodes: times readable, metadata decoded, roles as role → org → domain. */
export function claimNodes(claims: ClaimsView, parentId: string, nowMs: number): ViewNode[] {
  return Object.entries(claims.payload).map(([k, v], i) => claimNode(claims, parentId, k, i, v, nowMs));
}

function claimNode(inspection: ClaimsView, parentId: string, claim: string, index: number, value: unknown, nowMs: number): ViewNode {
  const { fingerprint } = inspection;
  const node = valueNode(parentId, fingerprint, claim, index, value, describeClaim(claim), nowMs, inspection);
  node.kind = 'claim';
  node.copyJson = JSON.stringify({ [claim]: value }, null, 2);
  if (claim === METADATA_CLAIM && inspection.metadata.length > 0) {
    node.description = l10n.t('{0}, decoded', keyCount(inspection.metadata.length));
    node.children = () => inspection.metadata.map((m, i) => metadataNode(node.id, fingerprint, m, i));
  } else if (isRoleClaim(claim)) {
    const grants = inspection.roles.filter((r) => r.claim === claim);
    if (grants.length > 0) {
      node.description = oneLine(grants.map((g) => g.role).join(', '));
      node.children = () => grants.map((g, i) => roleNode(`${node.id}/${i}`, fingerprint, g));
    }
  }
  return node;
}

/** Any JSON value under a name; objects and arrays expand. */
function valueNode(
  parentId: string,
  fingerprint: string,
  name: string,
  index: number,
  value: unknown,
  info: ClaimInfo | undefined,
  nowMs: number,
  inspection?: ClaimsView,
): ViewNode {
  const id = `${parentId}/${idSegment(name, index)}`;
  // Only payload claims (passed with their inspection) are read as times.
  const time = inspection?.times.find((t) => t.claim === name);
  const node: ViewNode = {
    id,
    kind: 'value',
    fingerprint,
    label: inline(name, LABEL_LIMIT),
    description: time ? describeTimeClaim(time, nowMs) : summarize(value),
    tooltip: tooltipFor(name, value, info),
    copyValue: typeof value === 'string' ? value : JSON.stringify(value, null, 2),
    icon: time?.looksLikeMilliseconds ? { id: 'warning', color: 'list.warningForeground' } : time ? { id: 'clock' } : undefined,
  };
  if (isContainer(value)) {
    node.children = () => Object.entries(value).map(([k, v], i) => valueNode(id, fingerprint, k, i, v, undefined, nowMs));
  }
  return node;
}

function metadataNode(parentId: string, fingerprint: string, entry: MetadataEntry, index: number): ViewNode {
  const id = `${parentId}/${idSegment(entry.key, index)}`;
  const rawNode: ViewNode = {
    id: `${id}/raw`,
    kind: 'raw',
    fingerprint,
    label: l10n.t({ message: 'raw', comment: ['A metadata value as sent, still base64-encoded'] }),
    description: oneLine(entry.raw),
    tooltip: l10n.t('The value as sent: base64 (base64url without padding in tokens).'),
    copyValue: entry.raw,
    icon: { id: 'file-binary' },
  };
  return {
    id,
    kind: 'metadata',
    fingerprint,
    label: inline(entry.key, LABEL_LIMIT),
    description: metadataSummary(entry),
    tooltip: [
      entry.byteLength ? `**${mdText(entry.key)}** · ${entry.encoding}, ${byteCount(entry.byteLength)}` : `**${mdText(entry.key)}** · ${entry.encoding}`,
      entry.problem ? `⚠ ${mdText(entry.problem)}` : undefined,
      mdCodeBlock(entry.encoding === 'json' ? JSON.stringify(entry.json, null, 2) : entry.value),
      l10n.t('Raw: {0}', mdCode(entry.raw)),
    ]
      .filter(Boolean)
      .join('\n\n'),
    copyValue: entry.value,
    copyJson: JSON.stringify({ [entry.key]: entry.encoding === 'json' ? entry.json : entry.value }, null, 2),
    icon: entry.encoding === 'invalid' ? { id: 'warning', color: 'list.warningForeground' } : { id: 'symbol-field' },
    children: () => [
      rawNode,
      ...(entry.encoding === 'json' && isContainer(entry.json)
        ? Object.entries(entry.json).map(([k, v], i) => valueNode(id, fingerprint, k, i, v, undefined, 0))
        : []),
    ],
  };
}

/** A metadata value in one line: JSON compact, binary as hex with its size, a bad value with its problem. */
export function metadataSummary(entry: MetadataEntry): string {
  if (entry.encoding === 'json') return oneLine(JSON.stringify(entry.json));
  if (entry.encoding === 'binary') return l10n.t('{0} (binary, {1})', oneLine(entry.value), byteCount(entry.byteLength));
  if (entry.encoding === 'invalid') return `${oneLine(entry.raw)} (${entry.problem})`;
  return oneLine(entry.value);
}

function roleNode(id: string, fingerprint: string, grant: RoleGrant): ViewNode {
  return {
    id,
    kind: 'role',
    fingerprint,
    label: inline(grant.role, LABEL_LIMIT),
    description: grant.projectId ? l10n.t('project {0} · {1}', inline(grant.projectId, 40), organizationCount(grant.orgs.length)) : organizationCount(grant.orgs.length),
    tooltip: l10n.t('Role **{0}** from {1}', mdText(grant.role), mdCode(grant.claim)),
    copyValue: grant.role,
    icon: { id: 'person' },
    children: () =>
      grant.orgs.map((o, i) => ({
        id: `${id}/${idSegment(o.orgId, i)}`,
        kind: 'value' as const,
        fingerprint,
        label: inline(o.orgId, LABEL_LIMIT),
        description: inline(o.domain),
        tooltip: l10n.t('Organization {0}, primary domain {1}', mdCode(o.orgId), mdText(o.domain)),
        copyValue: o.orgId,
        icon: { id: 'globe' },
      })),
  };
}

function tooltipFor(name: string, value: unknown, info: ClaimInfo | undefined): string {
  const head = info ? `**${mdText(info.title)}** (${mdCode(name)}, ${mdText(info.source)})\n\n${mdText(info.description)}` : mdCode(name);
  return `${head}\n\n${mdCodeBlock(typeof value === 'string' ? value : JSON.stringify(value, null, 2))}`;
}

function summarize(value: unknown): string {
  if (Array.isArray(value)) {
    return value.every((v) => typeof v !== 'object' || v === null) ? oneLine(value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')) : `[${itemCount(value.length)}]`;
  }
  if (isContainer(value)) return `{${keyCount(Object.keys(value).length)}}`;
  return oneLine(typeof value === 'string' ? value : JSON.stringify(value));
}

function isContainer(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A one-line description: runs of spaces folded, hidden characters made visible, clipped. */
function oneLine(text: string): string {
  // Clipped before folding, so a huge value costs only its first few hundred characters.
  return inline(clip(text, DESCRIPTION_LIMIT * 4).replace(/[ \t\n\r]+/g, ' '), DESCRIPTION_LIMIT);
}

