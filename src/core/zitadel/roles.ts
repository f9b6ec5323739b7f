// ZITADEL role claims: { role: { orgId: orgPrimaryDomain } } under
// urn:zitadel:iam:org:project:roles and urn:zitadel:iam:org:project:{projectId}:roles.
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
  for (const [claim, value] of Object.entries(payload)) {
    if (!isRoleClaim(claim)) continue;
    if (!isPlainObject(value)) {
      result.problems.push(`${claim} is not an object of { role: { orgId: domain } }`);
      continue;
    }
    const projectId = PROJECT_ROLES_BY_ID.exec(claim)?.[1];
    for (const [role, orgs] of Object.entries(value)) {
      if (!isPlainObject(orgs)) {
        result.problems.push(`${claim} → ${role} is not an object of { orgId: domain }`);
        continue;
      }
      result.grants.push({
        claim,
        ...(projectId === undefined ? {} : { projectId }),
        role,
        orgs: Object.entries(orgs).map(([orgId, domain]) => ({ orgId, domain: typeof domain === 'string' ? domain : JSON.stringify(domain) })),
      });
    }
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
