// The client authentication methods a profile may name. No openid-client here: the settings
// reader uses it at activation, and the OIDC client is loaded only on first sign-in.
export const CLIENT_AUTH_METHODS = ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'] as const;
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number];
/** What a profile says: a method, or `auto` (from discovery and the credentials there are). */
export type ClientAuthSetting = ClientAuthMethod | 'auto';
