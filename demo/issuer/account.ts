// The one demo user and the ZITADEL-shaped claims the issuer gives out for it. Values follow the
// seed guide (test/fixtures/tokens.ts zitadelClaims); the subject is the demo user's own.

/** Printable on purpose: this issuer only ever listens on loopback. */
export const DEMO_USER = { username: 'demo', password: 'demo-password', sub: '259242039378444290' } as const;

/** The demo application's ZITADEL project: always in the JWT access token `aud`, owner of the roles. */
export const DEMO_PROJECT_ID = '170086774599581953';
/** What `urn:zitadel:iam:org:project:id:zitadel:aud` puts into `aud`: the ZITADEL API project (ZITADEL puts its numeric id there). */
export const ZITADEL_API_PROJECT_ID = '170079991923474689';

const ORG = { id: '170086363054473473', name: 'demo-customer', primaryDomain: 'demo-customer.b2b-demo-rbxajm.zitadel.cloud' };
const ORG2 = { id: '190957560872829185', primaryDomain: 'demo-customer2.b2b-demo-rbxajm.zitadel.cloud' };

export const SCOPES = {
  metadata: 'urn:zitadel:iam:user:metadata',
  resourceOwner: 'urn:zitadel:iam:user:resourceowner',
  projectsRoles: 'urn:zitadel:iam:org:projects:roles',
} as const;

export const CLAIMS = {
  metadata: 'urn:zitadel:iam:user:metadata',
  roles: 'urn:zitadel:iam:org:project:roles',
  projectRoles: `urn:zitadel:iam:org:project:${DEMO_PROJECT_ID}:roles`,
  resourceOwnerId: 'urn:zitadel:iam:user:resourceowner:id',
  resourceOwnerName: 'urn:zitadel:iam:user:resourceowner:name',
  resourceOwnerDomain: 'urn:zitadel:iam:user:resourceowner:primary_domain',
} as const;

/** Raw metadata values: text, a number as text, JSON and binary. Claims carry them base64url without padding, as ZITADEL does. */
export const DEMO_METADATA: Readonly<Record<string, Uint8Array>> = {
  'P-ID': Buffer.from('12351983'),
  ContractNumber: Buffer.from('1234'),
  settings: Buffer.from(JSON.stringify({ theme: 'dark', beta: true })),
  avatarHash: Uint8Array.from([0xff, 0x00, 0x10, 0x80]),
};

const roles = () => ({
  reader: { [ORG.id]: ORG.primaryDomain, [ORG2.id]: ORG2.primaryDomain },
  'support:read': { [ORG.id]: ORG.primaryDomain },
});

/** oidc-provider's `claims` setting: which scope releases which claims (to ID token and userinfo alike). */
export const claimsByScope = {
  openid: ['sub'],
  profile: ['name', 'given_name', 'family_name', 'preferred_username', 'locale', 'updated_at'],
  email: ['email', 'email_verified'],
  [SCOPES.metadata]: [CLAIMS.metadata],
  [SCOPES.resourceOwner]: [CLAIMS.resourceOwnerId, CLAIMS.resourceOwnerName, CLAIMS.resourceOwnerDomain],
  [SCOPES.projectsRoles]: [CLAIMS.roles, CLAIMS.projectRoles],
};

/** Every claim of the demo user; oidc-provider keeps those the granted scopes release. */
export function demoUserClaims(): Record<string, unknown> {
  return {
    sub: DEMO_USER.sub,
    name: 'Demo User',
    given_name: 'Demo',
    family_name: 'User',
    preferred_username: DEMO_USER.username,
    locale: 'en',
    updated_at: 1658329554,
    email: 'demo.user@demo-customer.example',
    email_verified: true,
    [CLAIMS.metadata]: Object.fromEntries(Object.entries(DEMO_METADATA).map(([k, v]) => [k, Buffer.from(v).toString('base64url')])),
    [CLAIMS.roles]: roles(),
    [CLAIMS.projectRoles]: roles(),
    [CLAIMS.resourceOwnerId]: ORG.id,
    [CLAIMS.resourceOwnerName]: ORG.name,
    [CLAIMS.resourceOwnerDomain]: ORG.primaryDomain,
  };
}

/**
 * The custom (non-profile) claims for the given scopes, as ZITADEL puts them into JWT access
 * tokens: metadata, roles and resource owner, no profile or email.
 */
export function accessTokenClaims(scopes: ReadonlySet<string>): Record<string, unknown> {
  const all = demoUserClaims();
  const out: Record<string, unknown> = {};
  for (const scope of [SCOPES.metadata, SCOPES.resourceOwner, SCOPES.projectsRoles]) {
    if (scopes.has(scope)) for (const claim of claimsByScope[scope]) out[claim] = all[claim];
  }
  return out;
}

/** oidc-provider's `findAccount`: only the demo user exists. */
export async function findAccount(_ctx: unknown, sub: string) {
  if (sub !== DEMO_USER.sub) return undefined;
  return { accountId: sub, claims: async () => demoUserClaims() };
}
