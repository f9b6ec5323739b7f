// Everything Token Inspector shows about one token, computed once from the decoded JWT.
// Plain JSON-serializable data: it is returned by the decode command, stored, and posted
// to the inspector webview.
import * as l10n from '@vscode/l10n';
import { describeUnreadableTime, readTimeClaim, TIME_CLAIMS, type TimeClaim } from './claims/time';
import { decodeJwtText, signatureWarnings, type JsonObject } from './jwt/decode';
import { METADATA_CLAIM } from './zitadel/claims';
import { readMetadataClaim, type MetadataEntry } from './zitadel/metadata';
import { readRoleClaims, type RoleGrant } from './zitadel/roles';
import { sha256Hex } from './sha256';

export interface TokenInspection {
  /** The compact token, normalized. */
  token: string;
  /** Short SHA-256 fingerprint of the token, a stable id for it. */
  fingerprint: string;
  header: JsonObject;
  payload: JsonObject;
  signature: string;
  /** Decoded `urn:zitadel:iam:user:metadata` entries (empty when the claim is absent). */
  metadata: MetadataEntry[];
  roles: RoleGrant[];
  times: TimeClaim[];
  warnings: string[];
}

/**
 * Decodes a token and derives metadata, roles and times. Throws only `TokenError`, on any input;
 * the result is always plain JSON (JSON.stringify and structured clone keep it as it is).
 */
export function inspectToken(input: string): TokenInspection {
  const { token, header, payload, signature, warnings } = decodeJwtText(input);
  warnings.push(...signatureWarnings({ header, signature }));
  const derived = deriveFromClaims(payload);
  return { token, fingerprint: fingerprintOf(token), header, payload, signature, ...derived, warnings: [...warnings, ...derived.warnings] };
}

/**
 * What Token Inspector reads out of claims (a token's payload, or a userinfo answer). Never
 * throws, whatever the claims hold (userinfo answers are not depth-checked like tokens).
 */
export function deriveFromClaims(payload: JsonObject): Pick<TokenInspection, 'metadata' | 'roles' | 'times' | 'warnings'> {
  const warnings: string[] = [];
  const metadata = readMetadataClaim(payload[METADATA_CLAIM]);
  if (metadata?.problem) warnings.push(l10n.t('ZITADEL metadata: {0}.', metadata.problem));
  for (const entry of metadata?.entries ?? []) {
    if (entry.problem) warnings.push(l10n.t('ZITADEL metadata "{0}": {1}.', entry.key, entry.problem));
  }

  const roles = readRoleClaims(payload);
  warnings.push(...roles.problems.map((p) => l10n.t('ZITADEL roles: {0}.', p)));

  const times: TimeClaim[] = [];
  for (const claim of TIME_CLAIMS) {
    if (!(claim in payload)) continue;
    const time = readTimeClaim(claim, payload[claim]);
    if (!time) warnings.push(l10n.t({ message: '"{0}" {1}.', args: [claim, describeUnreadableTime(payload[claim])], comment: ['A claim name, then what is wrong with its value'] }));
    else {
      times.push(time);
      if (time.looksLikeMilliseconds) warnings.push(l10n.t('"{0}" ({1}) looks like milliseconds; JWT times are in seconds.', claim, time.value));
    }
  }
  return { metadata: metadata?.entries ?? [], roles: roles.grants, times, warnings };
}

/** Claims with what Token Inspector reads from them: a token's payload, or a userinfo answer. */
export type ClaimsView = Pick<TokenInspection, 'fingerprint' | 'payload' | 'metadata' | 'roles' | 'times' | 'warnings'>;

/** A claims object that is not a token (a userinfo answer), read like a payload. */
export function inspectClaims(payload: JsonObject): ClaimsView {
  return { fingerprint: fingerprintOf(JSON.stringify(payload)), payload, ...deriveFromClaims(payload) };
}

export function fingerprintOf(token: string): string {
  return sha256Hex(token).slice(0, 12);
}
