// What each claim and header parameter means, for tooltips and the inspector's claims table.
// No Node or VS Code APIs: the webview bundles this too.
import * as l10n from '@vscode/l10n';
import { METADATA_CLAIM } from '../zitadel/claims';
import { METADATA_SCOPE } from '../zitadel/scopes';

export interface ClaimInfo {
  /** Short human name. */
  title: string;
  description: string;
  /** Where it is defined. */
  source: string;
}

const JWT = 'RFC 7519 (JWT)';
const OIDC = 'OpenID Connect Core';

const JWS = 'RFC 7515 (JWS)';
const ZITADEL = 'ZITADEL';
const oidcStandard = () => l10n.t('OpenID Connect Core, standard claims');

const claim = (title: string, description: string, source: string): ClaimInfo => ({ title, description, source });

// Each entry is built when asked for: its texts are localized (@vscode/l10n), and the bundle is
// configured after this module loads.
const CLAIMS: Record<string, () => ClaimInfo> = {
  iss: () => claim(l10n.t('Issuer'), l10n.t('Who issued the token. For an ID token it must equal the issuer URL from discovery exactly.'), JWT),
  sub: () => claim(l10n.t('Subject'), l10n.t('The user (or client) the token is about; unique and never reassigned within the issuer.'), JWT),
  aud: () => claim(l10n.t('Audience'), l10n.t('Who the token is meant for: a string or an array. An ID token must contain the client ID.'), JWT),
  exp: () => claim(l10n.t('Expiration time'), l10n.t('Seconds since 1970-01-01 UTC after which the token must be rejected.'), JWT),
  nbf: () => claim(l10n.t('Not before'), l10n.t('Seconds since 1970-01-01 UTC before which the token must be rejected.'), JWT),
  iat: () => claim(l10n.t('Issued at'), l10n.t('Seconds since 1970-01-01 UTC when the token was issued.'), JWT),
  jti: () => claim(l10n.t('JWT ID'), l10n.t('A unique identifier of this token, used to prevent replay.'), JWT),
  auth_time: () => claim(l10n.t('Authentication time'), l10n.t('When the user last actually authenticated (seconds since the epoch).'), OIDC),
  nonce: () => claim(l10n.t('Nonce'), l10n.t('Value the client sent in the authorization request; must match to prevent replay of ID tokens.'), OIDC),
  acr: () => claim(l10n.t('Authentication context class'), l10n.t('The assurance level of the authentication that was performed.'), OIDC),
  amr: () => claim(l10n.t('Authentication methods'), l10n.t('How the user authenticated, e.g. "pwd", "otp", "mfa" (RFC 8176 values).'), OIDC),
  azp: () => claim(l10n.t('Authorized party'), l10n.t('The client the ID token was issued to; required when there are several audiences.'), OIDC),
  at_hash: () => claim(l10n.t('Access token hash'), l10n.t('Left half of the hash of the access token, base64url; binds the ID token to the access token.'), OIDC),
  c_hash: () => claim(l10n.t('Code hash'), l10n.t('Left half of the hash of the authorization code, base64url (hybrid flow).'), OIDC),
  s_hash: () => claim(l10n.t('State hash'), l10n.t('Left half of the hash of the state value (FAPI).'), 'OpenID FAPI'),
  sid: () => claim(l10n.t('Session ID'), l10n.t('The session at the provider; used by front- and back-channel logout.'), 'OpenID Connect Session/Logout'),
  client_id: () => claim(l10n.t('Client ID'), l10n.t('The OAuth client the token was issued to.'), 'RFC 8693 / RFC 9068'),
  scope: () => claim(l10n.t('Scope'), l10n.t('Space-separated scopes granted to the token.'), 'RFC 8693 / RFC 9068'),
  cnf: () => claim(l10n.t('Confirmation'), l10n.t('Key the token is bound to (proof of possession, e.g. DPoP or mTLS).'), 'RFC 7800'),
  act: () => claim(l10n.t('Actor'), l10n.t('Who acts on behalf of the subject (token exchange, impersonation).'), 'RFC 8693'),
  events: () => claim(l10n.t('Events'), l10n.t('Security events, e.g. in a logout token.'), 'RFC 8417'),
  name: () => claim(l10n.t('Full name'), l10n.t("The user's full name for display."), oidcStandard()),
  given_name: () => claim(l10n.t('Given name'), l10n.t('First name(s).'), oidcStandard()),
  family_name: () => claim(l10n.t('Family name'), l10n.t('Surname(s).'), oidcStandard()),
  middle_name: () => claim(l10n.t('Middle name'), l10n.t('Middle name(s).'), oidcStandard()),
  nickname: () => claim(l10n.t('Nickname'), l10n.t('Casual name.'), oidcStandard()),
  preferred_username: () => claim(l10n.t('Preferred username'), l10n.t('Shorthand name the user wants to be called; not unique, do not use as a key.'), oidcStandard()),
  profile: () => claim(l10n.t('Profile page'), l10n.t('URL of the profile page.'), oidcStandard()),
  picture: () => claim(l10n.t('Picture'), l10n.t('URL of a profile picture (never loaded by Token Inspector).'), oidcStandard()),
  website: () => claim(l10n.t('Website'), l10n.t('URL of the web page or blog.'), oidcStandard()),
  email: () => claim(l10n.t('Email'), l10n.t('Preferred email address; not necessarily unique or verified.'), oidcStandard()),
  email_verified: () => claim(l10n.t('Email verified'), l10n.t('True when the provider verified the email address.'), oidcStandard()),
  gender: () => claim(l10n.t('Gender'), l10n.t('Gender.'), oidcStandard()),
  birthdate: () => claim(l10n.t('Birthdate'), l10n.t('YYYY-MM-DD (or YYYY).'), oidcStandard()),
  zoneinfo: () => claim(l10n.t('Time zone'), l10n.t('IANA time zone, e.g. Europe/Zurich.'), oidcStandard()),
  locale: () => claim(l10n.t('Locale'), l10n.t('BCP 47 language tag, e.g. en-US.'), oidcStandard()),
  phone_number: () => claim(l10n.t('Phone number'), l10n.t('Preferred phone number, ideally E.164.'), oidcStandard()),
  phone_number_verified: () => claim(l10n.t('Phone verified'), l10n.t('True when the provider verified the phone number.'), oidcStandard()),
  address: () => claim(l10n.t('Address'), l10n.t('Postal address (JSON object).'), oidcStandard()),
  updated_at: () => claim(l10n.t('Updated at'), l10n.t("When the user's information was last updated (seconds since the epoch)."), oidcStandard()),
  [METADATA_CLAIM]: () =>
    claim(
      l10n.t('User metadata'),
      l10n.t('The user\'s metadata as {0}, values base64url without padding. Present only when the scope "{1}" was requested and the user has metadata.', '{ key: value }', METADATA_SCOPE),
      ZITADEL,
    ),
  'urn:zitadel:iam:org:project:roles': () => claim(l10n.t('Project roles'), l10n.t('Roles of the requesting project as {0}.', '{ role: { orgId: orgPrimaryDomain } }'), ZITADEL),
  'urn:zitadel:iam:user:resourceowner:id': () => claim(l10n.t('Resource owner ID'), l10n.t("ID of the organization the user belongs to (scope urn:zitadel:iam:user:resourceowner)."), ZITADEL),
  'urn:zitadel:iam:user:resourceowner:name': () => claim(l10n.t('Resource owner name'), l10n.t("Name of the user's organization."), ZITADEL),
  'urn:zitadel:iam:user:resourceowner:primary_domain': () => claim(l10n.t('Resource owner domain'), l10n.t("Primary domain of the user's organization."), ZITADEL),
  'urn:zitadel:iam:org:id': () => claim(l10n.t('Organization ID'), l10n.t('The organization requested with scope {0}.', 'urn:zitadel:iam:org:id:{id}'), ZITADEL),
  'urn:zitadel:iam:org:domain:primary': () => claim(l10n.t('Organization domain'), l10n.t('The organization requested with scope {0}.', 'urn:zitadel:iam:org:domain:primary:{domain}'), ZITADEL),
};

