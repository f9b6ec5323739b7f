// Log lines must never carry a token: anything JWT-shaped is replaced by a short,
// non-reversible marker before it is written.
import { createHash } from 'node:crypto';
import { findJwts } from './jwt/locate';

export function redactTokens(text: string): string {
  let out = '';
  let last = 0;
  for (const { start, end, token } of findJwts(text)) {
    out += `${text.slice(last, start)}[token ${createHash('sha256').update(token).digest('hex').slice(0, 8)}]`;
    last = end;
  }
  return out + text.slice(last);
}
