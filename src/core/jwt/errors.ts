import { InspectorError } from '../errors';

/** Why a piece of text could not be decoded as a JWT. One code per distinct cause. */
export type TokenErrorCode =
  | 'empty'
  | 'too-large'
  | 'not-compact'
  | 'jwe'
  | 'bad-base64url'
  | 'header-not-json'
  | 'payload-not-json'
  /** Objects and arrays nested deeper than MAX_JSON_DEPTH (core/json). */
  | 'too-deep';

/** What could still be decoded from a token that failed, so the user sees as much as possible. */
export interface PartialDecode {
  header?: unknown;
  headerText?: string;
  payloadText?: string;
}

/**
 * The only error the decoder throws. `message` is written for the user: what was wrong
 * and what to do about it.
 */
export class TokenError extends InspectorError<TokenErrorCode> {
  static override readonly domain = 'jwt';
  readonly domain = 'jwt';

  constructor(
    code: TokenErrorCode,
    message: string,
    readonly partial?: PartialDecode,
  ) {
    super(code, message);
    this.name = 'TokenError';
  }
}
