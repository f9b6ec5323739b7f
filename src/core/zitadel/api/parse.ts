// Reads the documented answer shapes into entries. 64-bit numbers arrive as JSON strings; fields
// with zero values may be missing (protobuf JSON omits them), so a missing list is an empty list
// and a missing totalResult is 0.
import * as l10n from '@vscode/l10n';
import { decodeMetadataValue } from '../metadata';
import { isObject } from './explain';
import type { ApiMetadataEntry } from './types';

export type Fail = (problem: string) => never;

export interface ParsedPage {
  entries: ApiMetadataEntry[];
  total: number;
}

/** auth / management v1 search: { details: { totalResult }, result: [...] } */
export function readV1Page(json: Record<string, unknown>, fail: Fail): ParsedPage {
  const details = json.details === undefined ? {} : json.details;
  if (!isObject(details)) fail(l10n.t('{0} is not an object', '"details"'));
  const result = json.result === undefined ? [] : json.result;
  if (!Array.isArray(result)) fail(l10n.t('{0} is not a list', '"result"'));
  return { total: readCount(details.totalResult, 'details.totalResult', fail), entries: result.map((r, i) => readV1Entry(r, `result[${i}]`, fail)) };
}

/** v1 get: { metadata: { details, key, value } } */
export function readV1Single(json: Record<string, unknown>, fail: Fail): ApiMetadataEntry {
  return readV1Entry(json.metadata, 'metadata', fail);
}

export function readV1Entry(item: unknown, where: string, fail: Fail): ApiMetadataEntry {
  if (!isObject(item)) fail(l10n.t('{0} is not an object', where));
  const { key, value } = item;
  if (typeof key !== 'string') fail(l10n.t('{0} is not a string', `${where}.key`));
  const entry: ApiMetadataEntry = decodeMetadataValue(key, value ?? '');
  const details = item.details;
  if (isObject(details)) {
    if (typeof details.sequence === 'string') entry.sequence = details.sequence;
    if (typeof details.creationDate === 'string') entry.creationDate = details.creationDate;
    if (typeof details.changeDate === 'string') entry.changeDate = details.changeDate;
    if (typeof details.resourceOwner === 'string') entry.resourceOwner = details.resourceOwner;
  }
  return entry;
}

/** user service v2 search: { pagination: { totalResult, appliedLimit }, metadata: [...] } */
export function readV2Page(json: Record<string, unknown>, fail: Fail): ParsedPage {
  const pagination = json.pagination === undefined ? {} : json.pagination;
  if (!isObject(pagination)) fail(l10n.t('{0} is not an object', '"pagination"'));
  const list = json.metadata === undefined ? [] : json.metadata;
  if (!Array.isArray(list)) fail(l10n.t('{0} is not a list', '"metadata"'));
  const entries = list.map((item, i) => {
    if (!isObject(item) || typeof item.key !== 'string') fail(l10n.t('{0} has no key', `metadata[${i}]`));
    const entry: ApiMetadataEntry = decodeMetadataValue(item.key, item.value ?? '');
    if (typeof item.creationDate === 'string') entry.creationDate = item.creationDate;
    if (typeof item.changeDate === 'string') entry.changeDate = item.changeDate;
    return entry;
  });
  return { total: readCount(pagination.totalResult, 'pagination.totalResult', fail), entries };
}

function readCount(value: unknown, where: string, fail: Fail): number {
  if (value === undefined) return 0;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : typeof value === 'number' ? value : NaN;
  if (!Number.isSafeInteger(n) || n < 0) fail(l10n.t('{0} is not a count: {1}', where, JSON.stringify(value)));
  return n;
}
