// The OIDC client layer: pure Node (no vscode import). The VS Code adapter only adds UI.
export { buildAuthorizationRequest, endSessionUrl, expectedIssuerParameter, probeAuthorizationRequest, type AuthorizationRequest, type AuthorizationRequestOptions } from './authorize';
export { CLIENT_AUTH_METHODS, parseClientKey, type ClientAuthMethod, type ClientAuthSetting, type ClientCredentials, type ClientPrivateKey } from './clientAuth';
export { startDeviceAuthorization, type DeviceAuthorization } from './device';
export { discover, jwksSourceFor, type ClientSettings, type OidcClient } from './discovery';
export { clockAdvice } from './explain';
export { endProviderSession, LOGOUT_PATH, type ProviderLogoutOptions } from './logout';
export { parseIssuerUrl } from './urls';
export { OidcError, type OidcErrorCode } from './errors';
export { ALLOWED_ALGORITHMS, checkIdToken, computeAtHash, type Check, type CheckId, type IdTokenCheckOptions, type IdTokenCheckResult } from './idTokenChecks';
export { JwksSource } from './jwks';
export { startLoopbackReceiver, type LoopbackOptions, type LoopbackReceiver } from './loopback';
export { signInWithLoopback, type LoopbackSignInOptions, type SignInResult } from './signIn';
export { parseStoredTokenSet, toStoredTokenSet, type StoredTokenSet } from './tokenSet';
export { exchangeCode, refresh, revoke, type ExchangeResult } from './tokens';
export { fetchUserInfo } from './userinfo';
