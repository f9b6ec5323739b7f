// Reading the extension's messages: a light shape check; anything unexpected is ignored.
import type { TimeClaim } from '../core/claims/time';
import type { MetadataEntry } from '../core/zitadel/metadata';
import type { RoleGrant } from '../core/zitadel/roles';
import type { Check } from '../core/oidc/idTokenChecks';
import type { TokenComparison } from '../core/compare';
import type { TokenInspection } from '../core/inspect';
import type { GoneMessage, ShowMessage, ToWebview } from './protocol';

export function readMessage(data: unknown): ToWebview | undefined {
  if (!isObject(data)) return undefined;
  const l10n = isObject(data.l10n) && Object.values(data.l10n).every((v) => typeof v === 'string') ? { l10n: data.l10n as Record<string, string> } : {};
  if (data.type === 'compare') {
    const side = (value: unknown) => (isObject(value) && typeof value.label === 'string' ? readInspection(value.inspection) && { label: value.label, inspection: readInspection(value.inspection)! } : undefined);
    const before = side(data.before);
    const after = side(data.after);
    const c = data.comparison;
    if (!before || !after || !isObject(c) || !['header', 'claims', 'metadata', 'roles'].every((k) => Array.isArray(c[k])) || !isObject(c.counts)) return undefined;
    return { type: 'compare', before, after, comparison: c as unknown as TokenComparison, ...l10n };
  }
  if (data.type !== 'show' || typeof data.label !== 'string') return undefined;
  const inspection = readInspection(data.inspection);
  if (!inspection) return undefined;
  const v = data.verification;
  return {
    type: 'show',
    label: data.label,
    inspection,
    ...(Array.isArray(data.checks) ? { checks: arrayOf(data.checks).filter(isCheck) } : {}),
    ...(isObject(v) && typeof v.keys === 'string' && typeof v.verifiedAt === 'string' ? { verification: { keys: v.keys, verifiedAt: v.verifiedAt, ...(typeof v.note === 'string' ? { note: v.note } : {}) } } : {}),
    ...(isObject(data.metadataSources) && Array.isArray(data.metadataSources.sources) && Array.isArray(data.metadataSources.rows)
      ? { metadataSources: data.metadataSources as unknown as NonNullable<ShowMessage['metadataSources']> }
      : {}),
    ...l10n,
  };
}

function readInspection(i: unknown): TokenInspection | undefined {
  if (!isObject(i) || typeof i.token !== 'string' || !isObject(i.header) || !isObject(i.payload) || typeof i.signature !== 'string') return undefined;
  return {
    token: i.token,
    fingerprint: typeof i.fingerprint === 'string' ? i.fingerprint : '',
    header: i.header,
    payload: i.payload,
    signature: i.signature,
    metadata: arrayOf(i.metadata) as MetadataEntry[],
    roles: arrayOf(i.roles) as RoleGrant[],
    times: arrayOf(i.times) as TimeClaim[],
    warnings: arrayOf(i.warnings).filter((w): w is string => typeof w === 'string'),
  };
}

export function readGoneMessage(data: unknown): GoneMessage | undefined {
  if (!isObject(data) || data.type !== 'gone' || typeof data.title !== 'string' || typeof data.text !== 'string') return undefined;
  return { type: 'gone', title: data.title, text: data.text };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value.filter((v) => v !== null && v !== undefined) : [];
}

function isCheck(value: unknown): value is Check {
  return isObject(value) && typeof value.label === 'string' && typeof value.detail === 'string' && ['pass', 'fail', 'skip'].includes(value.status as string);
}
