// Which token an inspector shows, found by its fingerprint: a decoded token (under the user's
// label) or a signed-in profile's ID or access token (the ID token with its checks and the
// metadata from every source). Used by "Open in Inspector" and by the restore after a reload.
import * as vscode from 'vscode';
import { sessionMetadataComparison } from '../../core/view/metadataTree';
import { tokenName } from '../../core/view/treeModel';
import type { TokenSources } from '../state/tokenSources';
import type { ZitadelApiState } from '../state/zitadelApi';
import type { InspectorContent } from './inspectorPanel';

export interface InspectorSources extends TokenSources {
  api: ZitadelApiState;
}

/** The token with this fingerprint as the inspector shows it, or `undefined` when nothing stores it any more. */
export async function inspectorContent(fingerprint: string, { store, profiles, sessions, api }: InspectorSources): Promise<InspectorContent | undefined> {
  const entry = await store.find(fingerprint);
  if (entry) return { inspection: entry.inspection, label: tokenName(entry.inspection, entry.label) };
  // Sessions are read from SecretStorage on first use: after a reload, nothing may be loaded yet.
  await Promise.all(profiles.list().map((p) => sessions.decoded(p)));
  const owner = sessions.sessionOfIdToken(fingerprint);
  if (owner) {
    return {
      inspection: owner.decoded.id!,
      label: vscode.l10n.t('ID token of {0}', owner.profile),
      extras: { checks: owner.decoded.session.idTokenChecks?.checks, metadataSources: sessionMetadataComparison(owner.decoded, api.get(owner.profile).myMetadata) },
    };
  }
  const inspection = sessions.findInspection(fingerprint);
  return inspection && { inspection, label: vscode.l10n.t('Access token') };
}
