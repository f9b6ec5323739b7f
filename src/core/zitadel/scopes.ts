/** ZITADEL's reserved scopes (see shared notes: zitadel-facts). Claim names are in claims.ts. */
export const METADATA_SCOPE = 'urn:zitadel:iam:user:metadata';
/** Adds the ZITADEL API to `aud`: needed to call ZITADEL's APIs with the token (else APP-Zxfako). */
export const AUDIENCE_SCOPE = 'urn:zitadel:iam:org:project:id:zitadel:aud';
export const PROJECTS_ROLES_SCOPE = 'urn:zitadel:iam:org:projects:roles';
export const RESOURCE_OWNER_SCOPE = 'urn:zitadel:iam:user:resourceowner';
