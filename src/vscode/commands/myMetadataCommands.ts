// The signed-in user's own metadata through ZITADEL's auth API (listed into the tree beside the
// ID token's and userinfo's), and the personal access token used for other users' metadata.
import * as vscode from 'vscode';
import { flash, progressText, showInfo, statusText } from '../ui/notify';
import { pickSignedInProfile } from './pickProfile';
import { apiClient, patKey, reportApiFailure, zitadelApi, type MetadataContext } from './zitadelClients';

export function registerMyMetadataCommands(ctx: MetadataContext): vscode.Disposable[] {
  const { profiles, sessions, api } = ctx;
  const register = (id: string, handler: (...args: any[]) => unknown) => vscode.commands.registerCommand(`tokenInspector.${id}`, handler);

  return [
    // Scripted use: a second argument `{ key?, method? }` skips the questions.
    register('listMyMetadata', async (arg?: unknown, scripted?: { key?: string; method?: string }) => {
      const profile = await pickSignedInProfile(profiles, sessions, arg);
      if (!profile) return;
      const { TEXT_QUERY_METHODS } = await zitadelApi();
      const title = vscode.l10n.t('List My Metadata');
      const key = scripted ? (scripted.key ?? '') : await vscode.window.showInputBox({ title, prompt: vscode.l10n.t('Key filter (leave empty for every key)'), ignoreFocusOut: true });
      if (key === undefined) return;
      let method = TEXT_QUERY_METHODS.find((m) => m === scripted?.method);
      if (key && !scripted) {
        const picked = await vscode.window.showQuickPick(
          TEXT_QUERY_METHODS.map((m) => ({ label: m.replace('TEXT_QUERY_METHOD_', '').toLowerCase().replace(/_/g, ' '), description: m, method: m })),
          { title, placeHolder: statusText(vscode.l10n.t('How "{0}" is matched', key)) },
        );
        if (!picked) return;
        method = picked.method;
      }
      try {
        const entries = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: progressText(vscode.l10n.t('Listing your metadata at {0}…', profile.name)), cancellable: true },
          async (progress, token) => {
            const abort = new AbortController();
            token.onCancellationRequested(() => abort.abort());
            return (await apiClient(ctx, profile, 'me')).listMyMetadata({
              key: key || undefined,
              method,
              signal: abort.signal,
              // The tree shows the first rows while the remaining pages load.
              onPage: (page, soFar, total) => {
                progress.report({ message: vscode.l10n.t('{0} of {1}', soFar, total) });
                const shown = api.get(profile.name).myMetadata?.entries;
                api.update(profile.name, { myMetadata: { entries: soFar === page.length ? page : [...(shown ?? []), ...page], filter: key || undefined, filterMethod: key ? method : undefined } });
              },
            });
          },
        );
        api.update(profile.name, { myMetadata: { entries, filter: key || undefined, filterMethod: key ? method : undefined } });
        await vscode.commands.executeCommand('tokenInspector.sessions.focus');
      } catch (e) {
        api.update(profile.name, { myMetadata: { error: (e as Error).message } });
        await reportApiFailure(ctx, e, profile, vscode.l10n.t('Listing your metadata'));
      }
    }),

    register('getMyMetadataKey', async (arg?: unknown) => {
      const profile = await pickSignedInProfile(profiles, sessions, arg);
      if (!profile) return;
      const key = await vscode.window.showInputBox({
        title: vscode.l10n.t('Get My Metadata Key'),
        prompt: vscode.l10n.t('The metadata key'),
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a key.')),
      });
      if (!key) return;
      try {
        const entry = await (await apiClient(ctx, profile, 'me')).getMyMetadata(key.trim());
        const current = api.get(profile.name).myMetadata?.entries ?? [];
        api.update(profile.name, { myMetadata: { entries: [...current.filter((e) => e.key !== entry.key), entry] } });
        void showInfo(vscode.l10n.t({ message: '{0} = {1}', args: [entry.key, entry.value], comment: ['A metadata key and its value'] }));
      } catch (e) {
        await reportApiFailure(ctx, e, profile, vscode.l10n.t('Getting your metadata key "{0}"', key));
      }
    }),

    register('setPersonalAccessToken', async (arg?: unknown) => {
      const profile = await pickSignedInProfile(profiles, sessions, arg);
      if (!profile) return;
      const pat = await vscode.window.showInputBox({
        title: statusText(vscode.l10n.t('Personal Access Token for {0}', profile.name)),
        prompt: vscode.l10n.t("Used for other users' metadata instead of your sign-in token. Kept in VS Code's secret storage. Leave empty to remove it."),
        password: true,
        ignoreFocusOut: true,
      });
      if (pat === undefined) return;
      if (pat.trim()) await ctx.secrets.store(patKey(profile), pat.trim());
      else await ctx.secrets.delete(patKey(profile));
      flash('key', pat.trim() ? vscode.l10n.t('Personal access token saved for {0}', profile.name) : vscode.l10n.t('Personal access token removed for {0}', profile.name), 3000);
    }),
  ];
}
