// Log lines must never carry a secret. Anything JWT-shaped becomes a short, non-reversible
// marker; values of secret-bearing fields (in JSON, query strings and form bodies) and
// bearer credentials become "[redacted]".
import { createHash } from 'node:crypto';
import { findJwts } from './jwt/locate';

const SECRET_FIELDS = 'access_token|refresh_token|id_token|client_secret|code_verifier|device_code|password|token';
// "field": "value" in JSON ("code" there is an API error's status name, not a secret), and
// field=value in query strings and form bodies, where `code` is the authorization code.
const JSON_FIELD = new RegExp(`("(?:${SECRET_FIELDS})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
// (a value already replaced by a "[token …]" marker is left as it is)
const FORM_FIELD = new RegExp(`(\\b(?:${SECRET_FIELDS}|code)=)[^&\\s"'[][^&\\s"']*`, 'gi');
const BEARER = /(\b(?:Bearer|Basic)\s+)[A-Za-z0-9._~+/=-]+/gi;

export function redactTokens(text: string): string {
  let out = '';
  let last = 0;
  for (const { start, end, token } of findJwts(text)) {
    out += `${text.slice(last, start)}[token ${createHash('sha256').update(token).digest('hex').slice(0, 8)}]`;
    last = end;
  }
  out += text.slice(last);
  return out.replace(JSON_FIELD, '$1"[redacted]"').replace(FORM_FIELD, '$1[redacted]').replace(BEARER, '$1[redacted]');
}
