// The REST paths, percent-encoded. A key of "." or ".." cannot travel as a path segment (URL
// parsers resolve them as dot segments, encoded or not), and on management v1 the keys "_search"
// and "_bulk" would hit other endpoints: such keys go through search and bulk calls instead.
export const AUTH_SEARCH = '/auth/v1/users/me/metadata/_search';

const seg = encodeURIComponent;

/** False for keys that cannot be the last segment of .../metadata/{key}. */
export function keyFitsPath(key: string, method: 'GET' | 'POST' | 'DELETE'): boolean {
  if (key === '.' || key === '..') return false;
  if (method === 'POST' && (key === '_search' || key === '_bulk')) return false;
  if (method === 'DELETE' && key === '_bulk') return false;
  return true;
}

export const authKey = (key: string) => `/auth/v1/users/me/metadata/${seg(key)}`;

export const mgmt = {
  search: (userId: string) => `/management/v1/users/${seg(userId)}/metadata/_search`,
  key: (userId: string, key: string) => `/management/v1/users/${seg(userId)}/metadata/${seg(key)}`,
  bulk: (userId: string) => `/management/v1/users/${seg(userId)}/metadata/_bulk`,
};

export const v2 = {
  metadata: (userId: string) => `/v2/users/${seg(userId)}/metadata`,
  search: (userId: string) => `/v2/users/${seg(userId)}/metadata/search`,
};
