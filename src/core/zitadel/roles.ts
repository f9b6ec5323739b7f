// ZITADEL role claims: { role: { orgId: orgPrimaryDomain } } under
// urn:zitadel:iam:org:project:roles and urn:zitadel:iam:org:project:{projectId}:roles.
import * as l10n from '@vscode/l10n';
import { jsonForMessage } from '../json';
import { PROJECT_ROLES_BY_ID, PROJECT_ROLES_CLAIM } from './claims';

export interface RoleGrant {
  /** The claim the role came from. */
  claim: string;
  /** The project, when the claim names it. */
  projectId?: string;
  role: string;
  orgs: { orgId: string; domain: string }[];
}

export interface RoleClaims {
  grants: RoleGrant[];
  /** Claims that have a role claim's name but not its shape. */
  problems: string[];
}

export function isRoleClaim(name: string): boolean {
  return name === PROJECT_ROLES_CLAIM || PROJECT_ROLES_BY_ID.test(name);
}

/** Every role grant in a payload, in claim order. */
export function readRoleClaims(payload: Record<string, unknown>): RoleClaims {
  const result: RoleClaims = { grants: [], problems: [] };
  // Object.keys rather than Object.entries: several times faster on the huge objects a hostile token can hold.
  for (const claim of Object.keys(payload)) {
    if (!isRoleClaim(claim)) continue;
    const value = payload[claim];
    if (!isPlainObject(value)) {
      result.problems.push(l10n.t('{0} is not an object of {1}', claim, '{ role: { orgId: domain } }'));
      continue;
    }
    const projectId = PROJECT_ROLES_BY_ID.exec(claim)?.[1];
    for (const role of Object.keys(value)) {
      const orgs = value[role];
      if (!isPlainObject(orgs)) {
        result.problems.push(l10n.t('{0} is not an object of {1}', `${claim} → ${role}`, '{ orgId: domain }'));
        continue;
      }
      const grant: RoleGrant = {
        claim,
        role,
        orgs: Object.keys(orgs).map((orgId) => ({ orgId, domain: typeof orgs[orgId] === 'string' ? (orgs[orgId] as string) : jsonForMessage(orgs[orgId]) })),
      };
      if (projectId !== undefined) grant.projectId = projectId;
      result.grants.push(grant);
    }
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
