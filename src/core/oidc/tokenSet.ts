// The tokens kept after a sign-in: plain JSON, so they can go into SecretStorage as a string.
// Field names follow the OAuth wire names, so nobody has to translate them.
export interface StoredTokenSet {
  issuer: string;
  client_id: string;
  access_token: string;
  token_type: string;
  id_token?: string;
  refresh_token?: string;
  /** Seconds since 1970, from `expires_in` at the time the tokens arrived. */
  expires_at?: number;
  /** Granted scopes (space separated), as the provider returned them. */
  scope?: string;
  /** Seconds since 1970 when the tokens arrived. */
  obtained_at: number;
}

/** The parts of a token endpoint response we keep (openid-client's response has the same names). */
export interface TokenEndpointResult {
  access_token: string;
  token_type: string;
  id_token?: string;
  refresh_token?: string;
  expires_in?: number;
  scope?: string;
}

export function toStoredTokenSet(issuer: string, clientId: string, response: TokenEndpointResult, now = Date.now()): StoredTokenSet {
  const obtainedAt = Math.floor(now / 1000);
  const set: StoredTokenSet = { issuer, client_id: clientId, access_token: response.access_token, token_type: response.token_type, obtained_at: obtainedAt };
  if (response.id_token) set.id_token = response.id_token;
  if (response.refresh_token) set.refresh_token = response.refresh_token;
  if (typeof response.expires_in === 'number') set.expires_at = obtainedAt + response.expires_in;
  if (response.scope) set.scope = response.scope;
  return set;
}

/** Reads a stored set back, or undefined when the text is not one (e.g. written by an older version). */
export function parseStoredTokenSet(text: string): StoredTokenSet | undefined {
  try {
    return readStoredTokenSet(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** The value as a token set, or undefined when it does not have the shape of one. */
export function readStoredTokenSet(value: unknown): StoredTokenSet | undefined {
  const v = value as Partial<StoredTokenSet> | null;
  if (!v || typeof v !== 'object') return undefined;
  if (typeof v.issuer !== 'string' || typeof v.client_id !== 'string' || typeof v.access_token !== 'string' || typeof v.token_type !== 'string' || typeof v.obtained_at !== 'number') return undefined;
  for (const key of ['id_token', 'refresh_token', 'scope'] as const) if (v[key] !== undefined && typeof v[key] !== 'string') return undefined;
  if (v.expires_at !== undefined && typeof v.expires_at !== 'number') return undefined;
  return v as StoredTokenSet;
}
