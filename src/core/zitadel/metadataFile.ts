// A user's metadata as a JSON file, and back: export writes decoded values (text as text, JSON
// as JSON, bytes as base64); import reads such a file (or a simpler list or map), checks every
// entry with the API client's own rules, and plans what would change (added, changed,
// unchanged, refused with the reason) before anything is written. Import never removes keys.
import * as l10n from '@vscode/l10n';
import { jsonForMessage, parseJson } from '../json';
import { decodeBase64Tolerant, encodeBase64 } from '../jwt/base64';
import { ZitadelApiError } from './api/errors';
import type { MetadataInput } from './api/types';
import { encodeInput, type EncodedValue } from './api/validate';
import { decodeMetadataValue, type MetadataEntry } from './metadata';

export const METADATA_FILE_FORMAT = 'token-inspector.zitadel-metadata';
/** Far more than any user's metadata that ZITADEL would hand out at once; bounds the work on a hostile file. */
export const MAX_METADATA_FILE = 16 * 1024 * 1024;

/** One entry of a file: exactly one of text, a JSON value, or bytes as base64. */
export type FileEntry = { key: string; value: string } | { key: string; json: unknown } | { key: string; base64: string };

export interface MetadataFile {
  format: typeof METADATA_FILE_FORMAT;
  version: 1;
  /** Whose metadata, where, when: for the reader, not used on import. */
  instance?: string;
  userId?: string;
  exportedAt: string;
  metadata: FileEntry[];
  /** Entries whose value could not be read (invalid base64 from the server), with why. */
  notExported?: { key: string; reason: string }[];
}

