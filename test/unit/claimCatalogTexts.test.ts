import { strict as assert } from 'node:assert';
import { describeClaim, describeHeaderParameter, type ClaimInfo } from '../../src/core/claims/catalog';

// What the inspector's claims table and the tooltips say for each claim and header parameter:
// [name, title, where it is defined, description], verbatim (English).
const CLAIMS: readonly (readonly [string, string, string, string])[] = [
  ['iss', 'Issuer', 'RFC 7519 (JWT)', 'Who issued the token. For an ID token it must equal the issuer URL from discovery exactly.'],
  ['sub', 'Subject', 'RFC 7519 (JWT)', 'The user (or client) the token is about; unique and never reassigned within the issuer.'],
  ['aud', 'Audience', 'RFC 7519 (JWT)', 'Who the token is meant for: a string or an array. An ID token must contain the client ID.'],
  ['exp', 'Expiration time', 'RFC 7519 (JWT)', 'Seconds since 1970-01-01 UTC after which the token must be rejected.'],
  ['nbf', 'Not before', 'RFC 7519 (JWT)', 'Seconds since 1970-01-01 UTC before which the token must be rejected.'],
  ['iat', 'Issued at', 'RFC 7519 (JWT)', 'Seconds since 1970-01-01 UTC when the token was issued.'],
  ['jti', 'JWT ID', 'RFC 7519 (JWT)', 'A unique identifier of this token, used to prevent replay.'],
  ['auth_time', 'Authentication time', 'OpenID Connect Core', 'When the user last actually authenticated (seconds since the epoch).'],
  ['nonce', 'Nonce', 'OpenID Connect Core', 'Value the client sent in the authorization request; must match to prevent replay of ID tokens.'],
  ['acr', 'Authentication context class', 'OpenID Connect Core', 'The assurance level of the authentication that was performed.'],
  ['amr', 'Authentication methods', 'OpenID Connect Core', 'How the user authenticated, e.g. "pwd", "otp", "mfa" (RFC 8176 values).'],
  ['azp', 'Authorized party', 'OpenID Connect Core', 'The client the ID token was issued to; required when there are several audiences.'],
  ['at_hash', 'Access token hash', 'OpenID Connect Core', 'Left half of the hash of the access token, base64url; binds the ID token to the access token.'],
  ['c_hash', 'Code hash', 'OpenID Connect Core', 'Left half of the hash of the authorization code, base64url (hybrid flow).'],
  ['s_hash', 'State hash', 'OpenID FAPI', 'Left half of the hash of the state value (FAPI).'],
  ['sid', 'Session ID', 'OpenID Connect Session/Logout', 'The session at the provider; used by front- and back-channel logout.'],
  ['client_id', 'Client ID', 'RFC 8693 / RFC 9068', 'The OAuth client the token was issued to.'],
  ['scope', 'Scope', 'RFC 8693 / RFC 9068', 'Space-separated scopes granted to the token.'],
  ['cnf', 'Confirmation', 'RFC 7800', 'Key the token is bound to (proof of possession, e.g. DPoP or mTLS).'],
  ['act', 'Actor', 'RFC 8693', 'Who acts on behalf of the subject (token exchange, impersonation).'],
  ['events', 'Events', 'RFC 8417', 'Security events, e.g. in a logout token.'],
  ['name', 'Full name', 'OpenID Connect Core, standard claims', 'The user\'s full name for display.'],
  ['given_name', 'Given name', 'OpenID Connect Core, standard claims', 'First name(s).'],
  ['family_name', 'Family name', 'OpenID Connect Core, standard claims', 'Surname(s).'],
  ['middle_name', 'Middle name', 'OpenID Connect Core, standard claims', 'Middle name(s).'],
  ['nickname', 'Nickname', 'OpenID Connect Core, standard claims', 'Casual name.'],
  ['preferred_username', 'Preferred username', 'OpenID Connect Core, standard claims', 'Shorthand name the user wants to be called; not unique, do not use as a key.'],
  ['profile', 'Profile page', 'OpenID Connect Core, standard claims', 'URL of the profile page.'],
  ['picture', 'Picture', 'OpenID Connect Core, standard claims', 'URL of a profile picture (never loaded by Token Inspector).'],
  ['website', 'Website', 'OpenID Connect Core, standard claims', 'URL of the web page or blog.'],
  ['email', 'Email', 'OpenID Connect Core, standard claims', 'Preferred email address; not necessarily unique or verified.'],
  ['email_verified', 'Email verified', 'OpenID Connect Core, standard claims', 'True when the provider verified the email address.'],
  ['gender', 'Gender', 'OpenID Connect Core, standard claims', 'Gender.'],
  ['birthdate', 'Birthdate', 'OpenID Connect Core, standard claims', 'YYYY-MM-DD (or YYYY).'],
  ['zoneinfo', 'Time zone', 'OpenID Connect Core, standard claims', 'IANA time zone, e.g. Europe/Zurich.'],
  ['locale', 'Locale', 'OpenID Connect Core, standard claims', 'BCP 47 language tag, e.g. en-US.'],
  ['phone_number', 'Phone number', 'OpenID Connect Core, standard claims', 'Preferred phone number, ideally E.164.'],
  ['phone_number_verified', 'Phone verified', 'OpenID Connect Core, standard claims', 'True when the provider verified the phone number.'],
  ['address', 'Address', 'OpenID Connect Core, standard claims', 'Postal address (JSON object).'],
  ['updated_at', 'Updated at', 'OpenID Connect Core, standard claims', 'When the user\'s information was last updated (seconds since the epoch).'],
  ['urn:zitadel:iam:user:metadata', 'User metadata', 'ZITADEL', 'The user\'s metadata as { key: value }, values base64url without padding. Present only when the scope "urn:zitadel:iam:user:metadata" was requested and the user has metadata.'],
  ['urn:zitadel:iam:org:project:roles', 'Project roles', 'ZITADEL', 'Roles of the requesting project as { role: { orgId: orgPrimaryDomain } }.'],
  ['urn:zitadel:iam:user:resourceowner:id', 'Resource owner ID', 'ZITADEL', 'ID of the organization the user belongs to (scope urn:zitadel:iam:user:resourceowner).'],
  ['urn:zitadel:iam:user:resourceowner:name', 'Resource owner name', 'ZITADEL', 'Name of the user\'s organization.'],
  ['urn:zitadel:iam:user:resourceowner:primary_domain', 'Resource owner domain', 'ZITADEL', 'Primary domain of the user\'s organization.'],
  ['urn:zitadel:iam:org:id', 'Organization ID', 'ZITADEL', 'The organization requested with scope urn:zitadel:iam:org:id:{id}.'],
  ['urn:zitadel:iam:org:domain:primary', 'Organization domain', 'ZITADEL', 'The organization requested with scope urn:zitadel:iam:org:domain:primary:{domain}.'],
];

