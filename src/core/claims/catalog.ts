// What each claim and header parameter means, for tooltips and the inspector's claims table.
// No Node or VS Code APIs: the webview bundles this too.
import { METADATA_CLAIM } from '../zitadel/claims';

export interface ClaimInfo {
  /** Short human name. */
  title: string;
  description: string;
  /** Where it is defined. */
  source: string;
}

const JWT = 'RFC 7519 (JWT)';
const OIDC = 'OpenID Connect Core';
const OIDC_STD = 'OpenID Connect Core, standard claims';
const JWS = 'RFC 7515 (JWS)';
const ZITADEL = 'ZITADEL';

const claim = (title: string, description: string, source: string): ClaimInfo => ({ title, description, source });

const CLAIMS: Record<string, ClaimInfo> = {
  iss: claim('Issuer', 'Who issued the token. For an ID token it must equal the issuer URL from discovery exactly.', JWT),
  sub: claim('Subject', 'The user (or client) the token is about; unique and never reassigned within the issuer.', JWT),
  aud: claim('Audience', 'Who the token is meant for: a string or an array. An ID token must contain the client id.', JWT),
  exp: claim('Expiration time', 'Seconds since 1970-01-01 UTC after which the token must be rejected.', JWT),
  nbf: claim('Not before', 'Seconds since 1970-01-01 UTC before which the token must be rejected.', JWT),
  iat: claim('Issued at', 'Seconds since 1970-01-01 UTC when the token was issued.', JWT),
  jti: claim('JWT ID', 'A unique identifier of this token, used to prevent replay.', JWT),
  auth_time: claim('Authentication time', 'When the user last actually authenticated (seconds since the epoch).', OIDC),
  nonce: claim('Nonce', 'Value the client sent in the authorization request; must match to prevent replay of ID tokens.', OIDC),
  acr: claim('Authentication context class', 'The assurance level of the authentication that was performed.', OIDC),
  amr: claim('Authentication methods', 'How the user authenticated, e.g. "pwd", "otp", "mfa" (RFC 8176 values).', OIDC),
  azp: claim('Authorized party', 'The client the ID token was issued to; required when there are several audiences.', OIDC),
  at_hash: claim('Access token hash', 'Left half of the hash of the access token, base64url; binds the ID token to the access token.', OIDC),
  c_hash: claim('Code hash', 'Left half of the hash of the authorization code, base64url (hybrid flow).', OIDC),
  s_hash: claim('State hash', 'Left half of the hash of the state value (FAPI).', 'OpenID FAPI'),
  sid: claim('Session ID', 'The session at the provider; used by front- and back-channel logout.', 'OpenID Connect Session/Logout'),
  client_id: claim('Client ID', 'The OAuth client the token was issued to.', 'RFC 8693 / RFC 9068'),
  scope: claim('Scope', 'Space-separated scopes granted to the token.', 'RFC 8693 / RFC 9068'),
  cnf: claim('Confirmation', 'Key the token is bound to (proof of possession, e.g. DPoP or mTLS).', 'RFC 7800'),
  act: claim('Actor', 'Who acts on behalf of the subject (token exchange, impersonation).', 'RFC 8693'),
  events: claim('Events', 'Security events, e.g. in a logout token.', 'RFC 8417'),
  name: claim('Full name', "The user's full name for display.", OIDC_STD),
  given_name: claim('Given name', 'First name(s).', OIDC_STD),
  family_name: claim('Family name', 'Surname(s).', OIDC_STD),
  middle_name: claim('Middle name', 'Middle name(s).', OIDC_STD),
  nickname: claim('Nickname', 'Casual name.', OIDC_STD),
  preferred_username: claim('Preferred username', 'Shorthand name the user wants to be called; not unique, do not use as a key.', OIDC_STD),
  profile: claim('Profile page', 'URL of the profile page.', OIDC_STD),
  picture: claim('Picture', 'URL of a profile picture (never loaded by Token Inspector).', OIDC_STD),
  website: claim('Website', 'URL of the web page or blog.', OIDC_STD),
  email: claim('Email', 'Preferred email address; not necessarily unique or verified.', OIDC_STD),
  email_verified: claim('Email verified', 'True when the provider verified the email address.', OIDC_STD),
  gender: claim('Gender', 'Gender.', OIDC_STD),
  birthdate: claim('Birthdate', 'YYYY-MM-DD (or YYYY).', OIDC_STD),
  zoneinfo: claim('Time zone', 'IANA time zone, e.g. Europe/Zurich.', OIDC_STD),
  locale: claim('Locale', 'BCP 47 language tag, e.g. en-US.', OIDC_STD),
  phone_number: claim('Phone number', 'Preferred phone number, ideally E.164.', OIDC_STD),
  phone_number_verified: claim('Phone verified', 'True when the provider verified the phone number.', OIDC_STD),
  address: claim('Address', 'Postal address (JSON object).', OIDC_STD),
  updated_at: claim('Updated at', "When the user's information was last updated (seconds since the epoch).", OIDC_STD),
  [METADATA_CLAIM]: claim(
    'User metadata',
    'The user\'s metadata as { key: value }, values base64url without padding. Present only when the scope "urn:zitadel:iam:user:metadata" was requested and the user has metadata.',
    ZITADEL,
  ),
  'urn:zitadel:iam:org:project:roles': claim(
    'Project roles',
    'Roles of the requesting project as { role: { orgId: orgPrimaryDomain } }.',
    ZITADEL,
  ),
  'urn:zitadel:iam:user:resourceowner:id': claim('Resource owner id', "ID of the organisation the user belongs to (scope urn:zitadel:iam:user:resourceowner).", ZITADEL),
  'urn:zitadel:iam:user:resourceowner:name': claim('Resource owner name', "Name of the user's organisation.", ZITADEL),
  'urn:zitadel:iam:user:resourceowner:primary_domain': claim('Resource owner domain', "Primary domain of the user's organisation.", ZITADEL),
  'urn:zitadel:iam:org:id': claim('Organisation id', 'The organisation requested with scope urn:zitadel:iam:org:id:{id}.', ZITADEL),
  'urn:zitadel:iam:org:domain:primary': claim('Organisation domain', 'The organisation requested with scope urn:zitadel:iam:org:domain:primary:{domain}.', ZITADEL),
};

