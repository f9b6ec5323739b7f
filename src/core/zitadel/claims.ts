/** ZITADEL's reserved claim names (see shared notes: zitadel-facts). */
export const METADATA_CLAIM = 'urn:zitadel:iam:user:metadata';
export const PROJECT_ROLES_CLAIM = 'urn:zitadel:iam:org:project:roles';
/** `urn:zitadel:iam:org:project:{projectId}:roles`, capturing the project id. */
export const PROJECT_ROLES_BY_ID = /^urn:zitadel:iam:org:project:([^:]+):roles$/;
