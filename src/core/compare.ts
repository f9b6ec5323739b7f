// Two tokens side by side (before and after a refresh, or before and after setting metadata):
// which claims were added, removed or changed (nested values compared structurally, key order
// ignored), which metadata keys (by decoded value) and which role grants. Plain JSON for the
// inspector. Linear in the size of both tokens, whatever they hold.
import { TIME_CLAIMS } from './claims/time';
import type { TokenInspection } from './inspect';
import type { JsonObject } from './jwt/decode';
import { METADATA_CLAIM } from './zitadel/claims';
import type { MetadataEntry } from './zitadel/metadata';
import { comparableValue } from './zitadel/metadataSources';
import { isRoleClaim } from './zitadel/roles';

export type Change = 'added' | 'removed' | 'changed' | 'same';

/** One place inside a changed object or array: `path` from the claim down, e.g. ["reader", "1700…"]. */
export interface NestedChange {
  path: string[];
  change: Exclude<Change, 'same'>;
  before?: unknown;
  after?: unknown;
}

export interface ClaimComparison {
  name: string;
  change: Change;
  /** Absent when added. */
  before?: unknown;
  /** Absent when removed. */
  after?: unknown;
  /** Where a changed object or array differs (at most MAX_NESTED_CHANGES; `moreChanges` counts the rest). */
  nested?: NestedChange[];
  moreChanges?: number;
  /** For a time claim that is a number on both sides: after − before, in seconds. */
  shiftSeconds?: number;
  /** The section that shows this claim decoded. */
  section?: 'metadata' | 'roles';
}

export interface MetadataComparison {
  key: string;
  change: Change;
  before?: MetadataEntry;
  after?: MetadataEntry;
}

export interface RoleComparison {
  role: string;
  /** The project the claim names (urn:zitadel:iam:org:project:{projectId}:roles), if any. */
  projectId?: string;
  orgId: string;
  change: Change;
  beforeDomain?: string;
  afterDomain?: string;
}

export type ChangeCounts = Record<Change, number>;

export interface TokenComparison {
  before: TokenSide;
  after: TokenSide;
  header: ClaimComparison[];
  claims: ClaimComparison[];
  metadata: MetadataComparison[];
  roles: RoleComparison[];
  counts: { header: ChangeCounts; claims: ChangeCounts; metadata: ChangeCounts; roles: ChangeCounts };
  /** Both tokens name the same `sub` (comparing two users' tokens is allowed, but worth saying). */
  sameSubject: boolean;
}

export interface TokenSide {
  fingerprint: string;
  sub?: unknown;
  iss?: unknown;
  iat?: unknown;
}

export const MAX_NESTED_CHANGES = 50;

export function compareTokens(before: TokenInspection, after: TokenInspection): TokenComparison {
  const header = compareObjects(before.header, after.header);
  const claims = compareObjects(before.payload, after.payload);
  const metadata = compareMetadata(before.metadata, after.metadata);
  const roles = compareRoles(before, after);
  return {
    before: side(before),
    after: side(after),
    header,
    claims,
    metadata,
    roles,
    counts: { header: count(header), claims: count(claims), metadata: count(metadata), roles: count(roles) },
    sameSubject: before.payload.sub === after.payload.sub,
  };
}

function side(inspection: TokenInspection): TokenSide {
  const side: TokenSide = { fingerprint: inspection.fingerprint };
  for (const claim of ['sub', 'iss', 'iat'] as const) if (inspection.payload[claim] !== undefined) side[claim] = inspection.payload[claim];
  return side;
}

/** Every member of either object: the first object's order, then what only the second has. */
function compareObjects(before: JsonObject, after: JsonObject): ClaimComparison[] {
  // Key sets rather than Object.hasOwn: much faster on the huge objects a hostile token can hold.
  const beforeNames = Object.keys(before);
  const afterNames = Object.keys(after);
  const inBefore = new Set(beforeNames);
  const inAfter = new Set(afterNames);
  const rows: ClaimComparison[] = [];
  for (const name of beforeNames) {
    if (!inAfter.has(name)) rows.push(withSection({ name, change: 'removed', before: before[name] }));
    else rows.push(compareClaim(name, before[name], after[name]));
  }
  for (const name of afterNames) {
    if (!inBefore.has(name)) rows.push(withSection({ name, change: 'added', after: after[name] }));
  }
  return rows;
}

function compareClaim(name: string, before: unknown, after: unknown): ClaimComparison {
  if (Object.is(before, after)) return withSection({ name, change: 'same', before, after });
  const nested: NestedChange[] = [];
  const walk = { changes: nested, more: 0 };
  if (!diff(before, after, [], walk)) return withSection({ name, change: 'same', before, after });
  const row: ClaimComparison = { name, change: 'changed', before, after };
  if (isContainer(before) && isContainer(after) && Array.isArray(before) === Array.isArray(after)) {
    row.nested = nested;
    if (walk.more > 0) row.moreChanges = walk.more;
  }
  if ((TIME_CLAIMS as readonly string[]).includes(name) && typeof before === 'number' && typeof after === 'number') row.shiftSeconds = after - before;
  return withSection(row);
}

