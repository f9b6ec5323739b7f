// Export a user's metadata (or your own) to a JSON file with decoded values, and import keys from
// such a file into another user, with a preview of every key (added, changed, unchanged, refused
// and why) before anything is written. Import never removes keys.
import * as vscode from 'vscode';
import type { Profile } from '../../core/profiles';
import type { ViewNode } from '../../core/view/treeModel';
import type { MetadataEntry } from '../../core/zitadel/metadata';
import type { ImportPlan, ImportRow } from '../../core/zitadel/metadataFile';
import { inline } from '../../core/text';
import { metadataFilesClient } from '../clients';
import { flash, progressText, showError, showInfo, statusText } from '../ui/notify';
import { pickSignedInProfile } from './pickProfile';
import { apiClient, instanceOf, reportApiFailure, type MetadataContext } from './zitadelClients';

const JSON_FILES = { JSON: ['json'] };

export function registerMetadataFileCommands(ctx: MetadataContext): vscode.Disposable[] {
  const { profiles, sessions, log } = ctx;
  const register = (id: string, handler: (...args: any[]) => unknown) => vscode.commands.registerCommand(`tokenInspector.${id}`, handler);

  /** Every entry: another user's (a user node) or the signed-in user's own (anything else). */
  async function listAll(profile: Profile, node: ViewNode | undefined): Promise<MetadataEntry[]> {
    const ref = node?.userRef;
    const what = ref ? vscode.l10n.t('Reading the metadata of user {0}…', ref.userId) : vscode.l10n.t('Reading your metadata…');
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: progressText(what) }, async () =>
      ref ? (await apiClient(ctx, profile, 'users', ref.orgId)).listUserMetadata(ref.userId) : (await apiClient(ctx, profile, 'me')).listMyMetadata(),
    );
  }

  function defaultUri(name: string): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return folder && vscode.Uri.joinPath(folder, name);
  }

  return [
    // Scripted use: a second argument `{ uri }` (a vscode.Uri or its string) skips the dialog. Returns where it wrote.
    register('exportMetadata', async (node?: ViewNode, scripted?: { uri: vscode.Uri | string }) => {
      const profile = await pickSignedInProfile(profiles, sessions, node?.userRef?.profile ?? node?.profile ?? node);
      if (!profile) return undefined;
      const ref = node?.userRef;
      let entries: MetadataEntry[];
      try {
        entries = await listAll(profile, node);
      } catch (e) {
        await reportApiFailure(ctx, e, profile, ref ? vscode.l10n.t('Exporting the metadata of user {0}', ref.userId) : vscode.l10n.t('Exporting your metadata'));
        return undefined;
      }
      const { exportMetadata } = await metadataFilesClient();
      const userId = ref?.userId ?? (await sessions.decoded(profile))?.id?.payload.sub;
      const text = exportMetadata(entries, { instance: instanceOf(profile), ...(typeof userId === 'string' ? { userId } : {}) });
      const uri = scripted
        ? typeof scripted.uri === 'string' ? vscode.Uri.parse(scripted.uri) : scripted.uri
        : await vscode.window.showSaveDialog({ title: vscode.l10n.t('Export Metadata'), defaultUri: defaultUri(`metadata-${safeName(typeof userId === 'string' ? userId : 'me')}.json`), filters: JSON_FILES });
      if (!uri) return undefined;
      try {
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      } catch (e) {
        void showError(vscode.l10n.t('Could not write {0}: {1}', uri.fsPath || uri.toString(), (e as Error).message));
        return undefined;
      }
      log.info(`Exported ${entries.length} metadata keys${ref ? ` of user ${ref.userId}` : ''} to ${uri.toString()}`);
      if (!scripted) {
        const open = vscode.l10n.t('Open File');
        if ((await showInfo(vscode.l10n.t('Exported {0} metadata keys to {1}. The file holds the values in the clear: keep it as safe as the user data it is.', entries.length, uri.fsPath || uri.toString()), open)) === open) {
          await vscode.window.showTextDocument(uri);
        }
      }
      return uri.toString();
    }),

    // Into another user (ZITADEL has no call for users to set their own metadata). Scripted use:
    // `{ uri, write?: boolean }` skips the file dialog; without `write`, the preview is shown.
    // Returns the plan.
    register('importMetadata', async (node?: ViewNode, scripted?: { uri: vscode.Uri | string; write?: boolean }) => {
      const ref = node?.userRef;
      const profile = ref && profiles.find(ref.profile);
      if (!ref || !profile) {
        void showInfo(vscode.l10n.t('Import into a user shown in the tree: use "Show User Metadata…" first, then "Import Metadata…" on that user.'));
        return undefined;
      }
      const uri = scripted
        ? typeof scripted.uri === 'string' ? vscode.Uri.parse(scripted.uri) : scripted.uri
        : (await vscode.window.showOpenDialog({ title: vscode.l10n.t('Import Metadata into user {0}', ref.userId), canSelectMany: false, filters: JSON_FILES, defaultUri: defaultUri('') }))?.[0];
      if (!uri) return undefined;
      let text: string;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch (e) {
        void showError(vscode.l10n.t('Could not read {0}: {1}', uri.fsPath || uri.toString(), (e as Error).message));
        return undefined;
      }
      let plan: ImportPlan;
      try {
        const { planMetadataImport } = await metadataFilesClient();
        // A file that is not metadata at all is refused before ZITADEL is asked for the user's keys.
        planMetadataImport([], text);
        plan = planMetadataImport(await listAll(profile, node), text);
      } catch (e) {
        await reportApiFailure(ctx, e, profile, vscode.l10n.t('Importing metadata into user {0}', ref.userId));
        return undefined;
      }
      const write = scripted?.write ?? (await preview(plan, ref.userId, uri));
      if (!write || plan.writes.length === 0) return plan;
      try {
        await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: progressText(vscode.l10n.t('Setting {0} keys of user {1}…', plan.writes.length, ref.userId)) }, async () =>
          (await apiClient(ctx, profile, 'users', ref.orgId)).setUserMetadata(ref.userId, plan.writes),
        );
      } catch (e) {
        await reportApiFailure(ctx, e, profile, vscode.l10n.t('Importing metadata into user {0}', ref.userId));
        return plan;
      }
      log.info(`Imported ${plan.writes.length} metadata keys into user ${ref.userId} from ${uri.toString()} (${plan.counts.added} added, ${plan.counts.changed} changed, ${plan.counts.refused} refused)`);
      flash('check', plan.writes.length === 1 ? vscode.l10n.t('Set 1 key of user {0}', ref.userId) : vscode.l10n.t('Set {0} keys of user {1}', plan.writes.length, ref.userId), 5000);
      await vscode.commands.executeCommand('tokenInspector.refreshUserMetadata', { userRef: { profile: ref.profile, userId: ref.userId, orgId: ref.orgId } });
      return plan;
    }),
  ];
}

