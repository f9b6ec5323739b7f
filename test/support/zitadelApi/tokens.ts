// Bearer tokens as ZITADEL's API checks them: JWT access tokens verified against the issuer's JWKS
// (iss must be the issuer; aud must contain the ZITADEL API project, else APP-Zxfako), and
// personal access tokens (opaque; no audience check). A missing or malformed authorization header
// is AUTH-7fs1e, any token that does not verify (unknown, forged, expired) APP-Reb32 "invalid token".
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
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
    if (!token) throw this.#unauthenticated(failures.invalidAuthHeader());
    const pat = this.pats().find((p) => p.token === token);
    if (pat) {
      if (pat.expired) throw this.#unauthenticated(failures.invalidToken());
      return { userId: pat.userId, permissions: pat.permissions, kind: 'pat' };
    }
    if (token.split('.').length !== 3) throw this.#unauthenticated(failures.invalidToken());
    let payload;
    try {
      ({ payload } = await jwtVerify(token, await this.#keys(), { issuer: this.issuer, currentDate: this.now(), algorithms: ['RS256'] }));
    } catch {
      throw this.#unauthenticated(failures.invalidToken());
    }
    const aud = Array.isArray(payload.aud) ? payload.aud : payload.aud === undefined ? [] : [payload.aud];
    if (!aud.includes(ZITADEL_API_PROJECT_ID)) throw failures.invalidAudience();
    if (typeof payload.sub !== 'string') throw this.#unauthenticated(failures.invalidToken());
    return { userId: payload.sub, kind: 'jwt' };
  }

  /** As is, or wrapped the way some versions answer: HTTP 500, code 2 "rpc error: code = Unauthenticated desc = …". */
  #unauthenticated(failure: ApiFailure): ApiFailure {
    if (this.unauthenticatedStatus() === 500) return new ApiFailure('unknown', undefined, failure.text, 500, `rpc error: code = Unauthenticated desc = ${failure.message}`);
    return failure;
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