function withSection(row: ClaimComparison): ClaimComparison {
  if (!row.name.startsWith('urn:zitadel:')) return row; // the common case, without a regular expression
  if (row.name === METADATA_CLAIM) row.section = 'metadata';
  else if (isRoleClaim(row.name)) row.section = 'roles';
  return row;
}

/**
 * Whether two JSON values differ, recording where (objects by member, arrays by index) in `walk`,
 * up to MAX_NESTED_CHANGES places. Values come from the decoder: plain JSON, nesting bounded.
 */
function diff(before: unknown, after: unknown, path: string[], walk: { changes: NestedChange[]; more: number }): boolean {
  if (Object.is(before, after)) return false;
  const record = (change: NestedChange) => (walk.changes.length < MAX_NESTED_CHANGES ? walk.changes.push(change) : walk.more++);
  if (!isContainer(before) || !isContainer(after) || Array.isArray(before) !== Array.isArray(after)) {
    if (path.length > 0) record({ path, change: 'changed', before, after });
    return true;
  }
  let differs = false;
  if (Array.isArray(before) && Array.isArray(after)) {
    const shared = Math.min(before.length, after.length);
    for (let i = 0; i < shared; i++) differs = diff(before[i], after[i], [...path, String(i)], walk) || differs;
    for (let i = shared; i < before.length; i++) record({ path: [...path, String(i)], change: 'removed', before: before[i] });
    for (let i = shared; i < after.length; i++) record({ path: [...path, String(i)], change: 'added', after: after[i] });
    return differs || before.length !== after.length;
  }
  const b = before as JsonObject;
  const a = after as JsonObject;
  for (const key of Object.keys(b)) {
    if (!Object.hasOwn(a, key)) {
      record({ path: [...path, key], change: 'removed', before: b[key] });
      differs = true;
    } else differs = diff(b[key], a[key], [...path, key], walk) || differs;
  }
  for (const key of Object.keys(a)) {
    if (!Object.hasOwn(b, key)) {
      record({ path: [...path, key], change: 'added', after: a[key] });
      differs = true;
    }
  }
  return differs;
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function compareMetadata(before: readonly MetadataEntry[], after: readonly MetadataEntry[]): MetadataComparison[] {
  const afterByKey = new Map(after.map((e) => [e.key, e]));
  const beforeKeys = new Set(before.map((e) => e.key));
  const rows: MetadataComparison[] = before.map((entry) => {
    const other = afterByKey.get(entry.key);
    if (!other) return { key: entry.key, change: 'removed', before: entry };
    return { key: entry.key, change: comparableValue(entry) === comparableValue(other) ? 'same' : 'changed', before: entry, after: other };
  });
  for (const entry of after) if (!beforeKeys.has(entry.key)) rows.push({ key: entry.key, change: 'added', after: entry });
  return rows;
}

/** Grants flattened to one row per (claim's project, role, organization). */
function compareRoles(before: TokenInspection, after: TokenInspection): RoleComparison[] {
  const flatten = (inspection: TokenInspection) => {
    const grants = new Map<string, { role: string; projectId?: string; orgId: string; domain: string }>();
    for (const grant of inspection.roles) {
      for (const { orgId, domain } of grant.orgs) grants.set(JSON.stringify([grant.projectId ?? null, grant.role, orgId]), { role: grant.role, projectId: grant.projectId, orgId, domain });
    }
    return grants;
  };
  const b = flatten(before);
  const a = flatten(after);
  const rows: RoleComparison[] = [];
  const row = (g: { role: string; projectId?: string; orgId: string }, change: Change, beforeDomain?: string, afterDomain?: string): RoleComparison => ({
    role: g.role,
    ...(g.projectId === undefined ? {} : { projectId: g.projectId }),
    orgId: g.orgId,
    change,
    ...(beforeDomain === undefined ? {} : { beforeDomain }),
    ...(afterDomain === undefined ? {} : { afterDomain }),
  });
  for (const [id, grant] of b) {
    const other = a.get(id);
    rows.push(other ? row(grant, other.domain === grant.domain ? 'same' : 'changed', grant.domain, other.domain) : row(grant, 'removed', grant.domain));
  }
  for (const [id, grant] of a) if (!b.has(id)) rows.push(row(grant, 'added', undefined, grant.domain));
  return rows;
}

function count(rows: readonly { change: Change }[]): ChangeCounts {
  const counts: ChangeCounts = { added: 0, removed: 0, changed: 0, same: 0 };
  for (const r of rows) counts[r.change]++;
  return counts;
}
