// Verifying any token against its issuer's keys or a pasted key or secret. No VS Code here.
export { VerifyError, type VerifyErrorCode } from './errors';
export { IssuerKeyCache, issuerToContact, type IssuerKeys } from './issuerKeys';
export { MAX_KEY_TEXT, parsePublicKeyText, parseSecret, type KeyFormat, type PastedKey, type SecretEncoding } from './pastedKey';
export { verifyToken, type KeyChoice, type Verification, type VerifyOptions } from './verifyToken';
