// Reading the extension's messages: a light shape check; anything unexpected is ignored.
import type { TimeClaim } from '../core/claims/time';
import type { MetadataEntry } from '../core/zitadel/metadata';
import type { RoleGrant } from '../core/zitadel/roles';
import type { Check } from '../core/oidc/idTokenChecks';
import type { GoneMessage, ToWebview } from './protocol';

export function readShowMessage(data: unknown): ToWebview | undefined {
  if (!isObject(data) || data.type !== 'show' || typeof data.label !== 'string') return undefined;
  const i = data.inspection;
  if (!isObject(i) || typeof i.token !== 'string' || !isObject(i.header) || !isObject(i.payload) || typeof i.signature !== 'string') return undefined;
  return {
    type: 'show',
    label: data.label,
    inspection: {
      token: i.token,
      fingerprint: typeof i.fingerprint === 'string' ? i.fingerprint : '',
      header: i.header,
      payload: i.payload,
      signature: i.signature,
      metadata: arrayOf(i.metadata) as MetadataEntry[],
      roles: arrayOf(i.roles) as RoleGrant[],
      times: arrayOf(i.times) as TimeClaim[],
      warnings: arrayOf(i.warnings).filter((w): w is string => typeof w === 'string'),
    },
    ...(Array.isArray(data.checks) ? { checks: arrayOf(data.checks).filter(isCheck) } : {}),
    ...(isObject(data.metadataSources) && Array.isArray(data.metadataSources.sources) && Array.isArray(data.metadataSources.rows)
      ? { metadataSources: data.metadataSources as unknown as NonNullable<ToWebview['metadataSources']> }
      : {}),
    ...(isObject(data.l10n) && Object.values(data.l10n).every((v) => typeof v === 'string') ? { l10n: data.l10n as Record<string, string> } : {}),
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