/** The metadata as the file's JSON text (pretty, keys sorted). */
export function exportMetadata(entries: readonly MetadataEntry[], about: { instance?: string; userId?: string; now?: Date } = {}): string {
  const metadata: FileEntry[] = [];
  const notExported: { key: string; reason: string }[] = [];
  for (const entry of [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const exported = fileEntry(entry);
    if (typeof exported === 'string') notExported.push({ key: entry.key, reason: exported });
    else metadata.push(exported);
  }
  const file: MetadataFile = {
    format: METADATA_FILE_FORMAT,
    version: 1,
    ...(about.instance ? { instance: about.instance } : {}),
    ...(about.userId ? { userId: about.userId } : {}),
    exportedAt: (about.now ?? new Date()).toISOString(),
    metadata,
    ...(notExported.length > 0 ? { notExported } : {}),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** An entry as the file holds it, or why it cannot be. */
function fileEntry(entry: MetadataEntry): FileEntry | string {
  switch (entry.encoding) {
    case 'text':
      return { key: entry.key, value: entry.value };
    case 'json':
      // JSON only when it reads back exactly: numbers beyond 2^53 (long ids) would be rounded.
      return entry.problem || /\d{16,}/.test(entry.value) ? { key: entry.key, value: entry.value } : { key: entry.key, json: entry.json };
    case 'binary': {
      const bytes = decodeBase64Tolerant(entry.raw)?.bytes;
      return bytes ? { key: entry.key, base64: encodeBase64(bytes) } : l10n.t('its value is not base64 ({0})', entry.problem ?? l10n.t('unreadable'));
    }
    case 'invalid':
      return l10n.t('its value could not be read: {0}', entry.problem ?? l10n.t('not base64'));
  }
}

export type ImportStatus = 'added' | 'changed' | 'unchanged' | 'refused';

export interface ImportRow {
  key: string;
  status: ImportStatus;
  /** The value now (changed, unchanged). */
  before?: MetadataEntry;
  /** The value the file sets (added, changed, unchanged). */
  after?: MetadataEntry;
  /** Why the entry is refused. */
  reason?: string;
}

export interface ImportPlan {
  /** One row per entry of the file, in its order. */
  rows: ImportRow[];
  /** What to write (added and changed), ready for setUserMetadata; empty when nothing changes. */
  writes: MetadataInput[];
  counts: Record<ImportStatus, number>;
  /** Keys the user has that the file does not name: import leaves them as they are. */
  untouched: number;
}

/**
 * What importing `fileText` onto a user whose metadata is `current` would do. Throws a
 * ZitadelApiError ('validation') when the file as a whole cannot be read; a bad entry is a
 * refused row, and the others still count.
 */
export function planMetadataImport(current: readonly MetadataEntry[], fileText: string): ImportPlan {
  const candidates = readFile(fileText);
  const now = new Map(current.map((e) => [e.key, e]));
  const seen = new Set<string>();
  const rows: ImportRow[] = [];
  const writes: MetadataInput[] = [];
  for (const candidate of candidates) {
    const key = typeof candidate.key === 'string' ? candidate.key : jsonForMessage(candidate.key);
    if (candidate.problem) {
      rows.push({ key, status: 'refused', reason: candidate.problem });
      continue;
    }
    let encoded: EncodedValue;
    try {
      encoded = encodeInput(candidate.input!);
    } catch (err) {
      rows.push({ key, status: 'refused', reason: err instanceof Error ? err.message : String(err) });
      continue;
    }
    if (seen.has(encoded.key)) {
      rows.push({ key, status: 'refused', reason: l10n.t('"{0}" is in the file more than once; only its first entry is used.', encoded.key) });
      continue;
    }
    seen.add(encoded.key);
    const after = decodeMetadataValue(encoded.key, encoded.base64);
    const before = now.get(encoded.key);
    if (!before) {
      rows.push({ key, status: 'added', after });
      writes.push({ key: encoded.key, base64: encoded.base64 });
    } else if (sameValue(before, encoded.base64, candidate.input!)) {
      rows.push({ key, status: 'unchanged', before, after });
    } else {
      rows.push({ key, status: 'changed', before, after });
      writes.push({ key: encoded.key, base64: encoded.base64 });
    }
  }
  const counts: Record<ImportStatus, number> = { added: 0, changed: 0, unchanged: 0, refused: 0 };
  for (const row of rows) counts[row.status]++;
  return { rows, writes, counts, untouched: [...now.keys()].filter((k) => !seen.has(k)).length };
}

/** The same bytes; or, for a JSON value, the same JSON (so an exported file imports as unchanged whatever its formatting). */
function sameValue(before: MetadataEntry, base64: string, input: MetadataInput): boolean {
  const current = decodeBase64Tolerant(before.raw)?.bytes;
  const next = decodeBase64Tolerant(base64)!.bytes;
  if (current && current.length === next.length && current.every((b, i) => b === next[i])) return true;
  return 'json' in input && before.encoding === 'json' && !before.problem && jsonEqual(before.json, input.json);
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

interface Candidate {
  key: unknown;
  input?: MetadataInput;
  problem?: string;
}

/**
 * The entries of a file: an export ({"metadata": [...]}), a list of entries, or a map of key to
 * text (a string) or JSON (anything else). Throws for a file that is none of these.
 */
function readFile(text: string): Candidate[] {
  if (text.length > MAX_METADATA_FILE) throw invalid(l10n.t('The file has {0} characters; metadata files are limited to {1} MB.', text.length, MAX_METADATA_FILE / 1024 / 1024));
  const parsed = parseJson(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok) throw invalid(l10n.t('The file is not JSON ({0}).', parsed.reason));
  const value = parsed.value;
  if (Array.isArray(value)) return value.map(listEntry);
  if (typeof value !== 'object' || value === null) throw invalid(l10n.t('The file holds {0}, not metadata. {1}', jsonForMessage(value).slice(0, 40), shapes()));
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.metadata)) {
    if (record.format !== undefined && record.format !== METADATA_FILE_FORMAT) throw invalid(l10n.t('The file\'s "format" is {0}, not {1}.', jsonForMessage(record.format).slice(0, 80), METADATA_FILE_FORMAT));
    return record.metadata.map(listEntry);
  }
  if (record.format === METADATA_FILE_FORMAT) throw invalid(l10n.t('The file says it is a Token Inspector metadata export but has no "metadata" list.'));
  return Object.keys(record).map((key) => mapEntry(key, record[key]));
}

const shapes = () => l10n.t('Use an export of Token Inspector ({0}), a list of {1}, or an object of key to value.', '{"metadata": [{"key": …, "value": …}]}', '{"key", "value" | "json" | "base64"}');

function listEntry(item: unknown, index: number): Candidate {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return { key: `#${index + 1}`, problem: l10n.t('Entry {0} is not an object with "key" and a value.', index + 1) };
  const entry = item as Record<string, unknown>;
  if (typeof entry.key !== 'string') return { key: entry.key ?? `#${index + 1}`, problem: l10n.t('Entry {0} has no "key" text.', index + 1) };
  const given = (['value', 'json', 'base64'] as const).filter((field) => Object.hasOwn(entry, field));
  if (given.length === 0) return { key: entry.key, problem: l10n.t('Give exactly one of "value" (text), "json" or "base64"; this entry has none.') };
  if (given.length > 1) return { key: entry.key, problem: l10n.t('Give exactly one of "value" (text), "json" or "base64"; this entry has {0}.', given.map((g) => `"${g}"`).join(', ')) };
  const [field] = given;
  if (field === 'value' && typeof entry.value !== 'string') return { key: entry.key, problem: l10n.t('"value" is text; for {0} use "json".', jsonForMessage(entry.value).slice(0, 40)) };
  if (field === 'base64' && typeof entry.base64 !== 'string') return { key: entry.key, problem: l10n.t('"base64" must be text.') };
  if (field === 'json' && entry.json === null) return { key: entry.key, problem: nullValue() };
  const input: MetadataInput = field === 'value' ? { key: entry.key, value: entry.value as string } : field === 'json' ? { key: entry.key, json: entry.json } : { key: entry.key, base64: entry.base64 as string };
  return { key: entry.key, input };
}

const nullValue = () => l10n.t('null is not a value ZITADEL can store; import never removes keys (use Remove Metadata Key… for that).');

function mapEntry(key: string, value: unknown): Candidate {
  if (value === null) return { key, problem: nullValue() };
  return { key, input: typeof value === 'string' ? { key, value } : { key, json: value } };
}

function invalid(message: string): ZitadelApiError {
  return new ZitadelApiError('validation', message);
}
