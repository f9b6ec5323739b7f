// Checks made before anything is sent, with messages for the user. ZITADEL's limits: key 1..200
// characters, value 1..500 000 bytes (values are bytes; the REST APIs carry them as standard
// padded base64, which this module produces so callers never handle base64 themselves).
import * as l10n from '@vscode/l10n';
import { decodeBase64Tolerant, encodeBase64, utf8Bytes } from '../../jwt/base64';
import { validationError } from './errors';
import { TEXT_QUERY_METHODS, type MetadataFilter, type MetadataInput, type TextQueryMethod } from './types';

export const MAX_KEY_CHARACTERS = 200;
export const MAX_USER_ID_CHARACTERS = 200;
export const MAX_VALUE_BYTES = 500_000;
export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 100;

/** True when `text` has a UTF-16 surrogate without its pair: it has no UTF-8 form, so ZITADEL cannot receive it. */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDFFF]/u.test(text);
}

/**
 * A user id travels in every user call's URL path, so it must survive ZITADEL's gateway, which
 * decodes the whole path before routing (a "/" would split it). ZITADEL's ids are digits.
 */
export function checkUserId(userId: unknown): string {
  if (typeof userId !== 'string' || userId.trim() === '') throw validationError(l10n.t('No user ID given: enter the ID of the user whose metadata to use.'));
  if (userId.trim() !== userId) throw validationError(l10n.t('The user ID "{0}" has spaces around it; remove them.', userId));
  const shown = clipped(userId);
  if ([...userId].length > MAX_USER_ID_CHARACTERS) throw validationError(l10n.t('The user ID "{0}" is too long: ZITADEL user IDs have at most {1} characters (usually 18 digits).', shown, MAX_USER_ID_CHARACTERS));
  if (userId === '.' || userId === '..' || userId.includes('/')) throw validationError(l10n.t('"{0}" is not a user ID ZITADEL can be asked about: it travels in the URL path, where "/", "." and ".." change the path. ZITADEL user IDs are usually 18 digits; copy it from the user\'s page in the console.', shown));
  if (hasLoneSurrogate(userId)) throw validationError(l10n.t('The user ID "{0}" contains a broken character (a lone UTF-16 surrogate); copy the ID again.', shown));
  return userId;
}

export function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0) throw validationError(l10n.t('A metadata key cannot be empty: use 1 to {0} characters.', MAX_KEY_CHARACTERS));
  const characters = [...key].length;
  if (characters > MAX_KEY_CHARACTERS) throw validationError(l10n.t('The metadata key "{0}" has {1} characters; ZITADEL allows at most {2}.', clipped(key), characters, MAX_KEY_CHARACTERS));
  if (hasLoneSurrogate(key)) throw validationError(l10n.t('The metadata key "{0}" contains a broken character (a lone UTF-16 surrogate), which has no UTF-8 form; ZITADEL cannot store it. Retype the key.', clipped(key)));
  return key;
}

function clipped(text: string): string {
  const characters = [...text];
  return characters.length > 40 ? `${characters.slice(0, 40).join('')}…` : text;
}

export interface EncodedValue {
  key: string;
  /** Standard padded base64, as the REST APIs expect. */
  base64: string;
  byteLength: number;
}

/** Validates one entry to store and encodes its value. */
export function encodeInput(input: MetadataInput): EncodedValue {
  const key = checkKey((input as { key?: unknown })?.key);
  let bytes: Uint8Array;
  if ('base64' in input) {
    if (typeof input.base64 !== 'string') throw validationError(l10n.t('The value of "{0}" is not base64 text.', key));
    const decoded = decodeBase64Tolerant(input.base64);
    if (!decoded) throw validationError(l10n.t('The value of "{0}" is not valid base64. Give the value as text, JSON or bytes instead and it is encoded for you.', key));
    bytes = decoded.bytes;
  } else if ('json' in input) {
    const text = input.json === undefined ? undefined : JSON.stringify(input.json);
    if (text === undefined) throw validationError(l10n.t('The value of "{0}" cannot be written as JSON.', key));
    bytes = utf8Bytes(text);
  } else if (typeof input.value === 'string') {
    bytes = utf8Bytes(input.value);
  } else if (input.value instanceof Uint8Array) {
    bytes = input.value;
  } else {
    throw validationError(l10n.t('The value of "{0}" must be text or bytes.', key));
  }
  if (bytes.length === 0) throw validationError(l10n.t('The value of "{0}" is empty; ZITADEL needs 1 to {1} bytes. To delete the key, remove it instead.', key, MAX_VALUE_BYTES));
  if (bytes.length > MAX_VALUE_BYTES) throw validationError(l10n.t('The value of "{0}" has {1} bytes; ZITADEL allows at most {2}.', key, bytes.length, MAX_VALUE_BYTES));
  return { key, base64: encodeBase64(bytes), byteLength: bytes.length };
}

export function encodeInputs(entries: readonly MetadataInput[]): EncodedValue[] {
  if (!Array.isArray(entries) || entries.length === 0) throw validationError(l10n.t('No metadata given: add at least one key and value.'));
  const encoded = entries.map(encodeInput);
  checkUnique(encoded.map((e) => e.key));
  return encoded;
}

export function checkKeys(keys: readonly string[]): string[] {
  if (!Array.isArray(keys) || keys.length === 0) throw validationError(l10n.t('No metadata keys given: name at least one key to remove.'));
  const checked = keys.map(checkKey);
  checkUnique(checked);
  return checked;
}

function checkUnique(keys: string[]): void {
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key)) throw validationError(l10n.t('The metadata key "{0}" is listed twice.', key));
    seen.add(key);
  }
}

export interface CheckedFilter {
  key?: string;
  method: TextQueryMethod;
}

export function checkFilter(filter: MetadataFilter = {}): CheckedFilter {
  const method = filter.method ?? 'TEXT_QUERY_METHOD_EQUALS';
  if (!TEXT_QUERY_METHODS.includes(method)) throw validationError(l10n.t('Unknown text method "{0}"; use one of {1}.', String(method), TEXT_QUERY_METHODS.join(', ')));
  if (filter.key === undefined) {
    if (filter.method !== undefined) throw validationError(l10n.t('A text method needs a key to compare with.'));
    return { method };
  }
  return { key: checkKey(filter.key), method };
}

export function checkPageSize(pageSize: number | undefined): number {
  if (pageSize === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw validationError(l10n.t('The page size must be a whole number from 1 to {0}; got {1}.', MAX_PAGE_SIZE, pageSize));
  return pageSize;
}
