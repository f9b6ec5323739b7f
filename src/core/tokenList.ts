// The list of decoded tokens the sidebar keeps, as stored (one JSON secret). Only the
// token text, when it was decoded and the label the user gave it are stored: everything else
// is derived again when it is read back.
import { inspectToken, type TokenInspection } from './inspect';

export interface StoredToken {
  token: string;
  /** Epoch ms when it was decoded (latest first in the list). */
  addedAt: number;
  /** The user's own name for it (Rename), shown instead of its subject. */
  label?: string;
}

/** Longest label kept (a name, not a note). */
export const MAX_LABEL_LENGTH = 100;

export interface TokenListEntry extends StoredToken {
  inspection: TokenInspection;
}

const VERSION = 1;

export function serialiseTokenList(entries: readonly StoredToken[]): string {
  return JSON.stringify({ version: VERSION, tokens: entries.map(({ token, addedAt, label }) => (label ? { token, addedAt, label } : { token, addedAt })) });
}

/**
 * Reads a stored list back. Entries that no longer decode are dropped and reported, never
 * thrown: a bad entry must not hide the good ones.
 */
export function parseTokenList(text: string | undefined): { entries: TokenListEntry[]; problems: string[] } {
  if (!text) return { entries: [], problems: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { entries: [], problems: ['the stored token list is not JSON; it was ignored'] };
  }
  const tokens = (data as { version?: unknown; tokens?: unknown })?.tokens;
  if ((data as { version?: unknown })?.version !== VERSION || !Array.isArray(tokens)) {
    return { entries: [], problems: ['the stored token list has an unknown format; it was ignored'] };
  }
  const entries: TokenListEntry[] = [];
  const problems: string[] = [];
  for (const item of tokens as unknown[]) {
    const { token, addedAt, label } = (item ?? {}) as Partial<Record<keyof StoredToken, unknown>>;
    if (typeof token !== 'string' || typeof addedAt !== 'number') {
      problems.push('a stored entry is malformed and was skipped');
      continue;
    }
    try {
      const named = typeof label === 'string' ? normaliseLabel(label) : undefined;
      entries.push({ token, addedAt, inspection: inspectToken(token), ...(named ? { label: named } : {}) });
    } catch (e) {
      problems.push(`a stored token no longer decodes (${(e as Error).message}) and was skipped`);
    }
  }
  return { entries, problems };
}

/** Puts a token first, replacing an earlier copy of the same token (whose label it keeps). */
export function withToken(entries: readonly TokenListEntry[], entry: TokenListEntry): TokenListEntry[] {
  const earlier = entries.find((e) => e.inspection.fingerprint === entry.inspection.fingerprint);
  const label = entry.label ?? earlier?.label;
  return [{ ...entry, ...(label ? { label } : {}) }, ...entries.filter((e) => e !== earlier)];
}

/** The list with one token's label set, or removed when `label` is blank; order unchanged. */
export function withLabel(entries: readonly TokenListEntry[], fingerprint: string, label: string | undefined): TokenListEntry[] {
  const named = label === undefined ? undefined : normaliseLabel(label);
  return entries.map((e) => {
    if (e.inspection.fingerprint !== fingerprint) return e;
    const { label: _old, ...rest } = e;
    return named ? { ...rest, label: named } : rest;
  });
}

/** A label as kept: trimmed, at most MAX_LABEL_LENGTH characters (never half a surrogate pair); blank = none. */
export function normaliseLabel(label: string): string | undefined {
  const trimmed = label.trim();
  if (!trimmed) return undefined;
  const end = trimmed.length > MAX_LABEL_LENGTH && /[\uD800-\uDBFF]/.test(trimmed[MAX_LABEL_LENGTH - 1]) ? MAX_LABEL_LENGTH - 1 : MAX_LABEL_LENGTH;
  return trimmed.slice(0, end).trimEnd();
}