/**
 * Every entry of the file with what importing it does, before anything is written; the first row
 * writes. True when the user chose to write.
 */
function preview(plan: ImportPlan, userId: string, uri: vscode.Uri): Promise<boolean> {
  const { added, changed, unchanged, refused } = plan.counts;
  const picker = vscode.window.createQuickPick<vscode.QuickPickItem & { write?: boolean }>();
  picker.title = statusText(vscode.l10n.t('Import Metadata into user {0}: {1} added, {2} changed, {3} unchanged, {4} refused', userId, added, changed, unchanged, refused), 200);
  picker.placeholder = statusText(vscode.l10n.t('From {0}. Nothing is written until you choose the first row.', uri.path.split('/').pop() ?? ''), 200);
  picker.matchOnDescription = true;
  picker.ignoreFocusOut = true;
  const group = (status: ImportRow['status'], title: string): (vscode.QuickPickItem & { write?: boolean })[] => {
    const rows = plan.rows.filter((r) => r.status === status);
    if (rows.length === 0) return [];
    return [{ label: title, kind: vscode.QuickPickItemKind.Separator }, ...rows.map((r) => row(r))];
  };
  const first: vscode.QuickPickItem & { write?: boolean } =
    plan.writes.length > 0
      ? { label: `$(check) ${plan.writes.length === 1 ? vscode.l10n.t('Write 1 key') : vscode.l10n.t('Write {0} keys', plan.writes.length)}`, description: vscode.l10n.t('{0} added, {1} changed; {2} other keys of the user stay as they are', added, changed, plan.untouched), write: true, alwaysShow: true }
      : { label: `$(close) ${vscode.l10n.t('Nothing to write')}`, description: vscode.l10n.t('Every key in the file is unchanged or refused'), alwaysShow: true };
  picker.items = [
    first,
    ...group('added', vscode.l10n.t('Added')),
    ...group('changed', vscode.l10n.t('Changed')),
    ...group('refused', vscode.l10n.t('Refused')),
    ...group('unchanged', vscode.l10n.t('Unchanged')),
  ];
  return new Promise((resolve) => {
    let written = false;
    picker.onDidAccept(() => {
      const chosen = picker.selectedItems[0];
      if (chosen !== first) return; // the other rows only show what would happen
      written = chosen.write === true;
      picker.hide();
    });
    picker.onDidHide(() => {
      picker.dispose();
      resolve(written);
    });
    picker.show();
  });
}

const ICONS: Record<ImportRow['status'], string> = { added: 'diff-added', changed: 'diff-modified', unchanged: 'circle-small', refused: 'error' };

function row(r: ImportRow): vscode.QuickPickItem {
  const value = (e: MetadataEntry | undefined) => (e ? inline(e.value, 80) : '');
  const description = r.status === 'changed' ? `${value(r.before)} → ${value(r.after)}` : r.status === 'refused' ? '' : value(r.after);
  return { label: `$(${ICONS[r.status]}) ${statusText(r.key, 80)}`, description: statusText(description, 200), ...(r.reason ? { detail: statusText(r.reason, 300) } : {}) };
}

/** A user id or "me" as part of a file name. */
function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 60) || 'user';
}