const HEADER_PARAMETERS: readonly (readonly [string, string, string, string])[] = [
  ['alg', 'Algorithm', 'RFC 7515 (JWS)', 'How the token is signed, e.g. RS256, ES256, EdDSA. "none" means unsecured.'],
  ['typ', 'Type', 'RFC 7515 (JWS)', 'Media type of the token, e.g. "JWT" or "at+jwt" (JWT access token, RFC 9068).'],
  ['cty', 'Content type', 'RFC 7515 (JWS)', 'Type of the payload; "JWT" for a nested token.'],
  ['kid', 'Key ID', 'RFC 7515 (JWS)', 'Which key in the issuer\'s JWKS signed the token.'],
  ['jku', 'JWK Set URL', 'RFC 7515 (JWS)', 'URL of a key set. Never trust it to pick the verification key.'],
  ['jwk', 'JSON Web Key', 'RFC 7515 (JWS)', 'An embedded public key. Never trust it to verify the token.'],
  ['x5u', 'X.509 URL', 'RFC 7515 (JWS)', 'URL of a certificate chain.'],
  ['x5c', 'X.509 chain', 'RFC 7515 (JWS)', 'The certificate chain, base64 DER.'],
  ['x5t', 'X.509 SHA-1 thumbprint', 'RFC 7515 (JWS)', 'Thumbprint of the signing certificate.'],
  ['x5t#S256', 'X.509 SHA-256 thumbprint', 'RFC 7515 (JWS)', 'Thumbprint of the signing certificate.'],
  ['crit', 'Critical', 'RFC 7515 (JWS)', 'Extensions the recipient must understand.'],
  ['enc', 'Encryption', 'RFC 7516 (JWE)', 'Content encryption algorithm of a JWE.'],
  ['zip', 'Compression', 'RFC 7516 (JWE)', 'Payload compression of a JWE.'],
];

const info = ([, title, source, description]: readonly [string, string, string, string]): ClaimInfo => ({ title, description, source });

describe('claim catalog texts', () => {
  it('gives every registered payload claim its title, its defining specification and its description, word for word', () => {
    for (const row of CLAIMS) assert.deepEqual(describeClaim(row[0]), info(row), row[0]);
  });

  it('gives every registered header parameter its title, JWS or JWE as its source, and its description, word for word', () => {
    for (const row of HEADER_PARAMETERS) assert.deepEqual(describeHeaderParameter(row[0]), info(row), row[0]);
  });

  it('keeps payload claims and header parameters apart: a header name is no claim and a claim name no header parameter', () => {
    for (const [name] of HEADER_PARAMETERS) assert.equal(describeClaim(name), undefined, name);
    for (const [name] of CLAIMS) assert.equal(describeHeaderParameter(name), undefined, name);
  });

  it('describes a per-project role claim with its project ID and the shape of its value', () => {
    assert.deepEqual(describeClaim('urn:zitadel:iam:org:project:170086774599581953:roles'), {
      title: 'Project roles',
      description: 'Roles granted in project 170086774599581953 as { role: { orgId: orgPrimaryDomain } }.',
      source: 'ZITADEL',
    });
    for (const name of ['urn:zitadel:iam:org:project::roles', 'urn:zitadel:iam:org:project:1:2:roles', 'x-urn:zitadel:iam:org:project:1:roles', 'urn:zitadel:iam:org:project:1:roles:x']) {
      assert.equal(describeClaim(name), undefined, name);
    }
  });
});
