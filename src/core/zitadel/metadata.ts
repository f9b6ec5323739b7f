// ZITADEL user metadata values are raw bytes, base64 encoded: base64url without padding in
// token claims, standard padded base64 in the REST APIs. Decoded tolerantly for display.
import * as l10n from '@vscode/l10n';
import { jsonForMessage, MAX_JSON_DEPTH, parseStructured } from '../json';
import { decodeBase64Tolerant, toHex, utf8OrUndefined } from '../jwt/base64';

export type MetadataEncoding = 'text' | 'json' | 'binary' | 'invalid';

export interface MetadataEntry {
  key: string;
  /** The value exactly as received (base64 text, or whatever the claim held). */
  raw: string;
  /** Decoded text; for binary values their hex; for invalid ones the raw value. */
  value: string;
  encoding: MetadataEncoding;
  /** The parsed value when the text is JSON (objects and arrays only). */
  json?: unknown;
  /** Decoded size in bytes. */
  byteLength: number;
  /** Why the value could not be decoded, or what in it could not be shown as sent. */
  problem?: string;
}

// Text is UTF-8 without control characters other than tab and line breaks.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Decodes one metadata value for display. */
export function decodeMetadataValue(key: string, raw: unknown): MetadataEntry {
  if (typeof raw !== 'string') {
    const shown = jsonForMessage(raw);
    return { key, raw: shown, value: shown, encoding: 'invalid', byteLength: 0, problem: l10n.t('expected a base64 string, got {0}', raw === null ? 'null' : typeof raw) };
  }
  const decoded = decodeBase64Tolerant(raw);
  if (!decoded) {
    return { key, raw, value: raw, encoding: 'invalid', byteLength: 0, problem: l10n.t('not valid base64 or base64url') };
  }
  const { bytes } = decoded;
  const text = utf8OrUndefined(bytes);
  if (text === undefined || CONTROL.test(text)) {
    return { key, raw, value: toHex(bytes), encoding: 'binary', byteLength: bytes.length };
  }
  const json = parseStructured(text);
  if (!json?.ok) {
    const entry: MetadataEntry = { key, raw, value: text, encoding: 'text', byteLength: bytes.length };
    if (json?.tooDeep) entry.problem = l10n.t('its JSON nests more than {0} levels deep, so it is shown as text', MAX_JSON_DEPTH);
    return entry;
  }
  const entry: MetadataEntry = { key, raw, value: text, encoding: 'json', json: json.value, byteLength: bytes.length };
  if (json.problems.length > 0) entry.problem = json.problems.join('; ');
  return entry;
}

export interface MetadataClaim {
  entries: MetadataEntry[];
  /** Set when the claim is present but not the documented `{ key: base64 }` object. */
  problem?: string;
}

/** Reads the `urn:zitadel:iam:user:metadata` claim; `undefined` when the claim is absent. */
export function readMetadataClaim(claimValue: unknown): MetadataClaim | undefined {
  if (claimValue === undefined) return undefined;
  if (typeof claimValue !== 'object' || claimValue === null || Array.isArray(claimValue)) {
    return { entries: [], problem: l10n.t('the metadata claim is not an object of {0}', '{ key: base64 value }') };
  }
  // Object.keys, not Object.entries: several times faster on the huge objects a hostile token can hold.
  const record = claimValue as Record<string, unknown>;
  return { entries: Object.keys(record).map((key) => decodeMetadataValue(key, record[key])) };
}
