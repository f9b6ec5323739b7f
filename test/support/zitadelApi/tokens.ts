// Bearer tokens as ZITADEL's API checks them: JWT access tokens verified against the issuer's JWKS
// (iss must be the issuer; aud must contain the ZITADEL API project, else APP-Zxfako), and
// personal access tokens (opaque; no audience check).
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { ZITADEL_API_PROJECT_ID } from '../../../demo/issuer/index';
import { ApiFailure, failures } from './errors';
import type { Permission } from './store';

export interface PersonalAccessToken {
  /** The opaque token string. */
  token: string;
  userId: string;
  permissions: Permission[];
  /** Answer it as expired. */
  expired?: boolean;
}

export interface Caller {
  userId: string;
  /** PAT permissions; for JWTs the user's own. */
  permissions?: Permission[];
  kind: 'jwt' | 'pat';
}

export class TokenChecker {
  #jwks: Promise<JWTVerifyGetKey> | undefined;

  constructor(
    private readonly issuer: string,
    private readonly pats: () => PersonalAccessToken[],
    private readonly now: () => Date,
    /** 401 (default) or 500 with "rpc error: code = Unauthenticated desc = …", as some versions answer. */
    private readonly unauthenticatedStatus: () => 401 | 500,
  ) {}

  async check(authorization: string | undefined): Promise<Caller> {
    const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw this.#unauthenticated('auth header missing', 'CONTRACT-auth401');
    const pat = this.pats().find((p) => p.token === token);
    if (pat) {
      if (pat.expired) throw this.#unauthenticated('Token has expired', 'CONTRACT-exp401');
      return { userId: pat.userId, permissions: pat.permissions, kind: 'pat' };
    }
    if (token.split('.').length !== 3) throw this.#unauthenticated('Token is invalid', 'CONTRACT-tok401');
    let payload;
    try {
      ({ payload } = await jwtVerify(token, await this.#keys(), { issuer: this.issuer, currentDate: this.now(), algorithms: ['RS256'] }));
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw this.#unauthenticated('Token has expired', 'CONTRACT-exp401');
      throw this.#unauthenticated('Token is invalid', 'CONTRACT-tok401');
    }
    const aud = Array.isArray(payload.aud) ? payload.aud : payload.aud === undefined ? [] : [payload.aud];
    if (!aud.includes(ZITADEL_API_PROJECT_ID)) throw failures.invalidAudience();
    if (typeof payload.sub !== 'string') throw this.#unauthenticated('Token is invalid', 'CONTRACT-tok401');
    return { userId: payload.sub, kind: 'jwt' };
  }

  #unauthenticated(text: string, id: string): ApiFailure {
    if (this.unauthenticatedStatus() === 500) {
      return new ApiFailure('unknown', undefined, text, 500, `rpc error: code = Unauthenticated desc = ${text} (${id})`);
    }
    return new ApiFailure('unauthenticated', id, text);
  }

  #keys(): Promise<JWTVerifyGetKey> {
    this.#jwks ??= (async () => {
      const response = await fetch(`${this.issuer}/.well-known/openid-configuration`);
      const discovery = (await response.json()) as { jwks_uri?: string };
      return createRemoteJWKSet(new URL(discovery.jwks_uri ?? `${this.issuer}/oauth/v2/keys`));
    })();
    this.#jwks.catch(() => (this.#jwks = undefined));
    return this.#jwks;
  }
}
