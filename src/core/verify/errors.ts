import { InspectorError } from '../errors';

/** Why a key, a secret or an issuer given for verification cannot be used. */
export type VerifyErrorCode =
  /** The pasted text is not a key Token Inspector can use (or not one at all). */
  | 'bad-key'
  /** A private key was pasted: only public keys are used, and private keys should not be pasted. */
  | 'private-key'
  | 'bad-secret'
  /** The token names no issuer whose keys could be looked up, or one that cannot be contacted safely. */
  | 'no-issuer';

/** The one error verification throws on purpose; `message` says what was wrong and what to do. */
export class VerifyError extends InspectorError<VerifyErrorCode> {
  static override readonly domain = 'verify';
  readonly domain = 'verify';

  constructor(code: VerifyErrorCode, message: string) {
    super(code, message);
    this.name = 'VerifyError';
  }
}
