// Hover on any JWT in any file: a short summary and a link that opens the inspector.
import * as vscode from 'vscode';
import { describeTimeClaim, describeValidity, tokenValidity } from '../../core/claims/time';
import { inspectToken } from '../../core/inspect';
import { TokenError } from '../../core/jwt/errors';
import { findJwtAt } from '../../core/jwt/locate';
import { mdText } from '../../core/text';
import { markdown } from '../ui/markdown';

export class JwtHoverProvider implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!vscode.workspace.getConfiguration('tokenInspector').get<boolean>('hover.enabled', true)) return undefined;
    const line = document.lineAt(position.line).text;
    const found = findJwtAt(line, position.character);
    if (!found) return undefined;
    const range = new vscode.Range(position.line, found.start, position.line, found.end);

    // Theme icons on: so no untrusted text goes into a code span here (see mdCode).
    const md = markdown('', { icons: true, commands: ['tokenInspector.inspectText'] });
    try {
      const { header, payload, times } = inspectToken(found.token);
      const now = Date.now();
      const validity = describeValidity(tokenValidity(payload, now), now);
      const exp = times.find((t) => t.claim === 'exp');
      // Claim names stay as they are in the token (alg, iss, sub, exp): they are not words.
      const row = (name: string, value: unknown) => (value === undefined ? '' : `| ${name} | ${mdText(typeof value === 'string' ? value : JSON.stringify(value))} |\n`);
      md.appendMarkdown(`$(key) **JWT** · ${mdText(validity)}\n\n| | |\n|---|---|\n`);
      md.appendMarkdown(row('alg', header.alg) + row('iss', payload.iss) + row('sub', payload.sub) + row('exp', exp && describeTimeClaim(exp, now)));
    } catch (e) {
      const reason = e instanceof TokenError ? e.message : vscode.l10n.t('Token Inspector could not read it; run "Decode JWT at Cursor" for details.');
      md.appendMarkdown(`$(warning) **${mdText(vscode.l10n.t('Looks like a JWT but does not decode'))}**\n\n${mdText(reason, 1000)}\n\n`);
      return new vscode.Hover(md, range);
    }
    const args = encodeURIComponent(JSON.stringify([found.token]));
    // Translations are ours, but escaped all the same: a stray * or " in one cannot break the link.
    md.appendMarkdown(`\n[$(open-preview) ${mdText(vscode.l10n.t('Open in Inspector'))}](command:tokenInspector.inspectText?${args} "${mdText(vscode.l10n.t('Decode this token and open it in the inspector'))}")`);
    return new vscode.Hover(md, range);
  }
}