const PROJECT_ROLES = /^urn:zitadel:iam:org:project:([^:]+):roles$/;

/** The description of a payload claim, including ZITADEL's per-project role claims. */
export function describeClaim(name: string): ClaimInfo | undefined {
  if (Object.hasOwn(CLAIMS, name)) return CLAIMS[name];
  const project = PROJECT_ROLES.exec(name);
  if (project) return claim('Project roles', `Roles granted in project ${project[1]} as { role: { orgId: orgPrimaryDomain } }.`, ZITADEL);
  return undefined;
}

const HEADER: Record<string, ClaimInfo> = {
  alg: claim('Algorithm', 'How the token is signed, e.g. RS256, ES256, EdDSA. "none" means unsecured.', JWS),
  typ: claim('Type', 'Media type of the token, e.g. "JWT" or "at+jwt" (JWT access token, RFC 9068).', JWS),
  cty: claim('Content type', 'Type of the payload; "JWT" for a nested token.', JWS),
  kid: claim('Key ID', 'Which key in the issuer\'s JWKS signed the token.', JWS),
  jku: claim('JWK Set URL', 'URL of a key set. Never trust it to pick the verification key.', JWS),
  jwk: claim('JSON Web Key', 'An embedded public key. Never trust it to verify the token.', JWS),
  x5u: claim('X.509 URL', 'URL of a certificate chain.', JWS),
  x5c: claim('X.509 chain', 'The certificate chain, base64 DER.', JWS),
  x5t: claim('X.509 SHA-1 thumbprint', 'Thumbprint of the signing certificate.', JWS),
  'x5t#S256': claim('X.509 SHA-256 thumbprint', 'Thumbprint of the signing certificate.', JWS),
  crit: claim('Critical', 'Extensions the recipient must understand.', JWS),
  enc: claim('Encryption', 'Content encryption algorithm of a JWE.', 'RFC 7516 (JWE)'),
  zip: claim('Compression', 'Payload compression of a JWE.', 'RFC 7516 (JWE)'),
};

export function describeHeaderParameter(name: string): ClaimInfo | undefined {
  return Object.hasOwn(HEADER, name) ? HEADER[name] : undefined;
}