const PROJECT_ROLES = /^urn:zitadel:iam:org:project:([^:]+):roles$/;

/** The description of a payload claim, including ZITADEL's per-project role claims. */
export function describeClaim(name: string): ClaimInfo | undefined {
  if (Object.hasOwn(CLAIMS, name)) return CLAIMS[name]();
  const project = PROJECT_ROLES.exec(name);
  if (project) return claim(l10n.t('Project roles'), l10n.t('Roles granted in project {0} as {1}.', project[1], '{ role: { orgId: orgPrimaryDomain } }'), ZITADEL);
  return undefined;
}

const HEADER: Record<string, () => ClaimInfo> = {
  alg: () => claim(l10n.t('Algorithm'), l10n.t('How the token is signed, e.g. RS256, ES256, EdDSA. "none" means unsecured.'), JWS),
  typ: () => claim(l10n.t('Type'), l10n.t('Media type of the token, e.g. "JWT" or "at+jwt" (JWT access token, RFC 9068).'), JWS),
  cty: () => claim(l10n.t('Content type'), l10n.t('Type of the payload; "JWT" for a nested token.'), JWS),
  kid: () => claim(l10n.t('Key ID'), l10n.t('Which key in the issuer\'s JWKS signed the token.'), JWS),
  jku: () => claim(l10n.t('JWK Set URL'), l10n.t('URL of a key set. Never trust it to pick the verification key.'), JWS),
  jwk: () => claim(l10n.t('JSON Web Key'), l10n.t('An embedded public key. Never trust it to verify the token.'), JWS),
  x5u: () => claim(l10n.t('X.509 URL'), l10n.t('URL of a certificate chain.'), JWS),
  x5c: () => claim(l10n.t('X.509 chain'), l10n.t('The certificate chain, base64 DER.'), JWS),
  x5t: () => claim(l10n.t('X.509 SHA-1 thumbprint'), l10n.t('Thumbprint of the signing certificate.'), JWS),
  'x5t#S256': () => claim(l10n.t('X.509 SHA-256 thumbprint'), l10n.t('Thumbprint of the signing certificate.'), JWS),
  crit: () => claim(l10n.t('Critical'), l10n.t('Extensions the recipient must understand.'), JWS),
  enc: () => claim(l10n.t('Encryption'), l10n.t('Content encryption algorithm of a JWE.'), 'RFC 7516 (JWE)'),
  zip: () => claim(l10n.t('Compression'), l10n.t('Payload compression of a JWE.'), 'RFC 7516 (JWE)'),
};

export function describeHeaderParameter(name: string): ClaimInfo | undefined {
  return Object.hasOwn(HEADER, name) ? HEADER[name]() : undefined;
}
