// The list of decoded tokens the sidebar keeps, as stored (one JSON secret). Only the
// token text is stored: everything else is derived again when it is read back.
import { inspectToken, type TokenInspection } from './inspect';

export interface StoredToken {
  token: string;
  /** Epoch ms when it was decoded (latest first in the list). */
  addedAt: number;
}

export interface TokenListEntry extends StoredToken {
  inspection: TokenInspection;
}

const VERSION = 1;

export function serialiseTokenList(entries: readonly StoredToken[]): string {
  return JSON.stringify({ version: VERSION, tokens: entries.map(({ token, addedAt }) => ({ token, addedAt })) });
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
    const { token, addedAt } = (item ?? {}) as Partial<StoredToken>;
    if (typeof token !== 'string' || typeof addedAt !== 'number') {
      problems.push('a stored entry is malformed and was skipped');
      continue;
    }
    try {
      entries.push({ token, addedAt, inspection: inspectToken(token) });
    } catch (e) {
      problems.push(`a stored token no longer decodes (${(e as Error).message}) and was skipped`);
    }
  }
  return { entries, problems };
}

/** Puts a token first, replacing an earlier copy of the same token. */
export function withToken(entries: readonly TokenListEntry[], entry: TokenListEntry): TokenListEntry[] {
  return [entry, ...entries.filter((e) => e.inspection.fingerprint !== entry.inspection.fingerprint)];
}
