// What the harness's demo issuer and ZITADEL API contract server offer the tests (see
// test/host/README.md), from the environment the extension host inherits.
export const demo = {
  issuer: process.env.TOKEN_INSPECTOR_DEMO_ISSUER,
  clientId: process.env.TOKEN_INSPECTOR_DEMO_CLIENT_ID ?? 'token-inspector-demo',
  credentials: { username: process.env.TOKEN_INSPECTOR_DEMO_USERNAME ?? 'demo', password: process.env.TOKEN_INSPECTOR_DEMO_PASSWORD ?? 'demo-password' },
  otherUser: process.env.TOKEN_INSPECTOR_DEMO_OTHER_USER,
  org: process.env.TOKEN_INSPECTOR_DEMO_ORG,
  /** The ready profiles in the harness's user settings. */
  profile: 'Demo issuer',
  noAudienceProfile: 'Demo issuer (no API audience)',
};
